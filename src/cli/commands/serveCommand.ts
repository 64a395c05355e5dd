import { readdirSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { ConfigError } from '../../config/configFile.js';
import { PROBE_OPTIONS } from '../../config/optionTable.js';
import { parseDurationMs, parseOptionValue } from '../../config/optionValues.js';
import { EXIT } from '../../knowledge/exitCodes.js';
import type { ProcessStats } from '../../serve/exporterMetrics.js';
import { EXPORTER_DEFAULTS, Exporter, type LogRecord } from '../../serve/exporterServer.js';
import { loadServeConfig } from '../../serve/serveConfig.js';
import { UsageError } from '../usageError.js';
import { toolVersion } from '../version.js';

export interface ServeFlags {
  readonly listen?: string;
  readonly config?: string;
  readonly maxInFlight?: string;
  readonly timeoutMargin?: string;
}

const DEFAULT_LISTEN = '127.0.0.1:9712';

/**
 * runServeCommand runs the exporter until SIGTERM or SIGINT, reloading its config on SIGHUP.
 * Returns the exit code: 0 after a clean shutdown, 2 when the config or the listen address is
 * refused at start.
 */
export async function runServeCommand(flags: ServeFlags): Promise<number> {
  const { host, port } = parseListen(flags.listen ?? DEFAULT_LISTEN);
  const maxInFlight = parseCount(
    flags.maxInFlight ?? String(EXPORTER_DEFAULTS.maxInFlight),
    '--max-in-flight',
    1,
    10_000,
  );
  const timeoutMarginMs =
    flags.timeoutMargin === undefined
      ? EXPORTER_DEFAULTS.timeoutMarginMs
      : parseDuration(flags.timeoutMargin, '--timeout-margin');
  const configPath = flags.config ?? null;
  const loadConfig = () => loadServeConfig(configPath, process.env);
  let config: Awaited<ReturnType<typeof loadConfig>>;
  try {
    config = await loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`ftp-doctor: config refused: ${error.message}\n`);
    return EXIT.usage;
  }
  let exporter: Exporter;
  try {
    exporter = await Exporter.start(config, {
      ...EXPORTER_DEFAULTS,
      host,
      port,
      maxInFlight,
      timeoutMarginMs,
      version: toolVersion(),
      log: writeLog,
      processStats: readProcessStats,
      loadConfig,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    process.stderr.write(`ftp-doctor: cannot listen on ${flags.listen ?? DEFAULT_LISTEN} (${code})\n`);
    return EXIT.usage;
  }
  const bound = exporter.address();
  writeLog({
    level: 'info',
    msg: 'listening',
    address: `${bound.host.includes(':') ? `[${bound.host}]` : bound.host}:${bound.port}`,
    config: config.path,
    modules: [...config.modules.keys()].join(','),
    allowed_targets: config.allowlist.entries.join(','),
  });
  if (!isLoopback(host))
    writeLog({
      level: 'warn',
      msg: 'listening beyond loopback: anyone who reaches this port can start probes',
    });

  const onHangup = () => void exporter.reload();
  process.on('SIGHUP', onHangup);
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      writeLog({ level: 'info', msg: 'signal received', signal });
      resolve();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  await exporter.shutdown();
  process.off('SIGHUP', onHangup);
  writeLog({ level: 'info', msg: 'stopped' });
  return 0;
}

function parseListen(text: string): { host: string; port: number } {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]+)):([0-9]{1,5})$/.exec(text.trim());
  const host = match?.[1] ?? match?.[2];
  const port = Number(match?.[3]);
  if (!match || host === undefined || port < 0 || port > 65535)
    throw new UsageError(`--listen: "${text}" is not ADDRESS:PORT (example: 127.0.0.1:9712, [::1]:9712)`);
  return { host, port };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

/** writeLog: one JSON object per line on stderr, with the time first. */
function writeLog(record: LogRecord): void {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...record })}\n`);
}

const PAGE_SIZE = 4096;

/** readProcessStats: Linux's /proc/self where it exists, Node's own figures elsewhere. */
function readProcessStats(): ProcessStats {
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  let openFds: number | null = null;
  let maxFds: number | null = null;
  let virtualBytes: number | null = null;
  try {
    openFds = readdirSync('/proc/self/fd').length;
    const limit = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    maxFds = limit ? Number(limit[1]) : null;
    virtualBytes = Number(readFileSync('/proc/self/statm', 'utf8').split(' ')[0]) * PAGE_SIZE;
  } catch {
    // Not Linux: these three stay out of /metrics.
  }
  return {
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    residentBytes: memory.rss,
    virtualBytes,
    heapBytes: memory.heapTotal,
    openFds,
    maxFds,
    startTimeSeconds: Math.floor(Date.now() / 1000 - process.uptime()),
  };
}

/**
 * parseDuration reads `500ms`, `5s`, `1.5s`, `2m`, or a bare number of seconds (as curl's
 * --connect-timeout does), and returns milliseconds; the rules are the option table's.
 */
function parseDuration(text: string, option: string): number {
  const parsed = parseDurationMs(text);
  if (!parsed.ok) throw new UsageError(`${option}: ${parsed.reason}`);
  return parsed.value as number;
}

/** parseCount reads a whole number within [min, max]. */
function parseCount(text: string, option: string, min: number, max: number): number {
  const parsed = parseOptionValue({ ...PROBE_OPTIONS.samples, min, max }, text);
  if (!parsed.ok) throw new UsageError(`${option}: ${parsed.reason}`);
  return parsed.value as number;
}
