import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateTestCertificates, type TestCertificates } from '../support/certs.js';
import {
  openDataConnection,
  parseEpsvPort,
  parsePasvAddress,
  RawFtpClient,
} from '../support/rawFtpClient.js';
import {
  type RealServer,
  type RealServerName,
  type RealServerOptions,
  realServerSkipReason,
  START_REAL_SERVER,
  TEST_USER,
} from '../support/realServers.js';

/**
 * Checks that each harness option really reaches the daemon, with the replies each server is
 * known to give (recorded here so the product's knowledge base can be compared with them).
 */

let certs: TestCertificates;
const started: RealServer[] = [];
const clients: RawFtpClient[] = [];

beforeAll(async () => {
  certs = await generateTestCertificates();
});
afterAll(async () => {
  await certs?.remove();
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await Promise.all(started.splice(0).map((server) => server.stop()));
});

async function start(name: RealServerName, options: RealServerOptions): Promise<RealServer> {
  const server = await START_REAL_SERVER[name](options);
  started.push(server);
  return server;
}

async function greeted(server: RealServer, implicitTls = false): Promise<RawFtpClient> {
  const client = await RawFtpClient.connect(server.host, server.port, {
    ...(implicitTls ? { implicitTls: { rejectUnauthorized: false } } : {}),
  });
  clients.push(client);
  expect((await client.reply()).code).toBe(220);
  return client;
}

async function login(
  client: RawFtpClient,
  user = 'anonymous',
  password = 'doctor@example.com',
): Promise<number> {
  const first = await client.command(`USER ${user}`);
  if (first.code !== 331) return first.code;
  return (await client.command(`PASS ${password}`)).code;
}

async function secure(client: RawFtpClient): Promise<void> {
  expect((await client.command('AUTH TLS')).code).toBe(234);
  await client.startTls();
  expect((await client.command('PBSZ 0')).code).toBe(200);
  expect((await client.command('PROT P')).code).toBe(200);
}

/** listOverEpsv lists with PROT P; `resume` decides whether the data connection reuses the session. */
async function listOverEpsv(client: RawFtpClient, host: string, resume: boolean) {
  const port = parseEpsvPort(await client.command('EPSV'));
  const session = client.tlsSocket?.getSession();
  const tls = client.tlsSocket ? { tls: resume ? { session } : {} } : {};
  const data = openDataConnection(host, port, { timeoutMs: 3000, ...tls });
  const opening = await client.command('LIST');
  const final = opening.code === 150 ? await client.reply() : opening;
  return { opening, final, data: await data.done };
}

const ALL: readonly RealServerName[] = ['vsftpd', 'proftpd', 'pure-ftpd'];
const skips = Object.fromEntries(ALL.map((name) => [name, realServerSkipReason(name)])) as Record<
  RealServerName,
  string | null
>;

describe.each(ALL.filter((name) => skips[name] === null))('%s options', (name) => {
  it('advertises pasvAddress in 227 (never connected to) and still serves on the control address', async () => {
    const server = await start(name, { pasvAddress: '10.0.0.5' });
    const client = await greeted(server);
    expect(await login(client)).toBe(230);
    const address = parsePasvAddress(await client.command('PASV'));
    expect(address.host).toBe('10.0.0.5');
    const data = openDataConnection(server.host, address.port);
    await data.connected;
  });

  it('logs the local test user in', async () => {
    const server = await start(name, { localUser: true, anonymous: false });
    const client = await greeted(server);
    // A wrong password is not tried here: PAM and the servers delay failed logins by seconds.
    expect(await login(client, TEST_USER.name, TEST_USER.password)).toBe(230);
    expect((await client.command('PWD')).lines[0]).toContain(TEST_USER.home);
  });

  it('listens on ::1 and answers EPSV', async () => {
    const server = await start(name, { host: '::1' });
    const client = await greeted(server);
    expect(await login(client)).toBe(230);
    const result = await listOverEpsv(client, '::1', false);
    expect(result.final.code).toBe(226);
  });

  it('lists over PROT P with a resumed TLS session (explicit TLS)', async () => {
    const server = await start(name, { tls: { mode: 'explicit', certificate: certs.selfSigned } });
    const client = await greeted(server);
    await secure(client);
    expect(await login(client)).toBe(230);
    const result = await listOverEpsv(client, server.host, true);
    expect(result.final.code).toBe(226);
    // Pure-FTPd never resumes the session on the data connection, and does not ask for it.
    expect(result.data.sessionReused).toBe(name !== 'pure-ftpd');
  });
});

