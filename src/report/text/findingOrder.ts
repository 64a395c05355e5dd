import { leadingWarning, warningImpact } from '../../knowledge/diagnosis/warningOrder.js';
import { compareSeverity, type Finding } from '../../knowledge/types.js';

/**
 * sortFindings orders findings errors first, then warnings, then information; warnings by what
 * they break first (knowledge/diagnosis/warningOrder.ts), the rest stable.
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compareSeverity(a.severity, b.severity) ||
      (a.severity === 'warning' ? warningImpact(a.id) - warningImpact(b.id) : 0),
  );
}

/**
 * mainFinding is the one finding a one-line summary names: the error with the highest exit code
 * (the one that decided the verdict), else the warning that breaks clients soonest, else null.
 * Information never leads.
 */
export function mainFinding(findings: readonly Finding[]): Finding | null {
  const errors = findings.filter((finding) => finding.severity === 'error');
  if (errors.length > 0) return errors.reduce((best, next) => (next.exitCode > best.exitCode ? next : best));
  return leadingWarning(findings);
}
