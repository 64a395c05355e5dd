import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TargetReport } from '../../src/knowledge/types.js';
import { findStep } from '../../src/probe/types.js';
import { generateServerCertificate, type ServerCertificate } from '../support/certs.js';
import { uniqueLoopbackAddress } from '../support/loopbackPorts.js';
import { findingIds, probeTarget } from '../support/probeHelpers.js';
import { type RealServer, realServerSkipReason, startProftpd, TEST_USER } from '../support/realServers.js';

const skip = realServerSkipReason('proftpd');
const hostPort = (server: RealServer) => `${server.host}:${server.port}`;

function finding(report: TargetReport, id: string) {
  const found = report.diagnosis.findings.find((f) => f.id === id);
  if (!found) throw new Error(`no ${id} among ${findingIds(report).join(', ')}`);
  return found;
}

function problems(report: TargetReport): string[] {
  return report.diagnosis.findings.filter((f) => f.severity !== 'info').map((f) => f.id);
}

// ProFTPD's mod_tls with `TLSRequired on`, and with `TLSOptions UseImplicitSSL`.
describe.skipIf(skip !== null)(`real ProFTPD with mod_tls${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const hosts = { required: uniqueLoopbackAddress(), implicit: uniqueLoopbackAddress() };
  let cert: ServerCertificate;
  let required: RealServer;
  let implicit: RealServer;
  const user = { user: TEST_USER.name, password: TEST_USER.password };

  beforeAll(async () => {
    cert = await generateServerCertificate(Object.values(hosts));
    [required, implicit] = await Promise.all([
      startProftpd({
        host: hosts.required,
        anonymous: false,
        localUser: true,
        tls: { mode: 'explicit', certificate: cert, required: true },
      }),
      startProftpd({ host: hosts.implicit, tls: { mode: 'implicit', certificate: cert } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([required, implicit].map((server) => server?.stop()));
    await cert?.remove();
  });

  it('TLSRequired on, over TLS: login, MLSD over a resumed TLS data connection, exit 0', async () => {
    const report = await probeTarget(hostPort(required), { ...user, ca: cert.cert });
    expect(problems(report)).toEqual([]);
    expect(report.diagnosis.verdict.exitCode).toBe(0);
    expect(report.diagnosis.server.software).toBe('proftpd');
    const tls = findStep(report.probe, 'tls')!.data!;
    expect(tls).toMatchObject({
      protocol: 'TLSv1.3',
      trusted: true,
      nameMatches: true,
      dataProtection: 'private',
    });
    const transfer = findStep(report.probe, 'transfer')!.data!;
    expect(transfer.command).toBe('MLSD');
    expect(transfer.finalReply?.code).toBe(226);
    expect(transfer.tlsSessionReused).toBe(true);
    // mod_tls requires session reuse unless TLSOptions NoSessionReuseRequired; it refuses with 425.
    expect(transfer.reuseRequired).toBe(true);
    const reuse = finding(report, 'transfer.tls-session-reuse');
    // ProFTPD keeps the session after the refusal: QUIT is answered, nothing about a hang-up.
    expect(findStep(report.probe, 'quit')!.data!.reply?.code).toBe(221);
    expect(reuse.detail).not.toMatch(/closed the control connection/);
    expect(reuse.evidence).toContainEqual(expect.objectContaining({ kind: 'reply', code: 425 }));
    expect(
      reuse.fixes.some((f) => f.dialect === 'proftpd' && f.text.includes('NoSessionReuseRequired')),
    ).toBe(true);
  });

  // ProFTPD's mod_delay holds back the reply to a refused USER by several seconds (about 5 s
  // here), so this probe waits longer than the others; the CLI's default reply timeout is 10 s.
  it('TLSRequired on, --tls off → login.tls-required (550 "SSL/TLS required"), exit 6', async () => {
    const report = await probeTarget(hostPort(required), { ...user, tls: 'off', replyTimeoutMs: 10_000 });
    expect(findingIds(report)).toEqual(['login.tls-required']);
    const tlsRequired = finding(report, 'login.tls-required');
    expect(tlsRequired.evidence).toContainEqual(
      expect.objectContaining({ code: 550, text: 'SSL/TLS required on the control channel' }),
    );
    expect(report.diagnosis.verdict.exitCode).toBe(6);
  }, 20_000);

  it('ftps:// against the explicit port → tls.plain-port, exit 5', async () => {
    const report = await probeTarget(`ftps://${hostPort(required)}`, { tls: 'implicit' });
    expect(findingIds(report)).toEqual(['tls.plain-port']);
    expect(report.diagnosis.verdict.exitCode).toBe(5);
  });

  it('UseImplicitSSL: ftps:// works anonymously over TLS, exit 0', async () => {
    const report = await probeTarget(`ftps://${hostPort(implicit)}`, { tls: 'implicit', ca: cert.cert });
    expect(problems(report)).toEqual([]);
    expect(report.diagnosis.verdict.exitCode).toBe(0);
    expect(findStep(report.probe, 'tls')!.data!.mode).toBe('implicit');
    expect(findStep(report.probe, 'transfer')!.data!.tlsSessionReused).toBe(true);
  });

  it('UseImplicitSSL, plain ftp:// → banner.implicit-tls-port, exit 4', async () => {
    const report = await probeTarget(hostPort(implicit), { replyTimeoutMs: 1000 });
    expect(findingIds(report)).toEqual(['banner.implicit-tls-port']);
    expect(findStep(report.probe, 'banner')!.data!.implicitTlsCheck?.outcome).toBe('handshake-completed');
    expect(report.diagnosis.verdict.exitCode).toBe(4);
  });
});
