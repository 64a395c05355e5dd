import type { PortRange } from '../../../probe/types.js';
import { checkedRange, FixInputError, ipFamily } from './fixValues.js';
import { formatRange } from './passiveRange.js';

/**
 * FirewallPurpose says which traffic a firewall fix lets in:
 * - `open-data-ports`: clients' connections to the server's passive data ports (server side);
 * - `open-control-port`: clients' connections to the control port, usually 21 (server side);
 * - `accept-active-data`: in active mode (PORT/EPRT) the server connects back to the client; this
 *   lets those connections in on the client's side, from `serverAddress` to the client's data ports.
 */
export type FirewallPurpose = 'open-data-ports' | 'open-control-port' | 'accept-active-data';

/**
 * RangeConfidence says where `ports` came from, so a fix can warn when the range is a guess;
 * 'stated' is the range the admin gave (--pasv-range).
 */
export type RangeConfidence = 'stated' | 'observed' | 'inferred' | 'single' | 'suggested';

/** FirewallRequest describes the hole a firewall fix should open. */
export interface FirewallRequest {
  readonly purpose: FirewallPurpose;
  /** Data ports (a range), the control port (low = high) or, for `accept-active-data`, the client's data ports. */
  readonly ports: PortRange;
  readonly family: 4 | 6;
  /**
   * The server address clients connect to, when known. Rules never match on it as a destination,
   * because behind NAT the host does not own that address; `accept-active-data` uses it as the source.
   * Ignored unless it is an IP literal of `family`.
   */
  readonly serverAddress?: string;
  /** Keep only these dialects (see FIREWALL_DIALECTS); default: all. */
  readonly dialects?: readonly string[];
  /** Where `ports` came from; 'inferred', 'single' and 'suggested' add a warning line to each fix. */
  readonly rangeConfidence?: RangeConfidence;
  /** The control port, for the conntrack helper and container fixes; default 21. */
  readonly controlPort?: number;
}

/** CheckedFirewallRequest is a FirewallRequest with every value checked and defaults filled in. */
export interface CheckedFirewallRequest {
  readonly purpose: FirewallPurpose;
  readonly ports: PortRange;
  readonly family: 4 | 6;
  /** An IP literal of `family`, or null. */
  readonly serverAddress: string | null;
  readonly rangeConfidence: RangeConfidence;
  readonly controlPort: number;
}

/** checkFirewallRequest validates a request; throws FixInputError for ports or family out of range. */
export function checkFirewallRequest(request: FirewallRequest): CheckedFirewallRequest {
  if (request.family !== 4 && request.family !== 6) {
    throw new FixInputError(`address family must be 4 or 6, not ${String(request.family)}`);
  }
  const controlPort = request.controlPort ?? 21;
  checkedRange({ low: controlPort, high: controlPort });
  const address = request.serverAddress ?? null;
  return {
    purpose: request.purpose,
    ports: checkedRange(request.ports),
    family: request.family,
    serverAddress: ipFamily(address) === request.family && !address?.includes('%') ? address : null,
    rangeConfidence: request.rangeConfidence ?? 'observed',
    controlPort,
  };
}

/**
 * rangeWarning is a comment line (for '#'-comment languages) when the range is not known for sure,
 * else null. Every dialect here — shell, nft, PowerShell, YAML — reads '#' as a comment.
 */
export function rangeWarning(request: CheckedFirewallRequest): string | null {
  const range = formatRange(request.ports);
  if (request.purpose === 'open-control-port') return null;
  switch (request.rangeConfidence) {
    case 'stated':
    case 'observed':
      return null;
    case 'inferred':
      return `# ${range} is inferred from a few samples: use the range set in the FTP server if it differs.`;
    case 'single':
      return `# Only port ${range} was seen: replace it with the FTP server's whole passive range.`;
    case 'suggested':
      return `# ${range} is a suggestion: set the same range in the FTP server's configuration.`;
  }
}

/** portWord names what the ports are for, for titles: 'passive data ports 40000–40099'. */
export function portWord(request: CheckedFirewallRequest): string {
  const range = formatRange(request.ports);
  switch (request.purpose) {
    case 'open-data-ports':
      return `the passive data ports ${range}`;
    case 'open-control-port':
      return `the FTP control port ${range}`;
    case 'accept-active-data':
      return `active-mode data connections to ports ${range}`;
  }
}

/** withWarning puts the range warning, when there is one, above the lines of a fix text. */
export function withWarning(request: CheckedFirewallRequest, lines: readonly string[]): string {
  const warning = rangeWarning(request);
  return (warning === null ? lines : [warning, ...lines]).join('\n');
}
