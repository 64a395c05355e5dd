import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pidIsAlive } from '../support/daemonProcess.js';
import {
  createTestNamespace,
  type FirewallRule,
  namespaceExists,
  netnsSkipReason,
  type TestNamespace,
} from '../support/netns.js';
import { type RealServer, realServerSkipReason, startVsftpd } from '../support/realServers.js';
import { looksLikeStackTrace, runCli } from '../support/runCli.js';

// A real vsftpd in its own network namespace, reached over a veth pair in
// 198.18.0.0/15, behind nftables rules set inside the namespace. Each firewall verdict must
// become its own finding, in bounded time. Root only: without it the suite skips with the
// reason; under CI=true netnsSkipReason throws instead, so CI never skips it silently.

const CONNECT_TIMEOUT_MS = 2000;
const DATA_TIMEOUT_MS = 1500;
const ARGS = [
  '--connect-timeout',
  `${CONNECT_TIMEOUT_MS}ms`,
  '--reply-timeout',
  '3s',
  '--data-timeout',
  `${DATA_TIMEOUT_MS}ms`,
  '--tls',
  'off',
];
/** Node's start-up and the report around the probe itself, on a loaded 2-core machine. */
const PROCESS_MARGIN_MS = 3000;

const skip = netnsSkipReason() ?? realServerSkipReason('vsftpd');

interface PortTest {
  readonly outcome: string;
  readonly durationMs: number;
  readonly errno?: string;
}

interface JsonReport {
  readonly exitCode: number;
  readonly targets: readonly {
    readonly durationMs: number;
    readonly findings: readonly { readonly id: string }[];
    readonly steps: readonly { readonly name: string; readonly durationMs: number; readonly data: unknown }[];
  }[];
}

