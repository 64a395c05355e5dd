import { EXIT, type Verdict } from '../types.js';

/**
 * runExitCode: the process exit code of a run over several targets (docs/exit-codes.md, "Several
 * targets"). A signal decides it outright: the user stopped the run, and scripts must see that.
 * Otherwise a failure found in any target wins over another target's incomplete probe (11 is
 * numerically higher, but a broken server must never hide behind a slow one); the highest failure
 * code wins among failures; an incomplete probe wins over healthy targets; warnings give 1 only
 * under `--strict`.
 */
export function runExitCode(
  verdicts: readonly Verdict[],
  options: { readonly strict: boolean; readonly signalExit: number | null },
): number {
  if (options.signalExit !== null) return options.signalExit;
  const failed = verdicts.filter((v) => v.status === 'failed').map((v) => v.exitCode);
  if (failed.length > 0) return Math.max(...failed);
  // A target interrupted by a signal without the run being signalled (a library caller's signal).
  const interrupted = verdicts.find((v) => v.status === 'interrupted');
  if (interrupted) return interrupted.exitCode;
  if (verdicts.some((v) => v.status === 'incomplete')) return EXIT.incomplete;
  if (options.strict && verdicts.some((v) => v.status === 'warning')) return EXIT.strictWarnings;
  return EXIT.healthy;
}
