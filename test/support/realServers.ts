import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type DaemonProcess,
  killOrphanedDaemon,
  pidIsAlive,
  processStartTime,
  startDaemon,
  waitForPort,
} from './daemonProcess.js';
import { freePort, freePortRange, uniqueLoopbackAddress } from './loopbackPorts.js';
import { PROFTPD_MODULE_PATH, proftpdConfig } from './proftpdConfig.js';
import { PURE_FTPD_ANON_ROOT, pureFtpdArguments, pureFtpdBannerPath } from './pureFtpdArguments.js';
import type { RealServer, RealServerName, RealServerOptions, ServerPlan } from './realServerOptions.js';
import { ensureTestUser, TEST_FILE_CONTENT, TEST_FILE_NAME } from './testUser.js';
import { VSFTPD_PAM_SERVICE_FILE, VSFTPD_SECURE_CHROOT_DIR, vsftpdConfig } from './vsftpdConfig.js';

export type { RealServer, RealServerName, RealServerOptions } from './realServerOptions.js';
export { TEST_USER } from './testUser.js';

const PACKAGE_ROOT = new URL('../../.servers/pkg/usr/sbin/', import.meta.url).pathname;

/**
 * REAL_SERVER_BINARIES: every daemon is unpacked from its Debian package into .servers/pkg by
 * scripts/install-servers.sh, never installed: the three conflict in apt, and a contributor's own
 * FTP server must stay installed.
 */
export const REAL_SERVER_BINARIES: Readonly<Record<RealServerName, string>> = {
  vsftpd: join(PACKAGE_ROOT, 'vsftpd'),
  proftpd: join(PACKAGE_ROOT, 'proftpd'),
  'pure-ftpd': join(PACKAGE_ROOT, 'pure-ftpd'),
};

/** Availability says whether a real-server suite can run here, and if not, why. */
export type Availability = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** realServerAvailability checks root and the installed binary (and mod_tls for ProFTPD). */
export function realServerAvailability(name: RealServerName): Availability {
  if (process.getuid?.() !== 0)
    return { ok: false, reason: `${name} tests need root (they bind and fork daemons)` };
  const binary = REAL_SERVER_BINARIES[name];
  if (!existsSync(binary))
    return { ok: false, reason: `${binary} is missing; run scripts/install-servers.sh` };
  if (name === 'proftpd' && !existsSync(join(PROFTPD_MODULE_PATH, 'mod_tls.so'))) {
    return {
      ok: false,
      reason: 'mod_tls.so (proftpd-mod-crypto) is missing; run scripts/install-servers.sh',
    };
  }
  if (name === 'vsftpd') {
    for (const needed of [VSFTPD_SECURE_CHROOT_DIR, VSFTPD_PAM_SERVICE_FILE]) {
      if (!existsSync(needed))
        return { ok: false, reason: `${needed} is missing; run scripts/install-servers.sh` };
    }
  }
  return { ok: true };
}

/**
 * realServerSkipReason returns why a suite should skip, or null to run it. Under CI=true a
 * missing server is an error, not a skip: CI must never pass by silently testing nothing.
 */
export function realServerSkipReason(name: RealServerName): string | null {
  const availability = realServerAvailability(name);
  if (availability.ok) return null;
  if (process.env.CI === 'true') throw new Error(`CI=true but ${name} cannot run: ${availability.reason}`);
  return availability.reason;
}

const SERVER_NAMES: readonly RealServerName[] = ['vsftpd', 'proftpd', 'pure-ftpd'];

const OWNER_FILE = 'owner.json';
const TEMP_PREFIX = 'ftp-doctor-';

/** OwnerRecord ties a daemon to the test process that started it, for the orphan sweep. */
interface OwnerRecord {
  readonly ownerPid: number;
  readonly daemonPid: number;
  readonly daemonStartTime: string | null;
}

/** sweepOrphans stops daemons (and removes directories) whose test process has died. */
async function sweepOrphans(): Promise<void> {
  const entries = await readdir(tmpdir()).catch(() => [] as string[]);
  for (const entry of entries) {
    if (!SERVER_NAMES.some((name) => entry.startsWith(`${TEMP_PREFIX}${name}-`))) continue;
    const dir = join(tmpdir(), entry);
    const record = await readFile(join(dir, OWNER_FILE), 'utf8')
      .then((text) => JSON.parse(text) as OwnerRecord)
      .catch(() => null);
    if (record === null || pidIsAlive(record.ownerPid)) continue;
    if (record.daemonStartTime !== null) await killOrphanedDaemon(record.daemonPid, record.daemonStartTime);
    await rm(dir, { recursive: true, force: true });
  }
}

