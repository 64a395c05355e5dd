import { afterAll, describe, expect, it } from 'vitest';
import { type FakeFtpServer, startFakeFtpServer } from '../../src/fakeServer/fakeFtpServer.js';
import type { FakeServerScript } from '../../src/fakeServer/fakeServerScript.js';
import { findingIds, probeFake } from '../support/probeHelpers.js';
import { looksLikeStackTrace, runCli } from '../support/runCli.js';
import { startCli } from './interruptionRuns.js';
import { unsafeTerminalChars } from './terminalText.js';

// The overall deadline and the user's Ctrl-C end a probe of a server that never ends,
// with the partial report printed; and a finished probe leaves nothing running behind it.

const servers: FakeFtpServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

async function serve(script: FakeServerScript): Promise<FakeFtpServer> {
  const server = await startFakeFtpServer(script);
  servers.push(server);
  return server;
}

/** A greeting that trickles forever: every byte arrives long before any reply timeout. */
const TRICKLE_FOREVER: FakeServerScript = {
  greeting: { slow: `220-${'x'.repeat(200_000)}`, bytesPerSecond: 50 },
};

interface JsonReport {
  readonly exitCode: number;
  readonly targets: readonly {
    readonly interrupted: string | null;
    readonly verdict: { readonly status: string; readonly exitCode: number };
    readonly findings: readonly { readonly id: string; readonly step: string; readonly exitCode: number }[];
    readonly steps: readonly { readonly name: string; readonly ran: boolean }[];
  }[];
}

describe('--deadline', () => {
  it('cuts a server that trickles bytes forever, in the banner step: INCOMPLETE (exit 11), with a partial report', async () => {
    const server = await serve(TRICKLE_FOREVER);
    const run = await runCli(
      [`127.0.0.1:${server.port}`, '--reply-timeout', '60s', '--deadline', '1500ms', '--json'],
      { timeoutMs: 20_000 },
    );
    expect(run.ms).toBeLessThan(1500 + 2500);
    // A greeting still arriving proves no failure: the deadline made the probe incomplete.
    expect(run.code, run.stderr).toBe(11);
    const report = JSON.parse(run.stdout) as JsonReport;
    const target = report.targets[0]!;
    expect(target.interrupted).toBe('deadline');
    expect(report.exitCode).toBe(11);
    expect(target.verdict).toMatchObject({ status: 'incomplete', exitCode: 11 });
    expect(target.findings.map((f) => f.id)).toContain('probe.interrupted');
    expect(target.findings.find((f) => f.id === 'probe.interrupted')).toMatchObject({
      step: 'banner',
      severity: 'warning',
    });
    expect(target.steps.filter((s) => s.ran).map((s) => s.name)).toEqual(['resolve', 'connect', 'banner']);
  });

  it('cuts a listing that trickles forever, in the transfer step: INCOMPLETE (exit 11), human report on stdout', async () => {
    const server = await serve({
      transferReplies: { completion: { slow: '226 Done, eventually.\r\n', bytesPerSecond: 0.5 } },
    });
    const run = await runCli(
      [`127.0.0.1:${server.port}`, '--reply-timeout', '60s', '--data-timeout', '60s', '--deadline', '2s'],
      { timeoutMs: 20_000 },
    );
    expect(run.ms).toBeLessThan(2000 + 2500);
    expect(run.code, run.stdout).toBe(11);
    expect(run.stdout).toMatch(/INCOMPLETE \(exit 11: incomplete\)/);
    expect(run.stdout).toContain('during the transfer step');
    expect(run.stdout).toContain('probe.interrupted');
    expect(run.stdout).toMatch(/✔ [a-z, ]*\blogin\b/);
    expect(looksLikeStackTrace(run.stdout + run.stderr)).toBe(false);
    expect(unsafeTerminalChars(run.stdout)).toEqual([]);
  });
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('signals', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s while waiting on a silent server: partial report on stdout, exit %i',
    async (signal, code) => {
      const server = await serve({ greeting: { steps: [] } });
      const { child, done, output } = startCli([
        `127.0.0.1:${server.port}`,
        '--reply-timeout',
        '60s',
        '--deadline',
        '60s',
      ]);
      await waitFor(() => server.connections >= 1, 10_000);
      // Let the CLI settle into its wait for the greeting before interrupting it.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const sentAt = Date.now();
      child.kill(signal);
      const result = { ...(await done), ...output() };
      expect(Date.now() - sentAt).toBeLessThan(3000);
      expect(result.signal).toBeNull();
      expect(result.code, result.stderr).toBe(code);
      expect(result.stdout).toContain('probe.interrupted');
      expect(result.stdout).toMatch(/✔ [a-z, ]*\bconnect\b/);
      expect(looksLikeStackTrace(result.stdout + result.stderr)).toBe(false);
    },
  );

  it('SIGINT with --json still prints one parseable report', async () => {
    const server = await serve({ greeting: { steps: [] } });
    const { child, done, output } = startCli([
      `127.0.0.1:${server.port}`,
      '--reply-timeout',
      '60s',
      '--deadline',
      '60s',
      '--json',
    ]);
    await waitFor(() => server.connections >= 1, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    child.kill('SIGINT');
    const result = { ...(await done), ...output() };
    expect(result.code).toBe(130);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.targets[0]?.interrupted).toBe('signal');
    expect(report.targets[0]?.findings.map((f) => f.id)).toContain('probe.interrupted');
  });
});

