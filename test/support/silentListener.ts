import { createServer, type Server, type Socket } from 'node:net';

/** SilentListener: a port that accepts TCP connections and never says anything. */
export interface SilentListener {
  readonly port: number;
  /** How many connections it accepted so far. */
  accepted(): number;
  close(): Promise<void>;
}

/** startSilentListener listens on host (loopback): a probe that connects waits for a greeting. */
export async function startSilentListener(host: string): Promise<SilentListener> {
  let accepted = 0;
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => {
    accepted += 1;
    sockets.push(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    accepted: () => accepted,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
