import { existsSync } from 'node:fs';
import { freePort } from '../lib/ports.mjs';
import { timedNodeRun } from '../lib/processes.mjs';
import { summarize } from '../lib/stats.mjs';
import { startVsftpd, VSFTPD_BINARY } from '../lib/vsftpd.mjs';

/**
 * probeMemory (e): peak RSS (getrusage maxrss, read by a --require'd hook at exit) of one default
 * probe of a loopback vsftpd, against `node -e 0` with the same hook; also `explain 229`.
 */
export async function probeMemory(ctx) {
  if (!existsSync(VSFTPD_BINARY)) return { skipped: 'vsftpd is not unpacked (scripts/install-servers.sh)' };
  const port = await freePort();
  const server = await startVsftpd({
    workDir: ctx.workDir,
    address: '127.0.0.1',
    port,
    pasvMin: 42900,
    pasvMax: 42919,
  });
  try {
    const rounds = Math.max(10, ctx.runs);
    const node = [];
    const probe = [];
    const explain = [];
    const codes = new Set();
    for (let round = 0; round < rounds; round += 1) {
      node.push((await timedNodeRun(['-e', '0'])).maxRssKb);
      const run = await timedNodeRun([ctx.cli, `127.0.0.1:${port}`], { timeoutMs: 60_000 });
      codes.add(run.code);
      probe.push(run.maxRssKb);
      explain.push((await timedNodeRun([ctx.cli, 'explain', '229'])).maxRssKb);
    }
    const nodeKb = summarize(node);
    const probeKb = summarize(probe);
    return {
      rounds,
      node: nodeKb,
      probe: probeKb,
      explain: summarize(explain),
      codes: [...codes],
      ratio: probeKb.median / nodeKb.median,
    };
  } finally {
    await server.close();
  }
}
