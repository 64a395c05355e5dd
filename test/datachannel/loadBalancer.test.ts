import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateReportJson } from '../report/schema.js';
import { netnsSkipReason } from '../support/netns.js';
import { realServerSkipReason } from '../support/realServers.js';
import { looksLikeStackTrace } from '../support/runCli.js';
import { createRoutedNetwork, FTP_PORT, PASSIVE_RANGE, type RoutedNetwork } from './routedNetwork.js';

const skip = netnsSkipReason() ?? realServerSkipReason('vsftpd');

interface JsonFinding {
  readonly id: string;
  readonly title: string;
  readonly detail: string;
  readonly fixes: readonly { readonly dialect: string; readonly text: string }[];
}

/**
 * balancer: DNAT of the control port and the passive range on the router's address to two
 * backends. `perConnection` is a weighted round robin (4 : 2) that picks the backend for every new
 * connection; `sticky` hashes the client's address. A strict 1 : 1 alternation is not used: a
 * probe opens its connections in pairs (control, second control, then one data connection for
 * each), so every data connection would land beside its own control connection by chance, while
 * a client with one control connection would fail every time.
 */
function balancer(network: RoutedNetwork, choice: 'perConnection' | 'alternate' | 'sticky'): string {
  const [a, b] = network.serverAddresses;
  const map =
    choice === 'perConnection'
      ? `numgen inc mod 6 map { 0 : ${a}, 1 : ${a}, 2 : ${a}, 3 : ${a}, 4 : ${b}, 5 : ${b} }`
      : choice === 'alternate'
        ? `numgen inc mod 2 map { 0 : ${a}, 1 : ${b} }`
        : `jhash ip saddr mod 2 map { 0 : ${a}, 1 : ${b} }`;
  return `
table ip dc_lb {}
delete table ip dc_lb
table ip dc_lb {
  chain prerouting {
    type nat hook prerouting priority dstnat; policy accept;
    ip daddr ${network.routerAddress} tcp dport { ${FTP_PORT}, ${PASSIVE_RANGE.low}-${PASSIVE_RANGE.high} } dnat to ${map}
  }
}
`;
}

