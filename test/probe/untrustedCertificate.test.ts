import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findStep } from '../../src/probe/types.js';
import { generateServerCertificate, type ServerCertificate } from '../support/certs.js';
import { probeFake } from '../support/probeHelpers.js';

// A server that cannot prove who it is must not be sent a user name or password: TLS to an
// unauthenticated peer does not protect them from a man in the middle (RFC 4217 §8, RFC 9525).
let wrongName: ServerCertificate;
let rightName: ServerCertificate;
beforeAll(async () => {
  wrongName = await generateServerCertificate(['ftp.test.invalid']);
  rightName = await generateServerCertificate(['127.0.0.1']);
});
afterAll(async () => {
  await wrongName?.remove();
  await rightName?.remove();
});

describe('an FTPS server whose certificate does not verify', () => {
  it('gets no USER or PASS without --insecure, and the verdict is a TLS failure (5)', async () => {
    const report = await probeFake(
      { tls: { cert: wrongName.cert, key: wrongName.key } },
      { user: 'bob', password: 'secret', tls: 'explicit' },
    );
    expect(report.server.commandsSeen.some((c) => c.startsWith('USER') || c.startsWith('PASS'))).toBe(false);
    expect(findStep(report.probe, 'login')?.ran).toBe(false);
    expect(report.diagnosis.verdict.exitCode).toBe(5);
  });

  it('with --insecure the probe goes on, and still reports the certificate', async () => {
    const report = await probeFake(
      { tls: { cert: wrongName.cert, key: wrongName.key }, users: { bob: 'secret' } },
      { user: 'bob', password: 'secret', tls: 'explicit', insecure: true },
    );
    expect(report.server.commandsSeen).toContain('PASS ****');
    expect(findStep(report.probe, 'login')?.data?.loggedIn).toBe(true);
    expect(report.diagnosis.findings.some((f) => f.id.startsWith('tls.'))).toBe(true);
  });

  it('a chain that verifies (--ca) with a name that does not match is a name problem, not a trust problem', async () => {
    const report = await probeFake(
      { tls: { cert: wrongName.cert, key: wrongName.key } },
      { tls: 'explicit', ca: wrongName.cert },
    );
    const tls = findStep(report.probe, 'tls')?.data;
    expect(tls?.nameMatches).toBe(false);
    expect(tls?.trusted).toBe(true);
  });

  it('a certificate that names the server and is trusted lets the login go on', async () => {
    const report = await probeFake(
      { tls: { cert: rightName.cert, key: rightName.key } },
      { tls: 'explicit', ca: rightName.cert },
    );
    expect(findStep(report.probe, 'login')?.data?.loggedIn).toBe(true);
  });
});
