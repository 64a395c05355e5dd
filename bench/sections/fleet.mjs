import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { freePort } from '../lib/ports.mjs';
import { timedNodeRun, timedRun } from '../lib/processes.mjs';
import { summarize } from '../lib/stats.mjs';
import { startVsftpd, VSFTPD_BINARY } from '../lib/vsftpd.mjs';

const FAKE_SERVERS = 190;
const REAL_SERVERS = 10;
const CONCURRENCY = 50;

/** startFakeFleet bundles lib/fakeFleet.ts and starts it: FAKE_SERVERS fake servers in one process. */
async function startFakeFleet(ctx) {
  const outfile = join(ctx.workDir, 'fakeFleet.mjs');
  await build({
    entryPoints: [join(ctx.root, 'bench', 'lib', 'fakeFleet.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    outfile,
    logLevel: 'warning',
  });
  const child = spawn(process.execPath, [outfile, String(FAKE_SERVERS)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const ports = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the fake fleet did not start within 30 s')), 30_000);
    child.once('exit', (code) => reject(new Error(`the fake fleet exited ${code}`)));
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line).ports);
    });
  });
  const close = async () => {
    child.stdin.end();
    for (let i = 0; i < 100 && child.exitCode === null && child.signalCode === null; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  return { ports, close };
}

/**
 * fleet (d): 200 targets on loopback — FAKE_SERVERS fake servers in one helper process and
 * REAL_SERVERS vsftpd — probed by one ftp-doctor with --concurrency 50, against `xargs -P 50`
 * running one `curl -s --list-only` per target. Peak RSS of ftp-doctor from getrusage at exit.
 */
export async function fleet(ctx) {
  if (!existsSync(VSFTPD_BINARY)) return { skipped: 'vsftpd is not unpacked (scripts/install-servers.sh)' };
  const fake = await startFakeFleet(ctx);
  const real = [];
  try {
    for (let i = 0; i < REAL_SERVERS; i += 1) {
      real.push(
        await startVsftpd({
          workDir: ctx.workDir,
          address: '127.0.0.1',
          port: await freePort(),
          pasvMin: 43000 + i * 20,
          pasvMax: 43019 + i * 20,
        }),
      );
    }
    // Real servers spread among the fake ones, as a fleet would have them.
    const ports = [...fake.ports];
    real.forEach((server, i) => {
      ports.splice(Math.floor(((i + 0.5) * ports.length) / REAL_SERVERS), 0, server.port);
    });
    const targetsFile = join(ctx.workDir, 'fleet-targets.txt');
    const urlsFile = join(ctx.workDir, 'fleet-urls.txt');
    writeFileSync(targetsFile, `${ports.map((p) => `127.0.0.1:${p}`).join('\n')}\n`);
    writeFileSync(urlsFile, `${ports.map((p) => `ftp://127.0.0.1:${p}/`).join('\n')}\n`);

    const doctor = [];
    const curl = [];
    for (let round = 0; round < Math.min(ctx.runs, 5); round += 1) {
      const run = await timedNodeRun(
        [ctx.cli, '--targets-file', targetsFile, '--concurrency', String(CONCURRENCY)],
        {
          timeoutMs: 300_000,
        },
      );
      doctor.push({ ms: run.ms, code: run.code, maxRssKb: run.maxRssKb, reports: countReports(run.stdout) });
      const loop = await timedRun(
        'sh',
        ['-c', `xargs -P ${CONCURRENCY} -n 1 curl -s --list-only -o /dev/null < '${urlsFile}'`],
        { timeoutMs: 300_000 },
      );
      curl.push({ ms: loop.ms, code: loop.code });
    }
    const doctorWall = summarize(doctor.map((r) => r.ms));
    const curlWall = summarize(curl.map((r) => r.ms));
    return {
      targets: ports.length,
      fakeServers: FAKE_SERVERS,
      realServers: REAL_SERVERS,
      concurrency: CONCURRENCY,
      doctor: {
        wall: doctorWall,
        maxRssKb: summarize(doctor.map((r) => r.maxRssKb)),
        codes: [...new Set(doctor.map((r) => r.code))],
        reports: [...new Set(doctor.map((r) => r.reports))],
      },
      curl: { wall: curlWall, codes: [...new Set(curl.map((r) => r.code))] },
      ratio: doctorWall.median / curlWall.median,
    };
  } finally {
    for (const server of real) await server.close();
    await fake.close();
  }
}

/** countReports counts the per-target reports in ftp-doctor's human output. */
function countReports(stdout) {
  return (stdout.match(/^ftp-doctor report: /gm) ?? []).length;
}
