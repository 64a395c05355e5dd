import { createServer, type Server } from 'node:net';
import type { FakeFtpServer, FakeServerScript } from './fakeServerScript.js';
import { serveFtpSession } from './ftpSession.js';
import { ResourceTracker } from './resourceTracker.js';
import { isSafeListenAddress } from './safeAddress.js';
import { createTlsUpgrader } from './tlsUpgrade.js';

export type {
  DataPortBehaviour,
  FakeCommandContext,
  FakeFtpServer,
  FakeReply,
  FakeReplyCallback,
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
  const tls = script.tls ? createTlsUpgrader(script.tls) : null;
  const commandsSeen: string[] = [];
  const uploads = new Map<string, Buffer>();
  let connections = 0;
  let openConnections = 0;
  let dataConnectionsAccepted = 0;

  const server = tracker.trackServer(createServer());
  server.on('connection', (socket) => {
    tracker.trackSocket(socket);
    connections += 1;
    openConnections += 1;
    socket.once('close', () => {
      openConnections -= 1;
    });
    if (script.maxConnections !== undefined && openConnections > script.maxConnections) {
      // vsftpd's max_clients answer: the greeting is replaced by 421 and the connection closed.
      socket.end('421 There are too many connected users, please try later.\r\n');
      return;
    }
    serveFtpSession(socket, {
      script,
      host,
      tracker,
      tls,
      connectionIndex: connections,
      timeoutMs: script.dataTimeoutMs ?? DEFAULT_TIMEOUT_MS,
      idleTimeoutMs: script.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
      recordCommand: (command) => commandsSeen.push(command),
      uploads,
      countDataConnection: () => {
        dataConnectionsAccepted += 1;
      },
    });
  });

  let port: number;
  try {
    port = await listen(server, host, script.port ?? 0);
  } catch (error) {
    await tracker.closeAll();
    throw error;
  }

  let closing: Promise<void> | null = null;
  return {
    host,
    port,
    get connections() {
      return connections;
    },
    commandsSeen,
    get dataConnectionsAccepted() {
      return dataConnectionsAccepted;
    },
    close: () => {
      closing ??= tracker.closeAll();
      return closing;
    },
  };
}
