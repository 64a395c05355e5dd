import { dirname } from 'node:path';
import {
  type FormatFileValue,
  type OptionValues,
  type OutputFormat,
  type PortRangeValue,
  PROBE_OPTIONS,
} from '../config/optionTable.js';
import { parseOptionValue, type RawOptionValue } from '../config/optionValues.js';
import { fingerprintQueriesFor } from '../knowledge/servers/deepFingerprint.js';
import type { ProbeOptions, TlsMode } from '../probe/types.js';
import { fileSystem, readTextFile } from './fileSystem.js';
import type { ResolvedOptions } from './options/readOptionValues.js';
import { UsageError } from './usageError.js';

export type { OutputFormat } from '../config/optionTable.js';

/** LoginFlags: where the user name, password and account come from (never a password itself). */
export interface LoginFlags {
  readonly user: string | null;
  readonly account: string | null;
  readonly passwordStdin: boolean;
  readonly netrc: boolean;
  readonly netrcFile: string | null;
  /** A config profile's password_file: the password is the file's first line. */
  readonly passwordFile: string | null;
  /** A config profile's password_env: the name of the variable holding the password. */
  readonly passwordEnv: string | null;
}

/** CheckedFlags: the probe command's options, checked and in the shape the command uses. */
export interface CheckedFlags {
  readonly format: OutputFormat;
  readonly outputFile: string | null;
  /** --save FORMAT=FILE: more formats of the same reports, each written to its file. */
  readonly saves: readonly FormatFileValue[];
  /** How many -v were given: 0, 1 (every reply and fix) or 2 (also the transcript). */
  readonly verbose: number;
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
  /** --pasv-range: the passive range the admin says the server uses. */
  readonly statedPassiveRange: PortRangeValue | null;
  readonly login: LoginFlags;
  readonly probe: Omit<ProbeOptions, 'user' | 'password' | 'account' | 'tls'>;
  /** --repeat N --interval D: whole probes run one after another. */
  readonly repeat: { readonly sessions: number; readonly intervalMs: number };
}

/** ProfileLogin: what a config profile adds that is no command-line option. */
export interface ProfileLogin {
  readonly passwordFile: string | null;
  readonly passwordEnv: string | null;
  /** require_tls: the probe must use TLS (explicit unless the profile or flag says implicit). */
  readonly requireTls: boolean;
}

const NO_PROFILE_LOGIN: ProfileLogin = { passwordFile: null, passwordEnv: null, requireTls: false };

/**
 * checkFlags checks what the option table cannot check row by row (options that exclude each
 * other, files that must exist), so a typo costs no network time.
 */
export async function checkFlags(
  resolved: ResolvedOptions,
  profileLogin: ProfileLogin = NO_PROFILE_LOGIN,
): Promise<CheckedFlags> {
  const { values: v, given } = resolved;
  if (v.ipv4 && v.ipv6) throw new UsageError('-4 and -6 exclude each other');
  if (!v.writeTest && (given.has('writeSize') || given.has('writeDir') || v.writeTestAnonymous))
    throw new UsageError('--write-size, --write-dir and --write-test-anonymous need --write-test');
  if (v.repeat > 1 && v.allAddresses) throw new UsageError('--repeat and --all-addresses exclude each other');
  if (v.writeDir !== null && /[\r\n\0]/.test(v.writeDir))
    throw new UsageError('--write-dir: the directory holds a line break or NUL');
  if (v.quiet && v.verbose > 0) throw new UsageError('--quiet and --verbose exclude each other');
  if (v.json && given.has('format') && v.format !== 'human' && v.format !== 'json')
    throw new UsageError('--json and --format exclude each other');
  const outputFile = v.output;
  if (outputFile !== null) await checkOutputPath(outputFile, '-o');
  for (const save of v.save) await checkOutputPath(save.file, '--save');
  return {
    format: v.json ? 'json' : v.format,
    outputFile,
    saves: v.save,
    verbose: v.verbose,
    quiet: v.quiet,
    strict: v.strict,
    color: v.color,
    timeline: v.timeline,
    ascii: v.ascii,
    fixDialects: v.fixFor,
    concurrency: v.concurrency,
    warningMs: v.warning,
    criticalMs: v.critical,
    targetsFile: v.targetsFile,
    tlsFlag: tlsFlag(v, profileLogin),
    statedPassiveRange: v.pasvRange,
    login: {
      user: v.user,
      account: v.account,
      passwordStdin: v.passwordStdin,
      netrc: v.netrc,
      netrcFile: v.netrcFile,
      passwordFile: profileLogin.passwordFile,
      passwordEnv: profileLogin.passwordEnv,
    },
    probe: {
      family: v.ipv4 ? 4 : v.ipv6 ? 6 : null,
      connectTimeoutMs: v.connectTimeout,
      replyTimeoutMs: v.replyTimeout,
      dataTimeoutMs: v.dataTimeout,
      deadlineMs: v.deadline,
      // An inferred --scan-range needs several ports to infer from.
      samples: !given.has('samples') && v.scanRange === 'inferred' ? INFERRED_RANGE_SAMPLES : v.samples,
      active: v.active,
      trustPasvAddress: v.trustPasvAddress,
      singleConnection: v.singleConnection,
      fingerprintQueries: fingerprintQueriesFor(v.fingerprint),
      insecure: v.insecure,
      ca: v.ca === null ? null : await readCaFile(v.ca),
      allAddresses: v.allAddresses,
      scanRange: v.scanRange,
      tlsVersion: v.tlsVersion,
      comparePlain: v.comparePlain,
      writeTest: v.writeTest
        ? { directory: v.writeDir, sizeBytes: v.writeSize, allowAnonymous: v.writeTestAnonymous }
        : null,
    },
    repeat: { sessions: v.repeat, intervalMs: v.interval },
  };
}

