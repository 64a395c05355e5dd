import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeFtpServer } from '../../src/fakeServer/fakeFtpServer.js';
import type { FakeFtpServer } from '../../src/fakeServer/fakeServerScript.js';
import { parseExposition, parseJunit, parseNagios, parseWorkflowCommands } from '../formats/formatParsers.js';
import { FAST } from '../formats/formatRuns.js';
import { validateReportJson } from '../report/schema.js';
import { looksLikeStackTrace, runCli } from '../support/runCli.js';

/** PARSE: each format's file read back by its parser (throws on anything malformed). */
const PARSE: Record<string, (text: string) => unknown> = {
  json: (text) => {
    const check = validateReportJson(JSON.parse(text));
    if (!check.valid) throw new Error(check.errors.join('; '));
    return check;
  },
  junit: parseJunit,
  github: parseWorkflowCommands,
  nagios: parseNagios,
  prometheus: parseExposition,
};

// -o FILE writes the chosen format atomically (temporary file, then rename) while the
// terminal still gets the human report.
describe('-o FILE (CLI subprocess)', () => {
  let server: FakeFtpServer;
  let dir: string;
  let target: string;
  beforeAll(async () => {
    server = await startFakeFtpServer({ dataPort: 'closed' });
    target = `127.0.0.1:${server.port}`;
    dir = await mkdtemp(join(tmpdir(), 'ftp-doctor-output-'));
  });
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each(Object.keys(PARSE))(
    '--format %s -o: the file parses, stdout has the human report',
    async (format) => {
      const sub = await mkdtemp(join(dir, `${format}-`));
      const file = join(sub, `report.${format}`);
      const run = await runCli([target, '--tls', 'off', '--format', format, '-o', file, ...FAST]);
      expect(run.code, run.stderr).toBe(format === 'nagios' ? 2 : 8);
      const content = await readFile(file, 'utf8');
      expect(() => PARSE[format]!(content)).not.toThrow();
      expect(run.stdout).toMatch(new RegExp(`^ftp-doctor report: ${target.replaceAll('.', '\\.')}\\n`));
      expect(run.stdout).toContain('Problems (1)');
      expect(run.stdout).toContain('data.port-closed');
      expect(await readdir(sub)).toEqual([`report.${format}`]);
      expect(looksLikeStackTrace(run.stderr)).toBe(false);
    },
  );

  it('replaces an existing file by renaming a new one over it (never a half-written file)', async () => {
    const file = join(dir, 'metrics.prom');
    await writeFile(file, 'stale content\n');
    const before = await stat(file);
    const run = await runCli([target, '--tls', 'off', '--format', 'prometheus', '-o', file, '-q', ...FAST]);
    expect(run.code).toBe(8);
    const after = await stat(file);
    // A new inode: the content was written elsewhere and renamed into place, not truncated in place.
    expect(after.ino).not.toBe(before.ino);
    expect(parseExposition(await readFile(file, 'utf8')).length).toBeGreaterThan(0);
    // -q with -o: the terminal gets only the verdict line.
    expect(run.stdout).toMatch(/^FAILED 127\.0\.0\.1:\d+ \(exit 8\): Passive data port closed[^\n]*\n$/);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('--format github -o: the commands go to the file, the summary still to GITHUB_STEP_SUMMARY', async () => {
    const file = join(dir, 'annotations.txt');
    const summary = join(dir, 'summary.md');
    // An earlier step of the same job wrote to the summary already: ftp-doctor appends.
    await writeFile(summary, '# Earlier step\n\n');
    const run = await runCli([target, '--tls', 'off', '--format', 'github', '-o', file, ...FAST], {
      env: { GITHUB_STEP_SUMMARY: summary },
    });
    expect(run.code).toBe(8);
    const commands = parseWorkflowCommands(await readFile(file, 'utf8'));
    expect(commands.some((c) => c.command === 'error')).toBe(true);
    expect(await readFile(summary, 'utf8')).toMatch(/^# Earlier step\n\n## ftp-doctor\n/);
    expect(run.stdout).not.toContain('::error');
  });

  it.each([
    {
      title: 'a directory that does not exist',
      path: () => join(dir, 'missing', 'r.json'),
      message: /does not exist/,
    },
    { title: 'a directory', path: () => dir, message: /is a directory/ },
    {
      title: 'a file as directory',
      path: () => join(dir, 'metrics.prom', 'r.json'),
      message: /is not a directory/,
    },
  ])('-o naming $title: exit 2 with one line and a hint, before any probe', async ({ path, message }) => {
    const connections = server.connections;
    const run = await runCli([target, '--json', '-o', path(), ...FAST]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^ftp-doctor: -o [^\n]+\nTry 'ftp-doctor --help'\.\n$/);
    expect(run.stderr).toMatch(message);
    expect(looksLikeStackTrace(run.stderr)).toBe(false);
    expect(server.connections).toBe(connections);
  });
});