// Two real vsftpd backends behind one address: a load balancer that picks a backend per
// connection sends some data connections to the backend that did not hand out the port.
describe.skipIf(skip !== null)(`load balancer without stickiness${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let network: RoutedNetwork;
  beforeAll(async () => {
    network = await createRoutedNetwork(2);
    // Both announce the balancer's address, as servers behind one must.
    await Promise.all(
      ['backend A', 'backend B'].map((banner, index) =>
        network.startVsftpd(index, { banner, pasvAddress: network.routerAddress }),
      ),
    );
  }, 30_000);
  afterAll(async () => {
    await network?.remove();
  });

  const probe = () =>
    network.runCli(
      [
        `${network.routerAddress}:${FTP_PORT}`,
        '--tls',
        'off',
        '--repeat',
        '10',
        '--interval',
        '50ms',
        '--data-timeout',
        '1s',
        '--json',
      ],
      {},
      120_000,
    );

  it('a backend per connection (numgen inc, weighted 4 : 2): --repeat 10 names the intermittent data failure and both backends', async () => {
    await network.nft(network.router, balancer(network, 'perConnection'));
    const run = await probe();
    expect(looksLikeStackTrace(run.stderr)).toBe(false);
    const report = (JSON.parse(run.stdout) as { targets: { findings: JsonFinding[] }[] }).targets[0]!;
    const byId = new Map(report.findings.map((f) => [f.id, f]));
    expect(run.code).toBe(8);
    const summary = byId.get('repeat.summary');
    expect(summary?.title).toMatch(/^10 sessions: [1-9] passed, [1-9] failed$/);
    expect(byId.get('repeat.intermittent')?.detail).toMatch(/success rate [1-9]\d?%/);
    const backend = byId.get('repeat.other-backend');
    expect(backend?.detail).toContain('"220 backend A"');
    expect(backend?.detail).toContain('"220 backend B"');
    expect(backend?.fixes.map((fix) => fix.text).join('\n')).toContain('jhash ip saddr');
    expect(backend?.fixes.map((fix) => fix.dialect)).toContain('kubernetes');
    const json = JSON.parse(run.stdout) as {
      targets: { repeat?: { sessions: number; greetings: string[] } }[];
    };
    expect(json.targets[0]?.repeat?.sessions).toBe(10);
    expect(json.targets[0]?.repeat?.greetings.sort()).toEqual(['220 backend A', '220 backend B']);
    expect(validateReportJson(json).errors).toEqual([]);
  }, 150_000);

  it('strict 1 : 1 alternation: one probe passes its own tests but names the second server that greeted', async () => {
    await network.nft(network.router, balancer(network, 'alternate'));
    const run = await network.runCli([`${network.routerAddress}:${FTP_PORT}`, '--tls', 'off', '--json']);
    const report = (JSON.parse(run.stdout) as { targets: { findings: JsonFinding[] }[] }).targets[0]!;
    const found = report.findings.find((f) => f.id === 'pasv.other-server');
    expect(found?.detail).toContain('"220 backend A"');
    expect(found?.detail).toContain('"220 backend B"');
    expect(found?.fixes.map((fix) => fix.text).join('\n')).toContain('jhash ip saddr');
  }, 60_000);

  it('stickiness by source address (jhash ip saddr): all ten sessions pass and nothing is reported', async () => {
    await network.nft(network.router, balancer(network, 'sticky'));
    const run = await probe();
    const report = (JSON.parse(run.stdout) as { targets: { findings: JsonFinding[] }[] }).targets[0]!;
    const ids = report.findings.map((f) => f.id);
    expect(run.code).toBe(0);
    expect(report.findings.find((f) => f.id === 'repeat.summary')?.title).toBe(
      '10 sessions: 10 passed, 0 failed',
    );
    expect(ids).not.toContain('repeat.other-backend');
    expect(ids).not.toContain('repeat.intermittent');
    expect(ids).not.toContain('pasv.other-server');
  }, 150_000);
});

// A NAT gateway that gives one client two source addresses (a pool without `persistent`): vsftpd
// refuses a data connection whose source differs from the control connection's with
// "425 Security: Bad IP connecting." (its pasv_promiscuous=NO check).
describe.skipIf(skip !== null)(`NAT pool without persistence${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let network: RoutedNetwork;
  beforeAll(async () => {
    network = await createRoutedNetwork(1);
    await network.exec(network.router, 'ip', ['addr', 'add', '198.18.11.3/24', 'dev', 'rs1']);
    await network.startVsftpd(0);
  }, 30_000);
  afterAll(async () => {
    await network?.remove();
  });

  it('--repeat 10 names "Bad IP connecting" with the NAT and vsftpd fixes', async () => {
    await network.nft(
      network.router,
      `
table ip dc_pool {
  chain postrouting {
    type nat hook postrouting priority srcnat; policy accept;
    oifname "rs1" snat to numgen inc mod 6 map { 0 : 198.18.11.1, 1 : 198.18.11.1, 2 : 198.18.11.1, 3 : 198.18.11.1, 4 : 198.18.11.3, 5 : 198.18.11.3 }
  }
}
`,
    );
    const run = await network.runCli(
      [
        `${network.serverAddresses[0]}:${FTP_PORT}`,
        '--tls',
        'off',
        '--repeat',
        '10',
        '--interval',
        '50ms',
        '--json',
      ],
      {},
      120_000,
    );
    const report = (JSON.parse(run.stdout) as { targets: { findings: JsonFinding[] }[] }).targets[0]!;
    const badIp = report.findings.find((f) => f.id === 'repeat.bad-ip');
    expect(run.code).toBeGreaterThanOrEqual(8);
    expect(badIp?.detail).toMatch(/In [1-9]\d? of 10 sessions/);
    const fixes = badIp?.fixes.map((fix) => fix.text).join('\n') ?? '';
    expect(fixes).toContain('persistent');
    expect(fixes).toContain('pasv_promiscuous=YES');
  }, 150_000);
});
