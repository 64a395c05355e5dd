import { readFileSync, statSync } from 'node:fs';

/** logOffset is where the link log ends now: read from here after a run to see only that run. */
export function logOffset(path) {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * linkActivity reads the TCP packets tunDelay.py logged from `offset` on and counts what costs
 * a round trip on a delayed link:
 *   connects  TCP handshakes the client started (one per control or data connection)
 *   turns     times the client sent data after the server had spoken on that connection: every
 *             command that waits for a reply (commands sent together in one burst count once)
 * Lines: "ms dir src:port dst:port flags payload-length", dir "out" from the host (the client).
 */
export function linkActivity(path, offset) {
  const text = readFileSync(path, 'utf8').slice(offset);
  const flows = new Map();
  let connects = 0;
  let turns = 0;
  let first = Number.NaN;
  let last = Number.NaN;
  for (const line of text.split('\n')) {
    const [atMs, dir, src, dst, flags, length] = line.split(' ');
    if (length === undefined) continue;
    const at = Number(atMs);
    if (Number.isNaN(first)) first = at;
    last = at;
    const client = dir === 'out' ? src : dst;
    const key = `${client}>${dir === 'out' ? dst : src}`;
    let flow = flows.get(key);
    if (!flow) {
      flow = { lastSpeaker: null };
      flows.set(key, flow);
    }
    if (dir === 'out' && flags.includes('S') && !flags.includes('A') && !flow.syn) {
      flow.syn = true;
      connects += 1;
    }
    if (Number(length) > 0) {
      if (dir === 'out' && flow.lastSpeaker !== 'client') turns += 1;
      flow.lastSpeaker = dir === 'out' ? 'client' : 'server';
    }
  }
  return { connects, turns, roundTrips: connects + turns, spanMs: last - first };
}
