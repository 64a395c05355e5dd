import { timedRun } from '../lib/processes.mjs';
import { summarize } from '../lib/stats.mjs';

const WARMUP = 3;
const MIN_RUNS = 20;

/**
 * coldStart (a): `ftp-doctor --version` and `ftp-doctor explain 229` against `node -e 0`, each
 * started as a fresh process, interleaved so that load on the machine hits all three alike.
 */
export async function coldStart(ctx) {
  const runs = Math.max(MIN_RUNS, 50);
  const commands = {
    node: ['-e', '0'],
    version: [ctx.cli, '--version'],
    explain: [ctx.cli, 'explain', '229'],
  };
  const times = Object.fromEntries(Object.keys(commands).map((key) => [key, []]));
  const failures = [];
  for (let round = 0; round < WARMUP + runs; round += 1) {
    for (const [key, args] of Object.entries(commands)) {
      const run = await timedRun(process.execPath, args, { timeoutMs: 30_000 });
      if (run.code !== 0) failures.push(`${key}: exit ${run.code ?? run.signal}`);
      if (round >= WARMUP) times[key].push(run.ms);
    }
  }
  const node = summarize(times.node);
  const version = summarize(times.version);
  const explain = summarize(times.explain);
  return {
    runs,
    node,
    version,
    explain,
    versionRatio: version.median / node.median,
    explainRatio: explain.median / node.median,
    failures,
  };
}
