import type { PortRange } from './types.js';

/**
 * PassiveRangeGuess is what a handful of EPSV/PASV port samples say about the server's passive
 * port range.
 *
 * - `single`: one distinct port was seen; `range` is just that port. Nothing is known about the rest.
 * - `observed`: `range` is exactly the span of the samples (both ends were seen). The server uses at
 *   least these ports; its configured range may still be wider.
 * - `inferred`: the span was widened to a round block (see {@link inferPassiveRange}); a guess.
 */
export interface PassiveRangeGuess {
  readonly range: PortRange;
  readonly confidence: 'observed' | 'inferred' | 'single';
  /** Lowest and highest port actually seen. */
  readonly span: PortRange;
  /** Number of distinct ports seen. */
  readonly distinctPorts: number;
  /**
   * True when the samples spread over more than {@link SCATTERED_SPAN} ports: the server probably
   * has no passive range configured and takes any free (ephemeral) port, so a fix should set a
   * range rather than open this one.
   */
  readonly scattered: boolean;
}

/** SCATTERED_SPAN: a span wider than this rarely comes from a deliberately configured passive range. */
export const SCATTERED_SPAN = 5000;

/** ROUND_STEPS: the block sizes admins pick when they configure a range by hand. */
const ROUND_STEPS = [10, 100, 1000, 10000] as const;

/** MAX_WIDENING: a round block more than this many times the span is a leap, not an inference. */
const MAX_WIDENING = 10;

const HIGHEST_PORT = 65535;

/**
 * inferPassiveRange turns EPSV/PASV port samples into the range a firewall fix should open.
 *
 * Admins configure passive ranges by hand, so they are nearly always round: `40000 40099`,
 * `40000 40100`, `30000 30009`, `50000 51000`. For each block size 10, 100, 1000, 10000 (smallest
 * first) the span of the samples is tested against the block that starts at a multiple of the
 * size, in both spellings, with the end excluded (40000–40099) and included (40000–40100). The first
 * block holding every sample wins, so 40012, 40077, 40033 → 40000–40099 and 40012, 40020 →
 * 40010–40020.
 *
 * The widening is refused when the block would be more than ten times the span, because a few
 * ports straddling a boundary (40095, 40105) say nothing about where the real range starts; the
 * plain span is returned then, marked `observed`. A block is always clamped to 1–65535.
 *
 * This is a guess and says so: only the ports seen are certain. Opening a slightly wider block
 * than the server uses costs little; opening a narrower one makes transfers fail at random, which
 * is why the guess rounds outwards and never inwards.
 *
 * @throws RangeError when `ports` is empty or holds something other than a port number 1–65535.
 */
export function inferPassiveRange(ports: readonly number[]): PassiveRangeGuess {
  if (ports.length === 0) throw new RangeError('inferPassiveRange needs at least one port sample');
  for (const port of ports) {
    if (!Number.isInteger(port) || port < 1 || port > HIGHEST_PORT) {
      throw new RangeError(`not a TCP port number: ${String(port)}`);
    }
  }
  const distinct = [...new Set(ports)].sort((a, b) => a - b);
  const low = distinct[0]!;
  const high = distinct[distinct.length - 1]!;
  const span: PortRange = { low, high };
  const spanSize = high - low + 1;
  const scattered = spanSize > SCATTERED_SPAN;
  if (distinct.length === 1) {
    return { range: span, confidence: 'single', span, distinctPorts: 1, scattered };
  }
  const block = scattered ? null : roundBlock(span);
  if (block === null || (block.low === low && block.high === high)) {
    return { range: span, confidence: 'observed', span, distinctPorts: distinct.length, scattered };
  }
  return { range: block, confidence: 'inferred', span, distinctPorts: distinct.length, scattered };
}

/** roundBlock finds the smallest plausible round block holding `span`, or null when none is plausible. */
function roundBlock(span: PortRange): PortRange | null {
  const spanSize = span.high - span.low + 1;
  for (const step of ROUND_STEPS) {
    if (step > spanSize * MAX_WIDENING) return null;
    const start = Math.floor(span.low / step) * step;
    for (const end of [start + step - 1, start + step]) {
      if (span.high <= end) {
        return { low: Math.max(start, 1), high: Math.min(end, HIGHEST_PORT) };
      }
    }
  }
  return null;
}

/** formatRange writes a range for people: '40000–40099' (en dash), or '21' for a single port. */
export function formatRange(range: PortRange): string {
  return range.low === range.high ? String(range.low) : `${range.low}–${range.high}`;
}

/**
 * describePassiveRange says in one sentence how sure the guess is, for a report or a fix title:
 * 'ports 40012–40077 seen in 3 samples; probably 40000–40099 (a guess: read the server's setting)'.
 */
export function describePassiveRange(guess: PassiveRangeGuess): string {
  const seen = formatRange(guess.span);
  switch (guess.confidence) {
    case 'single':
      return `only port ${seen} was seen; the rest of the passive range is unknown`;
    case 'observed':
      return guess.scattered
        ? `ports ${seen} were seen, too far apart for a configured range: the server probably uses any free port`
        : `ports ${seen} were seen (${guess.distinctPorts} distinct); the configured range may be wider`;
    case 'inferred':
      return `ports ${seen} were seen (${guess.distinctPorts} distinct); probably ${formatRange(guess.range)}, a guess: confirm it in the server's configuration`;
  }
}
