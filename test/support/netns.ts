import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pidIsAlive } from './daemonProcess.js';
import type { PortRange } from './loopbackPorts.js';
import type { Availability } from './realServers.js';

/**
 * A network namespace joined to the host by a veth pair, for firewall scenarios that loopback
 * cannot show (a DROP on loopback looks the same, but ICMP errors and routing need real
 * interfaces). Addresses come from 198.18.0.0/15 and exist only on the pair, so nothing here
 * can reach another network.
 */

/** FirewallVerdict: what an nftables rule inside the namespace does to a matching SYN. */
export type FirewallVerdict = 'drop' | 'reset' | 'icmp-admin-prohibited' | 'icmp-port-unreachable';

/** FirewallRule applies a verdict to TCP packets for one port or a range, inside the namespace. */
export interface FirewallRule {
  readonly ports: number | PortRange;
  readonly verdict: FirewallVerdict;
}

/** TestNamespace is a live namespace; remove() deletes it and its veth pair. */
export interface TestNamespace {
  readonly name: string;
  /** Host end of the veth pair: 198.18.N.1/30. */
  readonly hostAddress: string;
  /** Namespace end: 198.18.N.2/30, where servers inside listen. */
  readonly namespaceAddress: string;
  readonly hostInterface: string;
  /** exec runs a command inside the namespace and returns its stdout. */
  exec(command: string, args: readonly string[], input?: string): Promise<string>;
  /** setFirewall replaces every rule of the namespace's own nftables table with these. */
  setFirewall(rules: readonly FirewallRule[]): Promise<void>;
  remove(): Promise<void>;
}

const NAME_PREFIX = 'ftpdoctor';
const TABLE = 'ftpdoctor_test';
const COMMAND_TIMEOUT_MS = 10_000;

function onPath(command: string): boolean {
  return (process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin')
    .split(delimiter)
    .some((dir) => existsSync(join(dir, command)));
}

/** netnsAvailability: namespaces need Linux, root, `ip` and `nft`. */
export function netnsAvailability(): Availability {
  if (process.platform !== 'linux') return { ok: false, reason: 'network namespaces need Linux' };
  if (process.getuid?.() !== 0) return { ok: false, reason: 'network namespaces need root' };
  for (const command of ['ip', 'nft']) {
    if (!onPath(command)) return { ok: false, reason: `${command} is not installed` };
  }
  return { ok: true };
}

/** netnsSkipReason is like realServerSkipReason: a reason to skip, but an error under CI=true. */
export function netnsSkipReason(): string | null {
  const availability = netnsAvailability();
  if (availability.ok) return null;
  if (process.env.CI === 'true') throw new Error(`CI=true but namespaces cannot run: ${availability.reason}`);
  return availability.reason;
}

/** sh runs a command with a timeout and returns stdout; a non-zero exit throws with stderr. */
export function sh(command: string, args: readonly string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, [...args], { timeout: COMMAND_TIMEOUT_MS }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')}: ${String(stderr).trim() || error.message}`));
      else resolve(String(stdout));
    });
    // A command that exits without reading stdin must not turn into an EPIPE error.
    child.stdin?.on('error', () => {});
    child.stdin?.end(input ?? '');
  });
}

function nftVerdict(verdict: FirewallVerdict): string {
  switch (verdict) {
    case 'drop':
      return 'drop';
    case 'reset':
      return 'reject with tcp reset';
    case 'icmp-admin-prohibited':
      return 'reject with icmpx type admin-prohibited';
    case 'icmp-port-unreachable':
      return 'reject with icmpx type port-unreachable';
  }
}

/** firewallRuleset renders rules as one nft script that atomically replaces the table. */
export function firewallRuleset(rules: readonly FirewallRule[]): string {
  const lines = rules.map((rule) => {
    const ports = typeof rule.ports === 'number' ? `${rule.ports}` : `${rule.ports.low}-${rule.ports.high}`;
    return `    tcp dport ${ports} ${nftVerdict(rule.verdict)}`;
  });
  return [
    // Declaring the table first makes the delete succeed even on the first call.
    `table inet ${TABLE} {}`,
    `delete table inet ${TABLE}`,
    `table inet ${TABLE} {`,
    '  chain input {',
    '    type filter hook input priority 0; policy accept;',
    ...lines,
    '  }',
    '}',
    '',
  ].join('\n');
}

