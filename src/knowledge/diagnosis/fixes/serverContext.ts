import type { PortRange } from '../../../probe/types.js';
import type { SoftwareId } from '../../servers/softwareIds.js';
import type { RangeConfidence } from './firewallRequest.js';
import { checkedRange, ipFamily, SUGGESTED_PASSIVE_RANGE, safeHost } from './fixValues.js';
import { formatRange } from './passiveRange.js';

/** ServerFixTopic names one thing to change in an FTP server's configuration. */
export type ServerFixTopic =
  | 'passive-range'
  | 'passive-address'
  | 'enable-epsv'
  | 'enable-pasv'
  | 'tls-enable'
  | 'tls-require'
  | 'tls-session-reuse'
  | 'tls-certificate'
  | 'tls-protocols'
  | 'anonymous-access'
  | 'connection-limits'
  | 'listen-ipv6'
  | 'allow-data-from-other-ip';

/** SERVER_FIX_TOPICS: every ServerFixTopic, for tests and tables. */
export const SERVER_FIX_TOPICS: readonly ServerFixTopic[] = [
  'passive-range',
  'passive-address',
  'enable-epsv',
  'enable-pasv',
  'tls-enable',
  'tls-require',
  'tls-session-reuse',
  'tls-certificate',
  'tls-protocols',
  'anonymous-access',
  'connection-limits',
  'listen-ipv6',
  'allow-data-from-other-ip',
];

/** ServerFixContext: what the probe learned that a server fix can be tailored with. */
export interface ServerFixContext {
  /** Fingerprint id (medium confidence or better), or 'unknown'. */
  readonly software: SoftwareId | 'unknown';
  /** Observed or inferred passive range; null (or a single port) → a suggested range, said to be one. */
  readonly passiveRange: PortRange | null;
  /** The address clients use (the control connection's peer) when known. */
  readonly publicAddress: string | null;
  /** Keep only these dialects; default: the detected software, or every dialect when it is unknown. */
  readonly dialects?: readonly string[];
  /** How `passiveRange` was obtained; 'inferred' makes the fixes say it is a guess. */
  readonly rangeConfidence?: RangeConfidence;
  /**
   * What `anonymous-access` should achieve: 'disable' (the default: anonymous login works but should
   * not) or 'enable' (the probe wanted anonymous access and was refused).
   */
  readonly anonymous?: 'enable' | 'disable';
}

/** CheckedServerContext: a ServerFixContext with values made safe to print and defaults filled in. */
export interface CheckedServerContext {
  readonly range: PortRange;
  /** How the range was obtained; 'suggested' when we picked it. */
  readonly rangeOrigin: RangeConfidence;
  /** An IP literal or host name safe to print, or null. */
  readonly address: string | null;
  /** `address` when a PASV reply can carry it (IPv4 literal or host name), else null. */
  readonly pasvAddress: string | null;
  readonly anonymous: 'enable' | 'disable';
}

/** checkServerContext fills in a suggested range when none (or one port) is known and drops unsafe addresses. */
export function checkServerContext(context: ServerFixContext): CheckedServerContext {
  const known = context.passiveRange === null ? null : checkedRange(context.passiveRange);
  const usable = known !== null && known.low < known.high;
  const address = safeHost(context.publicAddress);
  return {
    range: usable ? known : SUGGESTED_PASSIVE_RANGE,
    rangeOrigin: usable ? (context.rangeConfidence ?? 'observed') : 'suggested',
    address,
    pasvAddress: ipFamily(address) === 6 ? null : address,
    anonymous: context.anonymous ?? 'disable',
  };
}

/**
 * rangeRemark is a sentence about where the range came from, for titles and comments, or '' when
 * it was observed.
 */
export function rangeRemark(context: CheckedServerContext): string {
  const range = formatRange(context.range);
  switch (context.rangeOrigin) {
    case 'suggested':
      return `${range} is a suggested range: no passive range was observed; any free block works if the firewall opens the same one.`;
    case 'inferred':
      return `${range} is inferred from the ports seen: keep the server's own range if it differs, and open that one.`;
    default:
      return '';
  }
}

/** ADDRESS_PLACEHOLDER: written where the public address is unknown; plainly not an address. */
export const ADDRESS_PLACEHOLDER = 'PUBLIC_IP';
