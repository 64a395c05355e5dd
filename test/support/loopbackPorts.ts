import { createServer } from 'node:net';

/**
 * Real servers get their own 127.x.y.1 address each: parallel test workers then never fight over
 * a port, and a server's passive range is free by construction on its own address.
 */

let nextServer = 0;

/** uniqueLoopbackAddress returns a 127.0.0.0/8 address no other worker of this run uses. */
export function uniqueLoopbackAddress(): string {
  nextServer += 1;
  // The second octet is derived from the worker's pid, the third counts servers in this worker.
  const worker = 20 + (process.pid % 200);
  return `127.${worker}.${(nextServer % 250) + 1}.1`;
}

/** portIsFree tries to bind host:port and reports whether it worked. */
export function portIsFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/** freePort asks the kernel for a free port on host. */
export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ host, port: 0, exclusive: true }, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** PortRange is an inclusive range of TCP ports. */
export interface PortRange {
  readonly low: number;
  readonly high: number;
}

/** freePortRange finds `size` consecutive free ports on host, above the kernel's ephemeral range start. */
export async function freePortRange(host: string, size: number): Promise<PortRange> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const low = 20_000 + Math.floor(Math.random() * 10_000);
    const ports = Array.from({ length: size }, (_, index) => low + index);
    const free = await Promise.all(ports.map((port) => portIsFree(host, port)));
    if (free.every(Boolean)) return { low, high: low + size - 1 };
  }
  throw new Error(`no ${size} consecutive free ports on ${host}`);
}
