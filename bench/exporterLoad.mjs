#!/usr/bin/env node
// bench/exporterLoad.mjs: load and soak of `ftp-doctor serve` (run `npm run build` first).
//
//   node bench/exporterLoad.mjs [--scrapes 1000] [--targets 100] [--in-flight 50]
//
// 100 fake FTP servers (one helper process, bench/lib/fakeFleet.ts) are scraped 1,000 times
// through the exporter by 50 concurrent clients, as Prometheus would with the multi-target
// pattern. Reports scrapes per second, the latency a scrape adds over the probe itself (client
// wall time minus the probe_duration_seconds the exporter reports) at p50/p99, the exporter's
// peak RSS (VmHWM), and its open file descriptors before and after (a leak shows as growth).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    scrapes: { type: 'string', default: '1000' },
    targets: { type: 'string', default: '100' },
    'in-flight': { type: 'string', default: '50' },
  },
});
const SCRAPES = Number(values.scrapes);
const TARGETS = Number(values.targets);
const IN_FLIGHT = Number(values['in-flight']);

/** percentiles: p50 and p99 (nearest rank) and the maximum, in ms with one decimal. */
function percentiles(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  const round = (value) => Number(value.toFixed(1));
  return { p50: round(rank(50)), p99: round(rank(99)), max: round(sorted[sorted.length - 1]) };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function startFakeFleet(workDir) {
  const outfile = join(workDir, 'fakeFleet.mjs');
  await build({
    entryPoints: [join(root, 'bench', 'lib', 'fakeFleet.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    outfile,
    logLevel: 'warning',
  });
  const child = spawn(process.execPath, [outfile, String(TARGETS)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const ports = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the fake fleet did not start within 30 s')), 30_000);
    child.once('exit', (code) => reject(new Error(`the fake fleet exited ${code}`)));
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line).ports);
    });
  });
  return {
    ports,
    close: async () => {
      child.stdin.end();
      for (let i = 0; i < 100 && child.exitCode === null && child.signalCode === null; i += 1)
        await sleep(50);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

async function startExporter() {
  const child = spawn(
    process.execPath,
    [
      join(root, 'bin', 'ftp-doctor.js'),
      'serve',
      '--listen',
      '127.0.0.1:0',
      '--max-in-flight',
      String(IN_FLIGHT),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${log}`)), 10_000);
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const match = /"msg":"listening","address":"([^"]+)"/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(`http://${match[1]}`);
      }
    });
  });
  // Keep reading the log so the pipe never fills; only its size matters here.
  let logBytes = 0;
  child.stderr.removeAllListeners('data');
  child.stderr.on('data', (chunk) => {
    logBytes += chunk.length;
  });
  const exited = new Promise((resolve) => child.on('close', (code) => resolve(code)));
  return {
    pid: child.pid,
    url,
    logBytes: () => logBytes,
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

function processStatus(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { rssKb: kb('VmRSS'), peakRssKb: kb('VmHWM'), fds: readdirSync(`/proc/${pid}/fd`).length };
}

async function scrape(url) {
  const started = performance.now();
  const response = await fetch(url, {
    headers: { 'X-Prometheus-Scrape-Timeout-Seconds': '10' },
    signal: AbortSignal.timeout(30_000),
  });
  const body = await response.text();
  const ms = performance.now() - started;
  const probeSeconds = Number(/^probe_duration_seconds (\S+)$/m.exec(body)?.[1] ?? Number.NaN);
  const success = /^probe_success 1$/m.test(body);
  return { status: response.status, ms, probeMs: probeSeconds * 1000, success };
}

async function main() {
  const workDir = mkdtempSync(join(tmpdir(), 'ftp-doctor-bench-exporter-'));
  const fleet = await startFakeFleet(workDir);
  const exporter = await startExporter();
  try {
    // One probe first, so the figures compare a warm exporter before and after the load.
    await scrape(`${exporter.url}/probe?target=127.0.0.1:${fleet.ports[0]}`);
    await sleep(500);
    const before = processStatus(exporter.pid);
    const results = [];
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < SCRAPES) {
        const index = next++;
        const port = fleet.ports[index % fleet.ports.length];
        results.push(await scrape(`${exporter.url}/probe?target=127.0.0.1:${port}`));
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const seconds = (performance.now() - started) / 1000;
    const atEnd = processStatus(exporter.pid);
    // Idle keep-alive connections from the 50 clients close after the server's 5 s keep-alive timeout.
    await sleep(6000);
    const after = processStatus(exporter.pid);
    const statuses = {};
    for (const result of results) statuses[result.status] = (statuses[result.status] ?? 0) + 1;
    const overhead = percentiles(results.map((result) => result.ms - result.probeMs));
    const latency = percentiles(results.map((result) => result.ms));
    const probe = percentiles(results.map((result) => result.probeMs));
    const figures = {
      scrapes: SCRAPES,
      targets: TARGETS,
      inFlight: IN_FLIGHT,
      statuses,
      probeSuccess: results.filter((result) => result.success).length,
      seconds: Number(seconds.toFixed(2)),
      scrapesPerSecond: Number((SCRAPES / seconds).toFixed(1)),
      latencyMs: latency,
      probeMs: probe,
      overheadMs: overhead,
      peakRssMb: Number((after.peakRssKb / 1024).toFixed(1)),
      rssMbBefore: Number((before.rssKb / 1024).toFixed(1)),
      rssMbAfter: Number((after.rssKb / 1024).toFixed(1)),
      fdsBefore: before.fds,
      fdsRightAfter: atEnd.fds,
      fdsAfterKeepAlive: after.fds,
      logBytes: exporter.logBytes(),
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load ${loadavg()[0].toFixed(2)}, node ${process.version}`,
    };
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  } finally {
    const code = await exporter.stop();
    if (code !== 0) process.stderr.write(`exporter exited ${code}\n`);
    await fleet.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}

await main();
