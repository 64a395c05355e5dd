import type { OptionSpec, PortRangeValue } from './optionTable.js';

/**
 * RawOptionValue: an option's value as it arrives: a string from the command line (true for a
 * switch or a value-less --scan-range, false for --no-color), or a YAML scalar or list from a
 * config profile.
 */
export type RawOptionValue = string | number | boolean | readonly unknown[];

/** ParsedValue: the typed value, or why the raw value does not fit (without the option's name). */
export type ParsedValue =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly reason: string };

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };
const MAX_DURATION_MS = 3_600_000;
const MAX_SCAN_PORTS = 4096;

const ok = (value: unknown): ParsedValue => ({ ok: true, value });
const fail = (reason: string): ParsedValue => ({ ok: false, reason });

/** describeValue: a value for a message, cut short so a huge argument is never echoed whole. */
export function describeValue(value: unknown, max = 60): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  if (text.length <= max) return JSON.stringify(text);
  const head = text.slice(0, Math.floor(max * 0.7));
  const tail = text.slice(-Math.floor(max * 0.2));
  return `${JSON.stringify(`${head}…${tail}`)} (${text.length} characters)`;
}

/** oneOf: the closed set for a message: `auto, explicit, implicit, off`. */
export function oneOf(choices: readonly string[]): string {
  return choices.join(', ');
}

/** parseDurationMs reads 500ms, 5s, 1.5s, 2m or a bare number of seconds. */
export function parseDurationMs(raw: RawOptionValue): ParsedValue {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : null;
  const match = text === null ? null : /^([0-9]+(?:\.[0-9]+)?)(ms|s|m)?$/.exec(text);
  if (!match)
    return fail(
      `${describeValue(raw)} is not a duration (examples: 500ms, 5s, 2m; a bare number means seconds)`,
    );
  const ms = Number(match[1]) * UNIT_MS[match[2] ?? 's']!;
  if (ms < 1 || ms > MAX_DURATION_MS) return fail(`${text} is outside 1 ms – 60 minutes`);
  return ok(Math.round(ms));
}

function parseCount(raw: RawOptionValue, min: number, max: number): ParsedValue {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  if (!/^[0-9]+$/.test(text)) return fail(`${describeValue(raw)} is not a whole number`);
  const value = Number(text);
  if (value < min || value > max) return fail(`${value} is outside ${min}–${max}`);
  return ok(value);
}

function parseChoice(raw: RawOptionValue, choices: readonly string[]): ParsedValue {
  const text = typeof raw === 'string' ? raw.trim().toLowerCase() : null;
  if (text === null || !choices.includes(text))
    return fail(`${describeValue(raw)} is not one of ${oneOf(choices)}`);
  return ok(text);
}

function parseChoiceList(raw: RawOptionValue, choices: readonly string[]): ParsedValue {
  const words = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : null;
  if (words === null || !words.every((word) => typeof word === 'string'))
    return fail(`${describeValue(raw)} is not a comma-separated list`);
  const list = (words as string[]).map((word) => word.trim().toLowerCase()).filter((word) => word !== '');
  if (list.length === 0) return fail(`the list is empty; valid: ${oneOf(choices)}`);
  const unknown = list.filter((word) => !choices.includes(word));
  if (unknown.length > 0) {
    const names = unknown.map((word) => describeValue(word, 30)).join(', ');
    return fail(`unknown ${unknown.length === 1 ? 'value' : 'values'} ${names}; valid: ${oneOf(choices)}`);
  }
  return ok(list);
}

/** parseFormatFiles reads each `FORMAT=FILE` (one string, or a list of them when repeated). */
function parseFormatFiles(raw: RawOptionValue, formats: readonly string[]): ParsedValue {
  const items = Array.isArray(raw) ? raw : [raw];
  const parsed: { format: string; file: string }[] = [];
  for (const item of items) {
    const text = typeof item === 'string' ? item : '';
    const split = text.indexOf('=');
    const format = text.slice(0, split);
    if (split <= 0 || !formats.includes(format) || split === text.length - 1)
      return fail(`${describeValue(item)} is not FORMAT=FILE with FORMAT one of ${oneOf(formats)}`);
    parsed.push({ format, file: text.slice(split + 1) });
  }
  return ok(parsed);
}

