import { readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { PinnedTlsVersion, PortRange, ProbeOptions, TlsMode, WriteTestOptions } from '../probe/types.js';
import { parseCount, parseDuration } from './duration.js';
import { UsageError } from './usageError.js';

/** RawProbeFlags: commander's view of the probe options, before any checking. */
export type RawProbeFlags = Record<string, unknown>;

export type { OutputFormat } from '../report/formats/registry.js';

import { FORMAT_NAMES, type OutputFormat } from '../report/formats/registry.js';

export interface CheckedFlags {
  readonly format: OutputFormat;
  readonly outputFile: string | null;
  /** --save FORMAT=FILE: more formats of the same reports, each written to its file. */
  readonly saves: readonly SavedReport[];
  readonly verbose: boolean;
  readonly quiet: boolean;
  readonly strict: boolean;
  readonly color: boolean;
  /** --timeline, and --ascii for its chart. */
  readonly timeline: boolean;
  readonly ascii: boolean;
  readonly fixDialects: readonly string[] | null;
  readonly concurrency: number;
  readonly warningMs: number | null;
  readonly criticalMs: number | null;
  readonly targetsFile: string | null;
  /** The --tls flag as given; null when absent (the target's scheme decides). */
  readonly tlsFlag: TlsMode | null;
  readonly probe: Omit<ProbeOptions, 'user' | 'password' | 'account' | 'tls'>;
  /** --repeat N --interval D: whole probes run one after another. */
  readonly repeat: { readonly sessions: number; readonly intervalMs: number };
}

/** parseWriteTest reads --write-test [DIR], --write-size and --write-test-anonymous. */
function parseWriteTest(flags: RawProbeFlags): WriteTestOptions | null {
  const value = flags.writeTest;
  if (value === undefined || value === false) {
    if (flags.writeSize !== undefined && str(flags, 'writeSize') !== '4096')
      throw new UsageError('--write-size needs --write-test');
    return null;
  }
  const directory = typeof value === 'string' && value !== '' ? value : null;
  if (directory !== null && /[\r\n\0]/.test(directory))
    throw new UsageError('--write-test: the directory holds a line break or NUL');
  // The file is held in memory twice (sent and read back): 64 MiB is plenty to fill any path.
  const sizeBytes = parseCount(str(flags, 'writeSize') ?? '4096', '--write-size', 1, 64 * 1024 * 1024);
  return { directory, sizeBytes, allowAnonymous: flags.writeTestAnonymous === true };
}

function str(flags: RawProbeFlags, key: string): string | undefined {
  const value = flags[key];
  return typeof value === 'string' ? value : undefined;
}

export interface SavedReport {
  readonly format: OutputFormat;
  readonly file: string;
}

/** parseSaves reads each `--save FORMAT=FILE` and checks the format name and the file's directory. */
async function parseSaves(values: unknown): Promise<SavedReport[]> {
  const saves: SavedReport[] = [];
  for (const value of Array.isArray(values) ? values : []) {
    const text = String(value);
    const split = text.indexOf('=');
    const format = text.slice(0, split);
    if (split <= 0 || !(FORMAT_NAMES as readonly string[]).includes(format)) {
      throw new UsageError(
        `--save: "${text}" is not FORMAT=FILE with FORMAT one of ${FORMAT_NAMES.join(', ')}`,
      );
    }
    const file = text.slice(split + 1);
    await checkOutputPath(file).catch((error: unknown) => {
      throw error instanceof UsageError ? new UsageError(error.message.replace(/^-o /, '--save ')) : error;
    });
    saves.push({ format: format as OutputFormat, file });
  }
  return saves;
}

/** parseScanRange reads `LO-HI` (or `LO:HI`); `true` (flag without value) means inferred. */
export function parseScanRange(value: unknown): PortRange | 'inferred' | null {
  if (value === undefined || value === false) return null;
  if (value === true) return 'inferred';
  const match = /^([0-9]{1,5})[-:]([0-9]{1,5})$/.exec(String(value));
  if (!match) throw new UsageError(`--scan-range: "${String(value)}" is not a port range like 50000-50100`);
  const low = Number(match[1]);
  const high = Number(match[2]);
  if (low < 1 || high > 65535 || low > high)
    throw new UsageError(`--scan-range: ${low}-${high} is not a range within 1-65535`);
  if (high - low > 4095) throw new UsageError('--scan-range: at most 4096 ports at a time');
  return { low, high };
}

/** checkFlags validates every probe flag up front, so a typo costs no network time. */
export async function checkFlags(flags: RawProbeFlags): Promise<CheckedFlags> {
  if (flags.ipv4 && flags.ipv6) throw new UsageError('-4 and -6 exclude each other');
  if (flags.quiet && flags.verbose) throw new UsageError('--quiet and --verbose exclude each other');
  if (flags.allAddresses && str(flags, 'repeat') !== undefined && str(flags, 'repeat') !== '1')
    throw new UsageError('--repeat and --all-addresses exclude each other');
  const format = (flags.json ? 'json' : (str(flags, 'format') ?? 'human')) as OutputFormat;
  if (
    flags.json &&
    str(flags, 'format') &&
    str(flags, 'format') !== 'human' &&
    str(flags, 'format') !== 'json'
  ) {
    throw new UsageError('--json and --format exclude each other');
  }
  const caFile = str(flags, 'ca');
  let ca: string | null = null;
  if (caFile !== undefined) {
    try {
      ca = await readFile(caFile, 'utf8');
    } catch (error) {
      throw new UsageError(
        `--ca: cannot read ${caFile} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    if (!ca.includes('-----BEGIN CERTIFICATE-----'))
      throw new UsageError(`--ca: ${caFile} holds no PEM certificate`);
  }
  const fixFor = str(flags, 'fixFor');
  const outputFile = str(flags, 'output') ?? null;
  if (outputFile !== null) await checkOutputPath(outputFile);
  const saves = await parseSaves(flags.save);
  return {
    format,
    outputFile,
    saves,
    verbose: flags.verbose === true,
    quiet: flags.quiet === true,
    strict: flags.strict === true,
    color: flags.color !== false,
    timeline: flags.timeline === true,
    ascii: flags.ascii === true,
    fixDialects:
      fixFor === undefined
        ? null
        : fixFor
            .split(',')
            .map((d) => d.trim().toLowerCase())
            .filter((d) => d !== ''),
    concurrency: parseCount(str(flags, 'concurrency') ?? '4', '--concurrency', 1, 256),
    warningMs:
      str(flags, 'warning') === undefined ? null : parseDuration(str(flags, 'warning')!, '--warning'),
    criticalMs:
      str(flags, 'critical') === undefined ? null : parseDuration(str(flags, 'critical')!, '--critical'),
    targetsFile: str(flags, 'targetsFile') ?? null,
    tlsFlag: (str(flags, 'tls') ?? null) as TlsMode | null,
    probe: {
      family: flags.ipv4 ? 4 : flags.ipv6 ? 6 : null,
      connectTimeoutMs: parseDuration(str(flags, 'connectTimeout') ?? '5s', '--connect-timeout'),
      replyTimeoutMs: parseDuration(str(flags, 'replyTimeout') ?? '10s', '--reply-timeout'),
      dataTimeoutMs: parseDuration(str(flags, 'dataTimeout') ?? '5s', '--data-timeout'),
      deadlineMs: parseDuration(str(flags, 'deadline') ?? '60s', '--deadline'),
      // An inferred --scan-range needs several ports to infer from: sample 10 unless told otherwise.
      samples: parseCount(
        str(flags, 'samples') ?? (flags.scanRange === true ? '10' : '1'),
        '--samples',
        1,
        50,
      ),
      active: flags.active === true,
      trustPasvAddress: flags.trustPasvAddress === true,
      singleConnection: flags.singleConnection === true,
      insecure: flags.insecure === true,
      ca,
      allAddresses: flags.allAddresses === true,
      scanRange: parseScanRange(flags.scanRange),
      tlsVersion: (str(flags, 'tlsVersion') ?? null) as PinnedTlsVersion | null,
      writeTest: parseWriteTest(flags),
      comparePlain: flags.comparePlain === true,
    },
    repeat: {
      sessions: parseCount(str(flags, 'repeat') ?? '1', '--repeat', 1, 1000),
      intervalMs: parseDuration(str(flags, 'interval') ?? '1s', '--interval'),
    },
  };
}

/**
 * checkOutputPath: -o FILE needs an existing directory and must not name a directory itself.
 * Checked before probing, so a typo in the path costs no network time.
 */
async function checkOutputPath(path: string): Promise<void> {
  if (path === '') throw new UsageError('-o: the file name is empty');
  const directory = dirname(path);
  const dirStat = await stat(directory).catch((error: NodeJS.ErrnoException) => error);
  if (dirStat instanceof Error) {
    const reason =
      dirStat.code === 'ENOENT' ? 'does not exist' : `cannot be used (${dirStat.code ?? 'error'})`;
    throw new UsageError(`-o ${path}: the directory ${directory} ${reason}`);
  }
  if (!dirStat.isDirectory()) throw new UsageError(`-o ${path}: ${directory} is not a directory`);
  const fileStat = await stat(path).catch(() => null);
  if (fileStat?.isDirectory()) throw new UsageError(`-o ${path}: is a directory; give a file name`);
}

/** readTargetsFile: one target per line; blank lines and `#` comments ignored. */
export async function readTargetsFile(path: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `--targets-file: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line !== '');
}
