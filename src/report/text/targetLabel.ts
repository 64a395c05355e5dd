import type { TargetReport } from '../../knowledge/types.js';
import { formatEndpoint } from '../../protocol/address.js';

/**
 * targetLabel is how a report names a target: what the user typed (never holding a password; the
 * target parser strips it), else host:port. Untrusted like server text, since a URL path can hold
 * anything; renderers sanitise it.
 */
export function targetLabel(report: TargetReport): string {
  const { target } = report.probe;
  if (target.input.trim() !== '') return target.input;
  return formatEndpoint(target.host, target.port);
}
