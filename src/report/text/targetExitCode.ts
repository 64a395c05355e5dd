import { EXIT } from '../../knowledge/exitCodes.js';
import type { TargetReport } from '../../knowledge/types.js';

/**
 * targetExitCode: the target's exit code as the process returns it; `--strict` makes warnings 1.
 * Every format that states an exit code states this one, so a report never names a code the
 * shell does not see.
 */
export function targetExitCode(report: TargetReport, strict: boolean): number {
  const { exitCode, status } = report.diagnosis.verdict;
  return strict && status === 'warning' && exitCode === EXIT.healthy ? EXIT.strictWarnings : exitCode;
}
