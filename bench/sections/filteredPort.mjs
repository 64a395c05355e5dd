import { existsSync } from 'node:fs';
import { createVethNamespace } from '../lib/netns.mjs';
import { timedRun } from '../lib/processes.mjs';
import { summarize } from '../lib/stats.mjs';
import { startVsftpd, VSFTPD_BINARY } from '../lib/vsftpd.mjs';

const PASV_MIN = 40100;
const PASV_MAX = 40109;
const DATA_TIMEOUTS_MS = [2000, 5000];
const SLACK_MS = 500;

/**
 * filteredPort (c): vsftpd in a namespace (plain veth, no added delay) whose nftables DROP every
 * SYN to the passive range. The probe must give its verdict (exit 8, data.port-filtered) within
 * the data timeout plus SLACK_MS, although both EPSV's and PASV's ports stay silent.
 */
export async function filteredPort(ctx) {
  if (!ctx.isRoot) return { skipped: 'needs root (network namespace, nftables)' };
  if (!existsSync(VSFTPD_BINARY)) return { skipped: 'vsftpd is not unpacked (scripts/install-servers.sh)' };
  const ns = await createVethNamespace();
  try {
    await ns.dropTcpPorts(PASV_MIN, PASV_MAX);
    const server = await startVsftpd({
      workDir: ctx.workDir,
      address: ns.namespaceAddress,
      port: 21,
      pasvMin: PASV_MIN,
      pasvMax: PASV_MAX,
      netns: ns,
    });
    try {
      const cases = [];
      for (const timeoutMs of DATA_TIMEOUTS_MS) {
        const runs = [];
        for (let round = 0; round < Math.min(ctx.runs, 3); round += 1) {
          const run = await timedRun(
            process.execPath,
            [ctx.cli, ns.namespaceAddress, '--data-timeout', `${timeoutMs}ms`, '--json'],
            { timeoutMs: 120_000 },
          );
          const target = JSON.parse(run.stdout).targets[0];
          runs.push({
            ms: run.ms,
            code: run.code,
            findings: target.findings.map((f) => f.id),
            probeMs: target.durationMs,
          });
        }
        const wall = summarize(runs.map((r) => r.ms));
        cases.push({
          timeoutMs,
          wall,
          probe: summarize(runs.map((r) => r.probeMs)),
          codes: [...new Set(runs.map((r) => r.code))],
          findings: [...new Set(runs.flatMap((r) => r.findings))],
          limitMs: timeoutMs + SLACK_MS,
          met: wall.max <= timeoutMs + SLACK_MS,
        });
      }
      return { slackMs: SLACK_MS, cases };
    } finally {
      await server.close();
    }
  } finally {
    await ns.close();
  }
}
