import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import {
  parseExposition,
  parseJunit,
  parseNagios,
  parseWorkflowCommands,
  samplesOf,
} from '../formats/formatParsers.js';
import { validateReportJson } from '../report/schema.js';
import { CLI_PATH, looksLikeStackTrace } from '../support/runCli.js';

/**
 * Helpers for the interruption tables: run the built CLI with every machine format saved beside
 * the human report, strike it (a signal, or let --deadline run out), and check what a user and
 * every consuming system would see.
 */

/** The formats saved with --save on every run; the human report goes to stdout. */
const SAVED = ['json', 'junit', 'github', 'prometheus', 'nagios', 'html'] as const;
type Saved = (typeof SAVED)[number];

/** How long after a strike the process may take to be gone: generous, since 4 CLIs share 2 cores. */
export const EXIT_BOUND_MS = 5000;

export interface StruckRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** From the strike (signal sent, or deadline due) to the process being gone. */
  readonly goneAfterMs: number;
  readonly saved: Readonly<Record<Saved, string>>;
}

/** CliProcess: a running CLI, its pid kept so the signal goes to this process only. */
export interface CliProcess {
  readonly child: ChildProcess;
  readonly startedAt: number;
  readonly done: Promise<{ code: number | null; signal: NodeJS.Signals | null; endedAt: number }>;
  readonly output: () => { stdout: string; stderr: string };
}

/** startCli spawns the built CLI; a hard timeout kills it by its own pid so a hang fails the test. */
export function startCli(args: readonly string[], hardTimeoutMs = 30_000): CliProcess {
  const child = spawn(process.execPath, [CLI_PATH, ...args], {
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), hardTimeoutMs);
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; endedAt: number }>(
    (resolve) => {
      child.on('close', (code, signal) => {
        clearTimeout(killer);
        resolve({ code, signal, endedAt: Date.now() });
      });
    },
  );
  return { child, startedAt: Date.now(), done, output: () => ({ stdout, stderr }) };
}

/** saveArgs: `--save FORMAT=FILE` for every machine format, into `dir` with `stem`. */
export function saveArgs(dir: string, stem: string): string[] {
  return SAVED.flatMap((format) => ['--save', `${format}=${join(dir, `${stem}.${format}`)}`]);
}

/** finishRun waits for the CLI and reads the saved formats. */
export async function finishRun(
  cli: CliProcess,
  dir: string,
  stem: string,
  struckAt: (json: string) => number,
): Promise<StruckRun> {
  const ended = await cli.done;
  const saved = {} as Record<Saved, string>;
  for (const format of SAVED)
    saved[format] = await readFile(join(dir, `${stem}.${format}`), 'utf8').catch(() => '');
  return {
    code: ended.code,
    signal: ended.signal,
    ...cli.output(),
    goneAfterMs: ended.endedAt - struckAt(saved.json),
    saved,
  };
}

/**
 * deadlineDueAt: when the probe's deadline ran out, from the report's own start time (the
 * deadline counts from the probe's start, after node's start-up).
 */
export function deadlineDueAt(json: string, deadlineMs: number): number {
  const report = JSON.parse(json) as { targets: { startedAt: string }[] };
  return Date.parse(report.targets[0]!.startedAt) + deadlineMs;
}

/** What an interrupted or deadline-cut run must show. */
export interface Expected {
  readonly exitCode: number;
  readonly status: 'interrupted' | 'incomplete' | 'failed';
  readonly interrupted: 'signal' | 'deadline';
  /** Finding ids that must be present (besides probe.interrupted). */
  readonly findings?: readonly string[];
}

interface JsonTarget {
  readonly interrupted: string | null;
  readonly interruptedBy: string | null;
  readonly verdict: { readonly status: string; readonly exitCode: number; readonly headline: string };
  readonly findings: readonly { readonly id: string; readonly step: string; readonly severity: string }[];
  readonly steps: readonly {
    readonly name: string;
    readonly ran: boolean;
    readonly skippedReason: string | null;
    readonly cutShort?: string;
  }[];
}

/**
 * checkStruckRun checks one run in every format: the exit code, the verdict, a report that
 * parses as its consumer parses it, no stack trace and no "internal error", the steps after the
 * cut skipped with the reason. Returns the step the report says the probe was in.
 */
