import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateReportJson } from '../report/schema.js';
import { netnsSkipReason } from '../support/netns.js';
import { realServerSkipReason, TEST_USER } from '../support/realServers.js';
import { looksLikeStackTrace } from '../support/runCli.js';
import { createRoutedNetwork, FTP_PORT, type RoutedNetwork } from './routedNetwork.js';
import { createUploadDirectory, type UploadDirectory } from './uploadDirectory.js';

const skip = netnsSkipReason() ?? realServerSkipReason('vsftpd');

interface JsonFinding {
  readonly id: string;
  readonly severity: string;
  readonly detail: string;
  readonly fixes: readonly { readonly text: string }[];
}

function parseReport(stdout: string) {
  const json = JSON.parse(stdout) as {
    targets: { findings: JsonFinding[]; steps: { name: string; status: string }[] }[];
  };
  return json.targets[0]!;
}

/** The router drops the ICMP "fragmentation needed" it generates: path-MTU discovery fails. */
const DROP_FRAG_NEEDED = `
table ip dc_pmtu {}
delete table ip dc_pmtu
table ip dc_pmtu {
  chain output {
    type filter hook output priority 0; policy accept;
    icmp type destination-unreachable icmp code frag-needed drop
  }
}
`;

// A path-MTU black hole built for real: the router's link to the server has an MTU of 1280, the
// server announces a 1460-byte MSS, and the router's "fragmentation needed" never reaches the
// client. Small packets (the control channel, a listing) pass; a large upload stalls.
describe.skipIf(skip !== null)(`path-MTU black hole${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let network: RoutedNetwork;
  let uploads: UploadDirectory;
  beforeAll(async () => {
    uploads = await createUploadDirectory();
    network = await createRoutedNetwork(1, { serverLinkMtu: 1280 });
    await network.startVsftpd(0, {
      anonymous: false,
      localUser: true,
      writable: true,
      localRoot: uploads.path,
    });
  }, 30_000);
  afterAll(async () => {
    await network?.remove();
    await uploads?.remove();
  });

  const probe = () =>
    network.runCli(
      [
        `${network.serverAddresses[0]}:${FTP_PORT}`,
        '--user',
        TEST_USER.name,
        '--tls',
        'off',
        '--write-test',
        '--write-size',
        '300000',
        '--data-timeout',
        '2s',
        '--reply-timeout',
        '3s',
        '--json',
      ],
      { FTP_PASSWORD: TEST_USER.password },
    );

  it('ICMP frag-needed dropped: the listing passes, the large upload stalls and is named with MSS and ICMP fixes (exit 9)', async () => {
    await network.nft(network.router, DROP_FRAG_NEEDED);
    const run = await probe();
    expect(looksLikeStackTrace(run.stderr)).toBe(false);
    expect(run.code).toBe(9);
    const report = parseReport(run.stdout);
    expect(report.steps.find((s) => s.name === 'transfer')?.status).toBe('ok');
    const stalled = report.findings.find((f) => f.id === 'write.stalled');
    expect(stalled?.detail).toContain('path-MTU black hole');
    const fixes = stalled?.fixes.map((fix) => fix.text).join('\n') ?? '';
    expect(fixes).toContain('maxseg size set rt mtu');
    expect(fixes).toContain('--clamp-mss-to-pmtu');
    expect(fixes).toContain('fragmentation-needed');
    expect(validateReportJson(JSON.parse(run.stdout)).errors).toEqual([]);
  }, 60_000);

  it('ICMP allowed on the same path: path-MTU discovery works, the upload passes and no stall is reported', async () => {
    await network.exec(network.router, 'nft', ['delete', 'table', 'ip', 'dc_pmtu']);
    // The client may remember nothing of the earlier run's path MTU: flush its route cache.
    await network.exec(network.client, 'ip', ['route', 'flush', 'cache']);
    const run = await probe();
    expect(run.code).toBe(0);
    const report = parseReport(run.stdout);
    const ids = report.findings.map((f) => f.id);
    expect(ids).toContain('write.works');
    expect(ids).not.toContain('write.stalled');
  }, 60_000);
});
