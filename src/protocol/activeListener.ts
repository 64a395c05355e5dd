import { createServer, type Server, type Socket } from 'node:net';
import { normalizeAddress } from './address.js';
import { TransportError } from './errors.js';
import { MAX_LISTING_BYTES } from './limits.js';

/** AcceptedData: what an active-mode data connection delivered. */
export interface AcceptedData {
  readonly bytes: Buffer;
  readonly truncated: boolean;
  readonly endedBy: 'eof' | 'timeout' | 'limit' | 'reset';
}

/**
 * ActiveListener is the client's side of active mode (PORT/EPRT): a one-shot listener on the
 * control connection's local address that accepts a data connection only from the server's
 * address. Anything else that connects is closed at once and never read: a doctor must not take
 * data from a third party that guessed the port.
 */
export class ActiveListener {
  private accepted: Socket | null = null;
  private readonly strangers: string[] = [];
  private waiter: ((socket: Socket | null) => void) | null = null;

  private constructor(
    private readonly server: Server,
    readonly address: string,
    readonly port: number,
    private readonly allowedPeer: string,
  ) {
    server.on('connection', (socket) => this.onConnection(socket));
  }

  /** open listens on `address` at a free port, for connections from `allowedPeer` only. */
  static open(address: string, allowedPeer: string): Promise<ActiveListener> {
    return new Promise((resolve, reject) => {
      const server = createServer();
      server.once('error', (error) =>
        reject(
          new TransportError(
            'data',
            'other',
            `cannot listen for active mode on ${address}: ${error.message}`,
          ),
        ),
      );
      server.listen({ host: address, port: 0, backlog: 4 }, () => {
        const info = server.address();
        const port = typeof info === 'object' && info ? info.port : 0;
        resolve(new ActiveListener(server, address, port, normalizeAddress(allowedPeer)));
      });
    });
  }

  /** rejectedPeers lists addresses that connected and were turned away. */
  get rejectedPeers(): readonly string[] {
    return this.strangers;
  }

  /** accept waits up to timeoutMs for the server's connection; null when none came. */
  accept(timeoutMs: number): Promise<Socket | null> {
    if (this.accepted) return Promise.resolve(this.accepted);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        resolve(null);
      }, timeoutMs);
      this.waiter = (socket) => {
        clearTimeout(timer);
        this.waiter = null;
        resolve(socket);
      };
    });
  }

  close(): void {
    this.server.close();
    this.accepted?.destroy();
    this.waiter?.(null);
  }

  private onConnection(socket: Socket): void {
    const peer = normalizeAddress(socket.remoteAddress ?? '');
    if (this.accepted || peer !== this.allowedPeer) {
      this.strangers.push(peer);
      socket.destroy();
      return;
    }
    this.accepted = socket;
    socket.pause();
    this.server.close();
    this.waiter?.(socket);
  }
}

/** readSocket reads until EOF, an idle gap of idleTimeoutMs, or maxBytes; it never throws. */
export function readSocket(
  socket: Socket,
  idleTimeoutMs: number,
  maxBytes = MAX_LISTING_BYTES,
): Promise<AcceptedData> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (endedBy: AcceptedData['endedBy'], truncated = false) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ bytes: Buffer.concat(chunks), truncated, endedBy });
    };
    let timer = setTimeout(() => finish('timeout'), idleTimeoutMs);
    socket.on('data', (chunk: Buffer) => {
      clearTimeout(timer);
      timer = setTimeout(() => finish('timeout'), idleTimeoutMs);
      const room = maxBytes - size;
      chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
      size += Math.min(chunk.length, room);
      if (chunk.length > room) finish('limit', true);
    });
    socket.once('end', () => finish('eof'));
    socket.once('error', () => finish('reset'));
    socket.once('close', () => finish('eof'));
    socket.resume();
  });
}
