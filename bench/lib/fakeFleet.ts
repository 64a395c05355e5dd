/**
 * fakeFleet: many fake FTP servers in one process, for the fleet benchmark. Bundled by
 * bench/run.mjs with esbuild (it imports src/fakeServer). Usage: node fakeFleet.mjs COUNT; it
 * prints one line of JSON, the ports, then serves until its stdin closes, or for at most
 * MAX_LIFETIME_MS, and closes every server.
 */
import { startFakeFtpServer } from '../../src/fakeServer/fakeFtpServer.js';
import type { FakeFtpServer } from '../../src/fakeServer/fakeServerScript.js';

const MAX_LIFETIME_MS = 15 * 60_000;

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? '190');
  const servers: FakeFtpServer[] = [];
  for (let i = 0; i < count; i += 1) servers.push(await startFakeFtpServer({}));
  process.stdout.write(`${JSON.stringify({ ports: servers.map((s) => s.port) })}\n`);
  const stop = async (): Promise<void> => {
    await Promise.all(servers.map((s) => s.close()));
    process.exit(0);
  };
  setTimeout(stop, MAX_LIFETIME_MS).unref();
  process.stdin.on('end', stop);
  process.stdin.resume();
}

void main();