async function usedSubnets(): Promise<Set<number>> {
  const out = await sh('ip', ['-4', '-o', 'addr', 'show']);
  const used = new Set<number>();
  for (const match of out.matchAll(/inet 198\.18\.(\d+)\.\d+/g)) used.add(Number(match[1]));
  return used;
}

/** removeStaleNamespaces deletes namespaces this harness left behind in runs whose process is gone. */
async function removeStaleNamespaces(): Promise<void> {
  const out = await sh('ip', ['netns', 'list']).catch(() => '');
  for (const match of out.matchAll(new RegExp(`^${NAME_PREFIX}-(\\d+)-\\d+`, 'gm'))) {
    if (!pidIsAlive(Number(match[1]))) await sh('ip', ['netns', 'del', match[0]]).catch(() => undefined);
  }
}

let created = 0;

/**
 * createTestNamespace makes `ftpdoctor-<pid>-<n>` with a veth pair to the host: host end
 * 198.18.N.1/30, namespace end 198.18.N.2/30, N chosen unused on this host. Everything is
 * deleted again if any step fails.
 */
export async function createTestNamespace(): Promise<TestNamespace> {
  await removeStaleNamespaces();
  created += 1;
  const name = `${NAME_PREFIX}-${process.pid}-${created}`;
  // Interface names are limited to 15 characters.
  const tag = `${process.pid % 100_000}${created % 100}`;
  const hostInterface = `fdh${tag}`;
  const innerInterface = `fdn${tag}`;
  const used = await usedSubnets();
  const start = (process.pid * 7 + created) % 199;
  let subnet = -1;
  for (let step = 0; step < 199 && subnet < 0; step += 1) {
    const candidate = 1 + ((start + step) % 199);
    if (!used.has(candidate)) subnet = candidate;
  }
  if (subnet < 0) throw new Error('no free 198.18.N.0/30 subnet');
  const hostAddress = `198.18.${subnet}.1`;
  const namespaceAddress = `198.18.${subnet}.2`;

  const exec = (command: string, args: readonly string[], input?: string): Promise<string> =>
    sh('ip', ['netns', 'exec', name, command, ...args], input);
  const remove = async (): Promise<void> => {
    // Deleting the namespace takes its veth end, and with it the host end; delete both anyway
    // in case a process inside still pins the namespace.
    await sh('ip', ['link', 'del', hostInterface]).catch(() => undefined);
    await sh('ip', ['netns', 'del', name]).catch(() => undefined);
  };

  try {
    await sh('ip', ['netns', 'add', name]);
    await sh('ip', [
      'link',
      'add',
      hostInterface,
      'type',
      'veth',
      'peer',
      'name',
      innerInterface,
      'netns',
      name,
    ]);
    await sh('ip', ['addr', 'add', `${hostAddress}/30`, 'dev', hostInterface]);
    await sh('ip', ['link', 'set', hostInterface, 'up']);
    await exec('ip', ['link', 'set', 'lo', 'up']);
    await exec('ip', ['addr', 'add', `${namespaceAddress}/30`, 'dev', innerInterface]);
    await exec('ip', ['link', 'set', innerInterface, 'up']);
    // Every rejected SYN must get its ICMP answer, not just the first few per second.
    await exec('sysctl', ['-qw', 'net.ipv4.icmp_ratelimit=0']);
  } catch (error) {
    await remove();
    throw error;
  }
  return {
    name,
    hostAddress,
    namespaceAddress,
    hostInterface,
    exec,
    setFirewall: async (rules) => {
      await exec('nft', ['-f', '-'], firewallRuleset(rules));
    },
    remove,
  };
}

/** namespaceExists tells whether `ip netns list` still shows the name. */
export async function namespaceExists(name: string): Promise<boolean> {
  const out = await sh('ip', ['netns', 'list']);
  return out.split('\n').some((line) => line.split(' ')[0] === name);
}

/** withTestNamespace runs `body` with a fresh namespace and always removes it afterwards. */
export async function withTestNamespace<T>(body: (namespace: TestNamespace) => Promise<T>): Promise<T> {
  const namespace = await createTestNamespace();
  try {
    return await body(namespace);
  } finally {
    await namespace.remove();
  }
}
