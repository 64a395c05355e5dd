import type { Server, Socket } from 'node:net';

/**
 * ResourceTracker remembers every socket and listener the fake server opens, so close() can
 * destroy them all: a fake server that leaks a handle keeps a test run alive.
 */
export class ResourceTracker {
  private readonly sockets = new Set<Socket>();
  private readonly servers = new Set<Server>();
  private readonly controller = new AbortController();

  /** signal aborts when the whole fake server closes; every wait listens to it. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** openSockets: sockets tracked and not yet closed. */
  get openSockets(): number {
    return this.sockets.size;
  }

  get closed(): boolean {
    return this.controller.signal.aborted;
  }

  /** trackSocket keeps the socket until it closes, and silences its errors (peers misbehave). */
  trackSocket<S extends Socket>(socket: S): S {
    if (this.closed) {
      socket.destroy();
      return socket;
    }
    this.sockets.add(socket);
    socket.on('error', () => {});
    socket.once('close', () => this.sockets.delete(socket));
    return socket;
  }

  trackServer(server: Server): Server {
    this.servers.add(server);
    server.on('error', () => {});
    server.once('close', () => this.servers.delete(server));
    return server;
  }

  /** closeAll aborts every wait, destroys every socket and closes every listener. */
  async closeAll(): Promise<void> {
    this.controller.abort();
    const closing = [...this.servers].map(
      (server) => new Promise<void>((resolve) => server.close(() => resolve())),
    );
    for (const socket of this.sockets) socket.destroy();
    await Promise.all(closing);
  }
}
