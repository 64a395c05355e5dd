import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeFtpServer } from '../../src/fakeServer/fakeFtpServer.js';
import type { FakeFtpServer } from '../../src/fakeServer/fakeServerScript.js';
import { looksLikeStackTrace, runCli } from '../support/runCli.js';
import { closedPort } from '../support/scriptServer.js';

const FAST = ['--connect-timeout', '2s', '--reply-timeout', '1500ms', '--data-timeout', '1s'];

// docs/architecture.md, "Exit codes": the exit codes are a contract with shell scripts; each is produced by a real run.
describe('CLI exit codes (subprocess)', () => {
  const servers: FakeFtpServer[] = [];
  const start = async (script: Parameters<typeof startFakeFtpServer>[0]) => {
    const server = await startFakeFtpServer(script);
    servers.push(server);
    return `127.0.0.1:${server.port}`;
  };
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  let refused = '';
  beforeAll(async () => {
    refused = `127.0.0.1:${await closedPort()}`;
  });

  const cases: { title: string; args: () => Promise<string[]>; code: number }[] = [
    { title: '0 healthy', args: async () => [await start({}), '--tls', 'off', ...FAST], code: 0 },
    {
      title: '0 with warnings',
      args: async () => [await start({ replies: { EPSV: '500 no' } }), '--tls', 'off', ...FAST],
      code: 0,
    },
    {
      title: '1 warnings under --strict',
      args: async () => [await start({ replies: { EPSV: '500 no' } }), '--tls', 'off', '--strict', ...FAST],
      code: 1,
    },
    { title: '2 bad target', args: async () => ['ftp://[::1', ...FAST], code: 2 },
    { title: '2 unknown option', args: async () => ['example.com', '--frobnicate'], code: 2 },
    { title: '2 no target', args: async () => [], code: 2 },
    { title: '2 bad duration', args: async () => ['127.0.0.1', '--data-timeout', 'soon'], code: 2 },
    { title: '2 sftp scheme', args: async () => ['sftp://host'], code: 2 },
    { title: '3 connection refused', args: async () => [refused, ...FAST], code: 3 },
    { title: '4 no banner', args: async () => [await start({ greeting: { steps: [] } }), ...FAST], code: 4 },
    {
      title: '4 greeting 421',
      args: async () => [await start({ greeting: ['421 Service not available.'] }), ...FAST],
      code: 4,
    },
    {
      title: '6 login refused',
      args: async () => [await start({ anonymous: false }), '--tls', 'off', ...FAST],
      code: 6,
    },
    {
      title: '7 no passive mode',
      args: async () => [
        await start({ replies: { EPSV: '500 no', PASV: '500 no' } }),
        '--tls',
        'off',
        ...FAST,
      ],
      code: 7,
    },
    {
      title: '8 data port closed',
      args: async () => [await start({ dataPort: 'closed' }), '--tls', 'off', ...FAST],
      code: 8,
    },
    {
      title: '9 transfer failed',
      args: async () => [
        await start({ transferReplies: { completion: '426 Connection closed; transfer aborted.' } }),
        '--tls',
        'off',
        ...FAST,
      ],
      code: 9,
    },
  ];

  it.each(cases)('exit $title', async ({ args, code }) => {
    const run = await runCli(await args());
    expect(run.code, run.stderr).toBe(code);
    expect(looksLikeStackTrace(run.stdout + run.stderr)).toBe(false);
  });

  it('usage errors print one line and a hint to --help', async () => {
    const run = await runCli(['example.com', '--frobnicate']);
    expect(run.stderr).toMatch(/^ftp-doctor: .*--frobnicate.*\nTry 'ftp-doctor --help'\.\n$/);
  });

  it('--json prints one parseable object with the exit code', async () => {
    const run = await runCli([await start({ dataPort: 'closed' }), '--tls', 'off', '--json', ...FAST]);
    const parsed = JSON.parse(run.stdout) as { exitCode: number; targets: unknown[] };
    expect(parsed.exitCode).toBe(8);
    expect(parsed.targets).toHaveLength(1);
  });

  it('the highest exit code wins across several targets', async () => {
    const run = await runCli([
      await start({}),
      refused,
      await start({ dataPort: 'closed' }),
      '--tls',
      'off',
      ...FAST,
    ]);
    expect(run.code).toBe(8);
  });

  it('--help and --version exit 0', async () => {
    expect((await runCli(['--help'])).code).toBe(0);
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('demo runs every scenario on loopback and exits 0', async () => {
    const run = await runCli(['demo'], { timeoutMs: 60_000 });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('pasv.address-private');
    expect(run.stdout).toContain('data.port-closed');
    expect(looksLikeStackTrace(run.stdout + run.stderr)).toBe(false);
  });
});
