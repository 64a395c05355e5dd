import { type ChildProcess, spawn } from 'node:child_process';
import { CLI_PATH } from '../support/runCli.js';

/** ExporterProcess: `ftp-doctor serve` run as users run it, from the built CLI. */
export interface ExporterProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** Every stderr line so far (the JSON log). */
  readonly logLines: () => string[];
  /** Resolves with the exit code once the process has ended. */
  readonly exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL by pid after 10 s; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** startExporter starts `serve --listen 127.0.0.1:0` and resolves once its listening line appears. */
export async function startExporter(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  cwd?: string,
): Promise<ExporterProcess> {
  const child = spawn(process.execPath, [CLI_PATH, 'serve', '--listen', '127.0.0.1:0', ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}${stdout}`)), 10_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const match = /"msg":"listening","address":"([^"]+)"/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve(`http://${match[1]}`);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited ${code}: ${stderr}`));
    });
  });
  return {
    child,
    url,
    logLines: () => stderr.split('\n').filter((line) => line !== ''),
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** get: one HTTP request with a hard timeout, answering status and body. */
export async function request(
  url: string,
  init: { method?: string; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<{ status: number; body: string; type: string }> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: init.headers ?? {},
    signal: AbortSignal.timeout(init.timeoutMs ?? 20_000),
  });
  return {
    status: response.status,
    body: await response.text(),
    type: response.headers.get('content-type') ?? '',
  };
}

/** metricValue: the value of one sample line (`name{labels} value`) in Prometheus text. */
export function metricValue(text: string, selector: string): number | null {
  for (const line of text.split('\n')) {
    if (line.startsWith(`${selector} `)) return Number(line.slice(selector.length + 1));
  }
  return null;
}
