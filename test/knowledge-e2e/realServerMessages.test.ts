import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, TargetReport } from '../../src/knowledge/types.js';
import { findingIds, probeTarget } from '../support/probeHelpers.js';
import {
  type RealServer,
  type RealServerName,
  type RealServerOptions,
  realServerSkipReason,
  START_REAL_SERVER,
  TEST_USER,
} from '../support/realServers.js';

// Real servers say more than their reply codes. For texts they produce on cue, the
// finding's detail must explain that text (src/knowledge/servers/knownMessages.ts), not only the code.
// Failed logins are slow on purpose (PAM on vsftpd, Pure-FTPd's own delay): those tests wait.

const target = (server: RealServer) => `${server.host}:${server.port}`;

function findingOf(report: TargetReport, id: string): Finding {
  const found = report.diagnosis.findings.find((f) => f.id === id);
  if (!found) throw new Error(`no ${id} among ${findingIds(report).join(', ')}`);
  return found;
}

/** withServer starts one real server for a describe block and stops it afterwards. */
function withServer(name: RealServerName, options: RealServerOptions): () => RealServer {
  let server: RealServer | undefined;
  beforeAll(async () => {
    server = await START_REAL_SERVER[name](options);
  });
  afterAll(async () => {
    await server?.stop();
  });
  return () => server!;
}

/**
 * holdConnection opens a control connection and resolves once it holds a 220 greeting. A server
 * may still count a connection that just closed (vsftpd reaps its children asynchronously, and
 * the harness's readiness check was one), so a refused attempt is retried for a moment.
 */
