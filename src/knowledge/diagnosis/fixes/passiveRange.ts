// The round-block inference lives in the probe layer, because --scan-range needs it while probing.
import { formatRange, SCATTERED_SPAN } from '../../../probe/passiveRange.js';
import type { PortRange } from '../../../probe/types.js';
import { deviceFixPathFor } from '../../servers/devices/deviceFixPathTable.js';

export {
  describePassiveRange,
  formatRange,
  inferPassiveRange,
  type PassiveRangeGuess,
  SCATTERED_SPAN,
} from '../../../probe/passiveRange.js';

/** RANGE_CONFIDENCE: the confidence level of the stated bound on the configured range. */
export const RANGE_CONFIDENCE = 0.95;

/**
 * ENOUGH_SAMPLES: below this many samples the bound is too loose to write into a firewall rule
 * (from 2 samples of a 100-port range it spans thousands of ports), so fixes use a suggested range
 * for server and firewall together instead of a guess.
 */
export const ENOUGH_SAMPLES = 10;

const LOWEST_PORT = 1;
const HIGHEST = 65535;

/**
 * RangeEstimate: what N sampled passive ports say about the range the server is configured with,
 * assuming it picks each port at random across its range, as servers do to make data connections
 * hard to steal (vsftpd's privops.c, ProFTPD's port-range sockets, FileZilla Server's port
 * randomizer). A server that hands ports out in turn would make the bound too narrow.
 */
export interface RangeEstimate {
  /** Distinct ports seen, ascending. */
  readonly portsSeen: readonly number[];
  /** Samples taken (a port seen twice counts twice: each draw is evidence). */
  readonly samples: number;
  /** The unbiased estimate of the range's ends from the lowest and highest port seen. */
  readonly probable: PortRange;
  /** Holds the configured range with probability RANGE_CONFIDENCE (see estimatePassiveRange). */
  readonly bound: PortRange;
  /** Enough samples for `bound` to be written into a fix. */
  readonly enough: boolean;
  /**
   * Every port between the lowest and highest seen was handed out, in at least twice as many
   * samples as ports: the span itself is the estimate (see estimatePassiveRange).
   */
  readonly covered: boolean;
}

/**
 * spanProbability: the probability that n ports drawn at random (with replacement) from a range of
 * `size` consecutive ports lie within `span` + 1 consecutive ports, i.e. max − min ≤ span. Counting
 * the n-tuples inside a window of span + 1 ports, over the size − span positions of the window,
 * less those counted twice by neighbouring windows:
 * ((size − span)(span + 1)^n − (size − span − 1)·span^n) / size^n.
 */
export function spanProbability(size: number, span: number, n: number): number {
  if (span >= size - 1) return 1;
  const whole = (size - span) * Math.exp(n * Math.log((span + 1) / size));
  const twice = span === 0 ? 0 : (size - span - 1) * Math.exp(n * Math.log(span / size));
  return Math.min(1, Math.max(0, whole - twice));
}

/**
 * largestPlausibleSize: the widest range (in ports) that would give a span this small with
 * probability at least 1 − confidence. Wider ranges are rejected at that level, so the true width
 * exceeds this only with probability 1 − confidence: the usual confidence set, exact for the
 * discrete uniform. spanProbability falls as the size grows, so a binary search finds the edge.
 */
