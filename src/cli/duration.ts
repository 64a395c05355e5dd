import { UsageError } from './usageError.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };

/**
 * parseDuration reads `500ms`, `5s`, `1.5s`, `2m`, or a bare number of seconds (as curl's
 * --connect-timeout does), and returns milliseconds.
 */
export function parseDuration(text: string, option: string): number {
  const match = /^([0-9]+(?:\.[0-9]+)?)(ms|s|m)?$/.exec(text.trim());
  if (!match)
    throw new UsageError(
      `${option}: "${text}" is not a duration (examples: 500ms, 5s, 2m; a bare number means seconds)`,
    );
  const ms = Number(match[1]) * UNIT_MS[match[2] ?? 's']!;
  if (ms < 1 || ms > 3_600_000) throw new UsageError(`${option}: ${text} is outside 1 ms – 60 minutes`);
  return Math.round(ms);
}

/** parseCount reads a whole number within [min, max]. */
export function parseCount(text: string, option: string, min: number, max: number): number {
  if (!/^[0-9]+$/.test(text.trim())) throw new UsageError(`${option}: "${text}" is not a whole number`);
  const value = Number(text);
  if (value < min || value > max) throw new UsageError(`${option}: ${value} is outside ${min}–${max}`);
  return value;
}
