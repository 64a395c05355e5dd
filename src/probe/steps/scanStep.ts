import { normalizeAddress } from '../../protocol/address.js';
import { testConnectPort } from '../../protocol/dataConnection.js';
import { inferPassiveRange } from '../passiveRange.js';
import type { ProbeSession } from '../session.js';
import { StepRecorder } from '../stepRecorder.js';
import type { PortRange, PortTestOutcome, ScanData, StepRecord } from '../types.js';

/** SCAN_CONCURRENCY bounds how many test-connects are in flight at once. */
const SCAN_CONCURRENCY = 64;
/** SCAN_TIMEOUT_CAP_MS: a filtered port costs this long at most, so a 1,000-port map stays short. */
const SCAN_TIMEOUT_CAP_MS = 2000;

/** scanRangeFor: the range given, or the one inferred from the passive ports seen (null if too few). */
export function scanRangeFor(session: ProbeSession, portsSeen: readonly number[]): PortRange | null {
  const wanted = session.options.scanRange;
  if (wanted === null) return null;
  if (wanted !== 'inferred') return wanted;
  if (new Set(portsSeen).size < 2) return null;
  const guess = inferPassiveRange(portsSeen);
  return guess.scattered ? null : guess.range;
}

/**
 * scanStep maps a passive port range from the client's side (--scan-range): a TCP connect to
 * every port on the server's address. A handshake or a reset means the packets reach the server
 * (the firewall lets them through, whether or not a listener waits there); silence means a
 * firewall drops them; an ICMP error means one rejects them.
 */
export async function scanStep(session: ProbeSession, range: PortRange): Promise<StepRecord<'scan'>> {
  const recorder = new StepRecorder('scan', session.now);
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
      const test = await testConnectPort({
        host,
        port,
        timeoutMs: session.deadline.timeoutFor(timeoutMs),
        signal: session.deadline.signal,
      });
      outcomes.set(port, test.outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.min(SCAN_CONCURRENCY, range.high - range.low + 1) }, worker));
  const data: ScanData = { range, host, runs: toRuns(range, outcomes), durationMs: session.now() - started };
  return recorder.finish(data);
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