function largestPlausibleSize(span: number, n: number, confidence: number): number {
  const alpha = 1 - confidence;
  let low = span + 1;
  let high = HIGHEST;
  if (spanProbability(high, span, n) >= alpha) return high;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (spanProbability(middle, span, n) >= alpha) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * estimatePassiveRange estimates the server's configured passive range from sampled ports.
 *
 * For ports uniform on [a, b] the sample minimum m and maximum M are sufficient, and the
 * minimum-variance unbiased estimates of the ends are m − (M − m)/(n − 1) and M + (M − m)/(n − 1)
 * (rounded outwards here). The bound is a confidence statement: the range's width W is at most
 * the largest width that gives a span ≤ M − m with probability ≥ 5 %, so with 95 % confidence the
 * range lies within [M − W + 1, m + W − 1]. Both always contain every port seen. One sample says
 * nothing about the rest of the range: its bound is every port.
 *
 * When the samples cover every port of [m, M], in at least two samples per port, the estimate is
 * [m, M] itself:
 * it is the maximum-likelihood range for random draws, and a server that hands ports out in turn
 * rather than at random (for which the unbiased widening is meaningless) would have shown any
 * further port before repeating one. The bound is unchanged, as the span alone decides it, and
 * descriptions state how far beyond the span it reaches.
 *
 * @throws RangeError when `ports` is empty or holds something other than a port number 1–65535.
 */
export function estimatePassiveRange(ports: readonly number[], confidence = RANGE_CONFIDENCE): RangeEstimate {
  if (ports.length === 0) throw new RangeError('estimatePassiveRange needs at least one port sample');
  for (const port of ports) {
    if (!Number.isInteger(port) || port < LOWEST_PORT || port > HIGHEST) {
      throw new RangeError(`not a TCP port number: ${String(port)}`);
    }
  }
  const portsSeen = [...new Set(ports)].sort((a, b) => a - b);
  const low = portsSeen[0]!;
  const high = portsSeen[portsSeen.length - 1]!;
  const n = ports.length;
  const clamp = (port: number): number => Math.min(HIGHEST, Math.max(LOWEST_PORT, port));
  if (n === 1) {
    return {
      portsSeen,
      samples: 1,
      probable: { low, high },
      bound: { low: LOWEST_PORT, high: HIGHEST },
      enough: false,
      covered: false,
    };
  }
  const span = high - low;
  const extension = span / (n - 1);
  const width = largestPlausibleSize(span, n, confidence);
  const bound = { low: clamp(high - width + 1), high: clamp(low + width - 1) };
  const covered = portsSeen.length === span + 1 && n >= 2 * portsSeen.length;
  // Rounding outwards can step past the bound when the span is a port or two: keep it inside.
  return {
    portsSeen,
    samples: n,
    probable: covered
      ? { low, high }
      : {
          low: Math.max(bound.low, Math.floor(low - extension)),
          high: Math.min(bound.high, Math.ceil(high + extension)),
        },
    bound,
    enough: n >= ENOUGH_SAMPLES && span <= SCATTERED_SPAN,
    covered,
  };
}

/** looksScattered: the ports seen spread wider than any configured range plausibly would. */
export function looksScattered(estimate: RangeEstimate): boolean {
  const low = estimate.portsSeen[0];
  const high = estimate.portsSeen[estimate.portsSeen.length - 1];
  return low !== undefined && high !== undefined && high - low > SCATTERED_SPAN;
}

/**
 * describeRangeEstimate: `ports seen: 40012, 40077 (2 samples); the server's configured range is
 * probably 39947–40142 (from 2 samples)`, and, with enough samples, the bound that fixes use.
 */
export function describeRangeEstimate(estimate: RangeEstimate): string {
  const seen = listPorts(estimate.portsSeen);
  const from = `from ${estimate.samples} sample${estimate.samples === 1 ? '' : 's'}`;
  if (estimate.samples === 1)
    return `port seen: ${seen}; one sample says nothing about the rest of the range`;
  const low = estimate.portsSeen[0]!;
  const high = estimate.portsSeen[estimate.portsSeen.length - 1]!;
  if (looksScattered(estimate)) {
    return `ports seen: ${seen} (${from}), spread over ${high - low + 1} ports: the server seems to take any free port rather than a configured range`;
  }
  if (estimate.covered) {
    const wider = Math.max(
      estimate.probable.low - estimate.bound.low,
      estimate.bound.high - estimate.probable.high,
    );
    const margin =
      estimate.enough && wider > 0
        ? ` (with ${Math.round(RANGE_CONFIDENCE * 100)} % confidence at most ${wider} more port${wider === 1 ? '' : 's'} on either side)`
        : '';
    return `ports seen: every port of ${formatRange(estimate.probable)} (${from}); that is most likely the server's configured range${margin}`;
  }
  const probable = `the server's configured range is probably ${formatRange(estimate.probable)} (${from})`;
  const bound = estimate.enough
    ? `; with ${Math.round(RANGE_CONFIDENCE * 100)} % confidence it lies within ${formatRange(estimate.bound)}`
    : `; too few samples to write it into a rule`;
  return `ports seen: ${seen}; ${probable}${bound}`;
}

/** LISTED_PORTS: as many ports as the automatic sampling takes are listed; more are counted. */
const LISTED_PORTS = 20;

/** listPorts: up to LISTED_PORTS ports, then how many more. */
function listPorts(ports: readonly number[]): string {
  if (ports.length <= LISTED_PORTS) return ports.join(', ');
  return `${ports.slice(0, LISTED_PORTS).join(', ')} and ${ports.length - LISTED_PORTS} more`;
}

/**
 * PASSIVE_RANGE_SETTING: where each server keeps its passive range, so a report can send the
 * reader to the real value instead of a guess. The same facts as the server fixes
 * (fixes/server/*.ts), which carry their sources.
 */
const PASSIVE_RANGE_SETTING: Readonly<Record<string, string>> = {
  vsftpd: 'pasv_min_port and pasv_max_port in /etc/vsftpd.conf (RHEL: /etc/vsftpd/vsftpd.conf)',
  proftpd: 'PassivePorts in /etc/proftpd/proftpd.conf or /etc/proftpd/conf.d/',
  'pure-ftpd':
    '/etc/pure-ftpd/conf/PassivePortRange on Debian, else -p LOW:HIGH or PassivePortRange in pure-ftpd.conf',
  'filezilla-server': 'the passive mode settings ("Use custom port range") of FileZilla Server',
  iis: 'the Data Channel Port Range of FTP Firewall Support in IIS Manager',
  pyftpdlib: 'handler.passive_ports in the script that starts the server',
};

/**
 * passiveRangeSetting: where the detected server's passive range is set (an appliance's own menu
 * path from its fix path), a generic pointer when the server is not known, or null when the
 * product documents that it has no such setting.
 */
export function passiveRangeSetting(software: string): string | null {
  const known = PASSIVE_RANGE_SETTING[software];
  if (known !== undefined) return known;
  const entry = deviceFixPathFor(software)?.passiveRange;
  if (entry && 'cannot' in entry) return null;
  if (entry) return entry.where;
  return 'the passive (PASV) port range setting of the FTP server (a minimum and a maximum passive port)';
}

/**
 * whereRangeIsSet: a sentence sending the reader to the passive range setting, or saying that the
 * product has none (its fix then says what to do instead).
 */
export function whereRangeIsSet(software: string, scattered = false): string {
  const where = passiveRangeSetting(software);
  if (where !== null)
    return scattered ? `Give the server one in ${where}.` : `The real range is set in ${where}.`;
  const product = deviceFixPathFor(software)?.product ?? 'This server';
  return `The ${product} documentation checked shows no passive port range setting; its fix below says what to do instead.`;
}
