import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket, type TlsOptions } from 'node:tls';
import type { TestCertificate } from './certs.js';
import { onLines, type ScriptServer, startScriptServer } from './scriptServer.js';

/** TlsFtpBehaviour: how the fake server reacts to AUTH TLS. */
export interface TlsFtpBehaviour {
  /** Extra text sent in clear right after the 234, to test the injection guard. */
  readonly afterAuth?: string;
  /** Reply to AUTH TLS with this instead of upgrading. */
  readonly refuseAuth?: string;
  /** After 234, send this garbage instead of doing a handshake. */
  readonly garbageInsteadOfTls?: string;
}

/**
 * serverTlsOptions: key, certificate and session-ticket keys for the fake servers. Control and
 * data servers built from the same options accept each other's TLS 1.3 tickets, like one real
 * FTP server does, so a data connection can resume the control connection's session.
 */
export function serverTlsOptions(certificate: Pick<TestCertificate, 'key' | 'cert'>): TlsOptions {
  return { key: certificate.key, cert: certificate.cert, ticketKeys: randomBytes(48) };
}

/**
 * startExplicitTlsServer: a fake FTP server that greets in clear, accepts AUTH TLS with 234 and
 * then answers NOOP / QUIT over TLS. The TLS sockets it creates are returned for inspection.
 */
export async function startExplicitTlsServer(
  tlsOptions: TlsOptions,
  behaviour: TlsFtpBehaviour = {},
): Promise<ScriptServer & { readonly tlsSockets: TLSSocket[] }> {
  const tlsSockets: TLSSocket[] = [];
  // A tls.Server that never listens: plain sockets are handed to it after AUTH TLS.
  const upgrader = createTlsServer(tlsOptions, (secure) => {
    tlsSockets.push(secure);
    secure.on('error', () => {});
    serveCommands(secure);
  });
  upgrader.on('tlsClientError', () => {});
  const server = await startScriptServer((socket: Socket) => {
    socket.write('220 Plain greeting\r\n');
    let upgraded = false;
    onLines(socket, (line) => {
      if (upgraded) return;
      if (line.toUpperCase() !== 'AUTH TLS') {
        socket.write('530 Please use AUTH TLS\r\n');
        return;
      }
      if (behaviour.refuseAuth) {
        socket.write(`${behaviour.refuseAuth}\r\n`);
        return;
      }
      upgraded = true;
      socket.removeAllListeners('data');
      socket.write(`234 Go ahead\r\n${behaviour.afterAuth ?? ''}`);
      if (behaviour.garbageInsteadOfTls !== undefined) {
        socket.write(behaviour.garbageInsteadOfTls);
        return;
      }
      upgrader.emit('connection', socket);
    });
  });
  const close = async (): Promise<void> => {
    for (const secure of tlsSockets) secure.destroy();
    await server.close();
  };
  return { ...server, close, tlsSockets };
}

/** startImplicitTlsServer: TLS from the first byte, then a greeting (ftps:// style). */
export async function startImplicitTlsServer(
  tlsOptions: TlsOptions,
): Promise<{ port: number; close(): Promise<void> }> {
  const sockets: TLSSocket[] = [];
  const server = createTlsServer(tlsOptions, (secure) => {
    sockets.push(secure);
    secure.on('error', () => {});
    secure.write('220 Secure greeting\r\n');
    serveCommands(secure);
  });
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function serveCommands(secure: TLSSocket): void {
  onLines(secure, (line) => {
    const verb = line.split(' ')[0]!.toUpperCase();
    if (verb === 'NOOP') secure.write('200 ok over TLS\r\n');
    else if (verb === 'QUIT') secure.end('221 Bye\r\n');
    else secure.write('502 Not implemented\r\n');
  });
}
