import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeFtpServer } from '../../src/fakeServer/fakeFtpServer.js';
import type { FakeFtpServer } from '../../src/fakeServer/fakeServerScript.js';
import { compareAddressReports } from '../../src/knowledge/diagnosis/addressComparison.js';
import { diagnose } from '../../src/knowledge/diagnosis/diagnose.js';
import { runProbeAllAddresses } from '../../src/probe/runProbe.js';
import { formatEprt, formatPort } from '../../src/probe/steps/activeStep.js';
import { toRuns } from '../../src/probe/steps/scanStep.js';
import { parseTarget } from '../../src/probe/target.js';
import { findStep } from '../../src/probe/types.js';
import { FAST_OPTIONS, findingIds, probeFake, probeTarget } from '../support/probeHelpers.js';

// Every data path — IPv6, dual stack, active mode, EPSV ALL, the passive-range map.
describe('data paths against the fake server', () => {
  it('on ::1, EPSV carries the data and a refused PASV is only information', async () => {
    const report = await probeFake({ host: '::1' }, { tls: 'off' });
    expect(report.diagnosis.verdict.exitCode).toBe(0);
    expect(findStep(report.probe, 'transfer')?.data?.via).toBe('epsv');
    expect(findingIds(report)).toContain('pasv.refused-ipv6');
    expect(report.diagnosis.findings.find((f) => f.id === 'pasv.refused-ipv6')?.severity).toBe('info');
  });

  it('on ::1 with EPSV refused, IPv6 clients cannot transfer: exit 7', async () => {
    const report = await probeFake(
      { host: '::1', replies: { EPSV: '500 Unknown command.' } },
      { tls: 'off' },
    );
    expect(findingIds(report)).toContain('ipv6.epsv-required');
    expect(report.diagnosis.verdict.exitCode).toBe(7);
  });

  it('EPSV ALL is checked with QUIT, without an extra round trip, and a refusal is reported', async () => {
    const accepted = await probeFake({}, { tls: 'off' });
    expect(findStep(accepted.probe, 'epsv')?.data?.epsvAll?.code).toBe(200);
    const refused = await probeFake(
      {
        replies: {
          EPSV: (ctx) => (ctx.arg.toUpperCase() === 'ALL' ? '500 EPSV ALL not supported.' : undefined),
        },
      },
      { tls: 'off' },
    );
    expect(findingIds(refused)).toContain('epsv.all-unsupported');
    expect(refused.diagnosis.verdict.exitCode).toBe(0);
  });

  it('--active: EPRT and PORT both connect back on IPv4', async () => {
    const report = await probeFake({}, { tls: 'off', active: true });
    const active = findStep(report.probe, 'active')?.data;
    expect(active?.attempts.map((a) => [a.command, a.connectedBack])).toEqual([
      ['EPRT', true],
      ['PORT', true],
    ]);
    expect(findingIds(report)).toContain('active.works');
  });

  it('--active: a server that refuses PORT and EPRT is reported, and passive mode is still the verdict', async () => {
    const report = await probeFake(
      { replies: { EPRT: '500 Illegal EPRT command.', PORT: '500 Illegal PORT command.' } },
      { tls: 'off', active: true },
    );
    expect(findingIds(report)).toContain('active.refused');
    expect(report.diagnosis.verdict.exitCode).toBe(0);
  });

  it('formats EPRT and PORT as RFC 2428 and RFC 959 say', () => {
    expect(formatEprt('132.235.1.2', 6275)).toBe('EPRT |1|132.235.1.2|6275|');
    expect(formatEprt('::1', 5282)).toBe('EPRT |2|::1|5282|');
    expect(formatPort('132.235.1.2', 6275)).toBe('PORT 132,235,1,2,24,131');
  });

  it('folds per-port outcomes into runs, a reset counting as reachable', () => {
    const outcomes = new Map([
      [50000, 'open' as const],
      [50001, 'closed' as const],
      [50002, 'filtered' as const],
      [50003, 'filtered' as const],
      [50004, 'unreachable' as const],
    ]);
    expect(toRuns({ low: 50000, high: 50004 }, outcomes)).toEqual([
      { low: 50000, high: 50001, outcome: 'open' },
      { low: 50002, high: 50003, outcome: 'filtered' },
      { low: 50004, high: 50004, outcome: 'unreachable' },
    ]);
  });
});

describe('dual stack with --all-addresses', () => {
  let v6: FakeFtpServer;
  let v4: FakeFtpServer;
  beforeAll(async () => {
    v6 = await startFakeFtpServer({ host: '::1' });
    // Same port on IPv4, where a "firewall" closes the data ports.
    v4 = await startFakeFtpServer({ host: '127.0.0.1', port: v6.port, dataPort: 'closed' });
  });
  afterAll(async () => {
    await Promise.all([v6?.close(), v4?.close()]);
  });

  it('probes both families and names the one that fails', async () => {
    const lookup = async () => [
      { address: '::1', family: 6 },
      { address: '127.0.0.1', family: 4 },
    ];
    const target = parseTarget(`dual.test:${v6.port}`);
    const results = await runProbeAllAddresses(
      target,
      { ...FAST_OPTIONS, tls: 'off', allAddresses: true },
      { lookup },
    );
    expect(results.map((r) => findStep(r, 'connect')?.data?.address)).toEqual(['::1', '127.0.0.1']);
    const reports = compareAddressReports(
      results.map((probe) => ({ probe, diagnosis: diagnose(probe, { insecure: false, now: new Date() }) })),
    );
    expect(reports[0]!.diagnosis.verdict.exitCode).toBe(0);
    expect(reports[1]!.diagnosis.verdict.exitCode).toBe(8);
    const differ = reports[1]!.diagnosis.findings.find((f) => f.id === 'dns.addresses-differ');
    expect(differ?.title).toContain('127.0.0.1');
    expect(differ?.title).toContain('::1');
    expect(findingIds(reports[0]!)).not.toContain('dns.addresses-differ');
  });
});

describe('-4 / -6', () => {
  const both = async () => [
    { address: '::1', family: 6 },
    { address: '127.0.0.1', family: 4 },
  ];
  const v4only = async () => [{ address: '127.0.0.1', family: 4 }];

  it.each([
    { family: 6 as const, chosen: '::1' },
    { family: 4 as const, chosen: '127.0.0.1' },
  ])('-$family picks the $chosen address', async ({ family, chosen }) => {
    const report = await probeTarget('dual.test:1', { family, connectTimeoutMs: 500 }, { lookup: both });
    expect(findStep(report.probe, 'resolve')?.data?.chosen).toBe(chosen);
  });

  it('-6 on a name without AAAA is exit 3 with dns.no-address-for-family', async () => {
    const report = await probeTarget('v4only.test', { family: 6 }, { lookup: v4only });
    expect(findingIds(report)).toEqual(['dns.no-address-for-family']);
    expect(report.diagnosis.verdict.exitCode).toBe(3);
  });

  it('without -4/-6 the other addresses are named', async () => {
    const report = await probeTarget('dual.test:1', { connectTimeoutMs: 500 }, { lookup: both });
    expect(findingIds(report)).toContain('dns.other-addresses');
  });
});
