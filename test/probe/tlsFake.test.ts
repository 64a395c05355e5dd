import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeServerScript, FakeTlsOptions } from '../../src/fakeServer/fakeServerScript.js';
import type { TargetReport } from '../../src/knowledge/types.js';
import { findStep } from '../../src/probe/types.js';
import { generateServerCertificate, type ServerCertificate } from '../support/certs.js';
import { findingIds, probeFake } from '../support/probeHelpers.js';

// TLS failure modes and session resumption, driven by the fake server (RFC 4217).
let cert: ServerCertificate;
beforeAll(async () => {
  // The fake server listens on 127.0.0.1; the certificate names it and stays valid for 400 days,
  // so with --ca pinned a working TLS session shows no finding at all.
  cert = await generateServerCertificate(['127.0.0.1', 'localhost']);
});
afterAll(async () => {
  await cert?.remove();
});

function tls(extra: FakeTlsOptions = {}): FakeTlsOptions {
  return { cert: cert.cert, key: cert.key, ...extra };
}

function finding(report: TargetReport, id: string) {
  const found = report.diagnosis.findings.find((f) => f.id === id);
  if (!found) throw new Error(`no ${id} among ${findingIds(report).join(', ')}`);
  return found;
}

function problems(report: TargetReport): string[] {
  return report.diagnosis.findings.filter((f) => f.severity !== 'info').map((f) => f.id);
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await run();
  return { value, ms: Date.now() - started };
}

describe('a healthy FTPS server', () => {
  it('AUTH TLS, PBSZ/PROT P, and a TLS 1.3 data connection that really resumed the control session', async () => {
    // requireSessionReuse makes the fake server check isSessionReused() on its side of the data
    // connection: a 226 for the first listing proves the resumption from the server's view too.
    const report = await probeFake({ tls: tls({ requireSessionReuse: true }) }, { ca: cert.cert });
    expect(problems(report)).toEqual([]);
    expect(report.diagnosis.verdict.exitCode).toBe(0);
    const tlsData = findStep(report.probe, 'tls')!.data!;
    expect(tlsData.protocol).toBe('TLSv1.3');
    expect(tlsData.trusted).toBe(true);
    expect(tlsData.nameMatches).toBe(true);
    expect(tlsData.dataProtection).toBe('private');
    const transfer = findStep(report.probe, 'transfer')!.data!;
    expect(transfer.finalReply?.code).toBe(226);
    expect(transfer.protectedByTls).toBe(true);
    expect(transfer.tlsSessionReused).toBe(true);
    expect(transfer.reuseRequired).toBe(true);
    const reuse = finding(report, 'transfer.tls-session-reuse');
    expect(reuse.severity).toBe('info');
    expect(reuse.evidence).toContainEqual(
      expect.objectContaining({ code: 522, text: 'SSL connection failed: session reuse required' }),
    );
    const sent = report.server.commandsSeen;
    expect(sent.indexOf('AUTH TLS')).toBeLessThan(sent.indexOf('USER anonymous'));
    expect(sent).toEqual(expect.arrayContaining(['PBSZ 0', 'PROT P']));
  });

  it('a server that does not insist on reuse: resumed anyway, reuseRequired false, no reuse finding', async () => {
    const report = await probeFake({ tls: tls() }, { ca: cert.cert });
    expect(problems(report)).toEqual([]);
    const transfer = findStep(report.probe, 'transfer')!.data!;
    expect(transfer.tlsSessionReused).toBe(true);
    expect(transfer.reuseRequired).toBe(false);
    expect(findingIds(report)).not.toContain('transfer.tls-session-reuse');
    // Two listings: the resumed one, then the check without resumption, both accepted.
    expect(report.server.commandsSeen.filter((c) => c === 'LIST' || c === 'MLSD')).toHaveLength(2);
  });

  it('implicit TLS (ftps://): the handshake comes first, then the greeting', async () => {
    const report = await probeFake({ tls: tls({ implicit: true }) }, { tls: 'implicit', ca: cert.cert });
    expect(problems(report)).toEqual([]);
    expect(findStep(report.probe, 'tls')!.data!).toMatchObject({ mode: 'implicit', authReply: null });
    expect(report.probe.steps.map((s) => s.name).slice(0, 4)).toEqual([
      'resolve',
      'connect',
      'tls',
      'banner',
    ]);
    expect(report.server.commandsSeen).not.toContain('AUTH TLS');
  });
});

