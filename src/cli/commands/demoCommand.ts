import { DEMO_SCENARIOS, type DemoScenario } from '../../fakeServer/demoScenarios.js';
import { startFakeFtpServer } from '../../fakeServer/fakeFtpServer.js';
import type { FakeFtpServer } from '../../fakeServer/fakeServerScript.js';
import { diagnose } from '../../knowledge/diagnosis/diagnose.js';
import { EXIT } from '../../knowledge/exitCodes.js';
import type { TargetReport } from '../../knowledge/types.js';
import { runProbe } from '../../probe/runProbe.js';
import { parseTarget } from '../../probe/target.js';
import type { AnyStepRecord, ProbeOptions, StepName } from '../../probe/types.js';
import { formatEndpoint } from '../../protocol/address.js';
import { renderSummaryTable } from '../../report/formats/human.js';
import type { Style } from '../../report/text/style.js';
import { DEFAULT_WIDTH, wrapText } from '../../report/text/wrapText.js';
import { readOptionValues } from '../options/readOptionValues.js';
import { createProgress, type Progress, progressMode } from '../progress.js';
import { type OutputFlags, renderReports } from '../renderReports.js';
import { terminalStyle, terminalWidth } from '../terminalStyle.js';
import { UsageError } from '../usageError.js';
import { writeFileAtomic } from '../writeFileAtomic.js';

/** Demo timeouts are short: everything is on 127.0.0.1 and answers in microseconds. */
const DEMO_OPTIONS: Omit<ProbeOptions, 'user' | 'password'> = {
  account: null,
  // The demo servers speak plain FTP only (shipping a key pair in the package would be worse), so
  // TLS is left out rather than reported as "not offered" in every scenario.
  tls: 'off',
  family: 4,
  connectTimeoutMs: 2000,
  replyTimeoutMs: 2000,
  dataTimeoutMs: 1500,
  deadlineMs: 15_000,
  samples: 1,
  active: false,
  trustPasvAddress: false,
  singleConnection: false,
  insecure: false,
  ca: null,
  allAddresses: false,
  scanRange: null,
};

/**
 * DEMO_EXIT: the demo's own exit codes. It is a self-test of the diagnosis, so a scenario that
 * does not get its expected verdict is a bug in ftp-doctor (internal error); an interrupted demo
 * exits like an interrupted probe.
 */
export const DEMO_EXIT = {
  allExpected: 0,
  usage: EXIT.usage,
  unexpectedVerdict: EXIT.internal,
  interruptedBySigint: EXIT.interruptedBySigint,
  interruptedBySigterm: EXIT.interruptedBySigterm,
} as const;

/** DemoFlags: the output options the demo shares with the probe, and its own. */
export interface DemoFlags extends OutputFlags {
  readonly list: boolean;
  /** --serve NAME: keep this scenario's server running instead of probing it. */
  readonly serve: string | null;
}

/**
 * readDemoFlags checks commander's view of the demo options with the probe's option table, so
 * --format, --fix-for and the rest accept and refuse exactly what they do for a probe.
 */
export function readDemoFlags(raw: Readonly<Record<string, unknown>>): DemoFlags {
  const { values: v, given } = readOptionValues(raw, null);
  if (v.quiet && v.verbose > 0) throw new UsageError('--quiet and --verbose exclude each other');
  if (v.json && given.has('format') && v.format !== 'human' && v.format !== 'json')
    throw new UsageError('--json and --format exclude each other');
  if (v.output === '') throw new UsageError('-o: the file name is empty');
  return {
    format: v.json ? 'json' : v.format,
    outputFile: v.output,
    verbose: v.verbose,
    quiet: v.quiet,
    strict: false,
    color: v.color,
    fixDialects: v.fixFor,
    warningMs: null,
    criticalMs: null,
    timeline: false,
    ascii: false,
    saves: [],
    list: raw.list === true,
    serve: typeof raw.serve === 'string' ? raw.serve : null,
  };
}

function scenarioNamed(name: string): DemoScenario {
  const scenario = DEMO_SCENARIOS[name];
  if (scenario === undefined) {
    const shown = name.length > 40 ? `${name.slice(0, 40)}…` : name;
    throw new UsageError(
      `unknown demo scenario "${shown}"; known: ${Object.keys(DEMO_SCENARIOS).join(', ')}`,
    );
  }
  return scenario;
}

/**
 * runDemoCommand starts each scenario's fake server on 127.0.0.1, probes it like a real target,
 * and reports in the chosen format, showing progress as it goes. It needs no network and no
 * privileges. Exit: 0 when every scenario got its expected verdict, 10 when one did not (a bug),
 * 130/143 when interrupted (what was found so far is printed), 2 for bad options.
 */
