import { compareSeverity, type Finding } from '../../knowledge/types.js';

/** sortFindings orders findings errors first, then warnings, then information, stable within each. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => compareSeverity(a.severity, b.severity));
}

/**
 * mainFinding is the one finding a one-line summary names: the error with the highest exit code
 * (the one that decided the verdict), else the first warning, else null. Information never leads.
 */
export function mainFinding(findings: readonly Finding[]): Finding | null {
  const errors = findings.filter((finding) => finding.severity === 'error');
  if (errors.length > 0) return errors.reduce((best, next) => (next.exitCode > best.exitCode ? next : best));
  return findings.find((finding) => finding.severity === 'warning') ?? null;
}
