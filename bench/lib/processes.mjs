import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MAX_RSS_PRELOAD = fileURLToPath(new URL('./maxRss.cjs', import.meta.url));

/**
 * timedRun runs a command to completion and measures its wall time from spawn to exit. stdout
 * and stderr are collected (not a terminal, as in CI); a hard timeout kills the child by its pid.
 */
export function timedRun(command, args, options = {}) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, {
      env: { ...process.env, ...options.env },
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    if (options.input !== undefined) child.stdin.end(options.input);
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      resolve({ ms, code, signal, stdout, stderr });
    });
  });
}

let rssFiles = 0;

/**
 * timedNodeRun runs `node [--require maxRss.cjs] ...args` and adds maxRssKb, the peak RSS the
 * process reported for itself at exit.
 */
export async function timedNodeRun(args, options = {}) {
  rssFiles += 1;
  const file = join(tmpdir(), `ftp-doctor-bench-rss-${process.pid}-${rssFiles}`);
  rmSync(file, { force: true });
  const run = await timedRun(process.execPath, ['--require', MAX_RSS_PRELOAD, ...args], {
    ...options,
    env: { ...options.env, BENCH_MAX_RSS_FILE: file },
  });
  let maxRssKb = Number.NaN;
  try {
    maxRssKb = Number(readFileSync(file, 'utf8').trim().split('\n').pop());
  } catch {
    // The process died before its exit handler ran.
  }
  rmSync(file, { force: true });
  return { ...run, maxRssKb };
}

/** sh runs a short administrative command and returns stdout; a failure throws with stderr. */
export async function sh(command, args, options = {}) {
  const run = await timedRun(command, args, { timeoutMs: 20_000, ...options });
  if (run.code !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${run.code ?? run.signal}: ${run.stderr.trim()}`);
  }
  return run.stdout;
}

/** sleep resolves after ms milliseconds. */
export function sleep(milliseconds) {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
