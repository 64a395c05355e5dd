import { compareAddressReports } from '../../knowledge/diagnosis/addressComparison.js';
import { diagnose } from '../../knowledge/diagnosis/diagnose.js';
import { combineSessions } from '../../knowledge/diagnosis/repeatedSessions.js';
import { runExitCode } from '../../knowledge/diagnosis/runExitCode.js';
import type { TargetReport } from '../../knowledge/types.js';
import { EXIT } from '../../knowledge/types.js';
import { runRepeatedProbe } from '../../probe/repeatProbe.js';
import { runProbe, runProbeAllAddresses } from '../../probe/runProbe.js';
import type {
  AnyStepRecord,
  ProbeOptions,
  ProbeResult,
  StepName,
  Target,
  TlsMode,
} from '../../probe/types.js';
import { type Credentials, credentialsForTargets } from '../credentials.js';
import { fileSystem } from '../fileSystem.js';
import { parseTargetArgs } from '../options/targetArgs.js';
import { type CheckedFlags, readTargetsFile } from '../probeOptions.js';
import { createProgress, type Progress, progressMode } from '../progress.js';
import { renderReports } from '../renderReports.js';
import { SignalGate, type StopSignal, signalExitCode } from '../signalGate.js';
import { UsageError } from '../usageError.js';
import { writeFileAtomic } from '../writeFileAtomic.js';

/** runProbeCommand: the default command. Returns the process exit code. */
export async function runProbeCommand(args: readonly string[], flags: CheckedFlags): Promise<number> {
  const inputs = [...args, ...(flags.targetsFile ? await readTargetsFile(flags.targetsFile) : [])];
  if (inputs.length === 0) throw new UsageError('no target given (example: ftp-doctor ftp.example.com)');
  const targets = parseTargetArgs(inputs);
  const credentials = await credentialsForTargets(targets, flags.login);

  const controller = new AbortController();
  const gate = new SignalGate(controller, (code, signal) => {
    process.stderr.write(`ftp-doctor: ${signal} again; exiting without a report\n`);
    process.exit(code);
  });
  // Installed until the report is written: a signal while it is being written must not lose it.
  process.on('SIGINT', gate.onSignal);
  process.on('SIGTERM', gate.onSignal);
  try {
    return await probeAndReport(targets, flags, credentials, controller.signal, gate);
  } finally {
    process.off('SIGINT', gate.onSignal);
    process.off('SIGTERM', gate.onSignal);
  }
}

async function probeAndReport(
  targets: readonly Target[],
  flags: CheckedFlags,
  credentials: ReadonlyMap<Target, Credentials>,
  signal: AbortSignal,
  gate: SignalGate,
): Promise<number> {
  const progress = await createProgress(progressMode({ quiet: flags.quiet, format: flags.format }));
  let probed: ProbedTargets;
  let signalled: StopSignal | null;
  try {
    probed = await probeAll(targets, flags, credentials, signal, progress);
  } finally {
    signalled = gate.probesEnded();
    progress.stop();
  }
  const { reports, notProbed } = probed;
  if (notProbed.length > 0) {
    process.stderr.write(
      `ftp-doctor: interrupted; not probed: ${notProbed.map((t) => t.input).join(', ')}\n`,
    );
  }

  // A signal that stopped a probe (or kept one from starting) makes the run exit 130/143 whatever
  // was found so far; one that came after every probe had ended changes nothing in the report.
  const stoppedBySignal =
    signalled !== null && (notProbed.length > 0 || reports.some((r) => r.probe.interrupted === 'signal'));
  const runCode = runExitCode(
    reports.map((r) => r.diagnosis.verdict),
    { strict: flags.strict, signalExit: stoppedBySignal && signalled ? signalExitCode(signalled) : null },
  );
  const rendered = await renderReports(reports, flags, runCode);
  // A format with its own exit convention keeps it even after a signal: Nagios knows only 0-3.
  const exitCode = rendered.exitCodeOverride ?? runCode;
  if (flags.outputFile) {
    const written = await writeOutputFile(flags.outputFile, rendered.formatted);
    process.stdout.write(rendered.terminal);
    if (!written.ok) {
      process.stderr.write(`ftp-doctor: -o: ${written.reason}\n`);
      return EXIT.usage;
    }
  } else {
    process.stdout.write(rendered.formatted);
  }
  const summaryPath = process.env.GITHUB_STEP_SUMMARY;
  if (flags.format === 'github' && summaryPath && rendered.githubSummary) {
    try {
      await (await fileSystem()).appendFile(summaryPath, rendered.githubSummary);
    } catch (error) {
      // The workflow commands are out already; a missing summary file must not fail the check.
      process.stderr.write(
        `ftp-doctor: cannot append to GITHUB_STEP_SUMMARY ${summaryPath} (${errorCode(error)})\n`,
      );
    }
  }
  for (const save of rendered.saved) {
    const written = await writeOutputFile(save.file, save.text);
    if (!written.ok) {
      process.stderr.write(`ftp-doctor: --save: ${written.reason}\n`);
      return EXIT.usage;
    }
  }
  return exitCode;
}

