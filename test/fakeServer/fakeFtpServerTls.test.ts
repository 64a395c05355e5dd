import { connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeFtpServer } from '../../src/fakeServer/fakeFtpServer.js';
import type { FakeFtpServer, FakeServerScript } from '../../src/fakeServer/fakeServerScript.js';
import { generateTestCertificates, type TestCertificates } from '../support/certs.js';
import { openDataConnection, parseEpsvPort, RawFtpClient } from '../support/rawFtpClient.js';

let certs: TestCertificates;
const running: FakeFtpServer[] = [];
const clients: RawFtpClient[] = [];

beforeAll(async () => {
  certs = await generateTestCertificates();
});
afterAll(async () => {
  await certs.remove();
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await Promise.all(running.splice(0).map((server) => server.close()));
});

async function serve(script: FakeServerScript): Promise<FakeFtpServer> {
  const server = await startFakeFtpServer(script);
  running.push(server);
  return server;
}

function tlsOptions(extra: NonNullable<FakeServerScript['tls']> = {}): FakeServerScript['tls'] {
  return { cert: certs.selfSigned.cert, key: certs.selfSigned.key, ...extra };
}

async function securedAndLoggedIn(server: FakeFtpServer): Promise<RawFtpClient> {
  const client = await RawFtpClient.connect(server.host, server.port);
  clients.push(client);
  expect((await client.reply()).code).toBe(220);
  expect((await client.command('AUTH TLS')).lines).toEqual(['234 AUTH TLS OK.']);
  await client.startTls();
  expect((await client.command('PBSZ 0')).code).toBe(200);
  expect((await client.command('PROT P')).code).toBe(200);
  expect((await client.command('USER anonymous')).code).toBe(331);
  expect((await client.command('PASS x')).code).toBe(230);
  return client;
}

describe('explicit TLS (RFC 4217)', () => {
  it('offers AUTH TLS in FEAT and refuses PBSZ/PROT before it', async () => {
    const server = await serve({ tls: tlsOptions() });
    const client = await RawFtpClient.connect(server.host, server.port);
    clients.push(client);
    await client.reply();
    const feat = await client.command('FEAT');
    expect(feat.lines).toEqual(expect.arrayContaining([' AUTH TLS', ' PBSZ', ' PROT']));
    expect((await client.command('PBSZ 0')).code).toBe(503);
    expect((await client.command('AUTH KERBEROS')).code).toBe(504);
  });

  it('lists over a PROT P data connection that resumes the control session', async () => {
    const server = await serve({ tls: tlsOptions({ requireSessionReuse: true }) });
    const client = await securedAndLoggedIn(server);
    const session = client.tlsSocket!.getSession();
    expect(session).toBeDefined();
    const port = parseEpsvPort(await client.command('EPSV'));
    const data = openDataConnection('127.0.0.1', port, { tls: { session } });
    expect((await client.command('LIST')).code).toBe(150);
    expect((await client.reply()).code).toBe(226);
    const result = await data.done;
    expect(result.sessionReused).toBe(true);
    expect(result.body.toString()).toContain('readme.txt');
  });

  it("refuses a data connection that did not reuse the session, like vsftpd's require_ssl_reuse", async () => {
    const server = await serve({ tls: tlsOptions({ requireSessionReuse: true }) });
    const client = await securedAndLoggedIn(server);
    const port = parseEpsvPort(await client.command('EPSV'));
    const data = openDataConnection('127.0.0.1', port, { tls: {} });
    expect((await client.command('LIST')).code).toBe(150);
    expect((await client.reply()).lines).toEqual(['522 SSL connection failed: session reuse required']);
    expect((await data.done).sessionReused).toBe(false);
  });

  it('requires TLS before USER when asked to', async () => {
    const server = await serve({ tls: tlsOptions({ requireTlsForLogin: true }) });
    const client = await RawFtpClient.connect(server.host, server.port);
    clients.push(client);
    await client.reply();
    expect((await client.command('USER anonymous')).code).toBe(530);
    await client.command('AUTH TLS');
    await client.startTls();
    expect((await client.command('USER anonymous')).code).toBe(331);
  });

  it('accepts AUTH TLS and then stalls the handshake', async () => {
    const server = await serve({ tls: { handshake: 'stall' } });
    const client = await RawFtpClient.connect(server.host, server.port);
    clients.push(client);
    await client.reply();
    expect((await client.command('AUTH TLS')).code).toBe(234);
    await expect(client.startTls({}, 300)).rejects.toThrow(/timed out/);
  });

  it('answers the ClientHello with garbage', async () => {
    const server = await serve({ tls: { handshake: 'garbage' } });
    const client = await RawFtpClient.connect(server.host, server.port);
    clients.push(client);
    await client.reply();
    expect((await client.command('AUTH TLS')).code).toBe(234);
    await expect(client.startTls({}, 2000)).rejects.toThrow(/wrong version number|packet length|record/i);
  });

  it('refuses AUTH TLS with 502 when no TLS is configured', async () => {
    const server = await serve({});
    const client = await RawFtpClient.connect(server.host, server.port);
    clients.push(client);
    await client.reply();
    expect((await client.command('AUTH TLS')).code).toBe(502);
  });
});

describe('implicit TLS and mismatches', () => {
  it('speaks TLS from the first byte when implicit', async () => {
    const server = await serve({ tls: tlsOptions({ implicit: true }) });
    const client = await RawFtpClient.connect(server.host, server.port, {
      implicitTls: { rejectUnauthorized: false },
    });
    clients.push(client);
    expect((await client.reply()).code).toBe(220);
    expect((await client.command('AUTH TLS')).code).toBe(503);
    expect((await client.command('PBSZ 0')).code).toBe(200);
  });

  it('looks silent to a plain client when implicit', async () => {
    const server = await serve({ tls: tlsOptions({ implicit: true }) });
    const client = await RawFtpClient.connect(server.host, server.port);
    clients.push(client);
    await expect(client.reply(300)).rejects.toThrow(/timed out/);
  });

  it('answers a ClientHello on a plain port with its greeting, failing the handshake', async () => {
    const server = await serve({});
    const socket = tlsConnect({ host: server.host, port: server.port, rejectUnauthorized: false });
    const error = await new Promise<Error>((resolve) => socket.once('error', resolve));
    socket.destroy();
    expect(error.message).toMatch(/wrong version number|packet length|record/i);
    // The server survives and serves the next client.
    const client = await RawFtpClient.connect(server.host, server.port);
    clients.push(client);
    expect((await client.reply()).code).toBe(220);
  });

  it('survives a client that drops the connection mid-handshake', async () => {
    const server = await serve({ tls: tlsOptions({ implicit: true }) });
    const socket = netConnect({ host: server.host, port: server.port });
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(Buffer.from([0x16, 0x03, 0x01, 0x00, 0x50, 0x01]));
    socket.destroy();
    const client = await RawFtpClient.connect(server.host, server.port, {
      implicitTls: { rejectUnauthorized: false },
    });
    clients.push(client);
    expect((await client.reply()).code).toBe(220);
  });
});
