import { isIP } from 'node:net';
import type { PortRange } from '../../../probe/types.js';

/**
 * Values that end up inside shell commands and configuration files. Addresses may come from what a
 * server told us, so nothing reaches a fix text unless it is a plain IP literal or host name.
 */

/** SUGGESTED_PASSIVE_RANGE: offered when no range was observed; 101 ports, clear of common services. */
export const SUGGESTED_PASSIVE_RANGE: PortRange = { low: 50000, high: 50100 };

/** FixInputError: a caller handed a fix generator a value that cannot be written into a fix. */
export class FixInputError extends RangeError {
  override readonly name = 'FixInputError';
}

/** checkedRange returns `range` when both ends are ports 1–65535 with low ≤ high, else throws FixInputError. */
export function checkedRange(range: PortRange): PortRange {
  const { low, high } = range;
  const isPort = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= 65535;
  if (!isPort(low) || !isPort(high) || low > high) {
    throw new FixInputError(`not a port range: ${String(low)}–${String(high)}`);
  }
  return range;
}

/** HOST_NAME: letters, digits, hyphens and dots only, so it is inert in any shell or config file. */
const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** ipFamily returns the IP family of `value` (4 or 6), or null when it is not a plain IP literal. */
export function ipFamily(value: string | null | undefined): 4 | 6 | null {
  if (value === null || value === undefined) return null;
  const family = isIP(value);
  return family === 4 || family === 6 ? family : null;
}

/**
 * safeHost returns `value` when it is an IP literal (without zone id) or a DNS name that is inert
 * in a shell or a configuration file; otherwise null, so the caller writes a placeholder.
 */
export function safeHost(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (ipFamily(value) !== null && !value.includes('%')) return value;
  return HOST_NAME.test(value) ? value : null;
}

/** rangeSize counts the ports in a range, both ends included. */
export function rangeSize(range: PortRange): number {
  return range.high - range.low + 1;
}