async function plan(name: RealServerName, options: RealServerOptions): Promise<ServerPlan> {
  await sweepOrphans();
  const host = options.host ?? uniqueLoopbackAddress();
  // Inside a namespace the address is not bound here, so ports cannot be probed; any will do.
  const inNamespace = options.netns !== undefined;
  const port = options.port ?? (inNamespace ? 2121 : await freePort(host));
  const passiveRange =
    options.passiveRange ?? (inNamespace ? { low: 30_000, high: 30_009 } : await freePortRange(host, 10));
  const dir = await mkdtemp(join(tmpdir(), `${TEMP_PREFIX}${name}-`));
  // The daemons drop privileges to ftp/nobody, which must be able to walk into the directory.
  await chmod(dir, 0o755);
  const anonRoot = name === 'pure-ftpd' ? PURE_FTPD_ANON_ROOT : join(dir, 'anon');
  await mkdir(anonRoot, { recursive: true, mode: 0o755 });
  await writeFile(join(anonRoot, TEST_FILE_NAME), TEST_FILE_CONTENT, { mode: 0o644 });
  // Pure-FTPd logs only to syslog; its captured output is the closest thing to a log.
  const logPath = join(dir, name === 'pure-ftpd' ? 'output.log' : `${name}.log`);
  return { host, port, passiveRange, dir, anonRoot, logPath, options };
}

async function launch(
  name: RealServerName,
  options: RealServerOptions,
  build: (serverPlan: ServerPlan) => Promise<{ args: string[]; configPath: string }>,
): Promise<RealServer> {
  if (options.localUser) await ensureTestUser();
  const serverPlan = await plan(name, options);
  let daemon: DaemonProcess | undefined;
  try {
    const { args, configPath } = await build(serverPlan);
    const binary = REAL_SERVER_BINARIES[name];
    const command = options.netns ? 'ip' : binary;
    const commandArgs = options.netns ? ['netns', 'exec', options.netns, binary, ...args] : args;
    daemon = startDaemon(command, commandArgs, join(serverPlan.dir, 'output.log'));
    const record: OwnerRecord = {
      ownerPid: process.pid,
      daemonPid: daemon.pid,
      daemonStartTime: await processStartTime(daemon.pid),
    };
    await writeFile(join(serverPlan.dir, OWNER_FILE), JSON.stringify(record));
    await waitForPort(daemon, serverPlan.host, serverPlan.port);
    const running = daemon;
    return {
      name,
      host: serverPlan.host,
      port: serverPlan.port,
      pid: running.pid,
      passiveRange: serverPlan.passiveRange,
      configPath,
      logPath: serverPlan.logPath,
      stop: async () => {
        await running.stop();
        await rm(serverPlan.dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await daemon?.stop();
    await rm(serverPlan.dir, { recursive: true, force: true });
    throw error;
  }
}

/** startVsftpd runs vsftpd (background=NO) with a generated config. */
export function startVsftpd(options: RealServerOptions = {}): Promise<RealServer> {
  if (options.epsvDenied) return Promise.reject(new Error('vsftpd cannot refuse EPSV alone'));
  return launch('vsftpd', options, async (serverPlan) => {
    const configPath = join(serverPlan.dir, 'vsftpd.conf');
    await writeFile(configPath, vsftpdConfig(serverPlan));
    return { args: [configPath], configPath };
  });
}

/** startProftpd runs `proftpd -n -c FILE` (standalone, foreground). */
export function startProftpd(options: RealServerOptions = {}): Promise<RealServer> {
  return launch('proftpd', options, async (serverPlan) => {
    const configPath = join(serverPlan.dir, 'proftpd.conf');
    await writeFile(configPath, proftpdConfig(serverPlan));
    return { args: ['-n', '-c', configPath], configPath };
  });
}

/** startPureFtpd runs pure-ftpd in the foreground; its "config" is the command line, saved for reference. */
export function startPureFtpd(options: RealServerOptions = {}): Promise<RealServer> {
  if (options.tls?.mode === 'implicit') {
    return Promise.reject(new Error("Debian's Pure-FTPd is built without implicit TLS"));
  }
  if (options.epsvDenied) return Promise.reject(new Error('Pure-FTPd cannot refuse EPSV alone'));
  if (options.pasvDisabled) return Promise.reject(new Error('Pure-FTPd cannot disable passive mode'));
  return launch('pure-ftpd', options, async (serverPlan) => {
    if (options.banner)
      await writeFile(pureFtpdBannerPath(serverPlan), `${options.banner}\n`, { mode: 0o644 });
    const args = pureFtpdArguments(serverPlan);
    const configPath = join(serverPlan.dir, 'pure-ftpd.args');
    await writeFile(configPath, `${args.join('\n')}\n`);
    return { args, configPath };
  });
}

/** START_REAL_SERVER maps each name to its starter, for suites that loop over all three. */
export const START_REAL_SERVER: Readonly<
  Record<RealServerName, (options?: RealServerOptions) => Promise<RealServer>>
> = {
  vsftpd: startVsftpd,
  proftpd: startProftpd,
  'pure-ftpd': startPureFtpd,
};
