import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { formatEndpoint } from './address.js';
import { assertSafeCommandLine, maskCommand } from './command.js';
import { ProtocolViolationError, TransportError } from './errors.js';
import { MAX_OFFENDING_TEXT, MAX_QUEUED_REPLIES, MAX_TRANSCRIPT_ENTRIES } from './limits.js';
import { isPreliminary } from './replyClass.js';
import { DEFAULT_FRAMER_LIMITS, type FramerLimits } from './replyFramer.js';
import { ReplyReader } from './replyReader.js';
import { tcpConnect } from './tcpConnect.js';
import { type PinnedTlsVersion, tlsHandshake } from './tlsHandshake.js';
import type { TlsSessionInfo } from './tlsSession.js';
import { classifySocketError } from './transportError.js';
import type { AddressFamily, Reply, TranscriptEntry } from './types.js';

/** TlsClientOptions: what to offer in a TLS handshake on the control connection. */
export interface TlsClientOptions {
  /** Name for SNI and the certificate check; defaults to the connected host. */
  readonly servername?: string;
  /** Extra trusted CA certificates (PEM), in addition to node's bundled roots. */
  readonly ca?: string;
  /** Handshake deadline; defaults to the connect timeout. */
  readonly timeoutMs?: number;
  /** Offer only this TLS version (--tls-version). */
  readonly version?: PinnedTlsVersion | null;
}

/** ControlConnectOptions: where and how to open the control connection. */
export interface ControlConnectOptions {
  readonly host: string;
  readonly port: number;
  readonly family?: AddressFamily;
  readonly timeoutMs: number;
  /** Speak TLS from the first byte (ftps://, port 990) instead of plain FTP. */
  readonly implicitTls?: TlsClientOptions;
  /** Milliseconds since the probe started; stamps transcript entries and measures handshakes. */
  readonly clock: () => number;
  /** Aborting rejects every pending wait with the signal's reason and closes the connection. */
  readonly signal?: AbortSignal;
  /** Framing limits; tests lower them, everyone else keeps the defaults from limits.ts. */
  readonly limits?: FramerLimits;
}

/** UpgradeOptions: AUTH TLS has been answered with 234; now the handshake. */
export interface UpgradeOptions {
  readonly servername?: string;
  readonly ca?: string;
  /** Always false: trust is reported, never enforced, by the protocol layer. */
  readonly rejectUnauthorized: false;
  readonly timeoutMs: number;
  /** Offer only this TLS version (--tls-version). */
  readonly version?: PinnedTlsVersion | null;
}

/** PreliminaryExchange: the replies to a command that may answer 1yz first (LIST, MLSD, RETR). */
export interface PreliminaryExchange {
  /** The 1yz reply (125, 150), or null when the server answered with a final reply at once. */
  readonly preliminary: Reply | null;
  readonly final: Reply;
}

/** PreliminaryTimeouts: how long to wait for the 1yz reply, and then for the final one. */
export interface PreliminaryTimeouts {
  readonly preliminaryTimeoutMs: number;
  readonly finalTimeoutMs: number;
}

interface Waiter {
  readonly resolve: (reply: Reply) => void;
  readonly reject: (error: unknown) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * ControlConnection is the FTP control channel: it frames replies, queues the ones nobody has
 * asked for yet, writes commands, records a transcript, and switches to TLS after AUTH TLS.
 *
 *   const control = await ControlConnection.connect({ host: '127.0.0.1', port: 21, timeoutMs: 5000, clock });
 *   const greeting = await control.readReply(5000);    // 220, queued since it arrived
 *   const reply = await control.command('FEAT', 5000);
 *   control.close();
 *
 * Replies are handed out strictly in arrival order: a reply that arrives unasked (a duplicate,
 * or one that came after a readReply timed out) waits in the queue and is what the next
 * readReply returns; queuedReplyCount lets the caller notice. After the connection fails, queued
 * replies can still be read, then every read rejects with the failure.
 */
export class ControlConnection {
  /** Every line sent and received, and connection events, in order. PASS is stored masked. */
  readonly transcript: TranscriptEntry[] = [];
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly remoteFamily: AddressFamily;

