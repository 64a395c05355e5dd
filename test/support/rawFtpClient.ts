import { connect as netConnect, type Socket } from 'node:net';
import { type ConnectionOptions, type TLSSocket, connect as tlsConnect } from 'node:tls';

/**
 * A deliberately small FTP client for tests of the fake server and smoke tests of real servers.
 * It shares nothing with src/protocol: the fake server and the product are checked against an
 * independent reading of RFC 959.
 */

/** RawReply is one complete reply as this client framed it. */
export interface RawReply {
  readonly code: number;
  readonly lines: readonly string[];
}

/** How the connection ended, as far as a raw socket can tell. */
export type CloseKind = 'end' | 'reset' | 'error' | 'timeout';

const DEFAULT_TIMEOUT_MS = 5000;

/** RawFtpClient reads CRLF lines and frames replies per RFC 959 §4.2. */
export class RawFtpClient {
  private buffer = '';
  private readonly bytes: Buffer[] = [];
  private waiters: Array<() => void> = [];
  private ended: CloseKind | null = null;
  private socket: Socket;

  private constructor(socket: Socket) {
    this.socket = socket;
    this.attach(socket);
  }

  /** connect opens a control connection (optionally TLS from the first byte). */
  static connect(
    host: string,
    port: number,
    options: { timeoutMs?: number; implicitTls?: ConnectionOptions } = {},
  ): Promise<RawFtpClient> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      const socket: Socket = options.implicitTls
        ? tlsConnect({ host, port, servername: undefined, ...options.implicitTls })
        : netConnect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`connect to ${host}:${port} timed out`));
      }, timeoutMs);
      socket.once(options.implicitTls ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        socket.off('error', onError);
        resolve(new RawFtpClient(socket));
      });
      const onError = (error: Error): void => {
        clearTimeout(timer);
        reject(error);
      };
      socket.once('error', onError);
    });
  }

  private attach(socket: Socket): void {
    socket.on('data', this.onData);
    socket.on('end', () => this.finish('end'));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      this.finish(error.code === 'ECONNRESET' ? 'reset' : 'error'),
    );
    socket.on('close', () => this.finish('end'));
  }

  private readonly onData = (chunk: Buffer): void => {
    this.bytes.push(chunk);
    this.buffer += chunk.toString('latin1');
    this.wake();
  };

  private finish(kind: CloseKind): void {
    this.ended ??= kind;
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  private async waitFor<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const result = check();
      if (result !== undefined) return result;
      if (this.ended) throw new Error(`connection closed (${this.ended}) while waiting for ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** received is every byte so far, decoded as latin1 so any byte survives. */
  get received(): string {
    return Buffer.concat(this.bytes).toString('latin1');
  }

  get closeKind(): CloseKind | null {
    return this.ended;
  }

  private takeLine(): string | undefined {
    const end = this.buffer.indexOf('\r\n');
    if (end < 0) return undefined;
    const line = this.buffer.slice(0, end);
    this.buffer = this.buffer.slice(end + 2);
    return line;
  }

  /** reply reads one complete reply, multi-line included; lines are returned as latin1 text. */
  async reply(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<RawReply> {
    const lines: string[] = [];
    return this.waitFor(
      () => {
        for (let line = this.takeLine(); line !== undefined; line = this.takeLine()) {
          lines.push(line);
          const first = lines[0]!;
          const code = first.slice(0, 3);
          if (!/^\d{3}[ -]/.test(first) && !/^\d{3}$/.test(first)) {
            throw new Error(`malformed reply line: ${JSON.stringify(first.slice(0, 80))}`);
          }
          if (first[3] !== '-' || (lines.length > 1 && line.startsWith(`${code} `))) {
            return { code: Number(code), lines };
          }
        }
        return undefined;
      },
      timeoutMs,
      'a reply',
    );
  }

  /** send writes one command with CRLF. */
  send(line: string): void {
    this.socket.write(`${line}\r\n`);
  }

  /** command sends a line and reads its reply. */
  async command(line: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<RawReply> {
    this.send(line);
    return this.reply(timeoutMs);
  }

  /** closed resolves with how the connection ended. */
  async closed(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<CloseKind> {
    try {
      return await this.waitFor(() => this.ended ?? undefined, timeoutMs, 'the connection to close');
    } catch {
      return this.ended ?? 'timeout';
    }
  }

  /** startTls upgrades the control connection after a 234 (rejectUnauthorized off by default). */
  async startTls(options: ConnectionOptions = {}, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<TLSSocket> {
    const plain = this.socket;
    plain.off('data', this.onData);
    const secured = tlsConnect({ socket: plain, rejectUnauthorized: false, ...options });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('TLS handshake timed out')), timeoutMs);
      secured.once('secureConnect', () => {
        clearTimeout(timer);
        resolve();
      });
      secured.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    this.socket = secured;
    secured.on('data', this.onData);
    secured.on('error', () => {});
    return secured;
  }

  get tlsSocket(): TLSSocket | null {
    return 'encrypted' in this.socket ? (this.socket as TLSSocket) : null;
  }

  /** destroy drops the connection without QUIT. */
  destroy(): void {
    this.socket.destroy();
  }

  /** quit sends QUIT, reads 221 if it comes, and closes. */
  async quit(): Promise<void> {
    try {
      if (!this.ended) await this.command('QUIT', 2000);
    } catch {
      // The server may already be gone; the test only wants the socket closed.
    } finally {
      this.socket.destroy();
    }
  }
}

/** parseEpsvPort reads the port out of `229 ... (|||port|)`. */
export function parseEpsvPort(reply: RawReply): number {
  const match = /\((.)\1\1(\d+)\1\)/.exec(reply.lines.join('\n'));
  if (!match) throw new Error(`no EPSV port in ${reply.lines.join(' / ')}`);
  return Number(match[2]);
}

/** parsePasvAddress reads host and port out of `227 ... (h1,h2,h3,h4,p1,p2)`. */
export function parsePasvAddress(reply: RawReply): { host: string; port: number } {
  const match = /(\d+),(\d+),(\d+),(\d+),(\d+),(\d+)/.exec(reply.lines.join('\n'));
  if (!match) throw new Error(`no PASV address in ${reply.lines.join(' / ')}`);
  const n = match.slice(1).map(Number);
  return { host: n.slice(0, 4).join('.'), port: n[4]! * 256 + n[5]! };
}

/** DataResult is what a data connection delivered and how it ended. */
export interface DataResult {
  readonly body: Buffer;
  readonly end: CloseKind;
  readonly sessionReused?: boolean;
}

/**
 * openDataConnection connects to a data port and collects everything until the peer closes.
 * `tls` wraps it (PROT P), passing `session` to resume the control connection's TLS session.
 */
export function openDataConnection(
  host: string,
  port: number,
  options: { timeoutMs?: number; tls?: ConnectionOptions; maxBytes?: number } = {},
): { connected: Promise<void>; done: Promise<DataResult> } {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const socket: Socket = options.tls
    ? tlsConnect({ host, port, rejectUnauthorized: false, ...options.tls })
    : netConnect({ host, port });
  const chunks: Buffer[] = [];
  let total = 0;
  const connected = new Promise<void>((resolve, reject) => {
    socket.once(options.tls ? 'secureConnect' : 'connect', () => resolve());
    socket.once('error', reject);
  });
  connected.catch(() => {});
  const done = new Promise<DataResult>((resolve) => {
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    let finished = false;
    const finish = (end: CloseKind): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      const reused = options.tls ? (socket as TLSSocket).isSessionReused() : undefined;
      socket.destroy();
      resolve({
        body: Buffer.concat(chunks),
        end,
        ...(reused === undefined ? {} : { sessionReused: reused }),
      });
    };
    socket.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total <= (options.maxBytes ?? 16 * 1024 * 1024)) chunks.push(chunk);
    });
    socket.once('end', () => finish('end'));
    socket.once('close', () => finish('end'));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      finish(error.code === 'ECONNRESET' ? 'reset' : 'error'),
    );
  });
  return { connected, done };
}
