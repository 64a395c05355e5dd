import { EventEmitter } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import type { FakeFtpServer, FakeServerEvent, FakeServerScript } from './fakeServerScript.js';
import { serveFtpSession } from './ftpSession.js';
import { ResourceTracker } from './resourceTracker.js';
import { isSafeListenAddress } from './safeAddress.js';
import { createTlsUpgrader, type TlsUpgrader } from './tlsUpgrade.js';

export type {
  DataPortBehaviour,
  FakeCommandContext,
  FakeFtpServer,
  FakeReply,
  FakeReplyCallback,
  FakeServerEvent,
  FakeServerScript,
  FakeSession,
  FakeStep,
  FakeTlsOptions,
} from './fakeServerScript.js';

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_IDLE_TIMEOUT_MS = 60_000;

function checkScript(script: FakeServerScript, host: string): void {
  if (!isSafeListenAddress(host)) {
    throw new RangeError(
      `fake FTP server refuses to listen on ${host}: only loopback and test-namespace addresses`,
    );
  }
  const tls = script.tls;
  const needsCertificate = tls !== undefined && (tls.handshake ?? 'normal') === 'normal';
  if (needsCertificate && (tls.cert === undefined || tls.key === undefined)) {
    throw new TypeError('fake FTP server: tls needs cert and key unless handshake is stall or garbage');
  }
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/**
 * startFakeFtpServer starts a scripted FTP server and resolves once it listens. With an empty
 * script it is a healthy anonymous server; see FakeServerScript for the ways it can misbehave.
 * It never crashes on client misbehaviour, and close() releases every socket and timer.
 */
export async function startFakeFtpServer(script: FakeServerScript = {}): Promise<FakeFtpServer> {
  const host = script.host ?? '127.0.0.1';
  checkScript(script, host);
  const tracker = new ResourceTracker();
  const state = new ServerState();
  const tls = script.tls ? createTlsUpgrader(script.tls) : null;
  const server = tracker.trackServer(createServer());
  server.on('connection', (socket) => acceptConnection(socket, { script, host, tracker, tls, state }));
  let port: number;
  try {
    port = await listen(server, host, script.port ?? 0);
  } catch (error) {
    await tracker.closeAll();
    throw error;
  }
  return serverHandle(host, port, state, tracker);
}

/** ServerState: what the server has seen so far, shared by its connections and its handle. */
class ServerState {
  connections = 0;
  openConnections = 0;
  dataConnectionsAccepted = 0;
  readonly commandsSeen: string[] = [];
  readonly uploads = new Map<string, Buffer>();
  readonly events = new EventEmitter<{ event: [FakeServerEvent] }>();

  /** announce: a listener that throws must not take the server down with it. */
  announce(event: FakeServerEvent): void {
    for (const listener of this.events.listeners('event')) {
      try {
        listener(event);
      } catch {
        // the test's own problem; the server goes on
      }
    }
  }
}

/** ServerParts: what every connection of one server shares. */
interface ServerParts {
  readonly script: FakeServerScript;
  readonly host: string;
  readonly tracker: ResourceTracker;
  readonly tls: TlsUpgrader | null;
  readonly state: ServerState;
}

/** acceptConnection counts a new control connection and serves it, or turns it away when full. */
function acceptConnection(socket: Socket, parts: ServerParts): void {
  const { script, state } = parts;
  parts.tracker.trackSocket(socket);
  state.connections += 1;
  state.openConnections += 1;
  state.announce({ kind: 'connection', connection: state.connections });
  socket.once('close', () => {
    state.openConnections -= 1;
  });
  if (script.maxConnections !== undefined && state.openConnections > script.maxConnections) {
    // vsftpd's max_clients answer: the greeting is replaced by 421 and the connection closed.
    socket.end('421 There are too many connected users, please try later.\r\n');
    return;
  }
  serveFtpSession(socket, {
    script,
    host: parts.host,
    tracker: parts.tracker,
    tls: parts.tls,
    connectionIndex: state.connections,
    timeoutMs: script.dataTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    idleTimeoutMs: script.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    recordCommand: (command, connection) => {
      state.commandsSeen.push(command);
      state.announce({ kind: 'command', connection, command });
    },
    uploads: state.uploads,
    countDataConnection: () => {
      state.dataConnectionsAccepted += 1;
      state.announce({ kind: 'data-connection' });
    },
  });
}

/** serverHandle: what the caller holds, reading the server's state as it changes. */
function serverHandle(
  host: string,
  port: number,
  state: ServerState,
  tracker: ResourceTracker,
): FakeFtpServer {
  let closing: Promise<void> | null = null;
  return {
    host,
    port,
    get connections() {
      return state.connections;
    },
    commandsSeen: state.commandsSeen,
    onEvent(listener) {
      state.events.on('event', listener);
      return () => state.events.off('event', listener);
    },
    get openSockets() {
      return tracker.openSockets;
    },
    get dataConnectionsAccepted() {
      return state.dataConnectionsAccepted;
    },
    close: () => {
      closing ??= tracker.closeAll();
      return closing;
    },
  };
}
