import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pidIsAlive, startDaemon } from '../support/daemonProcess.js';
import { sh } from '../support/netns.js';
import type { RealServerOptions } from '../support/realServerOptions.js';
import { REAL_SERVER_BINARIES } from '../support/realServers.js';
import { type CliRun, runCli } from '../support/runCli.js';
import { ensureTestUser, TEST_FILE_CONTENT, TEST_FILE_NAME } from '../support/testUser.js';
import { vsftpdConfig } from '../support/vsftpdConfig.js';

/**
 * A routed test network made only of namespaces this process creates, so nothing touches the
 * host's interfaces or routes:
 *
 *   client (198.18.1.2) ── router (198.18.1.1 | 198.18.1X.1) ── server X (198.18.1X.2), X = 1, 2 …
 *
 * The client reaches the servers only through the router, where nftables rules play the part of
 * a NAT gateway, a load balancer or a broken path. ftp-doctor runs inside the client namespace
 * as the built CLI (`ip netns exec`), the way a user runs it behind such a network.
 */
export interface RoutedNetwork {
  readonly client: string;
  readonly router: string;
  readonly servers: readonly string[];
  readonly clientAddress: string;
  /** The router's address on the client side (a load balancer's virtual address). */
  readonly routerAddress: string;
  readonly serverAddresses: readonly string[];
  exec(namespace: string, command: string, args: readonly string[], input?: string): Promise<string>;
  /** nft loads an nftables script in a namespace. */
  nft(namespace: string, script: string): Promise<void>;
  /** runCli runs the built CLI inside the client namespace. */
  runCli(args: readonly string[], env?: NodeJS.ProcessEnv, timeoutMs?: number): Promise<CliRun>;
  /** startVsftpd runs vsftpd in server namespace `index` on port 2121, passive ports 30000–30009. */
  startVsftpd(index: number, options?: RealServerOptions): Promise<{ stop(): Promise<void> }>;
  remove(): Promise<void>;
}

export const FTP_PORT = 2121;
export const PASSIVE_RANGE = { low: 30_000, high: 30_009 } as const;
const PREFIX = 'dc';

/** removeStaleNetworks deletes `dc-<pid>-…` namespaces whose test process is gone. */
async function removeStaleNetworks(): Promise<void> {
  const out = await sh('ip', ['netns', 'list']).catch(() => '');
  for (const match of out.matchAll(new RegExp(`^${PREFIX}-(\\d+)-\\S+`, 'gm'))) {
    if (!pidIsAlive(Number(match[1]))) await sh('ip', ['netns', 'del', match[0]]).catch(() => undefined);
  }
}

let created = 0;

