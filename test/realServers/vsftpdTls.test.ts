import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TargetReport } from '../../src/knowledge/types.js';
import { findStep } from '../../src/probe/types.js';
import {
  generateServerCertificate,
  generateTestCertificates,
  type ServerCertificate,
  type TestCertificates,
} from '../support/certs.js';
import { uniqueLoopbackAddress } from '../support/loopbackPorts.js';
import { findingIds, probeTarget } from '../support/probeHelpers.js';
import { type RealServer, realServerSkipReason, startVsftpd, TEST_USER } from '../support/realServers.js';
import { looksLikeStackTrace, runCli } from '../support/runCli.js';

const skip = realServerSkipReason('vsftpd');
const hostPort = (server: RealServer) => `${server.host}:${server.port}`;

function finding(report: TargetReport, id: string) {
  const found = report.diagnosis.findings.find((f) => f.id === id);
  if (!found) throw new Error(`no ${id} among ${findingIds(report).join(', ')}`);
  return found;
}

/** Findings that are not information: what a healthy FTPS server must not show. */
function problems(report: TargetReport): string[] {
  return report.diagnosis.findings.filter((f) => f.severity !== 'info').map((f) => f.id);
}

// FTPS against a real vsftpd, with certificates generated at test time. Each server
// listens on its own 127.x.y.1 address, and one self-signed certificate names all of them, so a
// probe that pins it with --ca sees a trusted certificate whose name matches.
describe.skipIf(skip !== null)(`real vsftpd with TLS${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const hosts = {
    explicit: uniqueLoopbackAddress(),
    implicit: uniqueLoopbackAddress(),
    required: uniqueLoopbackAddress(),
  };
  let cert: ServerCertificate;
  let shared: TestCertificates;
  let explicit: RealServer;
  let implicit: RealServer;
  let required: RealServer;
  let expired: RealServer;
  const user = { user: TEST_USER.name, password: TEST_USER.password };

  beforeAll(async () => {
    [cert, shared] = await Promise.all([
      generateServerCertificate([...Object.values(hosts), 'localhost']),
      generateTestCertificates(),
    ]);
    [explicit, implicit, required, expired] = await Promise.all([
      startVsftpd({ host: hosts.explicit, tls: { mode: 'explicit', certificate: cert } }),
      startVsftpd({ host: hosts.implicit, tls: { mode: 'implicit', certificate: cert } }),
      // force_local_logins_ssl=YES (and the data/anonymous twins) plus require_ssl_reuse=YES.
      startVsftpd({
        host: hosts.required,
        anonymous: false,
        localUser: true,
        tls: { mode: 'explicit', certificate: cert, required: true, requireSessionReuse: true },
      }),
      startVsftpd({ tls: { mode: 'explicit', certificate: shared.expired } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([explicit, implicit, required, expired].map((server) => server?.stop()));
    await cert?.remove();
    await shared?.remove();
  });

  describe('explicit FTPS (AUTH TLS), anonymous', () => {
    it('with the certificate pinned by --ca: trusted, names match, listing over TLS resumed, exit 0', async () => {
      const report = await probeTarget(hostPort(explicit), { ca: cert.cert });
      expect(problems(report)).toEqual([]);
      expect(report.diagnosis.verdict.exitCode).toBe(0);
      const tls = findStep(report.probe, 'tls')!.data!;
      expect(tls.mode).toBe('auto');
      expect(tls.authReply?.code).toBe(234);
      expect(tls.protocol).toBe('TLSv1.3');
      expect(tls.cipher).toMatch(/^TLS_/);
      expect(tls.handshakeMs).toBeGreaterThanOrEqual(0);
      expect(tls.trusted).toBe(true);
      expect(tls.nameMatches).toBe(true);
      expect(tls.certificate?.subject).toBe('CN=localhost');
      expect(tls.certificate?.subjectAltNames).toContain(`IP Address:${hosts.explicit}`);
      expect(tls.certificate?.selfSigned).toBe(true);
      expect(tls.certificate?.daysLeft).toBeGreaterThanOrEqual(398);
      expect(tls.pbszReply?.code).toBe(200);
      expect(tls.protReply?.code).toBe(200);
      expect(tls.dataProtection).toBe('private');
      const transfer = findStep(report.probe, 'transfer')!.data!;
      expect(transfer.finalReply?.code).toBe(226);
      expect(transfer.protectedByTls).toBe(true);
      expect(transfer.tlsSessionReused).toBe(true);
      // vsftpd's require_ssl_reuse defaults to YES once ssl_enable=YES.
      expect(transfer.reuseRequired).toBe(true);
      expect(findingIds(report)).toContain('transfer.tls-session-reuse');
      // vsftpd ends the session after refusing the non-resumed data connection, so that check
      // runs last: PASV was still tested on the live session.
      expect(findStep(report.probe, 'pasv')!.data!.portTest?.outcome).toBe('open');
    });

    it('self-signed and not pinned → tls.cert-self-signed, exit 5 (the name still matches)', async () => {
      const report = await probeTarget(hostPort(explicit));
      const selfSigned = finding(report, 'tls.cert-self-signed');
      expect(selfSigned.severity).toBe('error');
      expect(findingIds(report)).not.toContain('tls.cert-name-mismatch');
      expect(report.diagnosis.verdict.exitCode).toBe(5);
      expect(findStep(report.probe, 'tls')!.data!.trustError).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    });

    it('self-signed with --insecure → a warning, exit 0', async () => {
      const report = await probeTarget(hostPort(explicit), { insecure: true });
      expect(finding(report, 'tls.cert-self-signed').severity).toBe('warning');
      expect(report.diagnosis.verdict.exitCode).toBe(0);
      expect(report.diagnosis.verdict.status).toBe('warning');
    });

    it('the CLI: exit 5 without trust, 0 with --insecure, 0 and no finding with --ca', async () => {
      const [plain, insecure, pinned] = await Promise.all([
        runCli([hostPort(explicit)]),
        runCli([hostPort(explicit), '--insecure']),
        runCli([`ftpes://${hostPort(explicit)}`, '--ca', cert.certPath, '--json']),
      ]);
      expect(plain.code, plain.stdout).toBe(5);
      expect(plain.stdout).toMatch(/tls\.cert-self-signed/);
      expect(insecure.code, insecure.stdout).toBe(0);
      expect(insecure.stdout).toMatch(/tls\.cert-self-signed/);
      expect(pinned.code, pinned.stdout).toBe(0);
      const json = JSON.parse(pinned.stdout) as {
        targets: {
          tls: { mode: string; trusted: boolean; nameMatches: boolean };
          findings: { id: string }[];
        }[];
      };
      expect(json.targets[0]!.tls).toMatchObject({ mode: 'explicit', trusted: true, nameMatches: true });
      expect(json.targets[0]!.findings.map((f) => f.id)).not.toContain('tls.cert-self-signed');
      for (const run of [plain, insecure, pinned])
        expect(looksLikeStackTrace(run.stdout + run.stderr)).toBe(false);
    });

    it('ftps:// (implicit TLS) against this explicit port → tls.plain-port advising ftpes://, exit 5', async () => {
      const report = await probeTarget(`ftps://${hostPort(explicit)}`, { tls: 'implicit' });
      const plainPort = finding(report, 'tls.plain-port');
      expect(plainPort.detail).toMatch(/ftpes:\/\//);
      expect(plainPort.fixes.map((f) => f.text)).toContain(`ftp-doctor ftpes://${hostPort(explicit)}`);
      expect(report.diagnosis.verdict.exitCode).toBe(5);
      const skipped = report.probe.steps.filter((s) => !s.ran).map((s) => s.name);
      expect(skipped).toContain('login');
    });
  });

  describe('implicit FTPS (implicit_ssl=YES)', () => {
    it('ftps://host:port → TLS from the first byte, listing over TLS, exit 0', async () => {
      const report = await probeTarget(`ftps://${hostPort(implicit)}`, { tls: 'implicit', ca: cert.cert });
      expect(problems(report)).toEqual([]);
      expect(report.diagnosis.verdict.exitCode).toBe(0);
      const tls = findStep(report.probe, 'tls')!.data!;
      expect(tls.mode).toBe('implicit');
      expect(tls.authReply).toBeNull();
      expect(tls.trusted).toBe(true);
      expect(findStep(report.probe, 'banner')!.data!.greeting?.code).toBe(220);
      expect(findStep(report.probe, 'transfer')!.data!.tlsSessionReused).toBe(true);
    });

    it('plain ftp:// → the silent port is recognised as implicit FTPS (banner.implicit-tls-port), exit 4', async () => {
      const started = Date.now();
      const report = await probeTarget(hostPort(implicit), { replyTimeoutMs: 1000 });
      expect(Date.now() - started).toBeLessThan(5000);
      expect(findingIds(report)).toEqual(['banner.implicit-tls-port']);
      const implicitPort = finding(report, 'banner.implicit-tls-port');
      expect(implicitPort.fixes.map((f) => f.text)).toContain(`ftp-doctor ftps://${hostPort(implicit)}`);
      expect(report.diagnosis.verdict.exitCode).toBe(4);
      const check = findStep(report.probe, 'banner')!.data!.implicitTlsCheck;
      expect(check).toMatchObject({
        outcome: 'handshake-completed',
        protocol: 'TLSv1.3',
        notTriedReason: null,
      });
      expect(check!.handshakeMs).toBeGreaterThanOrEqual(0);
      expect(report.probe.transcript.some((e) => /trying a TLS handshake/.test(e.text))).toBe(true);
    });

    it('the CLI: ftps:// means implicit TLS (exit 0); ftp:// on the same port names the implicit port (exit 4)', async () => {
      const [secure, plain] = await Promise.all([
        runCli([`ftps://${hostPort(implicit)}`, '--ca', cert.certPath, '--json']),
        runCli([`ftp://${hostPort(implicit)}`, '--reply-timeout', '1s']),
      ]);
      expect(secure.code, secure.stdout).toBe(0);
      const json = JSON.parse(secure.stdout) as { targets: { tls: { mode: string; trusted: boolean } }[] };
      expect(json.targets[0]!.tls).toMatchObject({ mode: 'implicit', trusted: true });
      expect(plain.code, plain.stdout).toBe(4);
      expect(plain.stdout).toContain('banner.implicit-tls-port');
      expect(plain.stdout).toContain(`ftp-doctor ftps://${hostPort(implicit)}`);
    });

    it('plain ftp:// with --tls off → no TLS is tried: banner.missing with the ftps:// hint, exit 4', async () => {
      const report = await probeTarget(hostPort(implicit), { tls: 'off', replyTimeoutMs: 1000 });
      expect(findingIds(report)).toEqual(['banner.missing']);
      expect(finding(report, 'banner.missing').detail).toMatch(/ftps:\/\//);
      expect(findStep(report.probe, 'banner')!.data!.implicitTlsCheck).toMatchObject({
        outcome: 'not-tried',
        notTriedReason: 'TLS disabled (--tls off)',
      });
      expect(report.diagnosis.verdict.exitCode).toBe(4);
    });
  });

  describe('force_local_logins_ssl=YES and require_ssl_reuse=YES, local user', () => {
    it('over TLS: the listing works because ftp-doctor resumes the session, and the report says the server requires it', async () => {
      const report = await probeTarget(hostPort(required), { ...user, ca: cert.cert });
      expect(problems(report)).toEqual([]);
      expect(report.diagnosis.verdict.exitCode).toBe(0);
      expect(findStep(report.probe, 'login')!.data!.loggedIn).toBe(true);
      const transfer = findStep(report.probe, 'transfer')!.data!;
      expect(transfer.finalReply?.code).toBe(226);
      expect(transfer.entries).toBeGreaterThanOrEqual(1);
      expect(transfer.tlsSessionReused).toBe(true);
      expect(transfer.reuseRequired).toBe(true);
      const reuse = finding(report, 'transfer.tls-session-reuse');
      expect(reuse.severity).toBe('info');
      // The refusal of the non-resumed data connection is the evidence, in vsftpd's words.
      expect(reuse.detail).toContain('522');
      // vsftpd hangs up after that refusal; the finding says why QUIT got no answer.
      expect(reuse.detail).toMatch(/vsftpd ends the whole session/);
      expect(reuse.evidence).toContainEqual(
        expect.objectContaining({
          kind: 'reply',
          code: 522,
          text: 'SSL connection failed: session reuse required',
        }),
      );
      expect(reuse.fixes.some((f) => f.dialect === 'vsftpd' && f.text.includes('require_ssl_reuse=NO'))).toBe(
        true,
      );
    });

    it('with --tls off → login.tls-required (the 530 names encryption), exit 6', async () => {
      const report = await probeTarget(hostPort(required), { ...user, tls: 'off' });
      expect(findingIds(report)).toEqual(['login.tls-required']);
      const tlsRequired = finding(report, 'login.tls-required');
      expect(tlsRequired.evidence).toContainEqual(
        expect.objectContaining({ code: 530, text: 'Non-anonymous sessions must use encryption.' }),
      );
      expect(tlsRequired.fixes.map((f) => f.text)).toContain(`ftp-doctor ftpes://${hostPort(required)}`);
      expect(report.diagnosis.verdict.exitCode).toBe(6);
    });
  });

  describe('expired certificate (CA-signed, valid 2020-01-01 to 2020-01-02)', () => {
    it('→ tls.cert-expired, exit 5; --insecure makes it a warning, exit 0', async () => {
      const report = await probeTarget(hostPort(expired), { ca: shared.expired.caCert! });
      const expiredFinding = finding(report, 'tls.cert-expired');
      expect(expiredFinding.severity).toBe('error');
      expect(expiredFinding.detail).toMatch(/expired on 2020-01-02/);
      // With the CA pinned the chain is fine: the date is the only trust problem.
      expect(findStep(report.probe, 'tls')!.data!.trustError).toBe('CERT_HAS_EXPIRED');
      expect(findingIds(report)).not.toContain('tls.cert-untrusted');
      expect(report.diagnosis.verdict.exitCode).toBe(5);

      const insecure = await probeTarget(hostPort(expired), { insecure: true });
      expect(finding(insecure, 'tls.cert-expired').severity).toBe('warning');
      expect(insecure.diagnosis.verdict.exitCode).toBe(0);
    });
  });
});
