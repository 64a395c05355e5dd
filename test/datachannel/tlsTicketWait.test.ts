import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createServer, type Server, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControlConnection } from '../../src/protocol/controlConnection.js';
import { openDataConnection } from '../../src/protocol/dataConnection.js';
import { makeSelfSignedCert } from '../support/certs.js';

// RFC 8446 §4.6.1: a TLS 1.3 server sends its session tickets after the handshake. A data
// connection opened at once, with the session read straight after the handshake, cannot resume;
// resumableSession waits for the ticket.
describe('resumableSession (TLS 1.3 tickets)', () => {
  let server: Server;
  let port: number;
  let removeCertificate = (): void => {};
  beforeAll(async () => {
    const certificate = makeSelfSignedCert();
    const { cert, key } = certificate;
    removeCertificate = () => certificate.remove();
    server = createServer({ cert, key, minVersion: 'TLSv1.3' }, (socket: TLSSocket) => {
      socket.on('error', () => {});
      // An implicit-FTPS greeting, sent a little later than the handshake, as servers do.
      setTimeout(() => socket.write('220 ready\r\n'), 50);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => {
    server.close();
    removeCertificate();
  });

  it('waits for the ticket, and the data connection then resumes the session', async () => {
    const control = await ControlConnection.connect({
      host: '127.0.0.1',
      port,
      timeoutMs: 2000,
      clock: () => performance.now(),
      implicitTls: { version: '1.3' },
    });
    try {
      expect(control.tls?.protocol).toBe('TLSv1.3');
      const session = await control.resumableSession(2000);
      expect(session).not.toBeNull();
      const data = await openDataConnection({
        host: '127.0.0.1',
        port,
        timeoutMs: 2000,
        tls: { session: session!, version: '1.3' },
      });
      expect(data.sessionReused).toBe(true);
      data.close();
    } finally {
      control.close();
    }
  });

  it('a pinned TLS 1.2 offer fails against a TLS 1.3-only server', async () => {
    await expect(
      ControlConnection.connect({
        host: '127.0.0.1',
        port,
        timeoutMs: 2000,
        clock: () => performance.now(),
        implicitTls: { version: '1.2' },
      }),
    ).rejects.toMatchObject({ failure: 'tls' });
  });
});
