import type { PassiveRangeGuess } from '../../knowledge/diagnosis/fixes/passiveRange.js';
import type { PortTestOutcome, ScanData } from '../../probe/types.js';
import { htmlText } from './htmlText.js';

/** RangeMapInput: what the probe learned about the passive ports. */
export interface RangeMapInput {
  readonly scan: ScanData | null;
  /** Every passive port the server named (EPSV and PASV samples). */
  readonly sampledPorts: readonly number[];
  /** The range inferred from the samples; null with fewer than two distinct ports. */
  readonly guess: PassiveRangeGuess | null;
}

const WIDTH = 960;
const LEFT = 60;
const RIGHT = 60;
const BAR_Y = 34;
const BAR_HEIGHT = 22;

const OUTCOME_WORDS: Readonly<Record<PortTestOutcome, string>> = {
  open: 'open (answered)',
  closed: 'closed (refused)',
  filtered: 'filtered (no answer)',
  unreachable: 'unreachable (ICMP error)',
};

/**
 * renderRangeMapSvg draws the passive port range as a bar: scanned runs coloured by outcome, the
 * range inferred from the samples as a bracket above it, each sampled port as a tick. Ports are
 * numbers, but the function escapes everything it writes anyway.
 */
export function renderRangeMapSvg(input: RangeMapInput): string {
  const ports = [...input.sampledPorts];
  if (input.scan) ports.push(input.scan.range.low, input.scan.range.high);
  if (input.guess) ports.push(input.guess.range.low, input.guess.range.high);
  const low = Math.min(...ports);
  const high = Math.max(...ports);
  const span = Math.max(1, high - low + 1);
  const x = (port: number) => LEFT + ((port - low) / span) * (WIDTH - LEFT - RIGHT);
  const width = (from: number, to: number) => Math.max(2, x(to + 1) - x(from));
  const parts: string[] = [];
  parts.push(
    `<rect class="range-bg" x="${LEFT}" y="${BAR_Y}" width="${WIDTH - LEFT - RIGHT}" height="${BAR_HEIGHT}"/>`,
  );
  for (const run of input.scan?.runs ?? []) {
    const label = run.low === run.high ? `port ${run.low}` : `ports ${run.low}-${run.high}`;
    parts.push(
      `<rect class="port o-${run.outcome}" x="${x(run.low).toFixed(1)}" y="${BAR_Y}" width="${width(run.low, run.high).toFixed(1)}" height="${BAR_HEIGHT}">` +
        `<title>${htmlText(`${label}: ${OUTCOME_WORDS[run.outcome]}`)}</title></rect>`,
    );
  }
  if (input.guess) {
    const { range, confidence } = input.guess;
    const from = x(range.low).toFixed(1);
    const to = (x(range.low) + width(range.low, range.high)).toFixed(1);
    parts.push(
      `<path class="guess" d="M${from} 26 V20 H${to} V26"><title>${htmlText(`range ${confidence} from the samples: ${range.low}-${range.high}`)}</title></path>`,
      `<text class="axis" x="${from}" y="14">${htmlText(`${confidence} range ${range.low}-${range.high}`)}</text>`,
    );
  }
  for (const port of new Set(input.sampledPorts)) {
    const at = x(port).toFixed(1);
    parts.push(
      `<line class="sample" x1="${at}" y1="${BAR_Y - 4}" x2="${at}" y2="${BAR_Y + BAR_HEIGHT + 4}"><title>${htmlText(`sampled port ${port}`)}</title></line>`,
    );
  }
  parts.push(
    `<text class="axis" x="${LEFT}" y="${BAR_Y + BAR_HEIGHT + 18}" text-anchor="middle">${low}</text>`,
    `<text class="axis" x="${WIDTH - RIGHT}" y="${BAR_Y + BAR_HEIGHT + 18}" text-anchor="middle">${high}</text>`,
  );
  const height = BAR_Y + BAR_HEIGHT + 26;
  return [
    `<svg class="range-map" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="Passive port range ${low} to ${high}">`,
    ...parts,
    '</svg>',
  ].join('\n');
}
