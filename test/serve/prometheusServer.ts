import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { freePort } from '../support/loopbackPorts.js';

const PACKAGE_BIN = fileURLToPath(new URL('../../.servers/pkg/usr/bin/', import.meta.url));
/** Debian's prometheus package, unpacked by scripts/install-servers.sh (server and promtool). */
export const PROMETHEUS_BINARY = join(PACKAGE_BIN, 'prometheus');
export const PROMTOOL_BINARY = join(PACKAGE_BIN, 'promtool');

const MONITORING_DOC = fileURLToPath(new URL('../../docs/monitoring.md', import.meta.url));

/** prometheusSkipReason: why the real-Prometheus tests cannot run here; under CI=true that is an error. */
export function prometheusSkipReason(): string | null {
  const reason = existsSync(PROMETHEUS_BINARY)
    ? null
    : `${PROMETHEUS_BINARY} is missing; run scripts/install-servers.sh`;
  if (reason !== null && process.env.CI === 'true') throw new Error(`CI=true but ${reason}`);
  return reason;
}

/**
 * docBlock returns the YAML block that follows `<!-- NAME` in docs/monitoring.md, parsed: the tests
 * run what the documentation shows, not a copy of it.
 */
export function docBlock(name: 'scrape-config' | 'alert-rules' | 'example-config' | 'kubernetes'): {
  text: string;
  value: unknown;
} {
  const doc = readFileSync(MONITORING_DOC, 'utf8');
  const match = new RegExp(`<!-- ${name}[^>]*-->\\s*\`\`\`yaml\\n([\\s\\S]*?)\`\`\``).exec(doc);
  if (!match) throw new Error(`docs/monitoring.md has no yaml block after <!-- ${name}`);
  return { text: match[1]!, value: name === 'kubernetes' ? null : parse(match[1]!) };
}

export interface PrometheusServer {
  readonly url: string;
  query(expression: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  alerts(): Promise<{ labels: Record<string, string>; state: string }[]>;
  stop(): Promise<void>;
}

/**
 * startPrometheus runs a real Prometheus on 127.0.0.1 with the given configuration (and rule file
 * text) in a temporary directory, and resolves once it is ready. stop() ends it by its pid.
 */
export async function startPrometheus(config: unknown, rules: unknown): Promise<PrometheusServer> {
  const dir = await mkdtemp(join(tmpdir(), 'ftp-doctor-prometheus-'));
  const rulesPath = join(dir, 'rules.yml');
  await writeFile(rulesPath, JSON.stringify(rules));
  const configPath = join(dir, 'prometheus.yml');
  await writeFile(configPath, JSON.stringify({ ...(config as object), rule_files: [rulesPath] }));
  const port = await freePort('127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(
    PROMETHEUS_BINARY,
    [
      `--config.file=${configPath}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    await rm(dir, { recursive: true, force: true });
  };
  const api = async (path: string): Promise<unknown> => {
    const response = await fetch(`${url}${path}`, { signal: AbortSignal.timeout(5000) });
    const body = (await response.json()) as { status: string; data: unknown; error?: string };
    if (body.status !== 'success') throw new Error(`Prometheus ${path}: ${body.error ?? body.status}`);
    return body.data;
  };
  for (let attempt = 0; ; attempt += 1) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`prometheus exited ${child.exitCode}: ${output.slice(-2000)}`);
    }
    const ready = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (attempt > 150) {
      await stop();
      throw new Error(`prometheus not ready after 30 s: ${output.slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    query: async (expression) =>
      ((await api(`/api/v1/query?query=${encodeURIComponent(expression)}`)) as { result: never[] }).result,
    alerts: async () => ((await api('/api/v1/alerts')) as { alerts: never[] }).alerts,
    stop,
  };
}
