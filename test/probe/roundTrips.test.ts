import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findStep } from '../../src/probe/types.js';
import { generateServerCertificate, type ServerCertificate } from '../support/certs.js';
import { probeFake } from '../support/probeHelpers.js';

/** count: how often a command without argument was sent (EPSV ALL, sent with QUIT, is not EPSV). */
const count = (commands: readonly string[], verb: string): number =>
  commands.filter((c) => c === verb).length;

const transcriptText = (report: Awaited<ReturnType<typeof probeFake>>): string =>
  report.probe.transcript.map((entry) => entry.text).join('\n');

// The probe spends as few round trips as it can. The EPSV test connection carries the
// listing when the data channel is plain (no second EPSV, no second connect), and PASV is tested
// on a second control connection at the same time, falling back to the first one when the
// server will not have a second.
describe('round trips', () => {
  it('one EPSV for test and listing; PASV on a second control connection', async () => {
    const report = await probeFake({}, { tls: 'off' });
    expect(report.diagnosis.verdict.exitCode).toBe(0);
    const sent = report.server.commandsSeen;
    expect([count(sent, 'EPSV'), count(sent, 'PASV'), count(sent, 'MLSD')]).toEqual([1, 1, 1]);
    expect(report.server.connections).toBe(2);
    // One data connection for the EPSV test and the listing together, one for the PASV test.
    expect(report.server.dataConnectionsAccepted).toBe(2);
    const epsv = findStep(report.probe, 'epsv')!;
    const pasv = findStep(report.probe, 'pasv')!;
    const transfer = findStep(report.probe, 'transfer')!;
    expect(transfer.data).toMatchObject({ via: 'epsv', dataPort: epsv.data?.port, dataConnected: true });
    expect(transfer.data?.entries).toBeGreaterThan(0);
    expect(pasv.data?.portTest?.outcome).toBe('open');
    expect(pasv.exchanges.map((e) => [e.command, e.replies.at(-1)?.code])).toEqual([['PASV', 227]]);
    expect(transcriptText(report)).toContain('second connection > PASV');
  });

  it('with --samples the listing asks for a fresh EPSV port (a new EPSV drops the pending one)', async () => {
    const report = await probeFake({}, { tls: 'off', samples: 3 });
    expect(report.diagnosis.verdict.exitCode).toBe(0);
    const sent = report.server.commandsSeen;
    expect([count(sent, 'EPSV'), count(sent, 'PASV')]).toEqual([4, 3]);
    expect(findStep(report.probe, 'pasv')?.data?.samples).toHaveLength(3);
  });

  it('EPSV refused: the listing goes over a fresh PASV port on the first connection', async () => {
    const report = await probeFake({ replies: { EPSV: '500 EPSV not understood' } }, { tls: 'off' });
    expect(report.diagnosis.verdict.exitCode).toBe(0);
    const sent = report.server.commandsSeen;
    expect([count(sent, 'EPSV'), count(sent, 'PASV'), count(sent, 'MLSD')]).toEqual([1, 2, 1]);
    expect(findStep(report.probe, 'transfer')?.data?.via).toBe('pasv');
  });

  it('--single-connection: one control connection, PASV tested on it after the listing', async () => {
    const report = await probeFake({}, { tls: 'off', singleConnection: true });
    expect(report.diagnosis.verdict.exitCode).toBe(0);
    expect(report.server.connections).toBe(1);
    expect(findStep(report.probe, 'pasv')?.data?.portTest?.outcome).toBe('open');
    expect(transcriptText(report)).not.toContain('second connection');
  });

  it('a server that allows one connection (421 to the second): PASV is tested on the first', async () => {
    const report = await probeFake({ maxConnections: 1 }, { tls: 'off' });
    expect(report.diagnosis.verdict.exitCode).toBe(0);
    expect(report.server.connections).toBe(2);
    const pasv = findStep(report.probe, 'pasv')!;
    expect(pasv.data?.portTest?.outcome).toBe('open');
    expect(count(report.server.commandsSeen, 'PASV')).toBe(1);
    expect(transcriptText(report)).toContain('second connection < 421');
    expect(report.diagnosis.findings.map((f) => f.id)).not.toContain('connect.too-many');
  });

  it('a login refused to the second connection: PASV is tested on the first', async () => {
    let logins = 0;
    const report = await probeFake(
      { replies: { USER: () => (++logins > 1 ? '530 This account is already logged in' : undefined) } },
      { tls: 'off' },
    );
    expect(report.diagnosis.verdict.exitCode).toBe(0);
    expect(findStep(report.probe, 'pasv')?.data?.portTest?.outcome).toBe('open');
    expect(count(report.server.commandsSeen, 'PASV')).toBe(1);
  });

  it('a failed login opens no second connection', async () => {
    const report = await probeFake(
      { users: { alice: 'right' } },
      { tls: 'off', user: 'alice', password: 'wrong' },
    );
    expect(report.diagnosis.verdict.exitCode).toBe(6);
    expect(report.server.connections).toBe(1);
  });

  describe('with TLS', () => {
    let cert: ServerCertificate;
    beforeAll(async () => {
      cert = await generateServerCertificate(['127.0.0.1', 'localhost']);
    });
    afterAll(async () => {
      await cert?.remove();
    });

    it('keeps to one control connection (a second TLS session would cost more than it saves)', async () => {
      const report = await probeFake({ tls: { cert: cert.cert, key: cert.key } }, { ca: cert.cert });
      expect(report.diagnosis.verdict.exitCode).toBe(0);
      expect(report.server.connections).toBe(1);
      expect(findStep(report.probe, 'pasv')?.data?.portTest?.outcome).toBe('open');
    });
  });
});