  private socket: Socket;
  private readonly reader: ReplyReader;
  private readonly queue: Reply[] = [];
  private readonly waiters: Waiter[] = [];
  /** Set once: the first failure (or the abort reason); every later read rejects with it. */
  private failure: { readonly error: unknown } | null = null;
  private tlsInfo: TlsSessionInfo | null = null;
  private session: Buffer | null = null;
  /** Whether a session ticket has arrived since the handshake (TLS 1.3 sends them afterwards). */
  private ticketArrived = false;
  private readonly ticketWaiters: (() => void)[] = [];
  private transcriptFull = false;
  /** A read timed out since the last command: replies queued now are late answers, not unasked ones. */
  private readTimedOut = false;
  private readonly onAbort = (): void => this.fail(this.signal?.reason, 'aborted');

  private constructor(
    socket: Socket,
    private readonly host: string,
    private readonly clock: () => number,
    private readonly signal: AbortSignal | undefined,
    limits: FramerLimits,
  ) {
    this.socket = socket;
    this.reader = new ReplyReader(limits);
    this.localAddress = socket.localAddress ?? '';
    this.localPort = socket.localPort ?? 0;
    this.remoteAddress = socket.remoteAddress ?? host;
    this.remotePort = socket.remotePort ?? 0;
    this.remoteFamily = socket.remoteFamily === 'IPv6' ? 6 : 4;
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /**
   * connect opens the control connection (and with implicitTls, completes the TLS handshake
   * before any FTP byte). Rejects with TransportError on channel 'control' — failure 'tls' when
   * TCP worked but the handshake did not — or with the signal's reason.
   */
  static async connect(options: ControlConnectOptions): Promise<ControlConnection> {
    const { host, port, clock, signal } = options;
    const socket = await tcpConnect({
      host,
      port,
      timeoutMs: options.timeoutMs,
      channel: 'control',
      ...(options.family ? { family: options.family } : {}),
      ...(signal ? { signal } : {}),
    });
    socket.setNoDelay(true);
    const connection = new ControlConnection(
      socket,
      host,
      clock,
      signal,
      options.limits ?? DEFAULT_FRAMER_LIMITS,
    );
    connection.event(
      `connected to ${formatEndpoint(connection.remoteAddress, connection.remotePort)} from ${formatEndpoint(connection.localAddress, connection.localPort)}`,
    );
    if (!options.implicitTls) {
      connection.attach(socket);
      return connection;
    }
    try {
      await connection.startTls({
        ...options.implicitTls,
        timeoutMs: options.implicitTls.timeoutMs ?? options.timeoutMs,
      });
    } catch (error) {
      connection.close();
      throw error;
    }
    return connection;
  }

  /** isTls: the control channel is encrypted (after AUTH TLS, or implicit TLS). */
  get isTls(): boolean {
    return this.tlsInfo !== null;
  }

  /** tls describes the control connection's handshake, or null before TLS. */
  get tls(): TlsSessionInfo | null {
    return this.tlsInfo;
  }

  /**
   * tlsSession is the latest TLS session of the control connection, for data connections to
   * resume. Under TLS 1.3 the server sends session tickets after the handshake, so this is
   * updated whenever a new ticket arrives; read it right before opening a data connection.
   */
  get tlsSession(): Buffer | null {
    return this.session;
  }

  /**
   * resumableSession resolves with the session a data connection should resume. Under TLS 1.3
   * the server sends its session tickets after the handshake (RFC 8446 §4.6.1), so a session
   * read too early cannot be resumed: this waits up to timeoutMs for the first ticket. Under
   * TLS 1.2 the session exists when the handshake ends. Null without TLS, or when no ticket came.
   */
  async resumableSession(timeoutMs: number): Promise<Buffer | null> {
    if (!this.tlsInfo) return null;
    if (this.tlsInfo.protocol !== 'TLSv1.3' || this.ticketArrived) return this.session;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.ticketWaiters.push(done);
    });
    return this.ticketArrived ? this.session : null;
  }

  /** queuedReplyCount is how many replies arrived that nobody has read yet. */
  get queuedReplyCount(): number {
    return this.queue.length;
  }

  /** isOpen: no failure and not closed; commands can still be sent. */
  get isOpen(): boolean {
    return this.failure === null;
  }