describe('handshake failures', () => {
  const rows: readonly {
    title: string;
    handshake: 'stall' | 'garbage';
    implicit: boolean;
    id: string;
  }[] = [
    {
      title: 'AUTH TLS, then a handshake that stalls',
      handshake: 'stall',
      implicit: false,
      id: 'tls.handshake-failed',
    },
    {
      title: 'AUTH TLS, then bytes that are no ServerHello',
      handshake: 'garbage',
      implicit: false,
      id: 'tls.handshake-failed',
    },
    { title: 'implicit TLS that stalls', handshake: 'stall', implicit: true, id: 'tls.handshake-failed' },
  ];
  it.each(rows)('$title → $id, exit 5, within the reply timeout', async ({ handshake, implicit, id }) => {
    const script: FakeServerScript = { tls: { handshake, implicit } };
    const { value: report, ms } = await timed(() =>
      probeFake(script, { tls: implicit ? 'implicit' : 'auto', replyTimeoutMs: 1000 }),
    );
    expect(ms).toBeLessThan(4000);
    expect(findingIds(report)).toEqual([id]);
    expect(report.diagnosis.verdict.exitCode).toBe(5);
    const failure = findStep(report.probe, 'tls')!.data!.failure;
    expect(failure).toMatchObject({ kind: 'transport', channel: 'control', failure: 'tls' });
    if (handshake === 'stall') expect(failure?.message).toMatch(/not finished within 1000 ms/);
    // Nothing was sent in clear after the failed handshake: no USER, no PASS.
    expect(report.server.commandsSeen.some((c) => c.startsWith('USER'))).toBe(false);
    expect(report.probe.steps.filter((s) => s.name === 'login' && s.ran)).toEqual([]);
  });
});

describe('refusals around TLS', () => {
  const refusedAuth = (): FakeServerScript => ({
    tls: tls(),
    replies: { AUTH: '534 Policy forbids TLS here.' },
  });

  it('AUTH TLS refused with --tls auto → a warning, the probe goes on in clear, exit 0', async () => {
    const report = await probeFake(refusedAuth());
    const refused = finding(report, 'tls.auth-refused');
    expect(refused.severity).toBe('warning');
    expect(refused.detail).toMatch(/534/);
    expect(report.diagnosis.verdict.exitCode).toBe(0);
    expect(findStep(report.probe, 'login')!.data!.loggedIn).toBe(true);
    expect(findStep(report.probe, 'transfer')!.data!.protectedByTls).toBe(false);
  });

  it('AUTH TLS refused with --tls explicit (ftpes://) → an error, no login in clear, exit 5', async () => {
    const report = await probeFake(refusedAuth(), { tls: 'explicit' });
    expect(finding(report, 'tls.auth-refused').severity).toBe('error');
    expect(report.diagnosis.verdict.exitCode).toBe(5);
    expect(report.server.commandsSeen.some((c) => c.startsWith('USER'))).toBe(false);
  });

  it('TLS required (ftpes://) of a server without TLS → AUTH TLS is tried anyway, refused: exit 5', async () => {
    const report = await probeFake({}, { tls: 'explicit' });
    const refused = finding(report, 'tls.auth-refused');
    expect(refused.severity).toBe('error');
    expect(refused.detail).toMatch(/TLS was required/);
    expect(report.diagnosis.verdict.exitCode).toBe(5);
    expect(report.server.commandsSeen.some((c) => c.startsWith('USER'))).toBe(false);
  });

  it('TLS not offered, --tls auto → tls.not-offered warns that credentials travel in clear, exit 0', async () => {
    const report = await probeFake({});
    expect(finding(report, 'tls.not-offered').severity).toBe('warning');
    expect(report.server.commandsSeen).not.toContain('AUTH TLS');
    expect(report.diagnosis.verdict.exitCode).toBe(0);
  });

  it('PROT P refused → tls.protection-refused (warning), the listing travels in clear, exit 0', async () => {
    const report = await probeFake(
      { tls: tls(), replies: { PROT: '536 Requested PROT level not supported by mechanism.' } },
      { ca: cert.cert },
    );
    const refused = finding(report, 'tls.protection-refused');
    expect(refused.severity).toBe('warning');
    expect(refused.evidence).toContainEqual(expect.objectContaining({ command: 'PROT P', code: 536 }));
    expect(findStep(report.probe, 'tls')!.data!.dataProtection).toBe('clear');
    const transfer = findStep(report.probe, 'transfer')!.data!;
    expect(transfer.finalReply?.code).toBe(226);
    expect(transfer.protectedByTls).toBe(false);
    expect(transfer.tlsSessionReused).toBeNull();
    expect(report.diagnosis.verdict.exitCode).toBe(0);
  });

  it('a server that wants TLS before USER, probed with --tls off → login.tls-required, exit 6', async () => {
    const report = await probeFake({ tls: tls({ requireTlsForLogin: true }) }, { tls: 'off' });
    expect(findingIds(report)).toEqual(['login.tls-required']);
    expect(report.diagnosis.verdict.exitCode).toBe(6);
    // The same server over TLS logs in.
    const secured = await probeFake({ tls: tls({ requireTlsForLogin: true }) }, { ca: cert.cert });
    expect(findStep(secured.probe, 'login')!.data!.loggedIn).toBe(true);
  });
});

