#!/usr/bin/env bash
# install-servers.sh: installs the real FTP servers and network tools the test suites use.
# Debian's vsftpd, proftpd-core and pure-ftpd conflict (all provide ftp-server), so vsftpd is
# installed with apt and the other two are unpacked from their .deb files into .servers/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD/.servers
export DEBIAN_FRONTEND=noninteractive

if [ "$(id -u)" != 0 ]; then
  echo "install-servers: not root; skipping package installs (real-server tests will skip)" >&2
  exit 0
fi

# Keep apt from starting a system-wide FTP daemon: the tests start their own on loopback.
had_policy=0
[ -e /usr/sbin/policy-rc.d ] && had_policy=1
if [ $had_policy = 0 ]; then printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; fi
cleanup() { [ $had_policy = 0 ] && rm -f /usr/sbin/policy-rc.d; true; }
trap cleanup EXIT

need=()
for pkg in vsftpd openssl iproute2 nftables iptables curl python3 libwrap0 libcap2 libpam0g libssl3 libsodium23 libcrypt1 libpam-modules libmemcached11 libmemcachedutil2 libhiredis0.14 libpcre2-posix3 libidn2-0 libacl1 ; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
fi

mkdir -p "$root/debs"
# prometheus is unpacked only for promtool, whose `check metrics` is the reference parser the
# --format prometheus tests feed; no Prometheus server is installed or started.
# pure-ftpd-common holds Debian's pure-ftpd-wrapper and /etc/pure-ftpd/conf, which the fix texts
# for Pure-FTPd are checked against.
for pkg in proftpd-core proftpd-mod-crypto pure-ftpd pure-ftpd-common prometheus; do
  if [ ! -e "$root/.$pkg.unpacked" ]; then
    # A machine kept from an earlier session may have stale package lists: refresh once and retry.
    (cd "$root/debs" && { ls ${pkg}_*.deb >/dev/null 2>&1 || apt-get download "$pkg" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get download "$pkg" >/dev/null; }; })
    dpkg-deb -x "$root/debs/${pkg}"_*.deb "$root/pkg"
    touch "$root/.$pkg.unpacked"
  fi
done
# An empty, root-owned directory for vsftpd's secure_chroot_dir.
mkdir -p /var/run/vsftpd/empty
echo "install-servers: vsftpd $(dpkg -s vsftpd | sed -n 's/^Version: //p'), proftpd, pure-ftpd and promtool unpacked in $root/pkg"
