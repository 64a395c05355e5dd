import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findStep } from '../../src/probe/types.js';
import { renderHuman } from '../../src/report/formats/human.js';
import { plainStyle } from '../../src/report/text/style.js';
import { generateServerCertificate, type ServerCertificate } from '../support/certs.js';
import { uniqueLoopbackAddress } from '../support/loopbackPorts.js';
import { findingIds, probeTarget } from '../support/probeHelpers.js';
import { type RealServer, realServerSkipReason, startPureFtpd, TEST_USER } from '../support/realServers.js';

const skip = realServerSkipReason('pure-ftpd');

// Debian's Pure-FTPd with TLS required (--tls=2), local user.
describe.skipIf(skip !== null)(`real Pure-FTPd with TLS${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const host = uniqueLoopbackAddress();
  let cert: ServerCertificate;
  let server: RealServer;
  const user = { user: TEST_USER.name, password: TEST_USER.password };
  const target = () => `${server.host}:${server.port}`;

  beforeAll(async () => {
    cert = await generateServerCertificate([host]);
    server = await startPureFtpd({
      host,
      anonymous: false,
      localUser: true,
      tls: { mode: 'explicit', certificate: cert, required: true },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await cert?.remove();
  });

  it('over TLS: works, exit 0; the data connection was not resumed and Pure-FTPd accepts that (no reuse finding)', async () => {
    const report = await probeTarget(target(), { ...user, ca: cert.cert });
    expect(report.diagnosis.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(report.diagnosis.verdict.exitCode).toBe(0);
    expect(findStep(report.probe, 'tls')!.data!).toMatchObject({
      protocol: 'TLSv1.3',
      trusted: true,
      nameMatches: true,
      dataProtection: 'private',
    });
    const transfer = findStep(report.probe, 'transfer')!.data!;
    expect(transfer.finalReply?.code).toBe(226);
    // Stock Pure-FTPd does not insist on session reuse (ONLY_ACCEPT_REUSED_SSL_SESSIONS is 0).
    expect(transfer.tlsSessionReused).toBe(false);
    expect(transfer.reuseRequired).toBeNull();
    expect(findingIds(report)).not.toContain('transfer.tls-session-reuse');
    const text = renderHuman(report, { style: plainStyle, verbosity: 1, fixDialects: null });
    expect(text).toMatch(/did\s+not\s+resume\s+the\s+control\s+TLS\s+session/);
  });

  it('--tls off → 421 "cleartext sessions … not accepted" is login.tls-required, exit 6', async () => {
    const report = await probeTarget(target(), { ...user, tls: 'off' });
    expect(findingIds(report)).toEqual(['login.tls-required']);
    expect(report.diagnosis.findings[0]!.evidence).toContainEqual(expect.objectContaining({ code: 421 }));
    expect(report.diagnosis.verdict.exitCode).toBe(6);
  });
});
