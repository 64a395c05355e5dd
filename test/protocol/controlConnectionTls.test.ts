import type { TlsOptions } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ControlConnection } from '../../src/protocol/controlConnection.js';
import { ProtocolViolationError, TransportError } from '../../src/protocol/errors.js';
import { makeSelfSignedCert, type ThrowawayCertificate } from '../support/certs.js';
import {
  serverTlsOptions,
  startExplicitTlsServer,
  startImplicitTlsServer,
  type TlsFtpBehaviour,
} from '../support/tlsFtpServer.js';

let certificate: ThrowawayCertificate;
let context: TlsOptions;
const cleanups: (() => unknown)[] = [];

beforeAll(() => {
  certificate = makeSelfSignedCert();
  context = serverTlsOptions(certificate);
});
afterAll(() => certificate.remove());
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const now = 0;
const steppingClock = (): number => now;

async function explicitSession(behaviour: TlsFtpBehaviour = {}): Promise<ControlConnection> {
  const server = await startExplicitTlsServer(context, behaviour);
  cleanups.push(() => server.close());
  const control = await ControlConnection.connect({
    host: '127.0.0.1',
    port: server.port,
    timeoutMs: 2000,
    clock: steppingClock,
  });
  cleanups.push(() => control.close());
  expect((await control.readReply(1000)).code).toBe(220);
  return control;
}

function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('ControlConnection.upgradeToTls (RFC 4217 §4)', () => {
  it('upgrades after 234 and reports an untrusted self-signed certificate without refusing it', async () => {
    const control = await explicitSession();
    expect((await control.command('AUTH TLS', 1000)).code).toBe(234);
    const info = await control.upgradeToTls({
      servername: 'localhost',
      rejectUnauthorized: false,
      timeoutMs: 2000,
    });
    expect(control.isTls).toBe(true);
    expect(control.tls).toBe(info);
    expect(info.protocol).toBe('TLSv1.3');
    expect(info.cipher?.name).toMatch(/^TLS_/);
    expect(info.authorized).toBe(false);
    expect(info.authorizationError).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(info.servername).toBe('localhost');
    expect(info.checkedName).toBe('localhost');
    expect(info.nameMatches).toBe(true);
    expect(info.handshakeMs).toBeGreaterThanOrEqual(0);
    expect(info.certificate).toMatchObject({
      subject: 'CN=localhost',
      issuer: 'CN=localhost',
      selfSigned: true,
      keyCurve: 'prime256v1',
      keyBits: null,
      chain: [],
    });
    expect(info.certificate?.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const validTo = Date.parse(info.certificate?.validTo ?? '');
    expect(validTo - Date.now()).toBeGreaterThan(24 * 3600 * 1000);

    expect((await control.command('NOOP', 1000)).text).toBe('ok over TLS');
    expect(control.transcript.map((entry) => entry.text)).toContain(
      `TLS established: TLSv1.3 ${info.cipher?.name}`,
    );
  });

  it('trusts the certificate when it is given as an extra CA, and checks the name against the host', async () => {
    const control = await explicitSession();
    await control.command('AUTH TLS', 1000);
    const info = await control.upgradeToTls({
      ca: certificate.cert,
      rejectUnauthorized: false,
      timeoutMs: 2000,
    });
    expect(info.authorized).toBe(true);
    expect(info.authorizationError).toBeNull();
    // No servername: no SNI for an IP literal, and the certificate (CN=localhost) does not name 127.0.0.1.
    expect(info.servername).toBeNull();
    expect(info.checkedName).toBe('127.0.0.1');
    expect(info.nameMatches).toBe(false);
    expect(info.nameError).toContain('127.0.0.1');
  });

  it('keeps the latest session ticket for data connections (TLS 1.3 sends it after the handshake)', async () => {
    const control = await explicitSession();
    await control.command('AUTH TLS', 1000);
    await control.upgradeToTls({ servername: 'localhost', rejectUnauthorized: false, timeoutMs: 2000 });
    await control.command('NOOP', 1000);
    expect(control.tlsSession).toBeInstanceOf(Buffer);
    expect(control.tlsSession!.length).toBeGreaterThan(0);
  });

  it('refuses to upgrade when the server sent more text after the 234 (command injection guard)', async () => {
    const control = await explicitSession({ afterAuth: '230 Logged in (injected)\r\n' });
    await control.command('AUTH TLS', 1000);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const error = await rejection(control.upgradeToTls({ rejectUnauthorized: false, timeoutMs: 2000 }));
    expect(error).toBeInstanceOf(ProtocolViolationError);
    expect(error).toMatchObject({ violation: 'plaintext-after-auth' });
    expect(control.isOpen).toBe(false);
  });

  it('fails with a tls TransportError when the server answers the handshake with plain text', async () => {
    const control = await explicitSession({ garbageInsteadOfTls: '500 I do not speak TLS after all\r\n' });
    // Read only the 234: the garbage may already be on its way and must not count as plaintext-after-auth.
    control.send('AUTH TLS');
    const reply = await control.readReply(1000);
    expect(reply.code).toBe(234);
    const error = await rejection(control.upgradeToTls({ rejectUnauthorized: false, timeoutMs: 2000 }));
    // Either the garbage arrived before the upgrade (guard) or during the handshake (TLS error).
    if (error instanceof TransportError) {
      expect(error).toMatchObject({ channel: 'control', failure: 'tls' });
    } else {
      expect(error).toMatchObject({ violation: 'plaintext-after-auth' });
    }
    expect(control.isOpen).toBe(false);
  });

  it('fails with a tls TransportError when the handshake never completes', async () => {
    const control = await explicitSession({ garbageInsteadOfTls: '' });
    await control.command('AUTH TLS', 1000);
    const started = performance.now();
    const error = await rejection(control.upgradeToTls({ rejectUnauthorized: false, timeoutMs: 150 }));
    expect(error).toMatchObject({ name: 'TransportError', channel: 'control', failure: 'tls' });
    expect((error as Error).message).toContain('not finished within 150 ms');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('ControlConnection.connect with implicit TLS', () => {
  it('completes the handshake before reading the greeting', async () => {
    const server = await startImplicitTlsServer(context);
    cleanups.push(() => server.close());
    const control = await ControlConnection.connect({
      host: '127.0.0.1',
      port: server.port,
      timeoutMs: 2000,
      clock: steppingClock,
      implicitTls: { servername: 'localhost' },
    });
    cleanups.push(() => control.close());
    expect(control.isTls).toBe(true);
    expect(control.tls?.nameMatches).toBe(true);
    expect((await control.readReply(1000)).text).toBe('Secure greeting');
    expect(control.transcript.map((entry) => entry.direction)).toEqual(['event', 'event', 'received']);
  });

  it('reports a plain FTP server on an implicit-TLS connection as a TLS failure, not a connect failure', async () => {
    const server = await startExplicitTlsServer(context);
    cleanups.push(() => server.close());
    const error = await rejection(
      ControlConnection.connect({
        host: '127.0.0.1',
        port: server.port,
        timeoutMs: 2000,
        clock: steppingClock,
        implicitTls: {},
      }),
    );
    expect(error).toMatchObject({ name: 'TransportError', channel: 'control', failure: 'tls' });
  });
});
