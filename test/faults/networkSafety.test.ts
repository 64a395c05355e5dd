import { createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { type FakeFtpServer, startFakeFtpServer } from '../../src/fakeServer/fakeFtpServer.js';
import { runCli } from '../support/runCli.js';

// docs/architecture.md, "Network safety": the tool connects only to the target's address. A PASV reply that names another
// host is reported, and followed only with --trust-pasv-address. Here the other host is
// 127.0.0.2, where a plain listener counts every connection that reaches it.

const DECOY_HOST = '127.0.0.2';
const FAST = ['--connect-timeout', '1s', '--reply-timeout', '1s', '--data-timeout', '1s', '--tls', 'off'];

interface Decoy {
  readonly server: Server;
  connections: number;
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * redirectingServer answers PASV with a port that really listens on 127.0.0.1 (so the probe's
 * test-connect on the control address works), and names 127.0.0.2 as the host, where a decoy
 * listens on the same port.
 */
async function redirectingServer(): Promise<{ fake: FakeFtpServer; decoys: Decoy[] }> {
  const decoys: Decoy[] = [];
  const fake = await startFakeFtpServer({
    replies: {
      PASV: async (ctx) => {
        const port = await ctx.openPassivePort();
        const decoy: Decoy = { server: createServer(), connections: 0 };
        decoy.server.on('connection', (socket) => {
          decoy.connections += 1;
          socket.destroy();
        });
        await listen(decoy.server, DECOY_HOST, port);
        decoys.push(decoy);
        cleanups.push(() => new Promise((resolve) => decoy.server.close(() => resolve())));
        return `227 Entering Passive Mode (127,0,0,2,${Math.floor(port / 256)},${port % 256}).`;
      },
    },
  });
  cleanups.push(() => fake.close());
  return { fake, decoys };
}

interface JsonReport {
  readonly targets: readonly {
    readonly findings: readonly { readonly id: string }[];
    readonly steps: readonly { readonly name: string; readonly data: unknown }[];
    readonly transcript: readonly { readonly text: string }[];
  }[];
}

function pasvData(report: JsonReport): { advertisedHost: string | null; advertisedPortTest: unknown } {
  const step = report.targets[0]?.steps.find((s) => s.name === 'pasv');
  return step?.data as { advertisedHost: string | null; advertisedPortTest: unknown };
}

describe('network safety: a PASV reply naming another host', () => {
  it('is reported but not followed without --trust-pasv-address', async () => {
    const { fake, decoys } = await redirectingServer();
    const run = await runCli([`127.0.0.1:${fake.port}`, ...FAST, '--json']);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(decoys.length).toBeGreaterThan(0);
    expect(decoys.reduce((sum, d) => sum + d.connections, 0)).toBe(0);
    expect(report.targets[0]?.findings.map((f) => f.id)).toContain('pasv.address-loopback');
    expect(pasvData(report)).toMatchObject({ advertisedHost: DECOY_HOST, advertisedPortTest: null });
    expect(run.code).toBe(0);
  });

  it('is followed, once, with --trust-pasv-address', async () => {
    const { fake, decoys } = await redirectingServer();
    const run = await runCli([`127.0.0.1:${fake.port}`, ...FAST, '--json', '--trust-pasv-address']);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(decoys.reduce((sum, d) => sum + d.connections, 0)).toBe(1);
    expect(pasvData(report).advertisedPortTest).toMatchObject({ host: DECOY_HOST, outcome: 'open' });
    expect(run.code).toBe(0);
  });

  it('never makes ftp-doctor try a public address it was not given (transcript check, no traffic)', async () => {
    const fake = await startFakeFtpServer({ pasvAdvertise: '203.0.113.9' });
    cleanups.push(() => fake.close());
    const run = await runCli([`127.0.0.1:${fake.port}`, ...FAST, '--json']);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.targets[0]?.findings.map((f) => f.id)).toContain('pasv.address-different');
    expect(pasvData(report).advertisedPortTest).toBeNull();
    const texts = report.targets[0]?.transcript.map((entry) => entry.text) ?? [];
    expect(texts.filter((text) => text.includes('203.0.113.9') && /connect/.test(text))).toEqual([]);
  });
});
