import type { Finding, TargetReport } from '../../knowledge/types.js';
import { stepRecord } from './stepRecord.js';

/**
 * CLEAR_TEXT_FINDINGS: findings whose harm is a password read on the path. After an anonymous
 * login the probe put no secret on the wire, so turning on FTPS is a choice for the server's
 * accounts with passwords, not a repair of what was probed: the default report names the finding
 * and leaves its proof and setup to -v.
 */
const CLEAR_TEXT_FINDINGS: ReadonlySet<string> = new Set(['tls.not-offered', 'tls.auth-refused']);

/**
 * probedAnonymously: the probe logged in, or tried to, as an anonymous user (RFC 1635: the password
 * of anonymous FTP is a courtesy address, no secret), so whether or not the login was accepted, no
 * secret crossed the wire.
 */
export function probedAnonymously(report: TargetReport): boolean {
  return stepRecord(report.probe, 'login')?.data?.anonymous === true;
}

/** isClearTextFinding: the finding is about credentials travelling without TLS. */
export function isClearTextFinding(finding: Finding): boolean {
  return CLEAR_TEXT_FINDINGS.has(finding.id);
}
