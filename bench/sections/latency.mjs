import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { linkActivity, logOffset } from '../lib/linkLog.mjs';
import { createDelayedNamespace } from '../lib/netns.mjs';
import { sleep, timedRun } from '../lib/processes.mjs';
import { summarize } from '../lib/stats.mjs';
import { startVsftpd, VSFTPD_BINARY } from '../lib/vsftpd.mjs';

const DELAY_MS = 50;
const PASV_MIN = 40000;
const PASV_MAX = 40009;

/** connectTime: milliseconds until a TCP handshake with host:port completes. */
function connectTime(host, port) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect({ host, port });
    socket.setTimeout(5000, () => {
      socket.destroy();
      reject(new Error('connect timed out'));
    });
    socket.once('connect', () => {
      const ms = performance.now() - started;
      socket.destroy();
      resolve(ms);
    });
    socket.once('error', reject);
  });
}

/** noopRoundTrips: log in nowhere, just read the greeting and time `count` NOOP → 200 exchanges. */
function noopRoundTrips(host, port, count) {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const times = [];
    let buffer = '';
    let sentAt = 0;
    let greeted = false;
    socket.setTimeout(10_000, () => {
      socket.destroy();
      reject(new Error('NOOP exchange timed out'));
    });
    const send = () => {
      sentAt = performance.now();
      socket.write('NOOP\r\n');
    };
    socket.on('data', (chunk) => {
      buffer += chunk;
      while (buffer.includes('\r\n')) {
        const line = buffer.slice(0, buffer.indexOf('\r\n'));
        buffer = buffer.slice(buffer.indexOf('\r\n') + 2);
        if (!/^\d{3} /.test(line)) continue;
        if (!greeted) greeted = true;
        else times.push(performance.now() - sentAt);
        if (times.length < count) send();
        else {
          socket.end('QUIT\r\n');
          resolve(times);
        }
      }
    });
    socket.once('error', reject);
  });
}

/**
 * latency (b): a real vsftpd in a namespace behind tunDelay.py (every packet held 50 ms each way),
 * probed by ftp-doctor with its default options and listed by `curl -s --list-only`, interleaved.
 * Round trips come from the link's own packet log: TCP connects plus request/response turns.
 */
export async function latency(ctx) {
  if (!ctx.isRoot) return { skipped: 'needs root (network namespace, TUN devices)' };
  if (!existsSync(VSFTPD_BINARY)) return { skipped: 'vsftpd is not unpacked (scripts/install-servers.sh)' };
  if (!hasPython()) return { skipped: 'python3 is not installed (bench/lib/tunDelay.py needs it)' };
  const ns = await createDelayedNamespace({ delayMs: DELAY_MS, logPath: join(ctx.workDir, 'link.log') });
  try {
    const server = await startVsftpd({
      workDir: ctx.workDir,
      address: ns.namespaceAddress,
      port: 21,
      pasvMin: PASV_MIN,
      pasvMax: PASV_MAX,
      netns: ns,
    });
    try {
      const host = ns.namespaceAddress;
      const connects = [];
      for (let i = 0; i < 10; i += 1) connects.push(await connectTime(host, 21));
      const noops = await noopRoundTrips(host, 21, 10);
      await sleep(300);

      // What each tool does, from one verbose run of each.
      const check = await timedRun(process.execPath, [ctx.cli, host, '--json'], { timeoutMs: 60_000 });
      const report = JSON.parse(check.stdout).targets[0];
      const curlCheck = await timedRun('curl', ['-sv', '--list-only', `ftp://${host}/`], {
        timeoutMs: 60_000,
      });
      const curlCommands = curlCheck.stderr
        .split('\n')
        .filter((line) => line.startsWith('> '))
        .map((line) => line.slice(2).trim());
      await sleep(300);

      const doctor = [];
      const curl = [];
      for (let round = 0; round < ctx.runs; round += 1) {
        for (const [list, command, args] of [
          [doctor, process.execPath, [ctx.cli, host]],
          [curl, 'curl', ['-s', '--list-only', `ftp://${host}/`]],
        ]) {
          const offset = logOffset(ns.logPath);
          const run = await timedRun(command, args, { timeoutMs: 60_000 });
          await sleep(250);
          list.push({ ms: run.ms, code: run.code, ...linkActivity(ns.logPath, offset) });
        }
      }
      const doctorWall = summarize(doctor.map((r) => r.ms));
      const curlWall = summarize(curl.map((r) => r.ms));
      return {
        delayMs: DELAY_MS,
        connectMs: summarize(connects),
        noopMs: summarize(noops),
        doctor: {
          wall: doctorWall,
          codes: [...new Set(doctor.map((r) => r.code))],
          connects: summarize(doctor.map((r) => r.connects)),
          turns: summarize(doctor.map((r) => r.turns)),
          roundTrips: summarize(doctor.map((r) => r.roundTrips)),
          probeMs: report.durationMs,
          did: describeProbe(report),
        },
        curl: {
          wall: curlWall,
          codes: [...new Set(curl.map((r) => r.code))],
          connects: summarize(curl.map((r) => r.connects)),
          turns: summarize(curl.map((r) => r.turns)),
          roundTrips: summarize(curl.map((r) => r.roundTrips)),
          did: `${curlCommands.join(', ')} (exit ${curlCheck.code})`,
        },
        ratio: doctorWall.median / curlWall.median,
      };
    } finally {
      await server.close();
    }
  } finally {
    await ns.close();
  }
}

/** describeProbe lists what one JSON report shows the probe did. */
function describeProbe(report) {
  const steps = report.steps ?? [];
  const step = (name) => steps.find((s) => s.name === name);
  const commands = steps.flatMap((s) => (s.exchanges ?? []).map((e) => e.command).filter(Boolean));
  const epsv = step('epsv')?.data;
  const pasv = step('pasv')?.data;
  const transfer = step('transfer')?.data;
  const second = (report.transcript ?? []).some((entry) => entry.text.startsWith('second connection > PASV'));
  const parts = [
    `${commands.join(', ')}${second ? ' (PASV on a second control connection)' : ''}`,
    `EPSV port ${epsv?.portTest?.outcome ?? '?'}`,
    `PASV port ${pasv?.portTest?.outcome ?? '?'}`,
    `listing ${transfer?.entries ?? '?'} entries via ${transfer?.via ?? '?'}`,
    `exit ${report.verdict?.exitCode ?? '?'}`,
  ];
  return parts.join('; ');
}

function hasPython() {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
