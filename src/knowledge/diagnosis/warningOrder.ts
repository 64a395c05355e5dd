import type { Finding } from '../types.js';

/**
 * WARNING_IMPACT: warnings by what they break, the most immediate first, as id prefixes or ids.
 * 1. The data path: some clients cannot list or transfer at all today (EPSV refused, PASV naming
 *    an address they cannot reach, a passive port the firewall opens only in part).
 * 2. TLS that clients insisting on it cannot use (AUTH or PROT refused, protocols too old).
 * 3. Everything not named: quirks that trip some clients (slow or odd greetings, odd replies).
 * 4. Exposure without breakage: no TLS at all, a certificate that expires soon, a password in the
 *    URL. Every client still works; the risk is to the secrets.
 */
const WARNING_IMPACT: readonly (readonly string[])[] = [
  ['epsv.', 'pasv.', 'passive.', 'data.', 'active.', 'middlebox.'],
  ['tls.auth-refused', 'tls.protection-refused', 'tls.old-protocol'],
  [],
  ['tls.not-offered', 'tls.cert-expiring', 'login.password-in-url'],
];

const UNNAMED = WARNING_IMPACT.findIndex((group) => group.length === 0);

function matches(id: string, key: string): boolean {
  return key.endsWith('.') ? id.startsWith(key) : id === key;
}

/** warningImpact: the group a finding id falls into (see WARNING_IMPACT); lower breaks more. */
export function warningImpact(id: string): number {
  const index = WARNING_IMPACT.findIndex((group) => group.some((key) => matches(id, key)));
  return index === -1 ? UNNAMED : index;
}

/**
 * leadingWarning: the warning a headline names: the one that breaks clients soonest, the first
 * written among equals. Null when there is none.
 */
export function leadingWarning(findings: readonly Finding[]): Finding | null {
  let best: Finding | null = null;
  for (const finding of findings) {
    if (finding.severity !== 'warning') continue;
    if (best === null || warningImpact(finding.id) < warningImpact(best.id)) best = finding;
  }
  return best;
}
