import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findStep } from '../../src/probe/types.js';
import { generateTestCertificates } from '../support/certs.js';
import { findingIds, probeTarget } from '../support/probeHelpers.js';
import { type RealServer, realServerSkipReason, startVsftpd } from '../support/realServers.js';

const skip = realServerSkipReason('vsftpd');

// A common real-world vsftpd: ssl_enable=YES with anonymous access and vsftpd's default
// allow_anon_ssl=NO. ftp-doctor (TLS auto) secures the channel, then vsftpd refuses anonymous.
describe.skipIf(skip !== null)(
  `vsftpd with TLS and allow_anon_ssl=NO${skip ? ` (skipped: ${skip})` : ''}`,
  () => {
    let server: RealServer;
    beforeAll(async () => {
      const certs = await generateTestCertificates();
      server = await startVsftpd({
        tls: { mode: 'explicit', certificate: certs.selfSigned, allowAnonymousTls: false },
      });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('TLS auto: the refusal is reported and the probe goes on without TLS (anonymous FTP works)', async () => {
      const report = await probeTarget(`${server.host}:${server.port}`, {
        insecure: true,
        replyTimeoutMs: 8000,
      });
      const ids = findingIds(report);
      expect(ids).toContain('login.anonymous-tls-refused');
      expect(ids).not.toContain('login.anonymous-refused');
      const finding = report.diagnosis.findings.find((f) => f.id === 'login.anonymous-tls-refused')!;
      expect(finding.severity).toBe('warning');
      expect(finding.detail).toMatch(/allow_anon_ssl/);
      expect(finding.fixes.map((f) => f.text).join('\n')).toMatch(/allow_anon_ssl=YES/);
      expect(findStep(report.probe, 'transfer')?.ran).toBe(true);
      expect(report.diagnosis.verdict.exitCode).toBe(0);
    });

    it('TLS explicit (required): no fallback — the anonymous refusal fails the login, exit 6', async () => {
      const report = await probeTarget(`${server.host}:${server.port}`, {
        tls: 'explicit',
        insecure: true,
        replyTimeoutMs: 8000,
      });
      expect(findingIds(report)).toContain('login.anonymous-tls-refused');
      expect(report.diagnosis.verdict.exitCode).toBe(6);
    });

    it('with --tls off the same server works for anonymous users', async () => {
      const report = await probeTarget(`${server.host}:${server.port}`, { tls: 'off' });
      expect(report.diagnosis.verdict.exitCode).toBe(0);
    });
  },
);
