import type { Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket, type TlsOptions } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ControlConnection } from '../../src/protocol/controlConnection.js';
import { openDataConnection, testConnectPort } from '../../src/protocol/dataConnection.js';
import { makeSelfSignedCert, type ThrowawayCertificate } from '../support/certs.js';
import { closedPort, type ScriptServer, startScriptServer } from '../support/scriptServer.js';
import { type StalledListener, startStalledListener } from '../support/stalledListener.js';
import { serverTlsOptions, startExplicitTlsServer } from '../support/tlsFtpServer.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(script: (socket: Socket) => void): Promise<ScriptServer> {
  const server = await startScriptServer(script);
  cleanups.push(() => server.close());
  return server;
}

function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('testConnectPort', () => {
  it('reports open, and closes the socket at once', async () => {
    let accepted: Socket | undefined;
    const server = await serve((socket) => {
      accepted = socket;
      socket.resume();
    });
    const test = await testConnectPort({ host: '127.0.0.1', port: server.port, timeoutMs: 1000 });
    expect(test).toMatchObject({ host: '127.0.0.1', port: server.port, outcome: 'open' });
    expect(test.errno).toBeUndefined();
    expect(test.durationMs).toBeGreaterThanOrEqual(0);
    // The server side sees the connection end: the test did not leave it open.
    const deadline = performance.now() + 1000;
    while (!accepted?.readableEnded && !accepted?.destroyed) {
      if (performance.now() > deadline) throw new Error('the test connection stayed open');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  });

  it('reports closed with ECONNREFUSED', async () => {
    const port = await closedPort();
    expect(await testConnectPort({ host: '127.0.0.1', port, timeoutMs: 1000 })).toMatchObject({
      outcome: 'closed',
      errno: 'ECONNREFUSED',
    });
  });

  it('reports filtered when SYNs go unanswered', async () => {
    let stalled: StalledListener;
    try {
      stalled = await startStalledListener();
    } catch (error) {
      if (process.env.CI) throw error;
      console.warn(`skipping filtered-port test: ${String(error)}`);
      return;
    }
    cleanups.push(() => stalled.stop());
    const test = await testConnectPort({ host: '127.0.0.1', port: stalled.port, timeoutMs: 150 });
    expect(test).toMatchObject({ outcome: 'filtered' });
    expect(test.durationMs).toBeGreaterThanOrEqual(140);
    expect(test.durationMs).toBeLessThan(1000);
  });

  it('rejects with the signal reason when aborted', async () => {
    const reason = new Error('deadline');
    expect(
      await rejection(
        testConnectPort({ host: '127.0.0.1', port: 9, timeoutMs: 1000, signal: AbortSignal.abort(reason) }),
      ),
    ).toBe(reason);
  });

  it('uses the injected clock for the duration', async () => {
    const port = await closedPort();
    let now = 1000;
    const clock = (): number => {
      now += 7;
      return now;
    };
    expect((await testConnectPort({ host: '127.0.0.1', port, timeoutMs: 1000, clock })).durationMs).toBe(7);
  });
});

describe('openDataConnection (plain)', () => {
  it('reads a listing to the end', async () => {
    const listing =
      'drwxr-xr-x 2 ftp ftp 4096 Jan 01 00:00 pub\r\n-rw-r--r-- 1 ftp ftp 12 Jan 01 00:00 readme\r\n';
    const server = await serve((socket) => socket.end(listing));
    const data = await openDataConnection({ host: '127.0.0.1', port: server.port, timeoutMs: 1000 });
    expect(data.sessionReused).toBeNull();
    expect(data.tls).toBeNull();
    expect(data.remotePort).toBe(server.port);
    // Bytes that arrive before readAll is called wait in the socket.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const result = await data.readAll({ idleTimeoutMs: 1000 });
    expect(result).toEqual({ bytes: Buffer.from(listing), truncated: false, endedBy: 'eof' });
  });

  it('stops at maxBytes and says so', async () => {
    const server = await serve((socket) => socket.end(Buffer.alloc(10_000, 'x')));
    const data = await openDataConnection({ host: '127.0.0.1', port: server.port, timeoutMs: 1000 });
    const result = await data.readAll({ idleTimeoutMs: 1000, maxBytes: 1000 });
    expect(result.bytes.length).toBe(1000);
    expect(result).toMatchObject({ truncated: true, endedBy: 'limit' });
  });

  it('gives up after the idle timeout and keeps what arrived', async () => {
    const server = await serve((socket) => socket.write('partial'));
    const data = await openDataConnection({ host: '127.0.0.1', port: server.port, timeoutMs: 1000 });
    const started = performance.now();
    const result = await data.readAll({ idleTimeoutMs: 100 });
    expect(result).toEqual({ bytes: Buffer.from('partial'), truncated: false, endedBy: 'timeout' });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('ends with reset on RST, keeping the bytes before it', async () => {
    const server = await serve((socket) => {
      socket.write('some bytes', () => setTimeout(() => socket.resetAndDestroy(), 20));
    });
    const data = await openDataConnection({ host: '127.0.0.1', port: server.port, timeoutMs: 1000 });
    const result = await data.readAll({ idleTimeoutMs: 1000 });
    expect(result).toEqual({ bytes: Buffer.from('some bytes'), truncated: false, endedBy: 'reset' });
  });

  it('rejects the read with the signal reason when the caller stops it', async () => {
    const server = await serve(() => {});
    const data = await openDataConnection({ host: '127.0.0.1', port: server.port, timeoutMs: 1000 });
    const controller = new AbortController();
    const reading = data.readAll({ idleTimeoutMs: 5000, signal: controller.signal });
    const reason = new Error('550 instead of 150');
    controller.abort(reason);
    expect(await rejection(reading)).toBe(reason);
  });

  it('rejects a pending read as closed when the connection is closed', async () => {
    const server = await serve(() => {});
    const data = await openDataConnection({ host: '127.0.0.1', port: server.port, timeoutMs: 1000 });
    const reading = data.readAll({ idleTimeoutMs: 5000 });
    data.close();
    data.close();
    expect(await rejection(reading)).toMatchObject({
      name: 'TransportError',
      channel: 'data',
      failure: 'closed',
    });
  });

  it('fails with a data-channel TransportError when the port is closed', async () => {
    const port = await closedPort();
    expect(await rejection(openDataConnection({ host: '127.0.0.1', port, timeoutMs: 1000 }))).toMatchObject({
      channel: 'data',
      failure: 'refused',
      errno: 'ECONNREFUSED',
    });
  });
});

describe('openDataConnection (TLS, RFC 4217 §9–10)', () => {
  let certificate: ThrowawayCertificate;
  let tlsOptions: TlsOptions;
  beforeAll(() => {
    certificate = makeSelfSignedCert();
    tlsOptions = serverTlsOptions(certificate);
  });
  afterAll(() => certificate.remove());

  /** A data port that does a TLS handshake (with the control server's ticket keys) and sends a listing. */
  async function tlsDataServer(options: TlsOptions, payload: string): Promise<number> {
    const sockets: TLSSocket[] = [];
    const server = createTlsServer(options, (secure) => {
      sockets.push(secure);
      secure.on('error', () => {});
      secure.end(payload);
    });
    server.on('tlsClientError', () => {});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          for (const socket of sockets) socket.destroy();
          server.close(() => resolve());
        }),
    );
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return address.port;
  }

  async function securedControl(): Promise<ControlConnection> {
    const server = await startExplicitTlsServer(tlsOptions);
    cleanups.push(() => server.close());
    const control = await ControlConnection.connect({
      host: '127.0.0.1',
      port: server.port,
      timeoutMs: 2000,
      clock: () => 0,
    });
    cleanups.push(() => control.close());
    await control.readReply(1000);
    await control.command('AUTH TLS', 1000);
    await control.upgradeToTls({ servername: 'localhost', rejectUnauthorized: false, timeoutMs: 2000 });
    // A round trip lets the TLS 1.3 session tickets arrive.
    await control.command('NOOP', 1000);
    return control;
  }

  it('resumes the control connection session under TLS 1.3 when given it', async () => {
    const control = await securedControl();
    expect(control.tls?.protocol).toBe('TLSv1.3');
    const session = control.tlsSession;
    expect(session).not.toBeNull();
    const port = await tlsDataServer(tlsOptions, 'listing over TLS\r\n');
    const data = await openDataConnection({
      host: '127.0.0.1',
      port,
      timeoutMs: 2000,
      tls: { session: session!, servername: 'localhost' },
    });
    expect(data.sessionReused).toBe(true);
    expect(data.tls?.protocol).toBe('TLSv1.3');
    expect((await data.readAll({ idleTimeoutMs: 1000 })).bytes.toString()).toBe('listing over TLS\r\n');
  });

  it('does a full handshake without the session', async () => {
    const port = await tlsDataServer(tlsOptions, 'x');
    const data = await openDataConnection({
      host: '127.0.0.1',
      port,
      timeoutMs: 2000,
      tls: { servername: 'localhost' },
    });
    expect(data.sessionReused).toBe(false);
    expect(data.tls?.authorized).toBe(false);
    expect((await data.readAll({ idleTimeoutMs: 1000 })).endedBy).toBe('eof');
  });

  it('cannot resume on a server with other ticket keys, and says so', async () => {
    const control = await securedControl();
    const port = await tlsDataServer(serverTlsOptions(certificate), 'x');
    const data = await openDataConnection({
      host: '127.0.0.1',
      port,
      timeoutMs: 2000,
      tls: { session: control.tlsSession!, servername: 'localhost' },
    });
    expect(data.sessionReused).toBe(false);
    data.close();
  });

  it('fails with a data-channel tls error when the port speaks plain text', async () => {
    const server = await serve((socket) => socket.write('this is not TLS\r\n'));
    const error = await rejection(
      openDataConnection({
        host: '127.0.0.1',
        port: server.port,
        timeoutMs: 2000,
        tls: { servername: 'localhost' },
      }),
    );
    expect(error).toMatchObject({ name: 'TransportError', channel: 'data', failure: 'tls' });
  });

  it('fails with a data-channel tls error when the handshake never completes', async () => {
    const server = await serve(() => {});
    const error = await rejection(
      openDataConnection({ host: '127.0.0.1', port: server.port, timeoutMs: 150, tls: {} }),
    );
    expect(error).toMatchObject({ channel: 'data', failure: 'tls' });
  });
});
