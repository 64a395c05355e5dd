import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { TransportError } from './errors.js';
import { MAX_LISTING_BYTES } from './limits.js';
import { tcpConnect } from './tcpConnect.js';
import { type PinnedTlsVersion, tlsHandshake } from './tlsHandshake.js';
import type { TlsSessionInfo } from './tlsSession.js';
import { classifySocketError } from './transportError.js';
import type { AddressFamily, PortTest, PortTestOutcome, TransportFailure } from './types.js';

/** PortTestOptions: one plain TCP connect to a data port. */
export interface PortTestOptions {
  readonly host: string;
  readonly port: number;
  readonly timeoutMs: number;
  readonly family?: AddressFamily;
  readonly signal?: AbortSignal;
  /** Milliseconds clock for the duration; defaults to performance.now. */
  readonly clock?: () => number;
}

// A SYN answered by RST is ECONNREFUSED. ECONNRESET out of connect means the handshake completed
// and the peer reset the connection before the callback ran (on loopback an accept-then-reset
// server often wins that race): the port did answer, so it counts as open, and the transfer shows
// what the server does with the connection.
const OUTCOME_BY_FAILURE: Readonly<Record<TransportFailure, PortTestOutcome>> = {
  refused: 'closed',
  reset: 'open',
  timeout: 'filtered',
  unreachable: 'unreachable',
  dns: 'unreachable',
  closed: 'closed',
  tls: 'unreachable',
  other: 'unreachable',
};

/** connectFailureOutcome names a failed TCP connect to a data port as a test-connect outcome. */
export function connectFailureOutcome(failure: TransportFailure): PortTestOutcome {
  return OUTCOME_BY_FAILURE[failure];
}

/**
 * testConnectPort tries a TCP handshake with a data port and closes the socket the moment it
 * completes, to learn what stands between the client and the port:
 *
 *   open         the handshake completed (also when the peer reset it at once: ECONNRESET)
 *   closed       RST, or ICMP port-unreachable (both surface as ECONNREFUSED): nothing listens,
 *                or a firewall rejects with tcp-reset
 *   filtered     no answer within timeoutMs: a DROP rule, or a lost route
 *   unreachable  an ICMP error: admin-prohibited (EHOSTUNREACH on IPv4, EACCES on IPv6),
 *                host- or net-unreachable (EHOSTUNREACH, ENETUNREACH)
 *
 * A server that accepts only one connection per passive port (vsftpd does) counts this test as
 * that connection, so ask for a fresh port before transferring. Rejects only with the signal's
 * reason when aborted.
 */
export async function testConnectPort(options: PortTestOptions): Promise<PortTest> {
  const { test, connection } = await connectDataPort(options);
  connection?.close();
  return test;
}

/**
 * connectDataPort is testConnectPort that keeps the connection when the port is open (and the
 * handshake was not reset), so a plain listing can be sent over it instead of asking for a
 * second passive port: one round trip for EPSV and one for the connect saved (measured with npm run bench).
 */
