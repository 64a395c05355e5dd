import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeFtpServer } from '../../src/fakeServer/fakeFtpServer.js';
import type { FakeFtpServer } from '../../src/fakeServer/fakeServerScript.js';
import { checkAllFormats, FAST, runAllFormats } from '../formats/formatRuns.js';
import { looksLikeStackTrace, runCli } from '../support/runCli.js';

async function refusedTarget(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `127.0.0.1:${port}`;
}

/** progressEvents: the plain progress lines on stderr, as ['start' | 'done', target] pairs. */
function progressEvents(stderr: string): [string, string][] {
  const events: [string, string][] = [];
  for (const line of stderr.split('\n')) {
    const start = /^ftp-doctor: probing (\S+)$/.exec(line);
    if (start) events.push(['start', start[1]!]);
    const done = /^ftp-doctor: (\S+): .* \(exit \d+, \d+ ms\)$/.exec(line);
    if (done) events.push(['done', done[1]!]);
  }
  return events;
}

// Several targets in one run. Each keeps its own report in every format, one failing
// target never stops the others, and the exit code is the highest.
describe('many targets (CLI subprocess)', () => {
  const servers: FakeFtpServer[] = [];
  let healthy = '';
  let closedData = '';
  let refused = '';
  let slow: string[] = [];
  let dir = '';
  const start = async (script: Parameters<typeof startFakeFtpServer>[0]) => {
    const server = await startFakeFtpServer(script);
    servers.push(server);
    return `127.0.0.1:${server.port}`;
  };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ftp-doctor-targets-'));
    refused = await refusedTarget();
    healthy = await start({});
    closedData = await start({ dataPort: 'closed' });
    const slowScript = { greeting: { steps: [{ delayMs: 600 }, { lines: ['220 Slow.'] }] } };
    slow = await Promise.all([start(slowScript), start(slowScript), start(slowScript)]);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await rm(dir, { recursive: true, force: true });
  });

  it('refused, healthy and closed-data targets: every format keeps one report per target, exit 8', async () => {
    const checked = await checkAllFormats(
      await runAllFormats([refused, healthy, closedData, '--tls', 'off', ...FAST]),
      [
        { label: refused, exitCode: 3, findings: ['connect.refused'] },
        { label: healthy, exitCode: 0 },
        { label: closedData, exitCode: 8, findings: ['data.port-closed'] },
      ],
    );
    // The refused target came first and did not stop the others.
    expect(checked.json.targets[1]!.steps.find((s) => s.name === 'transfer')?.ran).toBe(true);
    const labelled = new Set(checked.prometheus.flatMap((f) => f.samples.map((s) => s.labels.target)));
    expect([...labelled].sort()).toEqual([refused, healthy, closedData].sort());
  });

  it('the human report ends with a summary table, one row per target in command-line order', async () => {
    const run = await runCli([refused, healthy, closedData, '--tls', 'off', ...FAST]);
    expect(run.code).toBe(8);
    const table = run.stdout
      .slice(run.stdout.lastIndexOf('\nTARGET') + 1)
      .trimEnd()
      .split('\n');
    expect(table[0]).toMatch(/^TARGET +VERDICT +EXIT +TIME +MAIN FINDING$/);
    expect(table.slice(1).map((row) => row.split(/ +/).slice(0, 3))).toEqual([
      [refused, 'FAILED', '3'],
      [healthy, 'HEALTHY', '0'],
      [closedData, 'FAILED', '8'],
    ]);
    expect(table.slice(1).map((row) => row.includes('—'))).toEqual([false, true, false]);
  });

  it('--targets-file: one per line, # comments and blank lines ignored, added to the arguments', async () => {
    const file = join(dir, 'targets.txt');
    await writeFile(
      file,
      `# FTP servers to watch\r\n\r\n${healthy}   # the good one\n\n  ${closedData}\n# ${refused}\n`,
    );
    const run = await runCli([refused, '--targets-file', file, '--tls', 'off', '--json', ...FAST]);
    expect(run.code).toBe(8);
    const report = JSON.parse(run.stdout) as { targets: { target: { input: string } }[] };
    expect(report.targets.map((t) => t.target.input)).toEqual([refused, healthy, closedData]);
  });

  it('--targets-file alone, and a missing one is a usage error', async () => {
    const file = join(dir, 'only.txt');
    await writeFile(file, `${healthy}\n`);
    expect((await runCli(['--targets-file', file, '--tls', 'off', '-q', ...FAST])).code).toBe(0);
    const missing = await runCli(['--targets-file', join(dir, 'nope.txt')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^ftp-doctor: --targets-file: cannot read .*nope\.txt \(ENOENT\)\nTry/);
    expect(looksLikeStackTrace(missing.stderr)).toBe(false);
  });

  it('--concurrency 1 probes one target after the other; 3 probes them at once', async () => {
    const [one, three] = await Promise.all([
      runCli([...slow, '--concurrency', '1', '--tls', 'off', ...FAST]),
      runCli([...slow, '--concurrency', '3', '--tls', 'off', ...FAST]),
    ]);
    expect([one.code, three.code]).toEqual([0, 0]);
    const sequential = progressEvents(one.stderr);
    expect(sequential.map(([kind]) => kind)).toEqual(['start', 'done', 'start', 'done', 'start', 'done']);
    expect(sequential.filter(([kind]) => kind === 'start').map(([, t]) => t)).toEqual(slow);
    const parallel = progressEvents(three.stderr);
    expect(parallel.slice(0, 3).map(([kind]) => kind)).toEqual(['start', 'start', 'start']);
    expect(parallel).toHaveLength(6);
  });

  it('a bad target among good ones: exit 2 before anything is probed', async () => {
    const before = servers.map((s) => s.connections);
    const run = await runCli([healthy, 'ftp://[::1', closedData]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^ftp-doctor: bad target "ftp:\/\/\[::1": .*\nTry 'ftp-doctor --help'\.\n$/);
    expect(servers.map((s) => s.connections)).toEqual(before);
  });

  it.each(['0', '-1', 'many'])('--concurrency %s is a usage error', async (value) => {
    const run = await runCli([healthy, '--concurrency', value]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--concurrency/);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(2);
  });
});