export async function runDemoCommand(
  names: readonly string[],
  raw: Readonly<Record<string, unknown>>,
): Promise<number> {
  const flags = readDemoFlags(raw);
  if (flags.list) return listScenarios();
  if (flags.serve !== null) return serveScenario(flags.serve);
  const chosen = names.length === 0 ? Object.keys(DEMO_SCENARIOS) : [...names];
  for (const name of chosen) scenarioNamed(name);

  const interruption = watchInterruption();
  const output = await demoOutput(flags);
  const progress = await createProgress(progressMode({ quiet: flags.quiet, format: flags.format }));
  let run: DemoRun;
  try {
    run = await runScenarios(chosen, flags, output, progress, interruption.signal);
  } finally {
    progress.stop();
    interruption.stop();
  }

  const signalExit = interruption.exitCode();
  const exitCode =
    signalExit ?? (run.unexpected.length > 0 ? DEMO_EXIT.unexpectedVerdict : DEMO_EXIT.allExpected);
  if (!(await printReports(run.reports, flags, output, exitCode))) return DEMO_EXIT.usage;
  printOutcome(chosen, run, flags, signalExit, exitCode);
  return exitCode;
}

function listScenarios(): number {
  const width = Math.max(...Object.keys(DEMO_SCENARIOS).map((n) => n.length));
  for (const [name, scenario] of Object.entries(DEMO_SCENARIOS)) {
    process.stdout.write(`${name.padEnd(width)}  ${scenario.title}\n`);
  }
  return DEMO_EXIT.allExpected;
}

/** Interruption: the signal that stops the probe under way, and the exit code it asks for. */
interface Interruption {
  readonly signal: AbortSignal;
  readonly exitCode: () => number | null;
  readonly stop: () => void;
}

/**
 * watchInterruption: the first Ctrl-C or SIGTERM interrupts the probe under way and ends the demo
 * (what was found so far is printed); a second one exits at once.
 */
