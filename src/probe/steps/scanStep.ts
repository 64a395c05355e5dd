import { normalizeAddress } from '../../protocol/address.js';
import { testConnectPort } from '../../protocol/dataConnection.js';
import { inferPassiveRange } from '../passiveRange.js';
import { type MainStep, OMIT, type PipelineView, RUN, skip } from '../pipeline/probeStep.js';
import type { ProbeSession } from '../session.js';
import type { AnyStepRecord, PortRange, PortTestOutcome, ScanData } from '../types.js';

/** SCAN_CONCURRENCY bounds how many test-connects are in flight at once. */
const SCAN_CONCURRENCY = 64;
/** SCAN_TIMEOUT_CAP_MS: a filtered port costs this long at most, so a 1,000-port map stays short. */
const SCAN_TIMEOUT_CAP_MS = 2000;

/**
 * scanStep maps a passive port range from the client's side (--scan-range): a TCP connect to
 * every port on the server's address. A handshake or a reset means the packets reach the server
 * (the firewall lets them through, whether or not a listener waits there); silence means a
 * firewall drops them; an ICMP error means one rejects them.
 */
export const scanStep: MainStep<'scan', 'scan'> = {
  kind: 'main',
  id: 'scan',
  step: 'scan',
  needs: [],
  askedFor: (options) => options.scanRange !== null,
  guard: (view) => {
    if (view.session.options.scanRange === null) return OMIT;
    if (rangeToScan(view) === null)
      return skip('no range to map: give --scan-range LO-HI, or --samples 10 to infer one');
    return view.session.control?.isOpen ? RUN : skip('the control connection is gone');
  },
  run: ({ session, view }) => scanRange(session, rangeToScan(view)!),
};

function rangeToScan(view: PipelineView): PortRange | null {
  return scanRangeFor(view.session, passivePortsSeen(view.records));
}

function passivePortsSeen(steps: readonly AnyStepRecord[]): number[] {
  const ports: number[] = [];
  for (const step of steps) {
    if ((step.name === 'epsv' || step.name === 'pasv') && step.data) {
      for (const sample of step.data.samples) if (sample.port !== null) ports.push(sample.port);
    }
  }
  return ports;
}

/** scanRangeFor: the range given, or the one inferred from the passive ports seen (null if too few). */
export function scanRangeFor(session: ProbeSession, portsSeen: readonly number[]): PortRange | null {
  const wanted = session.options.scanRange;
  if (wanted === null) return null;
  if (wanted !== 'inferred') return wanted;
  if (new Set(portsSeen).size < 2) return null;
  const guess = inferPassiveRange(portsSeen);
  return guess.scattered ? null : guess.range;
}

async function scanRange(session: ProbeSession, range: PortRange): Promise<ScanData> {
  const host = normalizeAddress(session.requireControl().remoteAddress);
  const timeoutMs = Math.min(session.options.dataTimeoutMs, SCAN_TIMEOUT_CAP_MS);
  const outcomes = new Map<number, PortTestOutcome>();
  let next = range.low;
  const started = session.now();
  session.event(
    `mapping ports ${range.low}–${range.high} on ${host} (${SCAN_CONCURRENCY} at a time, ${timeoutMs} ms each)`,
  );
  const worker = async () => {
    while (next <= range.high && !session.deadline.signal.aborted) {
      const port = next++;
      // Aborted by the deadline or a signal: the map keeps the ports tested so far.
      const test = await testConnectPort({
        host,
        port,
        timeoutMs: session.deadline.timeoutFor(timeoutMs),
        signal: session.deadline.signal,
      }).catch(() => null);
      if (test === null) return;
      outcomes.set(port, test.outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.min(SCAN_CONCURRENCY, range.high - range.low + 1) }, worker));
  return { range, host, runs: toRuns(range, outcomes), durationMs: session.now() - started };
}

/** toRuns folds per-port outcomes into runs; 'open' and 'closed' both mean "reaches the server". */
export function toRuns(range: PortRange, outcomes: ReadonlyMap<number, PortTestOutcome>): ScanData['runs'] {
  const runs: { low: number; high: number; outcome: PortTestOutcome }[] = [];
  for (let port = range.low; port <= range.high; port++) {
    const raw = outcomes.get(port);
    if (raw === undefined) continue;
    const outcome: PortTestOutcome = raw === 'closed' ? 'open' : raw;
    const last = runs[runs.length - 1];
    if (last && last.outcome === outcome && last.high === port - 1) last.high = port;
    else runs.push({ low: port, high: port, outcome });
  }
  return runs;
}