describe('implicit/explicit mismatches', () => {
  it('ftps:// against a plain FTP port → tls.plain-port, advice ftpes://, exit 5', async () => {
    const report = await probeFake({ tls: tls() }, { tls: 'implicit' });
    expect(findingIds(report)).toEqual(['tls.plain-port']);
    expect(finding(report, 'tls.plain-port').fixes[0]!.text).toMatch(
      /^ftp-doctor ftpes:\/\/127\.0\.0\.1:\d+$/,
    );
    expect(report.diagnosis.verdict.exitCode).toBe(5);
  });

  it('plain ftp:// against an implicit port → detected on a second connection: banner.implicit-tls-port, exit 4', async () => {
    const { value: report, ms } = await timed(() =>
      probeFake({ tls: tls({ implicit: true }) }, { replyTimeoutMs: 800 }),
    );
    expect(ms).toBeLessThan(4000);
    expect(findingIds(report)).toEqual(['banner.implicit-tls-port']);
    expect(finding(report, 'banner.implicit-tls-port').fixes[0]!.text).toMatch(
      /^ftp-doctor ftps:\/\/127\.0\.0\.1:\d+$/,
    );
    expect(report.diagnosis.verdict.exitCode).toBe(4);
    const check = findStep(report.probe, 'banner')!.data!.implicitTlsCheck!;
    expect(check.outcome).toBe('handshake-completed');
    expect(check.protocol).toBe('TLSv1.3');
    // Two connections (the silent one, then the handshake), and no FTP command on either.
    expect(report.server.connections).toBe(2);
    expect(report.server.commandsSeen).toEqual([]);
  });

  it('a silent server that does not speak TLS either → banner.missing, the failed handshake recorded', async () => {
    const report = await probeFake({ greeting: { steps: [] } }, { replyTimeoutMs: 800 });
    expect(findingIds(report)).toEqual(['banner.missing']);
    const check = findStep(report.probe, 'banner')!.data!.implicitTlsCheck!;
    expect(check.outcome).toBe('handshake-failed');
    expect(check.failure).toMatchObject({ kind: 'transport', failure: 'tls' });
    expect(finding(report, 'banner.missing').detail).toMatch(/does not look like an implicit-FTPS port/);
    expect(report.diagnosis.verdict.exitCode).toBe(4);
  });

  it('an explicit-TLS probe (ftpes://) of an implicit port is detected the same way', async () => {
    const report = await probeFake(
      { tls: tls({ implicit: true }) },
      { tls: 'explicit', replyTimeoutMs: 800 },
    );
    expect(findingIds(report)).toEqual(['banner.implicit-tls-port']);
  });
});
