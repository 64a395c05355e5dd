import { createServer } from 'node:net';

/** freePort asks the kernel for a free TCP port on 127.0.0.1 (free when asked; a race is unlikely). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