/** resourceCounts: what keeps the event loop alive, by kind (TCPSocketWrap, Timeout, …). */
function resourceCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

/** leftovers lists the kinds that have more live resources now than in `before`. */
function leftovers(before: Map<string, number>): string[] {
  const after = resourceCounts();
  return [...after]
    .filter(([kind, n]) => n > (before.get(kind) ?? 0))
    .map(([kind, n]) => `${kind}: ${before.get(kind) ?? 0} → ${n}`);
}

async function settledLeftovers(before: Map<string, number>): Promise<string[]> {
  // Closed sockets and servers leave the list once their close callbacks have run.
  for (let i = 0; i < 50; i++) {
    if (leftovers(before).length === 0) return [];
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return leftovers(before);
}

describe('no handle survives a finished probe (in-process)', () => {
  const fast = { replyTimeoutMs: 500, dataTimeoutMs: 500, connectTimeoutMs: 1000, deadlineMs: 10_000 };
  const scenarios: readonly {
    title: string;
    script: FakeServerScript;
    expect: string | null;
    options?: object;
  }[] = [
    { title: 'healthy', script: {}, expect: null },
    { title: 'banner never sent', script: { greeting: { steps: [] } }, expect: 'banner.missing' },
    {
      title: 'data port accepts and stays silent',
      script: { dataPort: 'accept-silent' },
      expect: 'transfer.data-timeout',
    },
    {
      title: '150 then silence',
      script: { transferReplies: { completion: { steps: [] } } },
      expect: 'transfer.data-timeout',
    },
    { title: 'listing that never ends', script: { dataPort: 'endless' }, expect: 'transfer.truncated' },
    { title: 'data port closed', script: { dataPort: 'closed' }, expect: 'data.port-closed' },
    {
      title: 'TLS handshake stalls',
      script: { tls: { handshake: 'stall' } },
      expect: 'tls.handshake-failed',
      options: { tls: 'explicit' },
    },
    {
      title: 'duplicate reply',
      script: { replies: { USER: ['331 Password.', '331 Password.'] } },
      expect: 'probe.protocol-violation',
    },
    {
      title: 'deadline in the middle of a trickling greeting',
      script: TRICKLE_FOREVER,
      expect: 'probe.interrupted',
      options: { deadlineMs: 300, replyTimeoutMs: 60_000 },
    },
  ];

  it.each(scenarios)('$title', async ({ script, expect: wanted, options }) => {
    const before = resourceCounts();
    const report = await probeFake(script, { ...fast, ...options });
    const ids = findingIds(report);
    if (wanted) expect(ids).toContain(wanted);
    else expect(ids.filter((id) => id !== 'tls.not-offered')).toEqual([]);
    expect(await settledLeftovers(before)).toEqual([]);
  });

  it('an aborted probe (Ctrl-C) leaves nothing behind either', async () => {
    const { runProbe } = await import('../../src/probe/runProbe.js');
    const { parseTarget } = await import('../../src/probe/target.js');
    const { FAST_OPTIONS } = await import('../support/probeHelpers.js');
    const server = await serve({ greeting: { steps: [] } });
    const before = resourceCounts();
    const controller = new AbortController();
    const probing = runProbe(
      parseTarget(`127.0.0.1:${server.port}`),
      { ...FAST_OPTIONS, replyTimeoutMs: 60_000 },
      {
        signal: controller.signal,
      },
    );
    await waitFor(() => server.connections >= 1, 5000);
    controller.abort();
    const result = await probing;
    expect(result.interrupted).toBe('signal');
    expect(await settledLeftovers(before)).toEqual([]);
  });
});
