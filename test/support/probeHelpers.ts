import { startFakeFtpServer } from '../../src/fakeServer/fakeFtpServer.js';
import type { FakeFtpServer, FakeServerScript } from '../../src/fakeServer/fakeServerScript.js';
import { diagnose } from '../../src/knowledge/diagnosis/diagnose.js';
import type { TargetReport } from '../../src/knowledge/types.js';
import { type ProbeHooks, runProbe } from '../../src/probe/runProbe.js';
import { parseTarget } from '../../src/probe/target.js';
import type { ProbeOptions } from '../../src/probe/types.js';

/** FAST_OPTIONS: loopback answers in microseconds, so short timeouts keep failing cases quick. */
export const FAST_OPTIONS: ProbeOptions = {
  user: 'anonymous',
  password: 'test@ftp-doctor',
  account: null,
  tls: 'auto',
  family: null,
  connectTimeoutMs: 2000,
  replyTimeoutMs: 1500,
  dataTimeoutMs: 1000,
  deadlineMs: 20_000,
  samples: 1,
  active: false,
  trustPasvAddress: false,
  insecure: false,
  ca: null,
  allAddresses: false,
  scanRange: null,
};

/** probeTarget probes a target string with FAST_OPTIONS overridden, and diagnoses the result. */
export async function probeTarget(
  target: string,
  overrides: Partial<ProbeOptions> = {},
  hooks: ProbeHooks = {},
): Promise<TargetReport> {
  const options = { ...FAST_OPTIONS, ...overrides };
  const result = await runProbe(parseTarget(target), options, hooks);
  return { probe: result, diagnosis: diagnose(result, { insecure: options.insecure, now: new Date() }) };
}

/** probeFake starts a fake server from `script`, probes it, stops it, and returns the report. */
export async function probeFake(
  script: FakeServerScript,
  overrides: Partial<ProbeOptions> = {},
): Promise<TargetReport & { server: FakeFtpServer }> {
  const server = await startFakeFtpServer(script);
  try {
    const host = server.host.includes(':') ? `[${server.host}]` : server.host;
    const report = await probeTarget(`${host}:${server.port}`, overrides);
    return { ...report, server };
  } finally {
    await server.close();
  }
}

export function findingIds(report: TargetReport): string[] {
  return report.diagnosis.findings.map((f) => f.id);
}

/**
 * offLoopback: the same probe as if the server had been reached on a routed address. A loopback
 * target gets no firewall, cloud or network advice (nothing sits between client and server), so
 * tests of that advice diagnose this copy of a loopback probe.
 */
export function offLoopback(report: TargetReport): TargetReport {
  const probe = {
    ...report.probe,
    steps: report.probe.steps.map((step) =>
      step.name === 'connect' && step.data
        ? { ...step, data: { ...step.data, address: '198.18.0.10' } }
        : step,
    ),
  } as TargetReport['probe'];
  return { probe, diagnosis: diagnose(probe, { insecure: false, now: new Date() }) };
}