describe.skipIf(skips.vsftpd !== null)('vsftpd specifics', () => {
  it('refuses a data connection without session reuse (require_ssl_reuse=YES)', async () => {
    const server = await start('vsftpd', { tls: { mode: 'explicit', certificate: certs.selfSigned } });
    const client = await greeted(server);
    await secure(client);
    await login(client);
    const result = await listOverEpsv(client, server.host, false);
    expect(result.final.lines).toEqual(['522 SSL connection failed: session reuse required']);
  });

  it('serves implicit TLS', async () => {
    const server = await start('vsftpd', { tls: { mode: 'implicit', certificate: certs.selfSigned } });
    const client = await greeted(server, true);
    expect(await login(client)).toBe(230);
  });

  it('answers PASV and EPSV with 550 when passive mode is disabled', async () => {
    const server = await start('vsftpd', { pasvDisabled: true });
    const client = await greeted(server);
    await login(client);
    expect((await client.command('PASV')).code).toBe(550);
    expect((await client.command('EPSV')).code).toBe(550);
  });

  it('refuses a clear-text login when TLS is required', async () => {
    const server = await start('vsftpd', {
      localUser: true,
      tls: { mode: 'explicit', certificate: certs.selfSigned, required: true },
    });
    const client = await greeted(server);
    expect((await client.command(`USER ${TEST_USER.name}`)).lines).toEqual([
      '530 Non-anonymous sessions must use encryption.',
    ]);
  });
});

describe.skipIf(skips.proftpd !== null)('ProFTPD specifics', () => {
  it('denies EPSV with 501 while PASV works', async () => {
    const server = await start('proftpd', { epsvDenied: true });
    const client = await greeted(server);
    await login(client);
    expect((await client.command('EPSV')).code).toBe(501);
    expect((await client.command('PASV')).code).toBe(227);
  });

  it('refuses a data connection without session reuse with 425', async () => {
    const server = await start('proftpd', { tls: { mode: 'explicit', certificate: certs.selfSigned } });
    const client = await greeted(server);
    await secure(client);
    await login(client);
    const result = await listOverEpsv(client, server.host, false);
    expect(result.final.code).toBe(425);
  });

  it('requires TLS on the control channel with 550 (TLSRequired on)', async () => {
    const server = await start('proftpd', {
      tls: { mode: 'explicit', certificate: certs.selfSigned, required: true },
    });
    const client = await greeted(server);
    expect((await client.command('USER anonymous')).lines).toEqual([
      '550 SSL/TLS required on the control channel',
    ]);
  });

  it('serves implicit TLS (TLSOptions UseImplicitSSL)', async () => {
    const server = await start('proftpd', { tls: { mode: 'implicit', certificate: certs.selfSigned } });
    const client = await greeted(server, true);
    expect(await login(client)).toBe(230);
  });
});

describe.skipIf(skips['pure-ftpd'] !== null)('Pure-FTPd specifics', () => {
  it('answers a clear-text USER with 421 when TLS is required (-Y 2)', async () => {
    const server = await start('pure-ftpd', {
      tls: { mode: 'explicit', certificate: certs.selfSigned, required: true },
    });
    const client = await greeted(server);
    expect((await client.command('USER anonymous')).code).toBe(421);
  });
});