function watchInterruption(): Interruption {
  const controller = new AbortController();
  let exitCode: number | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    const code = signal === 'SIGINT' ? DEMO_EXIT.interruptedBySigint : DEMO_EXIT.interruptedBySigterm;
    if (exitCode !== null) process.exit(code);
    exitCode = code;
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    exitCode: () => exitCode,
    stop: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** DemoOutput: how the demo writes to the terminal. */
interface DemoOutput {
  /** A human report is printed as each scenario ends; other formats are one document at the end. */
  readonly streaming: boolean;
  readonly style: Style;
  readonly width: number;
}

async function demoOutput(flags: DemoFlags): Promise<DemoOutput> {
  return {
    streaming: flags.format === 'human' && flags.outputFile === null,
    style: await terminalStyle(process.stdout, flags.color),
    width: terminalWidth(process.stdout) ?? DEFAULT_WIDTH,
  };
}

/** DemoRun: the reports of the scenarios that ran, and the verdicts that were not the expected ones. */
interface DemoRun {
  readonly reports: TargetReport[];
  readonly unexpected: string[];
}

async function runScenarios(
  chosen: readonly string[],
  flags: DemoFlags,
  output: DemoOutput,
  progress: Progress,
  signal: AbortSignal,
): Promise<DemoRun> {
  const run: DemoRun = { reports: [], unexpected: [] };
  for (const [index, name] of chosen.entries()) {
    if (signal.aborted) break;
    const scenario = scenarioNamed(name);
    const position = `${index + 1}/${chosen.length}`;
    const report = await probeScenario(name, scenario, signal, progress, `demo ${position} ${name}`);
    run.reports.push(report);
    const surprise = unexpectedVerdict(name, scenario, report);
    if (surprise !== null) run.unexpected.push(surprise);
    if (output.streaming) await printScenarioReport(report, `${position}: ${name}`, scenario, flags, output);
  }
  return run;
}

/** unexpectedVerdict: what differs from the scenario's expected verdict; null when nothing does. */
function unexpectedVerdict(name: string, scenario: DemoScenario, report: TargetReport): string | null {
  const { verdict } = report.diagnosis;
  // An interrupted probe has no verdict to judge.
  if (report.probe.interrupted === 'signal') return null;
  if (verdict.status === scenario.expected.status && verdict.exitCode === scenario.expected.exitCode)
    return null;
  return `${name}: expected ${scenario.expected.status} (exit ${scenario.expected.exitCode}), got ${verdict.status} (exit ${verdict.exitCode})`;
}

/** printScenarioReport: one scenario's human report, under a heading that says what it shows. */
async function printScenarioReport(
  report: TargetReport,
  heading: string,
  scenario: DemoScenario,
  flags: DemoFlags,
  output: DemoOutput,
): Promise<void> {
  const single = await renderReports([report], flags, report.diagnosis.verdict.exitCode);
  if (!flags.quiet) {
    const { style } = output;
    process.stdout.write(`${style.bold(`━━ demo ${heading} — ${scenario.title}`)}\n`);
    process.stdout.write(
      `${wrapText(scenario.description, output.width)
        .map((l) => style.dim(l))
        .join('\n')}\n\n`,
    );
  }
  process.stdout.write(flags.quiet ? single.formatted : `${single.formatted}\n`);
}

/**
 * printReports: after a streamed run the summary table; otherwise the whole document, on stdout or
 * in -o FILE. False when -o FILE could not be written (said on stderr).
 */
async function printReports(
  reports: readonly TargetReport[],
  flags: DemoFlags,
  output: DemoOutput,
  exitCode: number,
): Promise<boolean> {
  if (output.streaming) {
    if (!flags.quiet && reports.length > 1) {
      process.stdout.write(
        `${output.style.bold('Summary')}\n${renderSummaryTable(reports, output.style, output.width)}`,
      );
    }
    return true;
  }
  const rendered = await renderReports(reports, flags, exitCode);
  if (flags.outputFile === null) {
    process.stdout.write(rendered.formatted);
    return true;
  }
  try {
    await writeFileAtomic(flags.outputFile, rendered.formatted);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    process.stderr.write(`ftp-doctor: -o: cannot write ${flags.outputFile} (${code})\n`);
    return false;
  }
  process.stdout.write(rendered.terminal);
  return true;
}

/** printOutcome: on stderr, the unexpected verdicts, then how the run ended. */
function printOutcome(
  chosen: readonly string[],
  run: DemoRun,
  flags: DemoFlags,
  signalExit: number | null,
  exitCode: number,
): void {
  for (const line of run.unexpected) process.stderr.write(`ftp-doctor demo: unexpected verdict: ${line}\n`);
  if (signalExit !== null) {
    const missing = chosen.slice(run.reports.length);
    const rest = missing.length === 0 ? '' : `; not run: ${missing.join(', ')}`;
    process.stderr.write(`ftp-doctor demo: interrupted${rest}\n`);
  } else if (!flags.quiet) {
    const count = run.reports.length;
    const good = count - run.unexpected.length;
    process.stderr.write(
      `ftp-doctor demo: ${good} of ${count} scenario${count === 1 ? '' : 's'} gave the expected verdict (exit ${exitCode})\n`,
    );
  }
}

async function probeScenario(
  name: string,
  scenario: DemoScenario,
  signal: AbortSignal,
  progress: Progress,
  label: string,
): Promise<TargetReport> {
  const server = await startFakeFtpServer(await scenario.script());
  try {
    // Named after the scenario, so the summary table says which demo each line is.
    const target = { ...parseTarget(`127.0.0.1:${server.port}`), input: `demo:${name}` };
    progress.start(label);
    const result = await runProbe(
      target,
      { ...DEMO_OPTIONS, user: 'anonymous', password: 'demo@ftp-doctor' },
      {
        signal,
        onStepStart: (step: StepName) => progress.step(label, step),
        onStepEnd: (record: AnyStepRecord) => progress.stepDone(label, record),
      },
    );
    const report: TargetReport = {
      probe: result,
      diagnosis: diagnose(result, { insecure: false, now: new Date() }),
    };
    const { verdict } = report.diagnosis;
    progress.done(label, `${verdict.headline} (exit ${verdict.exitCode}, ${result.durationMs} ms)`);
    return report;
  } finally {
    await server.close();
  }
}

/**
 * serveScenario keeps one scenario's fake server listening on 127.0.0.1 until Ctrl-C (or SIGTERM),
 * so curl, lftp or FileZilla can be pointed at the same fault the demo diagnoses. Exits 0 then:
 * stopping it is the normal way to end it.
 */
async function serveScenario(name: string): Promise<number> {
  const scenario = scenarioNamed(name);
  const server: FakeFtpServer = await startFakeFtpServer(await scenario.script());
  const where = formatEndpoint(server.host, server.port);
  process.stdout.write(
    [
      `demo server "${name}" (${scenario.title}) listening on ${where}`,
      `  ftp-doctor ${where}`,
      `  curl --list-only ftp://${where}/`,
      `  lftp -e 'ls; quit' -p ${server.port} ${server.host}`,
      'Press Ctrl-C to stop it.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await server.close();
  process.stdout.write(`demo server "${name}" stopped\n`);
  return DEMO_EXIT.allExpected;
}
