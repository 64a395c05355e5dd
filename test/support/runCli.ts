import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLI_PATH = fileURLToPath(new URL('../../bin/ftp-doctor.js', import.meta.url));

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/**
 * runCli runs the built CLI (npm test builds it first) as a subprocess, the way users run it;
 * `via` is a command that runs it in turn (['ip', 'netns', 'exec', NAME] for a test namespace).
 * A hard timeout kills it by its own pid, so a hang fails the test instead of stalling the suite.
 */
export function runCli(
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number; via?: readonly string[] } = {},
): Promise<CliRun> {
  const started = Date.now();
  const [command = process.execPath, ...prefix] = [...(options.via ?? []), process.execPath];
  return new Promise((resolve) => {
    const child = spawn(command, [...prefix, CLI_PATH, ...args], {
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, CI: 'true', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** looksLikeStackTrace: node's "    at fn (file:line:col)" frames. */
export function looksLikeStackTrace(text: string): boolean {
  return /^\s+at .+(:\d+:\d+\)?|\(node:)/m.test(text);
}
