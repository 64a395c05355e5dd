import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeFtpServer, startFakeFtpServer } from '../../src/fakeServer/fakeFtpServer.js';
import { looksLikeStackTrace, runCli } from '../support/runCli.js';
import { FAULT_ROWS, type FaultRow } from './faultTable.js';
import { unsafeTerminalChars } from './terminalText.js';

// Each misbehaviour of a hostile server, run through the built CLI the way a user runs
// it. Short timeouts keep every row near a second; the bound below is the configured timeouts
// plus a margin for a loaded 2-core machine running several rows at once.
const FAST = [
  '--connect-timeout',
  '1s',
  '--reply-timeout',
  '1s',
  '--data-timeout',
  '1s',
  '--deadline',
  '15s',
];
const DEFAULT_MAX_MS = 7_000;

interface JsonReport {
  readonly exitCode: number;
  readonly targets: readonly { readonly findings: readonly { readonly id: string }[] }[];
}

const servers: FakeFtpServer[] = [];
let workDir = '';
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'ftp-doctor-faults-'));
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await rm(workDir, { recursive: true, force: true });
});

async function targetFor(row: FaultRow): Promise<string> {
  const server = await startFakeFtpServer(row.script());
  servers.push(server);
  const hostPort = `127.0.0.1:${server.port}`;
  return row.scheme ? `${row.scheme}://${hostPort}` : hostPort;
}

function argsFor(row: FaultRow): string[] {
  return [...FAST, ...(row.args ?? [])];
}

describe('fault matrix: hostile servers through the CLI', () => {
  it('has at least 40 rows with unique ids', () => {
    expect(FAULT_ROWS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(FAULT_ROWS.map((row) => row.id)).size).toBe(FAULT_ROWS.length);
  });

  it.concurrent.each(FAULT_ROWS.map((row) => [row.id, row] as const))('%s', async (_id, row) => {
    const target = await targetFor(row);
    const jsonFile = join(workDir, `${row.id}.json`);
    // -o writes the JSON report to a file while the human report goes to stdout, as users see it.
    const run = await runCli([target, ...argsFor(row), '--json', '-o', jsonFile], { timeoutMs: 30_000 });
    const context = `${row.misbehaviour}\n--- stdout\n${run.stdout.slice(0, 4000)}\n--- stderr\n${run.stderr.slice(0, 2000)}`;
    expect(run.code, context).toBe(row.exitCode);
    expect(run.ms, context).toBeLessThan(row.maxMs ?? DEFAULT_MAX_MS);
    expect(looksLikeStackTrace(run.stdout + run.stderr), context).toBe(false);
    expect(unsafeTerminalChars(run.stdout), context).toEqual([]);
    expect(unsafeTerminalChars(run.stderr), context).toEqual([]);

    const report = JSON.parse(await readFile(jsonFile, 'utf8')) as JsonReport;
    expect(report.exitCode, context).toBe(row.exitCode);
    const ids = report.targets.flatMap((t) => t.findings.map((f) => f.id));
    if (row.finding) {
      expect(ids, context).toContain(row.finding);
      expect(run.stdout, context).toContain(row.finding);
    } else {
      expect(
        ids.filter((id) => id !== 'tls.not-offered'),
        context,
      ).toEqual([]);
    }
    for (const absent of row.absent ?? []) expect(ids, context).not.toContain(absent);
    expect(ids, context).not.toContain('probe.interrupted');
  });
});
