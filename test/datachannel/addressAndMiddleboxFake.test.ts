import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeCommandContext } from '../../src/fakeServer/fakeServerScript.js';
import { findStep } from '../../src/probe/types.js';
import { classifyAdvertisedAddress } from '../../src/protocol/address.js';
import { generateServerCertificate, type ServerCertificate } from '../support/certs.js';
import { findingIds, offLoopback, probeFake } from '../support/probeHelpers.js';

describe('address classes with advice of their own', () => {
  it.each([
    { input: '172.17.0.2', expected: 'docker-bridge' },
    { input: '172.17.255.254', expected: 'docker-bridge' },
    { input: '172.18.0.2', expected: 'private' },
    { input: '172.16.0.1', expected: 'private' },
    { input: '100.64.0.1', expected: 'shared' },
  ])('$input is $expected', ({ input, expected }) => {
    expect(classifyAdvertisedAddress(input, '203.0.113.7')).toBe(expected);
  });

  it('a server in a Docker container: its bridge address is named, with the publish-1:1 advice', async () => {
    const report = await probeFake({ pasvAdvertise: '172.17.0.3' }, { tls: 'off' });
    const found = report.diagnosis.findings.find((f) => f.id === 'pasv.address-docker-bridge');
    expect(found?.detail).toContain('container');
    expect(found?.fixes.map((fix) => fix.text).join('\n')).toContain('-p 50000-50100:50000-50100');
    expect(findingIds(report)).not.toContain('pasv.address-private');
  });

  it('carrier-grade NAT: the 100.64/10 address gets the provider-NAT advice', async () => {
    // The provider-NAT advice is for the network; a loopback probe gets none, so it is judged as if
    // the server had been reached on a routed address.
    const report = offLoopback(await probeFake({ pasvAdvertise: '100.72.1.2' }, { tls: 'off' }));
    const found = report.diagnosis.findings.find((f) => f.id === 'pasv.address-shared');
    expect(found?.fixes.map((fix) => fix.text).join('\n')).toContain('RFC 6598');
  });
});

describe('plain and TLS PASV compared (fake server)', () => {
  let cert: ServerCertificate;
  beforeAll(async () => {
    cert = await generateServerCertificate(['127.0.0.1']);
  });
  afterAll(async () => {
    await cert?.remove();
  });
  const tls = () => ({ tls: { cert: cert.cert, key: cert.key } });
  /** A 227 naming `address` for a port that really works. */
  const pasvNaming =
    (address: (context: FakeCommandContext) => string) => async (context: FakeCommandContext) => {
      const port = await context.openPassivePort();
      return `227 Entering Passive Mode (${address(context).replaceAll('.', ',')},${port >> 8},${port & 255}).`;
    };

  it('a reply that differs with and without TLS names a rewriting device on the path', async () => {
    const report = await probeFake(
      { ...tls(), replies: { PASV: pasvNaming((c) => (c.session.secure ? '10.0.0.5' : '127.0.0.1')) } },
      { ca: cert.cert },
    );
    const middlebox = findStep(report.probe, 'middlebox')?.data;
    expect(middlebox).toMatchObject({
      tlsAdvertisedHost: '10.0.0.5',
      plainAdvertisedHost: '127.0.0.1',
      rewritten: true,
    });
    const found = report.diagnosis.findings.find((f) => f.id === 'middlebox.pasv-rewritten');
    expect(found?.detail).toContain('FTP helper');
    // The router's advice is for the network; a loopback probe gets none, so it is read off the
    // same probe judged as if the server had been reached on a routed address.
    const routed = offLoopback(report).diagnosis.findings.find((f) => f.id === 'middlebox.pasv-rewritten');
    expect(routed?.fixes.map((fix) => fix.title).join('\n')).toContain('FTP ALG');
  });

  it('the same (private) address both ways: compared, and no rewriting reported', async () => {
    const report = await probeFake(
      { ...tls(), replies: { PASV: pasvNaming(() => '10.0.0.5') } },
      { ca: cert.cert },
    );
    expect(findStep(report.probe, 'middlebox')?.data?.rewritten).toBe(false);
    expect(findingIds(report)).not.toContain('middlebox.pasv-rewritten');
  });

  it('an account is not sent in clear for the comparison unless --compare-plain', async () => {
    const users = { users: { alice: 'secret' } };
    const script = { ...tls(), ...users, replies: { PASV: pasvNaming(() => '10.0.0.5') } };
    const without = await probeFake(script, { ca: cert.cert, user: 'alice', password: 'secret' });
    expect(findStep(without.probe, 'middlebox')).toBeUndefined();
    expect(without.server.commandsSeen.filter((c) => c.startsWith('USER'))).toHaveLength(1);
    const allowed = await probeFake(script, {
      ca: cert.cert,
      user: 'alice',
      password: 'secret',
      comparePlain: true,
    });
    expect(findStep(allowed.probe, 'middlebox')?.data?.rewritten).toBe(false);
  });

  it('a TLS PASV that names the control address is not compared: no extra session', async () => {
    const report = await probeFake(tls(), { ca: cert.cert });
    expect(findStep(report.probe, 'middlebox')).toBeUndefined();
    expect(report.server.connections).toBe(1);
  });
});

describe('a server that breaks with TLS session resumption (fake server)', () => {
  let cert: ServerCertificate;
  beforeAll(async () => {
    cert = await generateServerCertificate(['127.0.0.1']);
  });
  afterAll(async () => {
    await cert?.remove();
  });

  it('the resumed listing fails, a new session works: named as refused resumption, exit 9', async () => {
    const report = await probeFake(
      { tls: { cert: cert.cert, key: cert.key, refuseResumedSessions: true } },
      { ca: cert.cert },
    );
    expect(findStep(report.probe, 'transfer')?.data?.resumptionRefused).toBe(true);
    const found = report.diagnosis.findings.find((f) => f.id === 'tls.data-resumption-refused');
    expect(found?.detail).toContain('curl --no-sessionid');
    expect(report.diagnosis.verdict.exitCode).toBe(9);
  });

  it('a server that requires resumption is not mistaken for one that refuses it', async () => {
    const report = await probeFake(
      { tls: { cert: cert.cert, key: cert.key, requireSessionReuse: true } },
      { ca: cert.cert },
    );
    expect(findStep(report.probe, 'transfer')?.data?.resumptionRefused).toBeUndefined();
    expect(findingIds(report)).not.toContain('tls.data-resumption-refused');
  });
});
