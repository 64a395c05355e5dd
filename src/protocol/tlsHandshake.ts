import { isIP, type Socket } from 'node:net';
import { rootCertificates, type TLSSocket, connect as tlsConnect } from 'node:tls';
import { TransportError } from './errors.js';
import { describeTlsSocket, type TlsSessionInfo } from './tlsSession.js';
import { classifySocketError } from './transportError.js';
import type { Channel } from './types.js';

/** TlsHandshakeOptions: the connected TCP socket to wrap and what to offer the server. */
export interface TlsHandshakeOptions {
  readonly socket: Socket;
  /** The host the TCP connection went to; the certificate is checked against it unless servername is given. */
  readonly host: string;
  readonly servername?: string;
  /** Extra trusted CA certificates (PEM), added to node's bundled roots rather than replacing them. */
  readonly ca?: string;
  /** A session from an earlier connection to resume (data connections resume the control session). */
  readonly session?: Buffer;
  readonly timeoutMs: number;
  readonly channel: Channel;
  readonly clock: () => number;
  readonly signal?: AbortSignal;
  /** Offer only this TLS version (--tls-version); null or absent = anything from TLS 1.0 up. */
  readonly version?: PinnedTlsVersion | null;
}

/** PinnedTlsVersion: the one TLS version a handshake may negotiate when the user pins it. */
export type PinnedTlsVersion = '1.2' | '1.3';

const NODE_VERSION_NAME: Readonly<Record<PinnedTlsVersion, 'TLSv1.2' | 'TLSv1.3'>> = {
  '1.2': 'TLSv1.2',
  '1.3': 'TLSv1.3',
};

export interface TlsHandshakeResult {
  readonly socket: TLSSocket;
  readonly info: TlsSessionInfo;
}

/**
 * tlsHandshake runs a TLS client handshake over an already connected socket. Certificate checks
 * are always off for the handshake itself (`rejectUnauthorized: false`); trust and the name match
 * are measured and returned in `info`, so the diagnosis can report a self-signed or expired
 * certificate and still test login and data connections behind it.
 *
 * Rejects with TransportError(channel, 'tls') when the handshake fails or takes longer than
 * timeoutMs (errno keeps OpenSSL's or the socket's code), or with the signal's reason. The
 * sockets are destroyed on every rejection.
 */
export function tlsHandshake(options: TlsHandshakeOptions): Promise<TlsHandshakeResult> {
  const { socket, signal, channel, clock } = options;
  if (signal?.aborted) {
    socket.destroy();
    return Promise.reject(signal.reason);
  }
  const servername = sniName(options.servername ?? options.host);
  const checkedName = options.servername ?? options.host;
  const started = clock();
  return new Promise<TlsHandshakeResult>((resolve, reject) => {
    const secure = tlsConnect({
      socket,
      rejectUnauthorized: false,
      // A doctor must reach outdated servers to report them (tls.old-protocol): node's default floor
      // is TLS 1.2, and OpenSSL 3 refuses TLS 1.0/1.1 above security level 0.
      minVersion: options.version ? NODE_VERSION_NAME[options.version] : 'TLSv1',
      ...(options.version ? { maxVersion: NODE_VERSION_NAME[options.version] } : {}),
      ciphers: 'DEFAULT:@SECLEVEL=0',
      ...(servername ? { servername } : {}),
      ...(options.ca ? { ca: [...rootCertificates, options.ca] } : {}),
      ...(options.session ? { session: options.session } : {}),
    });
    const settle = (error: unknown): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      secure.removeListener('secureConnect', onSecure);
      secure.removeListener('error', onError);
      if (error === undefined) {
        resolve({
          socket: secure,
          info: describeTlsSocket(secure, checkedName, servername, clock() - started),
        });
        return;
      }
      secure.destroy();
      socket.destroy();
      reject(error);
    };
    const onSecure = (): void => settle(undefined);
    const onError = (error: Error): void => {
      const classified = classifySocketError(error, channel);
      settle(
        new TransportError(
          channel,
          'tls',
          `${channel} connection: TLS handshake failed (${error.message})`,
          classified.errno,
        ),
      );
    };
    const onAbort = (): void => settle(signal?.reason);
    const timer = setTimeout(
      () =>
        settle(
          new TransportError(
            channel,
            'tls',
            `${channel} connection: TLS handshake not finished within ${options.timeoutMs} ms`,
          ),
        ),
      options.timeoutMs,
    );
    secure.once('secureConnect', onSecure);
    secure.once('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** sniName returns the name to send as SNI: never an IP literal (RFC 6066 §3 forbids it). */
function sniName(name: string): string | null {
  const bare = name.startsWith('[') && name.endsWith(']') ? name.slice(1, -1) : name;
  return isIP(bare) === 0 && bare.length > 0 ? bare : null;
}