/** parsePortRange reads `LO-HI` (or `LO:HI`); `true` (the flag alone) means inferred. */
function parsePortRange(raw: RawOptionValue, maxPorts = MAX_SCAN_PORTS): ParsedValue {
  if (raw === true) return ok('inferred');
  const match = typeof raw === 'string' ? /^([0-9]{1,5})[-:]([0-9]{1,5})$/.exec(raw.trim()) : null;
  if (!match) return fail(`${describeValue(raw)} is not a port range like 50000-50100`);
  const range: PortRangeValue = { low: Number(match[1]), high: Number(match[2]) };
  if (range.low < 1 || range.high > 65535 || range.low > range.high)
    return fail(`${range.low}-${range.high} is not a range within 1-65535`);
  if (range.high - range.low >= maxPorts) return fail(`at most ${maxPorts} ports at a time`);
  return ok(range);
}

/**
 * parseOptionValue checks one raw value against its row of the option table and returns the
 * typed value (the type OptionValues names for that row).
 */
export function parseOptionValue(spec: OptionSpec, raw: RawOptionValue): ParsedValue {
  switch (spec.kind) {
    case 'flag':
      return typeof raw === 'boolean' ? ok(raw) : fail(`${describeValue(raw)} is not true or false`);
    case 'text':
      if (typeof raw !== 'string') return fail(`${describeValue(raw)} is not text`);
      return raw === '' ? fail('the value is empty') : ok(raw);
    case 'duration':
      return parseDurationMs(raw);
    case 'count':
      return parseCount(raw, spec.min, spec.max);
    case 'choice':
      return parseChoice(raw, spec.choices);
    case 'choiceList':
      return parseChoiceList(raw, spec.choices);
    case 'formatFile':
      return parseFormatFiles(raw, spec.choices);
    case 'portRange':
      return parsePortRange(raw);
    case 'level':
      return parseLevel(raw, spec.max);
    case 'range':
      return parseRange(raw);
  }
}

/**
 * parseLevel: how many times a repeatable switch was given (commander counts -v, -vv); a profile
 * may say true (1) or a number. More than `max` means `max`: -vvv shows all there is.
 */
function parseLevel(raw: RawOptionValue, max: number): ParsedValue {
  if (typeof raw === 'boolean') return ok(raw ? 1 : 0);
  const count = typeof raw === 'number' ? raw : Number.NaN;
  if (!Number.isInteger(count) || count < 0)
    return fail(`${describeValue(raw)} is not true, false or a count`);
  return ok(Math.min(count, max));
}

/** parseRange reads a full `LO-HI` (or `LO:HI`) range of ports. */
function parseRange(raw: RawOptionValue): ParsedValue {
  if (raw === true) return fail('needs a port range like 50000-50100');
  const parsed = parsePortRange(raw, Number.POSITIVE_INFINITY);
  return parsed;
}

/** defaultValue: the typed value of an absent option. */
export function defaultValue(spec: OptionSpec): unknown {
  switch (spec.kind) {
    case 'flag':
      return spec.negated === true;
    case 'duration':
      return spec.default === undefined ? null : parseDurationMsOrThrow(spec.default);
    case 'count':
      return spec.default;
    case 'choice':
      return spec.default ?? null;
    case 'formatFile':
      return [];
    case 'level':
      return 0;
    default:
      return null;
  }
}

function parseDurationMsOrThrow(text: string): number {
  const parsed = parseDurationMs(text);
  if (!parsed.ok) throw new Error(`option table: bad default duration ${text}`);
  return parsed.value as number;
}

/** LONG_WORD: a run of text long enough to be shortened inside a message. */
const LONG_WORD = /\S{81,}/g;

/** shortenLongWords: a message with every very long word shortened (see describeValue). */
export function shortenLongWords(message: string): string {
  return message.replace(LONG_WORD, (word) => {
    const head = word.slice(0, 50);
    const tail = word.slice(-12);
    return `${head}…${tail} (${word.length} characters)`;
  });
}
