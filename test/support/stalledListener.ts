import { spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';

/**
 * StalledListener: a loopback port whose accept queue is full, so further SYNs are silently
 * dropped, just as a firewall DROP rule would. Node always accepts on its own listeners, so a
 * python3 child listens with backlog 0 and never calls accept; one held connection fills the
 * queue (Linux keeps backlog + 1).
 */
export interface StalledListener {
  readonly port: number;
  stop(): Promise<void>;
}

export async function startStalledListener(): Promise<StalledListener> {
  const child = spawn(
    'python3',
    [
      '-c',
      'import socket,sys\ns=socket.socket()\ns.bind(("127.0.0.1",0))\ns.listen(0)\nprint(s.getsockname()[1],flush=True)\nsys.stdin.read()',
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('python3 listener did not start')), 5000);
    child.once('error', reject);
    child.stdout.once('data', (data: Buffer) => {
      clearTimeout(timer);
      resolve(Number(String(data).trim()));
    });
  });
  const filler: Socket = await new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
  return {
    port,
    stop: async () => {
      filler.destroy();
      child.stdin.end();
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            child.kill('SIGKILL');
            resolve();
          }, 2000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
  };
}
