import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControlConnection } from '../../src/protocol/controlConnection.js';
import { openDataConnection } from '../../src/protocol/dataConnection.js';
import { parseEpsvReply } from '../../src/protocol/epsv.js';
import { generateTestCertificates, type TestCertificates } from '../support/certs.js';
import {
  type RealServer,
  type RealServerName,
  realServerSkipReason,
  START_REAL_SERVER,
} from '../support/realServers.js';
import { TEST_FILE_NAME } from '../support/testUser.js';

/**
 * The protocol layer against the real daemons over explicit TLS (RFC 4217): AUTH TLS, the
 * upgrade, PBSZ/PROT P, then a protected listing whose data connection resumes the control
 * connection's TLS session, which vsftpd and ProFTPD require by default. Also checks the
 * opposite: without the session, a server that requires reuse refuses the listing.
 */

const SERVERS: readonly RealServerName[] = ['vsftpd', 'proftpd', 'pure-ftpd'];
const TIMEOUT = 5000;

let certificates: TestCertificates | undefined;
beforeAll(async () => {
  certificates = await generateTestCertificates();
});
afterAll(async () => {
  await certificates?.remove();
});

interface ListingOutcome {
  readonly finalCode: number;
  readonly preliminaryCode: number | null;
  readonly listing: string;
  readonly sessionReused: boolean | null;
  readonly dataError: string | null;
}

/** securedLogin connects, upgrades with AUTH TLS, logs in anonymously and turns on PROT P. */
async function securedLogin(server: RealServer): Promise<ControlConnection> {
  const control = await ControlConnection.connect({
    host: server.host,
    port: server.port,
    timeoutMs: TIMEOUT,
    clock: () => 0,
  });
  expect((await control.readReply(TIMEOUT)).code).toBe(220);
  expect((await control.command('AUTH TLS', TIMEOUT)).code).toBe(234);
  const info = await control.upgradeToTls({
    servername: 'localhost',
    rejectUnauthorized: false,
    timeoutMs: TIMEOUT,
  });
  expect(info.authorized).toBe(false);
  expect(info.certificate?.selfSigned).toBe(true);
  // Pure-FTPd logs anonymous users in on USER alone (230); the others ask for a password (331).
  const user = await control.command('USER anonymous', TIMEOUT);
  const login = user.code === 331 ? await control.command('PASS doctor@example.com', TIMEOUT) : user;
  expect(login.code).toBe(230);
  expect((await control.command('PBSZ 0', TIMEOUT)).code).toBe(200);
  expect((await control.command('PROT P', TIMEOUT)).code).toBe(200);
  return control;
}

/** protectedListing runs EPSV + NLST over a TLS data connection, resuming the session or not. */
async function protectedListing(
  control: ControlConnection,
  host: string,
  resume: boolean,
): Promise<ListingOutcome> {
  const epsv = await control.command('EPSV', TIMEOUT);
  expect(epsv.code).toBe(229);
  const { port } = parseEpsvReply(epsv.text);
  const session = control.tlsSession;
  const connecting = openDataConnection({
    host,
    port,
    timeoutMs: TIMEOUT,
    tls: { servername: 'localhost', ...(resume && session ? { session } : {}) },
  });
  const exchanging = control.commandWithPreliminary('NLST', {
    preliminaryTimeoutMs: TIMEOUT,
    finalTimeoutMs: TIMEOUT,
  });
  const reading = connecting.then(async (data) => {
    try {
      return { read: await data.readAll({ idleTimeoutMs: TIMEOUT }), sessionReused: data.sessionReused };
    } finally {
      data.close();
    }
  });
  const [dataResult, exchange] = await Promise.allSettled([reading, exchanging]);
  if (exchange.status === 'rejected') throw exchange.reason;
  return {
    finalCode: exchange.value.final.code,
    preliminaryCode: exchange.value.preliminary?.code ?? null,
    listing: dataResult.status === 'fulfilled' ? dataResult.value.read.bytes.toString('utf8') : '',
    sessionReused: dataResult.status === 'fulfilled' ? dataResult.value.sessionReused : null,
    dataError: dataResult.status === 'rejected' ? String(dataResult.reason) : null,
  };
}

for (const name of SERVERS) {
  const skip = realServerSkipReason(name);
  describe.skipIf(skip !== null)(
    `protocol layer against real ${name} over TLS${skip ? ` (skipped: ${skip})` : ''}`,
    () => {
      let server: RealServer;
      beforeAll(async () => {
        server = await START_REAL_SERVER[name]({
          tls: { mode: 'explicit', certificate: certificates!.selfSigned, requireSessionReuse: true },
        });
      });
      afterAll(async () => {
        await server?.stop();
      });

      it('lists a directory over a protected data connection that resumes the control session', async () => {
        const control = await securedLogin(server);
        try {
          expect(control.tlsSession).not.toBeNull();
          const outcome = await protectedListing(control, server.host, true);
          expect(outcome).toMatchObject({ preliminaryCode: 150, finalCode: 226, dataError: null });
          // Pure-FTPd 1.0.50 never resumes (it does not require it either); the others do.
          expect(outcome.sessionReused).toBe(name !== 'pure-ftpd');
          expect(outcome.listing).toContain(TEST_FILE_NAME);
          expect(JSON.stringify(control.transcript)).not.toContain('doctor@example.com');
          expect((await control.command('QUIT', TIMEOUT)).code).toBe(221);
        } finally {
          control.close();
        }
      });

      // Pure-FTPd does not require resumption, so only the other two can refuse.
      if (name === 'pure-ftpd') return;
      it('is refused a listing when the data connection does not resume the session', async () => {
        const control = await securedLogin(server);
        try {
          const outcome = await protectedListing(control, server.host, false);
          expect(outcome.sessionReused === true).toBe(false);
          // Seen: vsftpd 150 then '522 SSL connection failed: session reuse required';
          // ProFTPD 150 then '425 Unable to build data connection: Operation not permitted'.
          expect(outcome.preliminaryCode).toBe(150);
          expect(outcome.finalCode).toBe(name === 'vsftpd' ? 522 : 425);
        } finally {
          control.close();
        }
      });
    },
  );
}
