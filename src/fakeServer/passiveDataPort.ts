import { createServer, type Server, type Socket } from 'node:net';
import type { DataPortBehaviour } from './fakeServerScript.js';
import type { ResourceTracker } from './resourceTracker.js';

/**
 * PassiveDataPort is one passive data listener. It is one-shot, as in real servers: it accepts a
 * single connection, then stops listening; it also stops after `timeoutMs` without a connection.
 */
export interface PassiveDataPort {
  readonly port: number;
  readonly behaviour: DataPortBehaviour;
  /** connection resolves with the accepted socket, or null (closed port, timeout, reset, shutdown). */
  connection(): Promise<Socket | null>;
  /** close drops the listener and any connection not yet used. */
  close(): void;
}

function listen(server: Server, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

/** openPassiveDataPort binds a data listener on `host` and arranges the scripted behaviour. */
export async function openPassiveDataPort(
  host: string,
  behaviour: DataPortBehaviour,
  timeoutMs: number,
  tracker: ResourceTracker,
  onAccept: () => void,
): Promise<PassiveDataPort> {
  const server = createServer();
  tracker.trackServer(server);
  const port = await listen(server, host);

  if (behaviour === 'closed') {
    // The port was free a moment ago and nothing listens on it now: a connect gets a RST.
    server.close();
    return { port, behaviour, connection: async () => null, close: () => {} };
  }

  let settle: (socket: Socket | null) => void = () => {};
  const accepted = new Promise<Socket | null>((resolve) => {
    settle = resolve;
  });
  let kept: Socket | null = null;
  const stop = (): void => {
    clearTimeout(timer);
    tracker.signal.removeEventListener('abort', stop);
    server.close();
    settle(null);
  };
  const timer = setTimeout(stop, timeoutMs);
  tracker.signal.addEventListener('abort', stop, { once: true });

  server.once('connection', (socket) => {
    tracker.trackSocket(socket);
    onAccept();
    clearTimeout(timer);
    // The tracker closes the accepted socket itself; a listener left on its signal would keep
    // this session alive until the whole server closes (found by the soak test: one per transfer).
    tracker.signal.removeEventListener('abort', stop);
    server.close();
    if (behaviour === 'accept-then-reset') {
      socket.resetAndDestroy();
      settle(null);
      return;
    }
    kept = socket;
    settle(socket);
  });

  return {
    port,
    behaviour,
    connection: () => accepted,
    close: () => {
      stop();
      kept?.destroy();
    },
  };
}
