import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sh } from '../support/netns.js';

/**
 * Which errno a Linux TCP client sees for each kind of firewall answer, checked end to end:
 * two network namespaces joined by a veth pair (198.18.0.0/15 and fd00::/8 addresses, no route
 * to anywhere else), nftables rules in the server namespace, and the real testConnectPort and
 * ControlConnection.connect running in the client namespace. The mapping in transportError.ts
 * relies on these facts; this test keeps them honest on the kernel at hand.
 *
 * Needs root, ip and nft. Without them the suite is skipped with a reason, except under CI.
 */

const run = promisify(execFile);
const suffix = `${process.pid % 10_000}${randomBytes(2).toString('hex')}`;
const clientNs = `fdtc${suffix}`;
const serverNs = `fdts${suffix}`;
const clientIf = `fdc${suffix}`;
const serverIf = `fds${suffix}`;
// Addresses exist only inside the two namespaces, so they cannot clash with other tests' routes.
const client4 = '198.18.200.1';
const server4 = '198.18.200.2';
const client6 = 'fd00:f7d0::1';
const server6 = 'fd00:f7d0::2';

const RULES = `
table inet ftpdoctor_icmp {
  chain input {
    type filter hook input priority 0; policy accept;
    meta nfproto ipv4 tcp dport 1001 reject with icmp type admin-prohibited
    meta nfproto ipv4 tcp dport 1002 reject with icmp type host-unreachable
    meta nfproto ipv4 tcp dport 1003 reject with icmp type port-unreachable
    meta nfproto ipv4 tcp dport 1004 reject with icmp type net-unreachable
    meta nfproto ipv4 tcp dport 1005 reject with tcp reset
    meta nfproto ipv4 tcp dport 1006 drop
    meta nfproto ipv6 tcp dport 1001 reject with icmpv6 type admin-prohibited
    meta nfproto ipv6 tcp dport 1002 reject with icmpv6 type addr-unreachable
    meta nfproto ipv6 tcp dport 1003 reject with icmpv6 type port-unreachable
    meta nfproto ipv6 tcp dport 1004 reject with icmpv6 type no-route
  }
}
`;

async function unavailableReason(): Promise<string | null> {
  if (process.platform !== 'linux') return 'not Linux';
  if (process.getuid?.() !== 0) return 'not root';
  try {
    await run('ip', ['-V'], { timeout: 5000 });
    await run('nft', ['--version'], { timeout: 5000 });
  } catch {
    return 'ip or nft missing';
  }
  return null;
}

async function macOf(namespace: string, device: string): Promise<string> {
  const [link] = JSON.parse(await sh('ip', ['-n', namespace, '-j', 'link', 'show', device])) as {
    address: string;
  }[];
  if (!link) throw new Error(`no link ${device}`);
  return link.address;
}

async function createNetwork(): Promise<void> {
  await sh('ip', ['netns', 'add', clientNs]);
  await sh('ip', ['netns', 'add', serverNs]);
  await sh('ip', [
    'link',
    'add',
    clientIf,
    'netns',
    clientNs,
    'type',
    'veth',
    'peer',
    'name',
    serverIf,
    'netns',
    serverNs,
  ]);
  for (const [ns, dev, v4, v6] of [
    [clientNs, clientIf, client4, client6],
    [serverNs, serverIf, server4, server6],
  ] as const) {
    await sh('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    await sh('ip', ['-n', ns, 'addr', 'add', `${v4}/30`, 'dev', dev]);
    await sh('ip', ['-n', ns, 'addr', 'add', `${v6}/64`, 'dev', dev, 'nodad']);
    await sh('ip', ['-n', ns, 'link', 'set', dev, 'up']);
  }
  // Static neighbours, so no SYN waits for ARP or neighbour discovery; no ICMP rate limits, so
  // every rejected SYN gets its answer.
  const serverMac = await macOf(serverNs, serverIf);
  await sh('ip', [
    '-n',
    clientNs,
    'neigh',
    'replace',
    server4,
    'lladdr',
    serverMac,
    'dev',
    clientIf,
    'nud',
    'permanent',
  ]);
  await sh('ip', [
    '-n',
    clientNs,
    'neigh',
    'replace',
    server6,
    'lladdr',
    serverMac,
    'dev',
    clientIf,
    'nud',
    'permanent',
  ]);
  const clientMac = await macOf(clientNs, clientIf);
  await sh('ip', [
    '-n',
    serverNs,
    'neigh',
    'replace',
    client4,
    'lladdr',
    clientMac,
    'dev',
    serverIf,
    'nud',
    'permanent',
  ]);
  await sh('ip', [
    '-n',
    serverNs,
    'neigh',
    'replace',
    client6,
    'lladdr',
    clientMac,
    'dev',
    serverIf,
    'nud',
    'permanent',
  ]);
  await sh('ip', [
    'netns',
    'exec',
    serverNs,
    'sysctl',
    '-qw',
    'net.ipv4.icmp_ratelimit=0',
    'net.ipv6.icmp.ratelimit=0',
  ]);
  await sh('ip', ['netns', 'exec', serverNs, 'nft', '-f', '-'], RULES);
}

async function removeNetwork(): Promise<void> {
  // Deleting a namespace deletes its end of the veth pair, and with it the other end.
  await run('ip', ['netns', 'del', clientNs], { timeout: 5000 }).catch(() => undefined);
  await run('ip', ['netns', 'del', serverNs], { timeout: 5000 }).catch(() => undefined);
}

interface Observation {
  host: string;
  port: number;
  portTest: { outcome: string; errno?: string };
  control: { failure: string; errno?: string; channel: string } | 'connected';
}

let reason: string | null = null;
let bundleDir = '';
let bundlePath = '';

beforeAll(async () => {
  reason = await unavailableReason();
  if (reason) return;
  bundleDir = mkdtempSync(join(tmpdir(), 'ftp-doctor-netns-'));
  bundlePath = join(bundleDir, 'probe.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('../support/netnsConnectProbe.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: bundlePath,
    logLevel: 'silent',
  });
  await createNetwork();
});

