import { appendFile } from 'node:fs/promises';
import { text as readStdin } from 'node:stream/consumers';
import { compareAddressReports } from '../../knowledge/addressComparison.js';
import { diagnose } from '../../knowledge/diagnose.js';
import type { TargetReport } from '../../knowledge/types.js';
import { EXIT } from '../../knowledge/types.js';
import { runProbe, runProbeAllAddresses } from '../../probe/runProbe.js';
import { InvalidTargetError, parseTarget } from '../../probe/target.js';
import type { AnyStepRecord, ProbeOptions, StepName, Target, TlsMode } from '../../probe/types.js';
import { resolveCredentials } from '../credentials.js';
import { type CheckedFlags, checkFlags, type RawProbeFlags, readTargetsFile } from '../probeOptions.js';
import { createProgress, type Progress, progressMode } from '../progress.js';
import { renderReports } from '../renderReports.js';
import { UsageError } from '../usageError.js';
import { writeFileAtomic } from '../writeFileAtomic.js';

const EXIT_SIGINT = 130;
const EXIT_SIGTERM = 143;

/** runProbeCommand: the default command. Returns the process exit code. */
export async function runProbeCommand(args: readonly string[], rawFlags: RawProbeFlags): Promise<number> {
  const flags = await checkFlags(rawFlags);
  const inputs = [...args, ...(flags.targetsFile ? await readTargetsFile(flags.targetsFile) : [])];
  if (inputs.length === 0) throw new UsageError('no target given (example: ftp-doctor ftp.example.com)');
  const targets = inputs.map((input) => {
    try {
      return parseTarget(input);
    } catch (error) {
      if (error instanceof InvalidTargetError)
        throw new UsageError(`bad target "${redact(input)}": ${error.message}`);
      throw error;
    }
  });
  const stdinPassword = rawFlags.passwordStdin === true ? await readPasswordFromStdin() : undefined;

  const controller = new AbortController();
  let signalExit: number | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalExit !== null) process.exit(signal === 'SIGINT' ? EXIT_SIGINT : EXIT_SIGTERM);
    signalExit = signal === 'SIGINT' ? EXIT_SIGINT : EXIT_SIGTERM;
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const progress = await createProgress(progressMode({ quiet: flags.quiet, format: flags.format }));
  let reports: TargetReport[];
  try {
    reports = await probeAll(targets, flags, stdinPassword, rawFlags, controller.signal, progress);
  } finally {
    progress.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  const highest = reports.reduce((max, r) => Math.max(max, r.diagnosis.verdict.exitCode), 0);
  const warned = reports.some((r) => r.diagnosis.verdict.status === 'warning');
  let exitCode = highest === 0 && warned && flags.strict ? EXIT.strictWarnings : highest;
  const rendered = await renderReports(reports, flags, exitCode);
  if (rendered.exitCodeOverride !== null) exitCode = rendered.exitCodeOverride;
  if (flags.outputFile) {
    await writeFileAtomic(flags.outputFile, rendered.formatted);
    process.stdout.write(rendered.terminal);
  } else {
    process.stdout.write(rendered.formatted);
  }
  if (flags.format === 'github' && process.env.GITHUB_STEP_SUMMARY && rendered.githubSummary) {
    await appendFile(process.env.GITHUB_STEP_SUMMARY, rendered.githubSummary);
  }
  return signalExit ?? exitCode;
}

async function probeAll(
  targets: readonly Target[],
  flags: CheckedFlags,
  stdinPassword: string | undefined,
  rawFlags: RawProbeFlags,
  signal: AbortSignal,
  progress: Progress,
): Promise<TargetReport[]> {
  const reports: TargetReport[][] = new Array(targets.length);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const index = next++;
      if (index >= targets.length) return;
      reports[index] = await probeOne(targets[index]!, flags, stdinPassword, rawFlags, signal, progress);
    }
  };
  await Promise.all(Array.from({ length: Math.min(flags.concurrency, targets.length) }, worker));
  return reports.flat();
}

async function probeOne(
  target: Target,
  flags: CheckedFlags,
  stdinPassword: string | undefined,
  rawFlags: RawProbeFlags,
  signal: AbortSignal,
  progress: Progress,
): Promise<TargetReport[]> {
  const credentials = await resolveCredentials(target, {
    user: typeof rawFlags.user === 'string' ? rawFlags.user : undefined,
    account: typeof rawFlags.account === 'string' ? rawFlags.account : undefined,
    passwordFromEnv: process.env.FTP_PASSWORD,
    passwordFromStdin: stdinPassword,
    netrc: rawFlags.netrc === true,
    netrcFile: typeof rawFlags.netrcFile === 'string' ? rawFlags.netrcFile : undefined,
  });
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
  const results = options.allAddresses
    ? await runProbeAllAddresses(target, options, hooks)
    : [await runProbe(target, options, hooks)];
  const reports = compareAddressReports(
    results.map((result) => ({
      probe: result,
      diagnosis: diagnose(result, { insecure: options.insecure, now: new Date() }),
    })),
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

async function readPasswordFromStdin(): Promise<string> {
  if (process.stdin.isTTY)
    throw new UsageError('--password-stdin: standard input is a terminal; pipe the password in');
  const text = await readStdin(process.stdin);
  return text.replace(/\r?\n$/, '');
}

function redact(input: string): string {
  return input.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/[^/@:]*):[^/@]*@/, '$1:****@');
}
