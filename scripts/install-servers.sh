#!/usr/bin/env bash
# install-servers.sh: prepares the real FTP servers, Prometheus and network tools the test suites use.
#
# It never removes or replaces a package the machine already has. Debian's vsftpd, proftpd-core
# and pure-ftpd all provide and conflict with ftp-server, so apt-installing one of them removes
# whichever the user had: every server is unpacked from its .deb into .servers/pkg instead, and apt
# only adds the libraries and tools they need, after a simulated run shows that the plan removes,
# replaces or upgrades nothing. Nothing unpacked is started, and nothing is unpacked outside
# .servers/ — except three things a daemon cannot be told to find elsewhere, each created only when
# absent: the `ftp` account, the empty secure_chroot_dir of vsftpd, and the PAM service file
# /etc/pam.d/ftp-doctor-vsftpd that the test vsftpd names as its pam_service_name (PAM reads
# services only from /etc/pam.d; a name of our own never clobbers the user's /etc/pam.d/vsftpd).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD/.servers
export DEBIAN_FRONTEND=noninteractive

if [ "$(id -u)" != 0 ]; then
  echo "install-servers: not root; skipping package installs (real-server tests will skip)" >&2
  exit 0
fi

# Runtime libraries of the unpacked servers (vsftpd: libcap2 libpam0g libssl3 libwrap0
# libpam-modules; ProFTPD: libmemcached*, libhiredis, libpcre2-posix, libidn2, libacl1; Pure-FTPd:
# libsodium23, libcrypt1) and the tools the tests drive (curl and lftp are also the clients whose
# behaviour the conformance tests compare ftp-doctor's verdicts with; chromium renders the HTML
# report in the browser tests; zsh, fish and man-db check the completion scripts and the man page).
libraries=(libwrap0 libcap2 libpam0g libssl3 libsodium23 libcrypt1 libpam-modules libpam-runtime
  libmemcached11 libmemcachedutil2 libhiredis0.14 libpcre2-posix3 libidn2-0 libacl1)
tools=(openssl iproute2 nftables iptables curl lftp python3 chromium zsh fish man-db groff-base)

need=()
for pkg in "${libraries[@]}" "${tools[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -q >/dev/null
  # A simulated run lists every action: "Remv" is a removal, and "Inst NAME [OLD] (NEW …)" with a
  # bracketed version replaces a package the machine has. Either means a conflict: refuse.
  plan=$(apt-get install --simulate -q --no-install-recommends "${need[@]}")
  touched=$(printf '%s\n' "$plan" | grep -E '^Remv |^Inst [^ ]+ \[' || true)
  if [ -n "$touched" ]; then
    echo "install-servers: installing ${need[*]} would remove or replace installed packages:" >&2
    printf '%s\n' "$touched" | sed 's/^/  /' >&2
    echo "install-servers: refusing; install them by hand if that is what you want" >&2
    exit 1
  fi
  apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
fi

mkdir -p "$root/debs" "$root/pkg"
# prometheus holds both the server the exporter tests scrape with and promtool, the reference
# parser for --format prometheus and the checker of docs/monitoring.md's alert rules; it is only
# ever started by a test, on 127.0.0.1. pure-ftpd-common holds Debian's pure-ftpd-wrapper and
# /etc/pure-ftpd/conf, which the fix texts for Pure-FTPd are checked against.
for pkg in vsftpd proftpd-core proftpd-mod-crypto pure-ftpd pure-ftpd-common prometheus; do
  if [ ! -e "$root/.$pkg.unpacked" ]; then
    # A machine kept from an earlier session may have stale package lists: refresh once and retry.
    (cd "$root/debs" && { ls ${pkg}_*.deb >/dev/null 2>&1 || apt-get download "$pkg" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get download "$pkg" >/dev/null; }; })
    dpkg-deb -x "$root/debs/${pkg}"_*.deb "$root/pkg"
    touch "$root/.$pkg.unpacked"
  fi
done

# vsftpd and Pure-FTPd serve anonymous users as `ftp` (Debian's vsftpd postinst creates it the
# same way); an existing account is left as it is.
if ! getent passwd ftp >/dev/null; then
  useradd --system --user-group --home-dir /srv/ftp --no-create-home --shell /usr/sbin/nologin ftp
fi
[ -d /srv/ftp ] || install -d -o root -g ftp -m 0755 /srv/ftp
# An empty, root-owned directory for vsftpd's secure_chroot_dir.
mkdir -p /var/run/vsftpd/empty
# vsftpd's local logins go through PAM (auth, account, session) under this service name.
pam_service=/etc/pam.d/ftp-doctor-vsftpd
if [ ! -e "$pam_service" ]; then
  cat > "$pam_service" <<'PAM'
# Written by ftp-doctor's scripts/install-servers.sh for the vsftpd its tests start
# (pam_service_name=ftp-doctor-vsftpd). Local accounts with a login shell, as Debian's vsftpd allows.
@include common-auth
@include common-account
@include common-session
auth required pam_shells.so
PAM
fi
echo "install-servers: vsftpd, proftpd, pure-ftpd and prometheus unpacked in $root/pkg"