/** parseScanRange reads a --scan-range value with the option table's rules (`true`: inferred). */
export function parseScanRange(value: unknown): PortRangeValue | 'inferred' | null {
  if (value === undefined || value === false) return null;
  const parsed = parseOptionValue(PROBE_OPTIONS.scanRange, value as RawOptionValue);
  if (!parsed.ok) throw new UsageError(`--scan-range: ${parsed.reason}`);
  return parsed.value as PortRangeValue | 'inferred';
}

/** INFERRED_RANGE_SAMPLES: the samples an inferred --scan-range takes unless --samples says. */
const INFERRED_RANGE_SAMPLES = 10;

/** tlsFlag: the --tls mode; a profile's require_tls turns "auto" (or nothing) into explicit. */
function tlsFlag(v: OptionValues, profileLogin: ProfileLogin): TlsMode | null {
  if (!profileLogin.requireTls) return v.tls;
  if (v.tls === 'off') throw new UsageError("--tls off contradicts the profile's require_tls");
  return v.tls === 'implicit' ? 'implicit' : 'explicit';
}

async function readCaFile(path: string): Promise<string> {
  let ca: string;
  try {
    ca = await readTextFile(path);
  } catch (error) {
    throw new UsageError(`--ca: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (!ca.includes('-----BEGIN CERTIFICATE-----'))
    throw new UsageError(`--ca: ${path} holds no PEM certificate`);
  return ca;
}

/**
 * checkOutputPath: -o FILE needs an existing directory and must not name a directory itself.
 * Checked before probing, so a typo in the path costs no network time.
 */
async function checkOutputPath(path: string, flag: '-o' | '--save'): Promise<void> {
  if (path === '') throw new UsageError(`${flag}: the file name is empty`);
  const directory = dirname(path);
  const { stat } = await fileSystem();
  const dirStat = await stat(directory).catch((error: NodeJS.ErrnoException) => error);
  if (dirStat instanceof Error) {
    const reason =
      dirStat.code === 'ENOENT' ? 'does not exist' : `cannot be used (${dirStat.code ?? 'error'})`;
    throw new UsageError(`${flag} ${path}: the directory ${directory} ${reason}`);
  }
  if (!dirStat.isDirectory()) throw new UsageError(`${flag} ${path}: ${directory} is not a directory`);
  const fileStat = await stat(path).catch(() => null);
  if (fileStat?.isDirectory()) throw new UsageError(`${flag} ${path}: is a directory; give a file name`);
}

/** readTargetsFile: one target per line; blank lines and `#` comments ignored. */
export async function readTargetsFile(path: string): Promise<string[]> {
  let text: string;
  try {
    text = await readTextFile(path);
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
