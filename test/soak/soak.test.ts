import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeFtpServer, startFakeFtpServer } from '../../src/fakeServer/fakeFtpServer.js';
import type { FakeServerScript } from '../../src/fakeServer/fakeServerScript.js';
import { diagnose } from '../../src/knowledge/diagnosis/diagnose.js';
import { runProbe } from '../../src/probe/runProbe.js';
import { parseTarget } from '../../src/probe/target.js';
import { FAST_OPTIONS } from '../support/probeHelpers.js';

// A thousand probes in one process (a monitoring loop, a big --targets-file) must not
// leak sockets, timers or memory. Measured, printed for the record, and bounded generously:
// the bounds catch a leak per probe, not noise.

const PROBES = Number(process.env.SOAK_PROBES ?? 1000);
const CONCURRENCY = 4;
/** RSS may grow this much: a leak of even 100 KiB per probe would pass it. */
const MAX_RSS_GROWTH_MB = 100;
/** Heap growth after a full GC (before one, garbage not yet swept counts too). */
const MAX_HEAP_GROWTH_MB = { collected: 20, uncollected: 60 } as const;

/** A mix of healthy and broken servers, so the failure paths are soaked too. */
const SCRIPTS: readonly {
  readonly name: string;
  readonly script: FakeServerScript;
  readonly exitCode: number;
}[] = [
  { name: 'healthy', script: {}, exitCode: 0 },
  { name: 'healthy', script: {}, exitCode: 0 },
  { name: 'healthy', script: {}, exitCode: 0 },
  { name: 'EPSV refused', script: { replies: { EPSV: '500 Unknown command.' } }, exitCode: 0 },
  { name: 'data ports closed', script: { dataPort: 'closed' }, exitCode: 8 },
  { name: 'login refused', script: { anonymous: false }, exitCode: 6 },
  {
    name: 'malformed PASV',
    script: { replies: { PASV: '227 Entering Passive Mode (1,2,3).' } },
    exitCode: 0,
  },
  { name: 'duplicate reply', script: { replies: { USER: ['331 Password.', '331 Password.'] } }, exitCode: 6 },
  { name: 'escapes in banner', script: { greeting: '220 \x1b[2J\u202Ehello\u0000' }, exitCode: 0 },
  { name: 'closed after accept', script: { greeting: { close: 'end' } }, exitCode: 4 },
];

const servers: FakeFtpServer[] = [];
beforeAll(async () => {
  for (const entry of SCRIPTS) servers.push(await startFakeFtpServer(entry.script));
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

function resourceCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

function extra(before: Map<string, number>, after: Map<string, number>): string[] {
  return [...after]
    .filter(([kind, n]) => n > (before.get(kind) ?? 0))
    .map(([kind, n]) => `${kind}: ${before.get(kind) ?? 0} → ${n}`);
}

const MB = 1024 * 1024;

/**
 * collectGarbage runs a full GC when V8 lets a running process expose it (the test runner does
 * not pass --expose-gc), so heap numbers show what survives rather than what was not yet swept.
 */
function collectGarbage(): boolean {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    if (typeof gc !== 'function') return false;
    (gc as () => void)();
    return true;
  } catch {
    return false;
  }
}

describe('soak', () => {
  it(`${PROBES} probes in one process leave no handle behind and bounded memory`, {
    timeout: 120_000,
  }, async () => {
    // One probe of each first, so lazily loaded modules and caches are in the baseline.
    for (const [index, server] of servers.entries()) {
      const result = await runProbe(parseTarget(`127.0.0.1:${server.port}`), { ...FAST_OPTIONS, tls: 'off' });
      expect(diagnose(result, { insecure: false, now: new Date() }).verdict.exitCode).toBe(
        SCRIPTS[index]!.exitCode,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    const gcAvailable = collectGarbage();
    const handlesBefore = resourceCounts();
    const memoryBefore = process.memoryUsage();
    const started = performance.now();

    let next = 0;
    const wrongVerdicts: string[] = [];
    const worker = async (): Promise<void> => {
      for (;;) {
        const index = next++;
        if (index >= PROBES) return;
        const which = index % SCRIPTS.length;
        const server = servers[which]!;
        const result = await runProbe(parseTarget(`127.0.0.1:${server.port}`), {
          ...FAST_OPTIONS,
          tls: 'off',
        });
        const diagnosis = diagnose(result, { insecure: false, now: new Date() });
        if (diagnosis.verdict.exitCode !== SCRIPTS[which]!.exitCode) {
          wrongVerdicts.push(`#${index} ${SCRIPTS[which]!.name}: exit ${diagnosis.verdict.exitCode}`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const elapsedMs = performance.now() - started;

    // Closed sockets leave the list once their close callbacks ran; give them a moment.
    let leftover = extra(handlesBefore, resourceCounts());
    for (let i = 0; i < 100 && leftover.length > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      leftover = extra(handlesBefore, resourceCounts());
    }
    collectGarbage();
    const memoryAfter = process.memoryUsage();
    const rssGrowthMb = (memoryAfter.rss - memoryBefore.rss) / MB;
    const heapGrowthMb = (memoryAfter.heapUsed - memoryBefore.heapUsed) / MB;

    const summary = {
      probes: PROBES,
      concurrency: CONCURRENCY,
      gcAvailable,
      elapsedMs: Math.round(elapsedMs),
      msPerProbe: Number((elapsedMs / PROBES).toFixed(2)),
      handlesBefore: Object.fromEntries(handlesBefore),
      handlesAfter: Object.fromEntries(resourceCounts()),
      rssBeforeMb: Number((memoryBefore.rss / MB).toFixed(1)),
      rssAfterMb: Number((memoryAfter.rss / MB).toFixed(1)),
      heapUsedBeforeMb: Number((memoryBefore.heapUsed / MB).toFixed(1)),
      heapUsedAfterMb: Number((memoryAfter.heapUsed / MB).toFixed(1)),
    };
    console.log(`soak: ${JSON.stringify(summary)}`);

    expect(wrongVerdicts).toEqual([]);
    expect(leftover).toEqual([]);
    expect(rssGrowthMb).toBeLessThan(MAX_RSS_GROWTH_MB);
    expect(heapGrowthMb).toBeLessThan(MAX_HEAP_GROWTH_MB[gcAvailable ? 'collected' : 'uncollected']);
    expect(elapsedMs).toBeLessThan(90_000);
  });
});