export function checkStruckRun(run: StruckRun, want: Expected, context: string): string {
  const all = `${run.stdout}\n${run.stderr}`;
  expect(run.signal, context).toBeNull();
  expect(run.code, `${context}\n${all}`).toBe(want.exitCode);
  expect(looksLikeStackTrace(all), context).toBe(false);
  expect(all, context).not.toMatch(/internal error/i);

  // JSON: valid, one exit code at the top and in the target.
  const report = JSON.parse(run.saved.json) as { exitCode: number; targets: JsonTarget[] };
  if (process.env.DEBUG_INTERRUPTIONS)
    console.log(
      context,
      JSON.stringify(report.targets[0]?.findings.map((f) => [f.id, f.step, f.severity])),
      JSON.stringify(
        report.targets[0]?.steps.map((s) => [s.name, s.ran, s.cutShort ?? '', s.skippedReason ?? '']),
      ),
      JSON.stringify(report.targets[0]?.steps.find((s) => s.name === 'pasv')),
    );
  expect(validateReportJson(report).errors, context).toEqual([]);
  const target = report.targets[0]!;
  expect(report.exitCode, context).toBe(want.exitCode);
  expect(target.verdict.exitCode, context).toBe(want.exitCode);
  expect(target.verdict.status, context).toBe(want.status);
  expect(target.interrupted, context).toBe(want.interrupted);
  const cut = target.findings.find((f) => f.id === 'probe.interrupted');
  expect(cut, context).toBeDefined();
  expect(cut?.severity, context).toBe('warning');
  const ids = target.findings.map((f) => f.id);
  for (const id of want.findings ?? []) expect(ids, context).toContain(id);
  const cutStep = cut!.step;
  expect(target.steps.find((s) => s.name === cutStep)?.ran, context).toBe(true);
  const reason = want.interrupted === 'signal' ? 'interrupted' : 'deadline reached';
  const skipped = target.steps.filter((s) => !s.ran).map((s) => s.skippedReason);
  // The steps after the cut are skipped with the reason (others may be skipped for their own).
  if (cutStep !== 'quit') expect(skipped, context).toContain(reason);

  // Human report: the verdict line.
  const word = want.status === 'failed' ? 'FAILED' : want.status.toUpperCase();
  expect(run.stdout, context).toMatch(new RegExp(`^\\S+ ${word} \\(exit ${want.exitCode}: `, 'm'));
  expect(run.stdout, context).toContain(`during the ${cutStep} step`);

  // JUnit: the cut is an <error> of the step it happened in, never a <failure> by itself.
  const junit = parseJunit(run.saved.junit);
  const suite = junit.suites[0]!;
  expect(suite.properties.exitCode, context).toBe(String(want.exitCode));
  const errorCase = suite.cases.find((c) => c.error !== null);
  expect(errorCase?.name, context).toBe(cutStep);
  expect(errorCase?.error?.type, context).toBe('probe.interrupted');
  // Failures only where the evidence showed one (a port silent for seconds), never for the cut itself.
  // A run stopped by a signal fails nothing; the deadline's failures are failures.
  const errorFindings =
    want.status === 'interrupted' ? [] : target.findings.filter((f) => f.severity === 'error');
  if (errorFindings.length === 0) expect(junit.failures, context).toBe(0);
  else expect(junit.failures, context).toBeGreaterThan(0);

  // GitHub: a notice with the verdict, the interruption a warning; no error unless a failure showed.
  const commands = parseWorkflowCommands(run.saved.github);
  const notice = commands.find((c) => c.command === 'notice');
  expect(notice?.message, context).toContain(`exit ${want.exitCode}`);
  expect(commands.filter((c) => c.command === 'error').length, context).toBe(errorFindings.length);
  expect(
    commands.some((c) => c.command === 'warning' && c.message.includes('[probe.interrupted]')),
    context,
  ).toBe(true);

  // Prometheus: interrupted 1; no success sample that could say healthy.
  const families = parseExposition(run.saved.prometheus);
  expect(
    samplesOf(families, 'ftp_doctor_probe_interrupted').map((s) => s.value),
    context,
  ).toEqual([1]);
  expect(
    samplesOf(families, 'ftp_doctor_exit_code').map((s) => s.value),
    context,
  ).toEqual([want.exitCode]);
  const success = samplesOf(families, 'ftp_doctor_probe_success').map((s) => s.value);
  expect(success, context).toEqual(want.status === 'failed' ? [0] : []);

  // Nagios: UNKNOWN for an unfinished check, CRITICAL when the deadline found a failure.
  const nagios = parseNagios(run.saved.nagios);
  expect(nagios.state, context).toBe(want.status === 'failed' ? 'CRITICAL' : 'UNKNOWN');

  // HTML: a whole document with the verdict word.
  expect(run.saved.html.startsWith('<!DOCTYPE html>'), context).toBe(true);
  expect(run.saved.html.trimEnd().endsWith('</html>'), context).toBe(true);
  expect(run.saved.html, context).toContain(
    `<p class="word">${word} <span class="exit">exit ${want.exitCode}:`,
  );
  return cutStep;
}

/** Figures: how long the process took to be gone after each strike, for the run's log. */
export class ExitFigures {
  private readonly figures: { label: string; ms: number }[] = [];

  add(label: string, ms: number): void {
    this.figures.push({ label, ms });
  }

  summary(title: string): string {
    if (this.figures.length === 0) return `${title}: no runs`;
    const sorted = [...this.figures].sort((a, b) => a.ms - b.ms);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.ms;
    const worst = sorted[sorted.length - 1]!;
    return `${title}: ${sorted.length} runs, process gone after the strike in median ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${worst.ms} ms (${worst.label})`;
  }
}