export async function connectDataPort(
  options: PortTestOptions,
): Promise<{ test: PortTest; connection: DataConnection | null }> {
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const elapsed = (): number => Math.round(clock() - started);
  try {
    const socket = await tcpConnect({
      host: options.host,
      port: options.port,
      timeoutMs: options.timeoutMs,
      channel: 'data',
      ...(options.family ? { family: options.family } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const test: PortTest = { host: options.host, port: options.port, outcome: 'open', durationMs: elapsed() };
    return { test, connection: new DataConnection(socket, null) };
  } catch (error) {
    if (!(error instanceof TransportError)) throw error;
    const test: PortTest = {
      host: options.host,
      port: options.port,
      outcome: OUTCOME_BY_FAILURE[error.failure],
      ...(error.errno ? { errno: error.errno } : {}),
      durationMs: elapsed(),
    };
    return { test, connection: null };
  }
}

/** DataTlsOptions: protect the data connection (after PROT P) and resume the control session. */
export interface DataTlsOptions {
  /** The control connection's session (ControlConnection.tlsSession); servers such as vsftpd require reuse. */
  readonly session?: Buffer;
  readonly servername?: string;
  readonly ca?: string;
  /** Offer only this TLS version (--tls-version), as the control connection did. */
  readonly version?: PinnedTlsVersion | null;
}

/** DataConnectOptions: where the passive port is, and how long each phase may take. */
export interface DataConnectOptions {
  readonly host: string;
  readonly port: number;
  /** Deadline for the TCP connect, and again for the TLS handshake. */
  readonly timeoutMs: number;
  readonly family?: AddressFamily;
  readonly tls?: DataTlsOptions;
  readonly signal?: AbortSignal;
  readonly clock?: () => number;
  /**
   * Called once TCP is connected, before any TLS: the caller sends the transfer command only
   * then, so a port that cannot be reached never leaves a command waiting on the control channel.
   */
  readonly onTcpConnected?: () => void;
}

/** ReadAllOptions: when to stop reading. */
export interface ReadAllOptions {
  /** Give up after this long without a byte. */
  readonly idleTimeoutMs: number;
  /** Stop after this many bytes; defaults to MAX_LISTING_BYTES. */
  readonly maxBytes?: number;
  /** Abort the read (e.g. when the server refused the command): rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

/** ReadAllResult: what arrived and why reading stopped. */
export interface ReadAllResult {
  readonly bytes: Buffer;
  /** More bytes were offered than maxBytes allowed. */
  readonly truncated: boolean;
  /** eof = orderly close by the server; reset = RST (bytes before it are kept). */
  readonly endedBy: 'eof' | 'timeout' | 'limit' | 'reset';
}

/** SendAllOptions: how long the socket may refuse more bytes, and how to end the connection. */
export interface SendAllOptions {
  readonly idleTimeoutMs: number;
  /** End TLS with close_notify (true, as RFC 8446 §6.1 asks) or tear it down without (false). */
  readonly closeNotify: boolean;
}

/** SendAllResult: `sent` = every byte handed to the kernel and the connection ended. */
export interface SendAllResult {
  readonly endedBy: 'sent' | 'stalled' | 'reset' | 'closed';
  readonly bytesWritten: number;
}

const SEND_CHUNK_BYTES = 64 * 1024;

/**
 * openDataConnection connects to a passive data port and, with `tls`, starts the TLS handshake
 * at once. The server only answers that handshake after it has sent its 1yz reply, so open the
 * connection, then send the command, then await both. Rejects with TransportError on channel
 * 'data' (failure 'tls' when TCP worked but the handshake did not), or the signal's reason.
 */
export async function openDataConnection(options: DataConnectOptions): Promise<DataConnection> {
  const clock = options.clock ?? (() => performance.now());
  const plain = await tcpConnect({
    host: options.host,
    port: options.port,
    timeoutMs: options.timeoutMs,
    channel: 'data',
    ...(options.family ? { family: options.family } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  options.onTcpConnected?.();
  if (!options.tls) return new DataConnection(plain, null);
  plain.on('error', () => {});
  const { socket, info } = await tlsHandshake({
    socket: plain,
    host: options.host,
    timeoutMs: options.timeoutMs,
    channel: 'data',
    clock,
    ...(options.tls.servername ? { servername: options.tls.servername } : {}),
    ...(options.tls.ca ? { ca: options.tls.ca } : {}),
    ...(options.tls.session ? { session: options.tls.session } : {}),
    ...(options.tls.version ? { version: options.tls.version } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return new DataConnection(socket, info, plain);
}

/**
 * DataConnection is an open passive data connection. Bytes wait in the socket until readAll is
 * called, so nothing is lost between connecting and reading.
 */
export class DataConnection {
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  /** Whether the TLS handshake resumed the given session; null without TLS. */
  readonly sessionReused: boolean | null;
  private reading: Promise<ReadAllResult> | null = null;
  /** An error that happened before readAll was called. */
  private earlyError: Error | null = null;
  private closed = false;
  private readonly onEarlyError = (error: Error): void => {
    this.earlyError ??= error;
  };

  /** @internal Built by openDataConnection. */
  constructor(
    private readonly socket: Socket | TLSSocket,
    /** The handshake's facts (protocol, cipher, certificate); null without TLS. */
    readonly tls: TlsSessionInfo | null,
    /** With TLS: the TCP socket under it, to end TCP without a TLS close_notify. */
    private readonly tcp: Socket | null = null,
  ) {
    this.localAddress = socket.localAddress ?? '';
    this.localPort = socket.localPort ?? 0;
    this.remoteAddress = socket.remoteAddress ?? '';
    this.remotePort = socket.remotePort ?? 0;
    this.sessionReused = tls ? tls.sessionReused : null;
    socket.on('error', this.onEarlyError);
  }

  /**
   * readAll reads until the server closes the connection, the idle timeout passes, or maxBytes
   * is reached, then closes the socket. A reset ends the read but keeps the bytes that arrived;
   * other errors (a TLS failure mid-stream) reject with TransportError on channel 'data'.
   * Calling it twice returns the same promise.
   */
  readAll(options: ReadAllOptions): Promise<ReadAllResult> {
    this.reading ??= this.read(options);
    return this.reading;
  }

  /**
   * sendAll writes `bytes` (an upload after STOR), honouring back-pressure, then ends the
   * connection: with `closeNotify` a TLS connection sends its close_notify alert before the FIN
   * (RFC 8446 §6.1); without it the socket is torn down as soon as the bytes are flushed, the way
   * clients that skip the alert behave. Resolves with why sending stopped: `stalled` when the
   * socket accepted nothing more for idleTimeoutMs (the peer's window stayed shut, as behind a
   * path-MTU black hole). Never rejects; errors come back as `reset` or `closed`.
   */
  sendAll(bytes: Buffer, options: SendAllOptions): Promise<SendAllResult> {
    const socket = this.socket;
    if (this.closed || this.earlyError) return Promise.resolve({ endedBy: 'closed', bytesWritten: 0 });
    socket.removeListener('error', this.onEarlyError);
    return new Promise<SendAllResult>((resolve) => {
      let offset = 0;
      let settled = false;
      let ended = false;
      let timer: NodeJS.Timeout | null = null;
      const finish = (endedBy: SendAllResult['endedBy']): void => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        socket.removeListener('drain', pump);
        socket.removeListener('error', onError);
        socket.removeListener('close', onClose);
        socket.on('error', () => {});
        this.close();
        resolve({ endedBy, bytesWritten: Math.min(offset, bytes.length) });
      };
      const arm = (): void => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => finish(ended ? 'sent' : 'stalled'), options.idleTimeoutMs);
      };
      const onError = (error: Error): void => {
        if (ended) finish('sent');
        else finish(classifySocketError(error, 'data').failure === 'reset' ? 'reset' : 'closed');
      };
      const onClose = (): void => finish(offset >= bytes.length ? 'sent' : 'closed');
      const pump = (): void => {
        arm();
        while (offset < bytes.length) {
          const chunk = bytes.subarray(offset, offset + SEND_CHUNK_BYTES);
          offset += chunk.length;
          if (!socket.write(chunk)) return;
        }
        socket.removeListener('drain', pump);
        // Whatever the server sends (TLS 1.3 tickets) is read and dropped: unread bytes would
        // turn the close into a reset (RFC 1122 §4.2.2.13), which the server reports as an abort.
        socket.on('data', () => {});
        socket.resume();
        socket.write(Buffer.alloc(0), () => {
          ended = true;
          arm();
          if (options.closeNotify || this.tcp === null) socket.end();
          else this.tcp.end();
        });
      };
      socket.on('drain', pump);
      socket.on('error', onError);
      // Done once the server has closed its side too, or the idle timer passes after our end.
      socket.once('close', onClose);
      socket.once('end', () => finish(ended ? 'sent' : 'closed'));
      pump();
    });
  }

  /** close destroys the socket at once; a pending readAll rejects as closed. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.destroy();
  }

  private read({
    idleTimeoutMs,
    maxBytes = MAX_LISTING_BYTES,
    signal,
  }: ReadAllOptions): Promise<ReadAllResult> {
    const socket = this.socket;
    if (signal?.aborted) {
      this.close();
      return Promise.reject(signal.reason);
    }
    if (this.earlyError) {
      const outcome = this.afterError(this.earlyError, []);
      return outcome instanceof TransportError ? Promise.reject(outcome) : Promise.resolve(outcome);
    }
    if (this.closed) return Promise.reject(closedError());
    socket.removeListener('error', this.onEarlyError);
    return new Promise<ReadAllResult>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let total = 0;
      let timer = setTimeout(() => finish({ endedBy: 'timeout' }), idleTimeoutMs);
      const finish = (
        outcome: { endedBy: ReadAllResult['endedBy']; truncated?: boolean } | { error: unknown },
      ): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        socket.removeListener('data', onData);
        socket.removeListener('end', onEnd);
        socket.removeListener('error', onError);
        socket.removeListener('close', onClose);
        socket.on('error', () => {});
        this.close();
        if ('error' in outcome) {
          reject(outcome.error);
          return;
        }
        resolve({
          bytes: Buffer.concat(chunks, total),
          truncated: outcome.truncated ?? false,
          endedBy: outcome.endedBy,
        });
      };
      const onData = (chunk: Buffer): void => {
        clearTimeout(timer);
        const room = maxBytes - total;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room));
          total += room;
          finish({ endedBy: 'limit', truncated: true });
          return;
        }
        chunks.push(chunk);
        total += chunk.length;
        timer = setTimeout(() => finish({ endedBy: 'timeout' }), idleTimeoutMs);
      };
      const onEnd = (): void => finish({ endedBy: 'eof' });
      const onError = (error: Error): void => {
        const outcome = this.afterError(error, chunks);
        finish(outcome instanceof TransportError ? { error: outcome } : { endedBy: outcome.endedBy });
      };
      const onClose = (): void => finish({ error: closedError() });
      const onAbort = (): void => finish({ error: signal?.reason });
      socket.on('data', onData);
      socket.once('end', onEnd);
      socket.on('error', onError);
      socket.once('close', onClose);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** afterError turns a reset into an ordinary end of reading, anything else into a rejection. */
  private afterError(error: Error, chunks: readonly Buffer[]): ReadAllResult | TransportError {
    this.close();
    const classified = classifySocketError(error, 'data');
    if (classified.failure !== 'reset') return classified;
    return { bytes: Buffer.concat(chunks), truncated: false, endedBy: 'reset' };
  }
}

function closedError(): TransportError {
  return new TransportError('data', 'closed', 'data connection: closed by ftp-doctor');
}