describe.skipIf(skip !== null)(`firewalls in a network namespace${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let namespace: TestNamespace;
  let server: RealServer;
  let workDir = '';

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'ftp-doctor-netns-'));
    namespace = await createTestNamespace();
    try {
      server = await startVsftpd({ netns: namespace.name, host: namespace.namespaceAddress });
    } catch (error) {
      await namespace.remove();
      throw error;
    }
  }, 60_000);

  afterAll(async () => {
    const pid = server?.pid;
    await server?.stop();
    await namespace?.remove();
    await rm(workDir, { recursive: true, force: true });
    if (pid !== undefined) expect(pidIsAlive(pid)).toBe(false);
    if (namespace) {
      expect(await namespaceExists(namespace.name)).toBe(false);
      expect(() =>
        execFileSync('ip', ['link', 'show', namespace.hostInterface], { stdio: 'ignore' }),
      ).toThrow();
    }
  }, 60_000);

  /** probe runs the CLI against the namespaced vsftpd behind `rules`, and reads its JSON report. */
  async function probe(name: string, rules: readonly FirewallRule[]) {
    await namespace.setFirewall(rules);
    const jsonFile = join(workDir, `${name}.json`);
    const run = await runCli([`${server.host}:${server.port}`, ...ARGS, '--json', '-o', jsonFile], {
      timeoutMs: 30_000,
    });
    const report = JSON.parse(await readFile(jsonFile, 'utf8')) as JsonReport;
    const target = report.targets[0]!;
    const portTests = ['epsv', 'pasv']
      .map((step) => target.steps.find((s) => s.name === step)?.data as { portTest: PortTest | null } | null)
      .map((data) => data?.portTest ?? null)
      .filter((test): test is PortTest => test !== null);
    const context = `${name}\n${run.stdout.slice(0, 3000)}\n${run.stderr.slice(0, 1000)}`;
    expect(looksLikeStackTrace(run.stdout + run.stderr), context).toBe(false);
    return { run, report, target, portTests, ids: target.findings.map((f) => f.id), context };
  }

  const passive = (verdict: FirewallRule['verdict']): FirewallRule[] => [
    { ports: server.passiveRange, verdict },
  ];

  it('works through the veth pair with no rule (baseline)', async () => {
    const { run, ids, context } = await probe('open', []);
    expect(run.code, context).toBe(0);
    expect(
      ids.filter((id) => id !== 'tls.not-offered'),
      context,
    ).toEqual([]);
  });

  it('DROP on the passive range: data.port-filtered, each test within the data timeout + 1 s', async () => {
    const { run, ids, portTests, target, context } = await probe('drop', passive('drop'));
    expect(run.code, context).toBe(8);
    expect(ids, context).toContain('data.port-filtered');
    expect(
      portTests.map((t) => t.outcome),
      context,
    ).toEqual(['filtered', 'filtered']);
    for (const test of portTests)
      expect(test.durationMs, context).toBeLessThanOrEqual(DATA_TIMEOUT_MS + 1000);
    expect(target.durationMs, context).toBeLessThan(2 * DATA_TIMEOUT_MS + 2000);
    expect(run.ms, context).toBeLessThan(2 * DATA_TIMEOUT_MS + 2000 + PROCESS_MARGIN_MS);
  });

  it('REJECT with tcp reset on the passive range: data.port-closed', async () => {
    const { run, ids, portTests, context } = await probe('reset', passive('reset'));
    expect(run.code, context).toBe(8);
    expect(ids, context).toContain('data.port-closed');
    expect(
      portTests.map((t) => t.outcome),
      context,
    ).toEqual(['closed', 'closed']);
    expect(run.ms, context).toBeLessThan(2000 + PROCESS_MARGIN_MS);
  });

  it('ICMP admin-prohibited on the passive range: data.port-unreachable', async () => {
    const { run, ids, portTests, context } = await probe('icmp', passive('icmp-admin-prohibited'));
    expect(run.code, context).toBe(8);
    expect(ids, context).toContain('data.port-unreachable');
    expect(
      portTests.map((t) => t.outcome),
      context,
    ).toEqual(['unreachable', 'unreachable']);
    expect(
      portTests.map((t) => t.errno),
      context,
    ).toEqual(['EHOSTUNREACH', 'EHOSTUNREACH']);
    expect(run.ms, context).toBeLessThan(2000 + PROCESS_MARGIN_MS);
  });

  it('DROP on the control port: exit 3 (connect.timeout) within the connect timeout + 1 s', async () => {
    const { run, ids, target, context } = await probe('control-drop', [
      { ports: server.port, verdict: 'drop' },
    ]);
    expect(run.code, context).toBe(3);
    expect(ids, context).toEqual(['connect.timeout']);
    expect(target.durationMs, context).toBeLessThanOrEqual(CONNECT_TIMEOUT_MS + 1000);
    expect(run.ms, context).toBeLessThan(CONNECT_TIMEOUT_MS + 1000 + PROCESS_MARGIN_MS);
  });

  // --scan-range draws the exact split that the namespace's firewall defines.
  it('--scan-range maps which part of the passive range a DROP rule blocks', async () => {
    const { low, high } = server.passiveRange;
    const middle = low + Math.floor((high - low) / 2);
    await namespace.setFirewall([{ ports: { low: middle + 1, high }, verdict: 'drop' }]);
    const jsonFile = join(workDir, 'scan.json');
    const run = await runCli(
      [`${server.host}:${server.port}`, ...ARGS, '--scan-range', `${low}-${high}`, '--json', '-o', jsonFile],
      { timeoutMs: 30_000 },
    );
    const report = JSON.parse(await readFile(jsonFile, 'utf8')) as JsonReport;
    const target = report.targets[0]!;
    const scan = target.steps.find((s) => s.name === 'scan')?.data as {
      runs: { low: number; high: number; outcome: string }[];
    };
    expect(scan.runs, run.stdout.slice(0, 2000)).toEqual([
      { low, high: middle, outcome: 'open' },
      { low: middle + 1, high, outcome: 'filtered' },
    ]);
    expect(target.findings.map((f) => f.id)).toContain('scan.partly-blocked');
    expect(run.code).toBe(8);
    expect(run.stdout).toContain(`${middle + 1}`);
  });
});
