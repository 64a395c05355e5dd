import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { startFakeFtpServer } from '../../src/fakeServer/fakeFtpServer.js';
import type { FakeFtpServer } from '../../src/fakeServer/fakeServerScript.js';
import { EXIT_CODES } from '../../src/knowledge/exitCodes.js';
import { CLI_PATH } from '../support/runCli.js';
import {
  parseExposition,
  parseJunit,
  parseNagios,
  parseWorkflowCommands,
  promtoolCheck,
  promtoolSkipReason,
} from './formatParsers.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const EXIT_CODES_DOC = readFileSync(new URL('../../docs/exit-codes.md', import.meta.url), 'utf8');

/**
 * section: the text of a Markdown section, from its heading to the next heading of its level or
 * above. Lines inside fenced code blocks are never headings (a YAML comment starts with `# `).
 */
function section(text: string, heading: string): string {
  const level = /^#+/.exec(heading)![0].length;
  const lines = text.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`README has no "${heading}"`);
  let fenced = false;
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('```')) fenced = !fenced;
    const match = fenced ? null : /^(#+) /.exec(line);
    if (match && match[1]!.length <= level) break;
    body.push(line);
  }
  return body.join('\n');
}

/** codeBlocks: the fenced blocks of a section, with their info strings. */
function codeBlocks(text: string): { lang: string; body: string }[] {
  return [...text.matchAll(/^```(\S*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1]!, body: m[2]! }));
}

function tableRows(text: string, after: string): string[][] {
  const from = text.indexOf(after);
  const rows: string[][] = [];
  for (const line of text.slice(from).split('\n').slice(1)) {
    if (line.startsWith('|')) {
      if (!/^\|[-| ]+\|$/.test(line))
        rows.push(
          line
            .split('|')
            .slice(1, -1)
            .map((c) => c.trim()),
        );
    } else if (rows.length > 0) break;
  }
  return rows;
}

const CI = section(README, '## Use in CI');
const snippet = (heading: string, index = 0) => codeBlocks(section(CI, `### ${heading}`))[index]!.body;

/** yamlToJson parses a snippet with the yaml package (YAML 1.2, what GitHub and GitLab read). */
async function yamlToJson(text: string): Promise<unknown> {
  return parseYaml(text) as unknown;
}

interface ShellRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** runShell runs a documented command line with a shell, in `cwd`, with `env` over the tests' own. */
function runShell(
  shell: readonly string[],
  command: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<ShellRun> {
  return new Promise((resolve) => {
    const child = spawn(shell[0]!, [...shell.slice(1), command], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, CI: 'true', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A runner's bash: GitHub runs `run:` with `bash --noprofile --norc -eo pipefail {0}`. */
const GITHUB_BASH = ['bash', '--noprofile', '--norc', '-eo', 'pipefail', '-c'];
const SH = ['sh', '-c'];

type Json = Record<string, unknown>;

// A pipeline author copies the README's snippets and gets a failing job with a readable
// reason when the data channel is blocked. The snippets run here as written; only `npx` and the
// installed `ftp-doctor` are shims that start this checkout's build, and the target is a fake
// server whose passive data ports refuse connections.
describe("the README's CI snippets, run against a server whose data ports are closed", () => {
  let server: FakeFtpServer;
  let target: string;
  let work: string;
  let bin: string;
  const env = () => ({ PATH: `${bin}:${process.env.PATH ?? ''}` });
  beforeAll(async () => {
    server = await startFakeFtpServer({ dataPort: 'closed' });
    target = `127.0.0.1:${server.port}`;
    work = await mkdtemp(join(tmpdir(), 'ftp-doctor-snippets-'));
    bin = join(work, 'bin');
    await mkdir(bin);
    const ftpDoctor = `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI_PATH)} "$@"\n`;
    // npx --yes ftp-doctor ARGS → the built CLI; anything else is a mistake in a snippet.
    const npx = [
      '#!/bin/sh',
      '[ "$1" = "--yes" ] && shift',
      '[ "$1" = "ftp-doctor" ] || { echo "npx shim: unexpected $*" >&2; exit 99; }',
      'shift',
      `exec ${JSON.stringify(join(bin, 'ftp-doctor'))} "$@"`,
      '',
    ].join('\n');
    await writeFile(join(bin, 'ftp-doctor'), ftpDoctor);
    await writeFile(join(bin, 'npx'), npx);
    await Promise.all([chmod(join(bin, 'ftp-doctor'), 0o755), chmod(join(bin, 'npx'), 0o755)]);
  });
  afterAll(async () => {
    await server?.close();
    await rm(work, { recursive: true, force: true });
  });

  /** The reason a reader must see: the finding's title, naming the mode and the port. */
  /** oneLine joins a wrapped human report's lines, so a sentence is matched across a wrap. */
  const oneLine = (text: string): string => text.replace(/\s+/g, ' ');
  const REASON = /Passive data port closed \(connection refused\): EPSV port \d+ and PASV port \d+/;

  it('GitHub Actions: the job fails with exit 8, an error annotation and a summary naming the port', async () => {
    const workflow = (await yamlToJson(snippet('GitHub Actions without the action'))) as Json;
    const [job] = Object.values(workflow.jobs as Record<string, Json>);
    const steps = job!.steps as Json[];
    const runs = steps.filter((step) => typeof step.run === 'string' && step.run.includes('ftp-doctor'));
    expect(runs.map((step) => step.run)).toEqual([
      expect.stringContaining('--format github'),
      expect.stringContaining('--format junit -o '),
    ]);
    // Everything after the first check runs even when it failed.
    const later = steps.slice(steps.indexOf(runs[0]!) + 1);
    for (const step of later) expect(step.if).toMatch(/^\$\{\{ !cancelled\(\) \}\}$/);
    const junitFile = /-o (\S+)/.exec(runs[1]!.run as string)![1]!;
    const upload = steps.find((step) => String(step.uses).startsWith('actions/upload-artifact@'));
    expect((upload!.with as Json).path).toBe(junitFile);
    const reporter = steps.find((step) => String(step.uses).startsWith('mikepenz/action-junit-report@'));
    expect((reporter!.with as Json).report_paths).toBe(junitFile);
    expect((job!.permissions as Json).checks).toBe('write');

    const dir = await mkdtemp(join(work, 'github-'));
    const summary = join(dir, 'step-summary.md');
    const jobEnv = { ...(job!.env as Record<string, string>), FTP_TARGET: target };
    const actions = { ...env(), ...jobEnv, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary };

    const annotate = await runShell(GITHUB_BASH, runs[0]!.run as string, dir, actions);
    expect(annotate.code, annotate.stderr).toBe(8);
    const commands = parseWorkflowCommands(annotate.stdout);
    const error = commands.find((c) => c.command === 'error');
    expect(error?.properties.title).toMatch(REASON);
    expect(error?.properties.title?.startsWith(`${target}: `)).toBe(true);
    expect(error?.message).toContain('[data.port-closed]');
    expect(commands.find((c) => c.command === 'notice')?.message).toMatch(
      /^FAILED \(exit 8: data connection failed\)/,
    );
    const markdown = await readFile(summary, 'utf8');
    expect(markdown).toMatch(REASON);
    expect(markdown).toMatch(/\| epsv \| ✖ fail \| 229 → port \d+, closed/);

    const junit = await runShell(GITHUB_BASH, runs[1]!.run as string, dir, actions);
    expect(junit.code).toBe(8);
    // The log is the human report, wrapped at 80 columns: the reason may span two lines.
    expect(oneLine(junit.stdout)).toMatch(REASON);
    const report = parseJunit(await readFile(join(dir, junitFile), 'utf8'));
    const failure = report.suites[0]!.cases.find((c) => c.failure !== null)!.failure!;
    expect(failure.message).toMatch(REASON);
    expect(failure.body).toMatch(/EPSV → 229 Entering Extended Passive Mode \(\|\|\|\d+\|\)/);
  });

  it('GitLab CI: the job fails with exit 8 and the JUnit artifact names the port', async () => {
    const pipeline = (await yamlToJson(snippet('GitLab CI'))) as Record<string, Json>;
    const [job] = Object.values(pipeline);
    const artifacts = job!.artifacts as Json;
    expect(artifacts.when).toBe('always');
    const junitFile = (artifacts.reports as Json).junit as string;
    const script = job!.script as string[];
    expect(script.some((line) => line.includes(`-o ${junitFile}`))).toBe(true);

    const dir = await mkdtemp(join(work, 'gitlab-'));
    const variables = { ...(job!.variables as Record<string, string>), FTP_TARGET: target };
    // GitLab runs the script lines in one shell and stops at the first failing one.
    const run = await runShell(['bash', '-e', '-c'], script.join('\n'), dir, {
      ...env(),
      ...variables,
      GITLAB_CI: 'true',
    });
    expect(run.code).toBe(8);
    expect(run.stdout).toContain(`ftp-doctor report: ${target}`);
    expect(oneLine(run.stdout)).toMatch(REASON);
    const report = parseJunit(await readFile(join(dir, junitFile), 'utf8'));
    expect(report.suites.map((s) => s.name)).toEqual([target]);
    const failed = report.suites[0]!.cases.filter((c) => c.failure !== null);
    expect(failed.map((c) => c.name)).toContain('epsv');
    expect(failed[0]!.failure!.type).toBe('data.port-closed');
    expect(failed[0]!.failure!.body).toMatch(/Fixes:\n {2}\[/);
  });

  it('Nagios: the command line with its macros filled in is CRITICAL (exit 2), the port named', async () => {
    const config = snippet('Nagios');
    const commandLine = /^\s*command_line\s+(.+)$/m.exec(config)![1]!;
    const commandName = /^\s*command_name\s+(\S+)$/m.exec(config)![1]!;
    const checkCommand = /^\s*check_command\s+(\S+)$/m.exec(config)![1]!;
    const [name, ...args] = checkCommand.split('!');
    expect(name).toBe(commandName);
    // Nagios substitutes the macros; $ARG1$ is the port, here the fake server's.
    const filled = commandLine
      .replace('/usr/local/bin/ftp-doctor', join(bin, 'ftp-doctor'))
      .replaceAll('$HOSTADDRESS$', '127.0.0.1')
      .replaceAll('$ARG1$', String(server.port))
      .replace(/\$ARG(\d)\$/g, (_m, n: string) => args[Number(n) - 1]!);
    expect(filled).not.toContain('$');
    const run = await runShell(SH, filled, work, env());
    expect(run.code).toBe(2);
    const output = parseNagios(run.stdout);
    expect(output.state).toBe('CRITICAL');
    expect(output.text).toMatch(REASON);
    expect(output.perfdata.find((p) => p.label === 'time')?.crit).toBe('20.000');
  });

  it('node_exporter cron line: the metrics file is written atomically, even for a broken server', async () => {
    const line = snippet('Prometheus (node_exporter textfile collector)')
      .split('\n')
      .find((l) => /^[*\d]/.test(l))!;
    // cron turns an unescaped % into a newline; the documented line must not hold one.
    expect(line).not.toContain('%');
    const command = line.split(/\s+/).slice(5).join(' ');
    const dir = await mkdtemp(join(work, 'textfile-'));
    const filled = command
      .replace('/usr/local/bin/ftp-doctor', join(bin, 'ftp-doctor'))
      .replace('ftp.example.com', target)
      .replaceAll('/var/lib/node_exporter/textfile_collector', dir);
    const run = await runShell(SH, filled, work, env());
    expect(run.code).toBe(8);
    expect(run.stdout).toBe('');
    expect(await readdir(dir)).toEqual(['ftp_doctor.prom']);
    const text = await readFile(join(dir, 'ftp_doctor.prom'), 'utf8');
    const success = parseExposition(text).find((f) => f.name === 'ftp_doctor_probe_success')!;
    expect(success.samples).toEqual([
      { name: 'ftp_doctor_probe_success', labels: { target, address: '127.0.0.1' }, value: 0 },
    ]);
    if (promtoolSkipReason() === null) expect(await promtoolCheck(text)).toEqual({ code: 0, output: '' });

    // The shell-redirection variant: `;` lets mv run although ftp-doctor exits 8.
    const redirect = snippet('Prometheus (node_exporter textfile collector)', 1)
      .replace('/var/lib/node_exporter/textfile_collector', dir)
      .replace('ftp.example.com', target);
    await rm(join(dir, 'ftp_doctor.prom'));
    const second = await runShell(SH, redirect, work, env());
    expect(second.code).toBe(0);
    expect(await readdir(dir)).toEqual(['ftp_doctor.prom']);
    expect(parseExposition(await readFile(join(dir, 'ftp_doctor.prom'), 'utf8')).length).toBeGreaterThan(0);
  });

  it('the shell script branches on exit 8 and passes it on', async () => {
    const script = join(work, 'ftp-check');
    await writeFile(script, snippet('Shell scripts'));
    const run = await runShell(['sh', script], target, work, env());
    expect(run.code).toBe(8);
    const [verdict, advice] = run.stdout.trimEnd().split('\n');
    expect(verdict).toMatch(new RegExp(`^FAILED ${target.replaceAll('.', '\\.')} \\(exit 8\\): `));
    expect(verdict).toMatch(REASON);
    expect(advice).toBe('data channel broken: open the passive port range');
  });

  it('docs/exit-codes.md and the README list the same exit codes', () => {
    const readme = tableRows(section(README, '## Exit codes'), '| code | meaning |');
    const doc = tableRows(EXIT_CODES_DOC, '| code | meaning |');
    expect(readme.length).toBe(EXIT_CODES.length);
    expect(doc).toEqual(readme);
    expect(EXIT_CODES_DOC).toContain('](json-report.md)');
  });
});
