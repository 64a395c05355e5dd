import { createServer, type Server, type Socket } from 'node:net';

/** ScriptServer: a tiny TCP server on 127.0.0.1 that runs a test's script for each connection. */
export interface ScriptServer {
  readonly port: number;
  /** Sockets accepted so far. */
  readonly sockets: Socket[];
  /** Destroys every accepted socket and stops listening. */
  close(): Promise<void>;
}

/** startScriptServer listens on an ephemeral loopback port (127.0.0.1 or ::1) and hands each connection to `script`. */
export async function startScriptServer(
  script: (socket: Socket) => void,
  host = '127.0.0.1',
): Promise<ScriptServer> {
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => {});
    script(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    sockets,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** onLines calls `handle` with every CRLF- or LF-terminated line the client sends. */
export function onLines(
  socket: { on(event: 'data', listener: (chunk: Buffer) => void): unknown },
  handle: (line: string) => void,
): void {
  let buffered = '';
  socket.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    for (let at = buffered.indexOf('\n'); at >= 0; at = buffered.indexOf('\n')) {
      const line = buffered.slice(0, at).replace(/\r$/, '');
      buffered = buffered.slice(at + 1);
      handle(line);
    }
  });
}

/** closedPort returns a loopback port that was just free: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