  /**
   * readReply resolves with the next reply: a queued one at once, or the next to arrive within
   * timeoutMs. Rejects with TransportError 'timeout' when none comes in time, 'closed' or
   * 'reset' when the connection ends, ProtocolViolationError when the server sends garbage or
   * floods, or the signal's reason.
   */
  readReply(timeoutMs: number): Promise<Reply> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    if (this.failure) return Promise.reject(this.failure.error);
    return new Promise<Reply>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          const index = this.waiters.indexOf(waiter);
          if (index >= 0) this.waiters.splice(index, 1);
          this.event(`no reply within ${timeoutMs} ms`);
          this.readTimedOut = true;
          const pending = this.reader.pendingText;
          if (pending.length > 0) {
            // Half a reply (say `211-Features` without its `211 End` line) leaves the framer inside
            // it: every later reply would be swallowed as one of its lines, so the stream is lost.
            const error = new ProtocolViolationError(
              `the server started a reply but did not finish it within ${timeoutMs} ms`,
              'incomplete-reply',
              pending.slice(0, MAX_OFFENDING_TEXT),
            );
            this.fail(error, 'protocol violation: unfinished reply');
            reject(error);
            return;
          }
          reject(
            new TransportError('control', 'timeout', `control connection: no reply within ${timeoutMs} ms`),
          );
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /**
   * send writes one command line followed by CRLF, UTF-8 encoded (RFC 2640). Throws
   * UnsafeCommandError when the line holds CR, LF or NUL, and the connection's failure when it
   * is closed or broken. PASS and ACCT arguments are masked in the transcript.
   *
   * Replies still queued when a command goes out were never asked for (RFC 959 §5.4: one reply
   * per command, nothing unasked after the greeting): a duplicate, or extra lines after the
   * greeting. Reading on would hand each command the previous one's reply, so send rejects with
   * ProtocolViolationError 'unsolicited-reply' and the connection fails. The exception is a read
   * that timed out since the last command: what is queued then is its late answer, and is dropped.
   */
  send(line: string): void {
    assertSafeCommandLine(line);
    if (this.failure) throw this.failure.error;
    if (this.queue.length > 0) {
      const count = this.queue.length;
      const replies = count === 1 ? 'reply' : 'replies';
      if (this.readTimedOut) {
        this.queue.length = 0;
        this.event(`dropped ${count} late ${replies} to an earlier command`);
      } else {
        const error = new ProtocolViolationError(
          `the server sent ${count} ${replies} nobody asked for`,
          'unsolicited-reply',
          this.queue[0]?.lines[0]?.slice(0, MAX_OFFENDING_TEXT),
        );
        this.fail(error, 'protocol violation: unsolicited reply');
        throw error;
      }
    }
    this.readTimedOut = false;
    this.record('sent', maskCommand(line));
    this.socket.write(`${line}\r\n`, 'utf8');
  }

  /** command sends a line and waits for its reply. */
  async command(line: string, timeoutMs: number): Promise<Reply> {
    this.send(line);
    return this.readReply(timeoutMs);
  }

  /**
   * commandWithPreliminary sends a line whose reply may be a 1yz followed by a final reply
   * (LIST, NLST, MLSD, RETR, STOR). The final timeout starts once the 1yz has arrived, so it can
   * cover the whole transfer. A final reply without a 1yz before it (450, 550, …) is returned
   * with preliminary null.
   */
  async commandWithPreliminary(line: string, timeouts: PreliminaryTimeouts): Promise<PreliminaryExchange> {
    const first = await this.command(line, timeouts.preliminaryTimeoutMs);
    if (!isPreliminary(first.code)) return { preliminary: null, final: first };
    const final = await this.readReply(timeouts.finalTimeoutMs);
    return { preliminary: first, final };
  }

  /**
   * upgradeToTls runs the TLS handshake after the server answered AUTH TLS with 234 (the caller
   * sends AUTH TLS and checks the reply). Rejects with ProtocolViolationError
   * 'plaintext-after-auth' when the server sent anything after the 234: those bytes would be
   * read as if they had come through TLS, the STARTTLS command-injection pattern. Rejects with
   * TransportError 'tls' when the handshake fails; the connection is closed in both cases.
   */
  async upgradeToTls(options: UpgradeOptions): Promise<TlsSessionInfo> {
    if (this.failure) throw this.failure.error;
    if (this.tlsInfo) return this.tlsInfo;
    const leftover = this.queue.map((reply) => reply.lines.join('\n')).join('\n') + this.reader.pendingText;
    if (leftover.length > 0) {
      const error = new ProtocolViolationError(
        'the server sent more text after accepting AUTH TLS, before the TLS handshake',
        'plaintext-after-auth',
        leftover.slice(0, MAX_OFFENDING_TEXT),
      );
      this.fail(error, 'protocol violation');
      throw error;
    }
    try {
      return await this.startTls(options);
    } catch (error) {
      this.fail(error, 'TLS handshake failed');
      throw error;
    }
  }