/** writeOutputFile writes -o FILE atomically and turns a failure into one readable reason. */
async function writeOutputFile(
  path: string,
  content: string,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    await writeFileAtomic(path, content);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `cannot write ${path} (${errorCode(error)})` };
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | null)?.code ?? (error instanceof Error ? error.message : 'error');
}

interface ProbedTargets {
  readonly reports: TargetReport[];
  /** Targets a signal stopped before their probe began. */
  readonly notProbed: Target[];
}

async function probeAll(
  targets: readonly Target[],
  flags: CheckedFlags,
  credentials: ReadonlyMap<Target, Credentials>,
  signal: AbortSignal,
  progress: Progress,
): Promise<ProbedTargets> {
  const reports: (TargetReport[] | undefined)[] = new Array(targets.length);
  let next = 0;
  const worker = async () => {
    // After Ctrl-C no new probe starts: a probe begun with an aborted signal would only report a
    // connection failure that never happened.
    while (!signal.aborted) {
      const index = next++;
      if (index >= targets.length) return;
      reports[index] = await probeOne(
        targets[index]!,
        flags,
        credentials.get(targets[index]!)!,
        signal,
        progress,
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(flags.concurrency, targets.length) }, worker));
  return {
    reports: reports.flatMap((r) => r ?? []),
    notProbed: targets.filter((_, index) => reports[index] === undefined),
  };
}

async function probeOne(
  target: Target,
  flags: CheckedFlags,
  credentials: Credentials,
  signal: AbortSignal,
  progress: Progress,
): Promise<TargetReport[]> {
  const options: ProbeOptions = {
    ...flags.probe,
    tls: tlsModeFor(target, flags.tlsFlag),
    user: credentials.user,
    password: credentials.password,
    account: credentials.account,
  };
  progress.start(target.input);
  const hooks = {
    signal,
    onStepStart: (name: StepName) => progress.step(target.input, name),
    onStepEnd: (record: AnyStepRecord) => progress.stepDone(target.input, record),
  };
  const diagnosed = (result: ProbeResult): TargetReport => ({
    probe: result,
    diagnosis: diagnose(result, {
      insecure: options.insecure,
      now: new Date(),
      statedPassiveRange: flags.statedPassiveRange,
    }),
  });
  // --repeat: N whole sessions of the target, judged together (the worst verdict wins).
  const reports =
    flags.repeat.sessions > 1
      ? [combineSessions((await runRepeatedProbe(target, options, flags.repeat, hooks)).map(diagnosed))]
      : compareAddressReports(
          (options.allAddresses
            ? await runProbeAllAddresses(target, options, hooks)
            : [await runProbe(target, options, hooks)]
          ).map(diagnosed),
        );
  for (const report of reports) {
    const verdict = report.diagnosis.verdict;
    progress.done(
      target.input,
      `${verdict.headline} (exit ${verdict.exitCode}, ${report.probe.durationMs} ms)`,
    );
  }
  return reports;
}

/** tlsModeFor: ftps:// means implicit TLS and ftpes:// explicit, unless --tls says otherwise. */
function tlsModeFor(target: Target, flagMode: TlsMode | null): TlsMode {
  if (flagMode !== null) return flagMode;
  if (target.scheme === 'ftps') return 'implicit';
  if (target.scheme === 'ftpes') return 'explicit';
  return 'auto';
}