afterAll(async () => {
  if (reason) return;
  await removeNetwork();
  rmSync(bundleDir, { recursive: true, force: true });
});

async function observe(targets: { host: string; port: number; timeoutMs: number }[]): Promise<Observation[]> {
  const output = await sh('ip', [
    'netns',
    'exec',
    clientNs,
    process.execPath,
    bundlePath,
    JSON.stringify(targets),
  ]);
  return JSON.parse(output) as Observation[];
}

describe('errno for firewall answers (nftables in a network namespace)', () => {
  it('maps each IPv4 and IPv6 answer onto the port-test outcome and control failure', async (context) => {
    if (reason) {
      if (process.env.CI) throw new Error(`cannot run the netns errno test under CI: ${reason}`);
      context.skip(`needs root, ip and nft: ${reason}`);
    }
    const observations = await observe([
      { host: server4, port: 1001, timeoutMs: 2000 },
      { host: server4, port: 1002, timeoutMs: 2000 },
      { host: server4, port: 1003, timeoutMs: 2000 },
      { host: server4, port: 1004, timeoutMs: 2000 },
      { host: server4, port: 1005, timeoutMs: 2000 },
      { host: server4, port: 1006, timeoutMs: 200 },
      { host: server6, port: 1001, timeoutMs: 2000 },
      { host: server6, port: 1002, timeoutMs: 2000 },
      { host: server6, port: 1003, timeoutMs: 2000 },
      { host: server6, port: 1004, timeoutMs: 2000 },
    ]);
    const summary = observations.map(
      ({ host, port, portTest, control }) =>
        `${host.includes(':') ? 'v6' : 'v4'} ${port}: ${portTest.outcome}/${portTest.errno ?? '-'} control ${
          control === 'connected' ? 'connected' : `${control.failure}/${control.errno ?? '-'}`
        }`,
    );
    expect(summary).toEqual([
      'v4 1001: unreachable/EHOSTUNREACH control unreachable/EHOSTUNREACH', // icmp admin-prohibited
      'v4 1002: unreachable/EHOSTUNREACH control unreachable/EHOSTUNREACH', // icmp host-unreachable
      'v4 1003: closed/ECONNREFUSED control refused/ECONNREFUSED', // icmp port-unreachable looks like RST
      'v4 1004: unreachable/ENETUNREACH control unreachable/ENETUNREACH', // icmp net-unreachable
      'v4 1005: closed/ECONNREFUSED control refused/ECONNREFUSED', // tcp reset
      'v4 1006: filtered/- control timeout/-', // drop
      'v6 1001: unreachable/EACCES control unreachable/EACCES', // icmpv6 admin-prohibited
      'v6 1002: unreachable/EHOSTUNREACH control unreachable/EHOSTUNREACH', // icmpv6 addr-unreachable
      'v6 1003: closed/ECONNREFUSED control refused/ECONNREFUSED', // icmpv6 port-unreachable
      'v6 1004: unreachable/ENETUNREACH control unreachable/ENETUNREACH', // icmpv6 no-route
    ]);
  });
});