  /**
   * close destroys the socket at once (the caller sends QUIT first if it wants a polite end).
   * Pending reads reject with TransportError 'closed'. Safe to call more than once.
   */
  close(): void {
    this.fail(
      new TransportError('control', 'closed', 'control connection: closed by ftp-doctor'),
      'closed by ftp-doctor',
    );
  }

  private async startTls(
    options: TlsClientOptions & { readonly timeoutMs: number },
  ): Promise<TlsSessionInfo> {
    const plain = this.socket;
    this.detach(plain);
    // The plain socket keeps an error sink: an error on it must not crash the process while
    // the TLS socket above it takes over reporting.
    plain.on('error', () => {});
    const { socket, info } = await tlsHandshake({
      socket: plain,
      host: this.host,
      timeoutMs: options.timeoutMs,
      channel: 'control',
      clock: this.clock,
      ...(options.servername ? { servername: options.servername } : {}),
      ...(options.ca ? { ca: options.ca } : {}),
      ...(options.version ? { version: options.version } : {}),
      ...(this.signal ? { signal: this.signal } : {}),
    });
    this.socket = socket;
    this.tlsInfo = info;
    this.session = socket.getSession() ?? null;
    socket.on('session', (session: Buffer) => {
      this.session = session;
      this.ticketArrived = true;
      for (const wake of this.ticketWaiters.splice(0)) wake();
    });
    this.attach(socket);
    this.event(`TLS established: ${info.protocol ?? '?'} ${info.cipher?.name ?? '?'}`);
    return info;
  }

  private readonly onData = (chunk: Buffer): void => {
    let replies: Reply[];
    try {
      replies = this.reader.push(chunk);
    } catch (error) {
      this.fail(error, 'protocol violation');
      return;
    }
    for (const reply of replies) {
      if (this.failure) break;
      this.deliver(reply);
    }
  };

  private readonly onEnd = (): void => {
    const pending = this.reader.pendingText;
    const where = pending.length > 0 ? ' in the middle of a reply' : '';
    this.fail(
      new TransportError('control', 'closed', `control connection: closed by the server${where}`),
      `closed by the server${where}`,
    );
  };

  private readonly onError = (error: Error): void => {
    const classified = classifySocketError(error, 'control');
    this.fail(classified, `${classified.failure}: ${classified.errno ?? error.message}`);
  };

  private readonly onClose = (): void => {
    this.fail(new TransportError('control', 'closed', 'control connection: closed'), 'closed');
  };

  private attach(socket: Socket | TLSSocket): void {
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('error', this.onError);
    socket.on('close', this.onClose);
  }

  private detach(socket: Socket): void {
    socket.removeListener('data', this.onData);
    socket.removeListener('end', this.onEnd);
    socket.removeListener('error', this.onError);
    socket.removeListener('close', this.onClose);
  }

  private deliver(reply: Reply): void {
    for (const line of reply.lines) this.record('received', line);
    const waiter = this.waiters.shift();
    if (waiter) {
      clearTimeout(waiter.timer);
      waiter.resolve(reply);
      return;
    }
    this.queue.push(reply);
    if (this.queue.length > MAX_QUEUED_REPLIES) {
      this.fail(
        new ProtocolViolationError(
          `more than ${MAX_QUEUED_REPLIES} replies arrived without a command`,
          'reply-flood',
          reply.lines[0]?.slice(0, MAX_OFFENDING_TEXT),
        ),
        'protocol violation: reply flood',
      );
    }
  }

  /** fail records the first failure, rejects every waiter with it, and releases the socket. */
  private fail(error: unknown, description: string): void {
    if (this.failure) return;
    this.failure = { error };
    this.event(description);
    this.signal?.removeEventListener('abort', this.onAbort);
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
    this.socket.destroy();
  }

  private event(text: string): void {
    this.record('event', text);
  }

  private record(direction: TranscriptEntry['direction'], text: string): void {
    if (this.transcriptFull) return;
    if (this.transcript.length >= MAX_TRANSCRIPT_ENTRIES - 1) {
      this.transcriptFull = true;
      this.transcript.push({
        direction: 'event',
        text: 'transcript truncated',
        atMs: this.clock(),
        channel: 'control',
      });
      return;
    }
    this.transcript.push({ direction, text, atMs: this.clock(), channel: 'control' });
  }
}