/** createRoutedNetwork builds client, router and `serverCount` server namespaces. */
export async function createRoutedNetwork(
  serverCount: number,
  options: { readonly serverLinkMtu?: number } = {},
): Promise<RoutedNetwork> {
  await removeStaleNetworks();
  created += 1;
  const base = `${PREFIX}-${process.pid}-${created}`;
  const client = `${base}-c`;
  const router = `${base}-r`;
  const servers = Array.from({ length: serverCount }, (_, i) => `${base}-s${i + 1}`);
  const all = [client, router, ...servers];
  const exec = (namespace: string, command: string, args: readonly string[], input?: string) =>
    sh('ip', ['netns', 'exec', namespace, command, ...args], input);
  const daemons: { stop(): Promise<void> }[] = [];
  const remove = async (): Promise<void> => {
    await Promise.all(daemons.splice(0).map((daemon) => daemon.stop()));
    for (const namespace of all) await sh('ip', ['netns', 'del', namespace]).catch(() => undefined);
  };
  const serverAddresses = servers.map((_, i) => `198.18.${11 + i}.2`);
  try {
    for (const namespace of all) {
      await sh('ip', ['netns', 'add', namespace]);
      await exec(namespace, 'ip', ['link', 'set', 'lo', 'up']);
    }
    await sh('ip', [
      'link',
      'add',
      'c0',
      'netns',
      client,
      'type',
      'veth',
      'peer',
      'name',
      'rc',
      'netns',
      router,
    ]);
    await exec(client, 'ip', ['addr', 'add', '198.18.1.2/24', 'dev', 'c0']);
    await exec(client, 'ip', ['link', 'set', 'c0', 'up']);
    await exec(client, 'ip', ['route', 'add', 'default', 'via', '198.18.1.1']);
    await exec(router, 'ip', ['addr', 'add', '198.18.1.1/24', 'dev', 'rc']);
    await exec(router, 'ip', ['link', 'set', 'rc', 'up']);
    await exec(router, 'sysctl', ['-qw', 'net.ipv4.ip_forward=1']);
    // Every ICMP error the router makes must go out (a rate limit would blur the black-hole test).
    await exec(router, 'sysctl', ['-qw', 'net.ipv4.icmp_ratelimit=0']);
    for (const [i, server] of servers.entries()) {
      const routerSide = `rs${i + 1}`;
      await sh('ip', [
        'link',
        'add',
        's0',
        'netns',
        server,
        'type',
        'veth',
        'peer',
        'name',
        routerSide,
        'netns',
        router,
      ]);
      await exec(server, 'ip', ['addr', 'add', `${serverAddresses[i]}/24`, 'dev', 's0']);
      await exec(server, 'ip', ['link', 'set', 's0', 'up']);
      await exec(server, 'ip', ['route', 'add', 'default', 'via', `198.18.${11 + i}.1`]);
      await exec(router, 'ip', ['addr', 'add', `198.18.${11 + i}.1/24`, 'dev', routerSide]);
      // A smaller MTU on the router's side only: the server still announces a 1460-byte MSS, so
      // full-size packets from the client need the router to send "fragmentation needed".
      if (options.serverLinkMtu !== undefined)
        await exec(router, 'ip', ['link', 'set', routerSide, 'mtu', String(options.serverLinkMtu)]);
      await exec(router, 'ip', ['link', 'set', routerSide, 'up']);
    }
  } catch (error) {
    await remove();
    throw error;
  }

  return {
    client,
    router,
    servers,
    clientAddress: '198.18.1.2',
    routerAddress: '198.18.1.1',
    serverAddresses,
    exec,
    nft: async (namespace, script) => {
      await exec(namespace, 'nft', ['-f', '-'], script);
    },
    runCli: (args, env = {}, timeoutMs = 60_000) =>
      runCli(args, { env, timeoutMs, via: ['ip', 'netns', 'exec', client] }),
    startVsftpd: async (index, serverOptions = {}) => {
      const daemon = await startVsftpdIn(servers[index]!, serverAddresses[index]!, serverOptions);
      daemons.push(daemon);
      return daemon;
    },
    remove,
  };
}

/** withRoutedNetwork runs `body` with a fresh network and always removes it afterwards. */
export async function withRoutedNetwork<T>(
  serverCount: number,
  options: { readonly serverLinkMtu?: number },
  body: (network: RoutedNetwork) => Promise<T>,
): Promise<T> {
  const network = await createRoutedNetwork(serverCount, options);
  try {
    return await body(network);
  } finally {
    await network.remove();
  }
}

async function startVsftpdIn(
  namespace: string,
  host: string,
  options: RealServerOptions,
): Promise<{ stop(): Promise<void> }> {
  if (options.localUser) await ensureTestUser();
  const dir = await mkdtemp(join(tmpdir(), 'dc-vsftpd-'));
  await chmod(dir, 0o755);
  const anonRoot = join(dir, 'anon');
  await mkdir(anonRoot, { mode: 0o755 });
  await writeFile(join(anonRoot, TEST_FILE_NAME), TEST_FILE_CONTENT, { mode: 0o644 });
  const configPath = join(dir, 'vsftpd.conf');
  await writeFile(
    configPath,
    vsftpdConfig({
      host,
      port: FTP_PORT,
      passiveRange: PASSIVE_RANGE,
      dir,
      anonRoot,
      logPath: join(dir, 'vsftpd.log'),
      options,
    }),
  );
  const daemon = startDaemon(
    'ip',
    ['netns', 'exec', namespace, REAL_SERVER_BINARIES.vsftpd, configPath],
    join(dir, 'output.log'),
  );
  const stop = async (): Promise<void> => {
    await daemon.stop();
    // vsftpd serves each session in a process of its own, which outlives the listener: end every
    // process left in this test's own namespace, by the pids the kernel lists for it.
    const pids = await sh('ip', ['netns', 'pids', namespace]).catch(() => '');
    for (const pid of pids.split(/\s+/).filter((text) => /^[0-9]+$/.test(text))) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    await rm(dir, { recursive: true, force: true });
  };
  // The host cannot reach the namespace, so the listening socket is looked for from inside it.
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const listening = await sh('ip', [
      'netns',
      'exec',
      namespace,
      'ss',
      '-Hltn',
      `sport = :${FTP_PORT}`,
    ]).catch(() => '');
    if (listening.trim() !== '') return { stop };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stop();
  throw new Error(`vsftpd did not listen on ${host}:${FTP_PORT} in ${namespace}`);
}
