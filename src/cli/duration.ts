import { PROBE_OPTIONS } from '../config/optionTable.js';
import { parseDurationMs, parseOptionValue } from '../config/optionValues.js';
import { UsageError } from './usageError.js';

/**
 * parseDuration reads `500ms`, `5s`, `1.5s`, `2m`, or a bare number of seconds (as curl's
 * --connect-timeout does), and returns milliseconds; the rules are the option table's.
 */
export function parseDuration(text: string, option: string): number {
  const parsed = parseDurationMs(text);
  if (!parsed.ok) throw new UsageError(`${option}: ${parsed.reason}`);
  return parsed.value as number;
}

/** parseCount reads a whole number within [min, max]. */
export function parseCount(text: string, option: string, min: number, max: number): number {
  const parsed = parseOptionValue({ ...PROBE_OPTIONS.samples, min, max }, text);
  if (!parsed.ok) throw new UsageError(`${option}: ${parsed.reason}`);
  return parsed.value as number;
}