async function holdConnection(server: RealServer): Promise<Socket> {
  for (let attempt = 0; attempt < 30; attempt++) {
    const socket = connect(server.port, server.host);
    const first = await new Promise<string>((resolve) => {
      socket.once('error', () => resolve(''));
      socket.once('close', () => resolve(''));
      socket.once('data', (chunk: Buffer) => resolve(chunk.toString('latin1')));
    });
    if (first.startsWith('220')) return socket;
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${server.name} never let a first client in`);
}

const vsftpdSkip = realServerSkipReason('vsftpd');
const proftpdSkip = realServerSkipReason('proftpd');
const pureSkip = realServerSkipReason('pure-ftpd');

describe.skipIf(vsftpdSkip !== null)(
  `vsftpd's own words${vsftpdSkip ? ` (skipped: ${vsftpdSkip})` : ''}`,
  () => {
    describe('pasv_enable=NO', () => {
      const server = withServer('vsftpd', { pasvDisabled: true });

      it('"550 Permission denied." to EPSV and PASV is explained as pasv_enable=NO, with the vsftpd fix', async () => {
        const report = await probeTarget(target(server()), { tls: 'off' });
        const none = findingOf(report, 'passive.none');
        expect(none.evidence).toEqual([
          { kind: 'reply', command: 'EPSV', code: 550, text: 'Permission denied.' },
          { kind: 'reply', command: 'PASV', code: 550, text: 'Permission denied.' },
        ]);
        expect(none.detail).toMatch(/PASV and EPSV with pasv_enable=NO/);
        // Both replies say the same: explained once.
        expect(none.detail.match(/pasv_enable=NO/g)).toHaveLength(1);
        expect(
          none.fixes.find((f) => f.dialect === 'vsftpd' && /^pasv_enable=YES$/m.test(f.text)),
        ).toBeDefined();
        expect(report.diagnosis.verdict.exitCode).toBe(7);
      });
    });

    describe('max_clients=1', () => {
      const server = withServer('vsftpd', { maxClients: 1 });

      it('"421 There are too many connected users" names max_clients', async () => {
        const held = await holdConnection(server());
        try {
          const report = await probeTarget(target(server()), { tls: 'off' });
          const finding = findingOf(report, 'banner.service-unavailable');
          expect(finding.evidence[0]).toMatchObject({
            code: 421,
            text: expect.stringMatching(/too many connected users/),
          });
          expect(finding.detail).toMatch(/max_clients/);
          expect(report.diagnosis.verdict.exitCode).toBe(4);
        } finally {
          held.destroy();
        }
      });
    });

    describe('a local account with a wrong password', () => {
      const server = withServer('vsftpd', { anonymous: false, localUser: true });

      it('"530 Login incorrect." is explained beyond the code', async () => {
        const report = await probeTarget(target(server()), {
          tls: 'off',
          user: TEST_USER.name,
          password: 'not-the-password',
          replyTimeoutMs: 10_000,
        });
        const refused = findingOf(report, 'login.refused');
        expect(refused.evidence[0]).toMatchObject({ code: 530, text: 'Login incorrect.' });
        expect(refused.detail).toMatch(/\/etc\/ftpusers/);
        expect(refused.detail).toMatch(/\/etc\/shells/);
        expect(report.diagnosis.verdict.exitCode).toBe(6);
      }, 30_000);
    });
  },
);

describe.skipIf(proftpdSkip !== null)(
  `ProFTPD's own words${proftpdSkip ? ` (skipped: ${proftpdSkip})` : ''}`,
  () => {
    describe('<Limit EPSV> DenyAll', () => {
      const server = withServer('proftpd', { epsvDenied: true });

      it('"501 EPSV: Operation not permitted" is explained as a <Limit> section, not a syntax error', async () => {
        const report = await probeTarget(target(server()), { tls: 'off' });
        const refused = findingOf(report, 'epsv.refused');
        expect(refused.evidence).toEqual([
          { kind: 'reply', command: 'EPSV', code: 501, text: 'EPSV: Operation not permitted' },
        ]);
        expect(refused.detail).toMatch(/<Limit EPSV>/);
        expect(refused.detail).toMatch(/configuration switches it off/);
        expect(refused.detail).not.toMatch(/did not accept the command as sent/);
        const fix = refused.fixes.find((f) => f.dialect === 'proftpd');
        expect(fix?.text).toMatch(/<Limit EPSV PASV>\n {2}AllowAll\n<\/Limit>/);
        // A warning only: PASV still works.
        expect(report.diagnosis.verdict).toMatchObject({ status: 'warning', exitCode: 0 });
      });
    });

    describe('<Limit PASV EPSV> DenyAll', () => {
      const server = withServer('proftpd', { pasvDisabled: true });

      it('both refusals are explained once, as ProFTPD configuration', async () => {
        const report = await probeTarget(target(server()), { tls: 'off' });
        const none = findingOf(report, 'passive.none');
        expect(none.evidence.map((e) => (e.kind === 'reply' ? `${e.code} ${e.text}` : ''))).toEqual([
          '501 EPSV: Operation not permitted',
          '501 PASV: Operation not permitted',
        ]);
        expect(none.detail).toMatch(/ProFTPD answers EPSV this way when a <Limit> section/);
        expect(none.detail.match(/<Limit> section/g)).toHaveLength(1);
        expect(report.diagnosis.verdict.exitCode).toBe(7);
      });
    });

    describe('a local account with a wrong password', () => {
      const server = withServer('proftpd', { anonymous: false, localUser: true });

      it('"530 Login incorrect." is explained beyond the code', async () => {
        const report = await probeTarget(target(server()), {
          tls: 'off',
          user: TEST_USER.name,
          password: 'not-the-password',
          replyTimeoutMs: 10_000,
        });
        const refused = findingOf(report, 'login.refused');
        expect(refused.evidence[0]).toMatchObject({ code: 530, text: 'Login incorrect.' });
        expect(refused.detail).toMatch(/\/etc\/ftpusers/);
      }, 30_000);
    });
  },
);

describe.skipIf(pureSkip !== null)(
  `Pure-FTPd's own words${pureSkip ? ` (skipped: ${pureSkip})` : ''}`,
  () => {
    describe('a local account with a wrong password', () => {
      const server = withServer('pure-ftpd', { anonymous: false, localUser: true });

      it('"530 Login authentication failed" is explained (MinUID, authentication methods, NoAnonymous)', async () => {
        const report = await probeTarget(target(server()), {
          tls: 'off',
          user: TEST_USER.name,
          password: 'not-the-password',
          replyTimeoutMs: 15_000,
        });
        const refused = findingOf(report, 'login.refused');
        expect(refused.evidence[0]).toMatchObject({ code: 530, text: 'Login authentication failed' });
        expect(refused.detail).toMatch(/Pure-FTPd did not accept the user name and password/);
        expect(refused.detail).toMatch(/MinUID/);
      }, 30_000);
    });

    describe('-c 1', () => {
      const server = withServer('pure-ftpd', { maxClients: 1 });

      it('"421 1 users (the maximum) are already logged in" is explained as the client limit', async () => {
        const held = await holdConnection(server());
        try {
          const report = await probeTarget(target(server()), { tls: 'off' });
          const finding = findingOf(report, 'banner.service-unavailable');
          expect(finding.evidence[0]).toMatchObject({ code: 421 });
          expect(finding.detail).toMatch(/MaxClientsNumber/);
          expect(finding.detail).toMatch(/half the passive port range/);
          expect(report.diagnosis.verdict.exitCode).toBe(4);
        } finally {
          held.destroy();
        }
      });
    });
  },
);
