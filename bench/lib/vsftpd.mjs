import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sleep } from './processes.mjs';

/** VSFTPD_BINARY: unpacked from Debian's package by scripts/install-servers.sh, never apt-installed. */
export const VSFTPD_BINARY = fileURLToPath(new URL('../../.servers/pkg/usr/sbin/vsftpd', import.meta.url));

const SECURE_CHROOT_DIR = '/var/run/vsftpd/empty';

function canConnect(host, port) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * startVsftpd runs an anonymous, read-only vsftpd in the foreground on address:port, inside
 * `netns` when given, with the passive range pasvMin–pasvMax. The anonymous root holds a few
 * files so that every listing carries data. Resolves once the control port accepts.
 */
export async function startVsftpd({ workDir, address, port, pasvMin, pasvMax, pasvAddress, netns }) {
  const root = join(workDir, `vsftpd-${address}-${port}`);
  const anonRoot = join(root, 'pub');
  mkdirSync(anonRoot, { recursive: true });
  mkdirSync(SECURE_CHROOT_DIR, { recursive: true });
  chmodSync(anonRoot, 0o755);
  for (const name of ['readme.txt', 'release-1.0.tar.gz', 'release-1.1.tar.gz', 'checksums.sha256']) {
    writeFileSync(join(anonRoot, name), `${name}: a file served by the ftp-doctor benchmark\n`);
  }
  const config = join(root, 'vsftpd.conf');
  writeFileSync(
    config,
    [
      'background=NO',
      'listen=YES',
      'listen_ipv6=NO',
      `listen_address=${address}`,
      `listen_port=${port}`,
      'seccomp_sandbox=NO',
      'isolate=NO',
      'isolate_network=NO',
      `secure_chroot_dir=${SECURE_CHROOT_DIR}`,
      'nopriv_user=ftp',
      'ftp_username=ftp',
      'anonymous_enable=YES',
      'no_anon_password=YES',
      `anon_root=${anonRoot}`,
      'local_enable=NO',
      'write_enable=NO',
      'pasv_enable=YES',
      `pasv_min_port=${pasvMin}`,
      `pasv_max_port=${pasvMax}`,
      ...(pasvAddress ? [`pasv_address=${pasvAddress}`] : []),
      'max_clients=0',
      'max_per_ip=0',
      'xferlog_enable=NO',
      '',
    ].join('\n'),
  );
  const child = netns
    ? netns.spawnInside(VSFTPD_BINARY, [config])
    : spawn(VSFTPD_BINARY, [config], { stdio: 'ignore' });
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    for (let i = 0; i < 40 && child.exitCode === null && child.signalCode === null; i += 1) await sleep(25);
  };
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`vsftpd exited ${child.exitCode} (config ${config})`);
    if (await canConnect(address, port)) return { pid: child.pid, address, port, close };
    await sleep(100);
  }
  await close();
  throw new Error(`vsftpd on ${address}:${port} did not accept within 10 s`);
}
