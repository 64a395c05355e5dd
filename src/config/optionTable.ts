import { FINGERPRINT_MODES } from '../knowledge/servers/deepFingerprint.js';
import { FORMAT_NAMES, type OutputFormat } from '../report/formats/registry.js';
import { FIX_DIALECT_CHOICES } from './fixDialectChoices.js';

/**
 * The probe's options, declared once. The CLI builds commander, its help, the shell completions
 * and the man page from this table; the config loader checks profile keys against it; the typed
 * options object (OptionValues) is derived from it. Pure data: no commander, no process.
 */

export type { OutputFormat } from '../report/formats/registry.js';

/** TLS_MODES: what `--tls` accepts (the probe's TlsMode). */
export const TLS_MODES = ['auto', 'explicit', 'implicit', 'off'] as const;

/** OptionGroup: the headings of the probe's help and man page, in this order. */
export const OPTION_GROUPS = {
  config: 'Config file',
  login: 'Login',
  tls: 'TLS',
  network: 'Addresses and timeouts',
  data: 'Data channel',
  targets: 'Several targets',
  output: 'Output',
  nagios: 'Nagios thresholds',
} as const;
export type OptionGroup = keyof typeof OPTION_GROUPS;

interface OptionBase {
  /** The long flag without dashes; profiles use it in snake_case (connect_timeout). */
  readonly long: string;
  readonly short?: string;
  readonly help: string;
  readonly group: OptionGroup;
  /** The formats this option changes; absent when it applies to every format. */
  readonly formats?: readonly OutputFormat[];
  /**
   * False for options that only make sense for one run (reading stdin, naming an output file or
   * a list of targets): a profile may not set them.
   */
  readonly inProfile: boolean;
}

/** A switch: present or absent. `negated` spells it `--no-<long>` and defaults to on. */
export interface FlagSpec extends OptionBase {
  readonly kind: 'flag';
  readonly negated?: boolean;
}

/** Free text: a name or a file path (`path` lets completions offer files). */
export interface TextSpec extends OptionBase {
  readonly kind: 'text';
  readonly valueName: string;
  readonly path?: boolean;
}

/** A duration such as 500ms, 5s, 2m; a bare number is seconds (as curl's --connect-timeout). */
export interface DurationSpec extends OptionBase {
  readonly kind: 'duration';
  readonly valueName: string;
  readonly default?: string;
}

/** A whole number within [min, max]. */
export interface CountSpec extends OptionBase {
  readonly kind: 'count';
  readonly valueName: string;
  readonly default: number;
  readonly min: number;
  readonly max: number;
}

/** One word of a closed set. */
export interface ChoiceSpec extends OptionBase {
  readonly kind: 'choice';
  readonly valueName: string;
  readonly choices: readonly string[];
  readonly default?: string;
}

/** A comma-separated list of words of a closed set. */
export interface ChoiceListSpec extends OptionBase {
  readonly kind: 'choiceList';
  readonly valueName: string;
  readonly choices: readonly string[];
}

/** `FORMAT=FILE`, repeatable: more formats of the same report, each written to its file. */
export interface FormatFileSpec extends OptionBase {
  readonly kind: 'formatFile';
  readonly valueName: string;
  readonly choices: readonly string[];
}

/** A port range LO-HI, or the flag alone (the range is then inferred from samples). */
export interface PortRangeSpec extends OptionBase {
  readonly kind: 'portRange';
  readonly valueName: string;
}

/** A switch that may be repeated for more (-v, -vv); its value is how often it was given, up to max. */
export interface LevelSpec extends OptionBase {
  readonly kind: 'level';
  readonly max: number;
}

/** A port range LO-HI that must be given in full (no size limit: it describes a configuration). */
export interface RangeSpec extends OptionBase {
  readonly kind: 'range';
  readonly valueName: string;
}

export type OptionSpec =
  | FlagSpec
  | LevelSpec
  | RangeSpec
  | TextSpec
  | DurationSpec
  | CountSpec
  | ChoiceSpec
  | ChoiceListSpec
  | FormatFileSpec
  | PortRangeSpec;

export const PROBE_OPTIONS = {
  config: {
    kind: 'text',
    long: 'config',
    valueName: 'file',
    path: true,
    group: 'config',
    inProfile: false,
    help: 'YAML file of named option profiles (default: $XDG_CONFIG_HOME/ftp-doctor/config.yml or ~/.config/ftp-doctor/config.yml, when present)',
  },
  profile: {
    kind: 'text',
    long: 'profile',
    valueName: 'name',
    group: 'config',
    inProfile: false,
    help: 'use this profile of the config file; flags on the command line override it (default: the profile "default", when there is one)',
  },
  user: {
    kind: 'text',
    long: 'user',
    short: 'u',
    valueName: 'name',
    group: 'login',
    inProfile: true,
    help: 'user name (default: anonymous). The password comes from FTP_PASSWORD, --password-stdin or --netrc; on a terminal ftp-doctor asks for it',
  },
  passwordStdin: {
    kind: 'flag',
    long: 'password-stdin',
    group: 'login',
    inProfile: false,
    help: 'read the password from standard input',
  },
  netrc: {
    kind: 'flag',
    long: 'netrc',
    group: 'login',
    inProfile: true,
    help: 'take user and password from ~/.netrc',
  },
  netrcFile: {
    kind: 'text',
    long: 'netrc-file',
    valueName: 'file',
    path: true,
    group: 'login',
    inProfile: true,
    help: 'take user and password from this netrc file',
  },
  account: {
    kind: 'text',
    long: 'account',
    valueName: 'account',
    group: 'login',
    inProfile: true,
    help: 'account for ACCT, when the server asks for one',
  },
  tls: {
    kind: 'choice',
    long: 'tls',
    valueName: 'mode',
    choices: TLS_MODES,
    group: 'tls',
    inProfile: true,
    help: 'TLS mode (default: auto, TLS when offered; ftps:// implies implicit, ftpes:// explicit)',
  },
  insecure: {
    kind: 'flag',
    long: 'insecure',
    group: 'tls',
    inProfile: true,
    help: 'continue past an untrusted certificate (still reported)',
  },
  ca: {
    kind: 'text',
    long: 'ca',
    valueName: 'file',
    path: true,
    group: 'tls',
    inProfile: true,
    help: 'extra CA certificate(s) to trust, PEM',
  },
  ipv4: {
    kind: 'flag',
    long: 'ipv4',
    short: '4',
    group: 'network',
    inProfile: true,
    help: 'use IPv4 addresses only',
  },
  ipv6: {
    kind: 'flag',
    long: 'ipv6',
    short: '6',
    group: 'network',
    inProfile: true,
    help: 'use IPv6 addresses only',
  },
  allAddresses: {
    kind: 'flag',
    long: 'all-addresses',
    group: 'network',
    inProfile: true,
    help: 'probe every resolved address and compare them',
  },
  connectTimeout: {
    kind: 'duration',
    long: 'connect-timeout',
    valueName: 'duration',
    default: '5s',
    group: 'network',
    inProfile: true,
    help: 'control connection timeout (5s, 500ms; a bare number means seconds)',
  },
  replyTimeout: {
    kind: 'duration',
    long: 'reply-timeout',
    valueName: 'duration',
    default: '10s',
    group: 'network',
    inProfile: true,
    help: 'timeout for each server reply',
  },
  dataTimeout: {
    kind: 'duration',
    long: 'data-timeout',
    valueName: 'duration',
    default: '5s',
    group: 'network',
    inProfile: true,
    help: 'timeout for data connections and test-connects',
  },
  deadline: {
    kind: 'duration',
    long: 'deadline',
    valueName: 'duration',
    default: '60s',
    group: 'network',
    inProfile: true,
    help: 'overall time limit for one target',
  },
  samples: {
    kind: 'count',
    long: 'samples',
    valueName: 'n',
    default: 1,
    min: 1,
    max: 50,
    group: 'data',
    inProfile: true,
    help: 'EPSV/PASV replies to sample, to learn the passive port range (10 with an inferred --scan-range)',
  },
  active: {
    kind: 'flag',
    long: 'active',
    group: 'data',
    inProfile: true,
    help: 'also test active mode (EPRT/PORT)',
  },
  singleConnection: {
    kind: 'flag',
    long: 'single-connection',
    group: 'data',
    inProfile: true,
    help: 'one control connection only (no parallel PASV test; one login)',
  },
  fingerprint: {
    kind: 'choice',
    long: 'fingerprint',
    valueName: 'mode',
    choices: FINGERPRINT_MODES,
    default: 'default',
    group: 'data',
    inProfile: true,
    help: 'deep: also ask HELP, SITE HELP, STAT and an unknown command, to name the server software behind a neutral banner',
  },
  trustPasvAddress: {
    kind: 'flag',
    long: 'trust-pasv-address',
    group: 'data',
    inProfile: true,
    help: 'also connect to the address PASV advertises when it differs',
  },
  scanRange: {
    kind: 'portRange',
    long: 'scan-range',
    valueName: 'range',
    group: 'data',
    inProfile: true,
    help: 'map the passive range (LO-HI, or inferred from samples when given alone) as reachable/filtered',
  },
  pasvRange: {
    kind: 'range',
    long: 'pasv-range',
    valueName: 'lo-hi',
    group: 'data',
    inProfile: true,
    help: 'the passive port range the server is configured with: ports it hands out outside it are reported, and fixes use it',
  },
  writeTest: {
    kind: 'flag',
    long: 'write-test',
    group: 'data',
    inProfile: true,
    help: 'upload a temporary file of random bytes, read its size back, download and compare it, delete it (needs an account that may write)',
  },
  writeDir: {
    kind: 'text',
    long: 'write-dir',
    valueName: 'dir',
    group: 'data',
    inProfile: true,
    help: 'directory for the --write-test file (default: the login directory)',
  },
  writeSize: {
    kind: 'count',
    long: 'write-size',
    valueName: 'bytes',
    default: 4096,
    min: 1,
    // Held in memory twice (sent and read back): 64 MiB is plenty to fill any path.
    max: 64 * 1024 * 1024,
    group: 'data',
    inProfile: true,
    help: 'size of the --write-test file; some 100 kB reveal a path-MTU black hole',
  },
  writeTestAnonymous: {
    kind: 'flag',
    long: 'write-test-anonymous',
    group: 'data',
    inProfile: true,
    help: 'allow --write-test for an anonymous login (skipped otherwise)',
  },
  comparePlain: {
    kind: 'flag',
    long: 'compare-plain',
    group: 'tls',
    inProfile: true,
    help: 'after a TLS session, log in once more without TLS to compare PASV (finds routers that rewrite plain FTP; anonymous logins are compared without it)',
  },
  tlsVersion: {
    kind: 'choice',
    long: 'tls-version',
    valueName: 'version',
    choices: ['1.2', '1.3'],
    group: 'tls',
    inProfile: true,
    help: 'offer only this TLS version, on control and data connections',
  },
  repeat: {
    kind: 'count',
    long: 'repeat',
    valueName: 'n',
    default: 1,
    min: 1,
    max: 1000,
    group: 'data',
    inProfile: false,
    help: 'run N complete sessions and judge them together (intermittent failures, load balancers)',
  },
  interval: {
    kind: 'duration',
    long: 'interval',
    valueName: 'duration',
    default: '1s',
    group: 'data',
    inProfile: false,
    help: 'pause between the sessions of --repeat',
  },
  targetsFile: {
    kind: 'text',
    long: 'targets-file',
    valueName: 'file',
    path: true,
    group: 'targets',
    inProfile: false,
    help: 'read targets from a file, one per line (# comments)',
  },
  concurrency: {
    kind: 'count',
    long: 'concurrency',
    valueName: 'n',
    default: 4,
    min: 1,
    max: 256,
    group: 'targets',
    inProfile: true,
    help: 'targets probed at once',
  },
  format: {
    kind: 'choice',
    long: 'format',
    valueName: 'format',
    choices: FORMAT_NAMES,
    default: 'human',
    group: 'output',
    inProfile: true,
    help: 'output format',
  },
  json: {
    kind: 'flag',
    long: 'json',
    group: 'output',
    inProfile: false,
    help: 'print the JSON report (same as --format json)',
  },
  output: {
    kind: 'text',
    long: 'output',
    short: 'o',
    valueName: 'file',
    path: true,
    group: 'output',
    inProfile: false,
    help: 'also write the chosen format to this file',
  },
  save: {
    kind: 'formatFile',
    long: 'save',
    valueName: 'format=file',
    choices: FORMAT_NAMES,
    group: 'output',
    inProfile: false,
    help: 'also write the report in another format, e.g. json=report.json (repeatable)',
  },
  fixFor: {
    kind: 'choiceList',
    long: 'fix-for',
    valueName: 'dialects',
    choices: FIX_DIALECT_CHOICES,
    group: 'output',
    formats: ['human'],
    inProfile: true,
    help: 'fix dialects to print, comma-separated (e.g. vsftpd,nftables; "all"); JSON always holds all',
  },
  strict: {
    kind: 'flag',
    long: 'strict',
    group: 'output',
    inProfile: true,
    help: 'exit 1 when there are warnings',
  },
  quiet: {
    kind: 'flag',
    long: 'quiet',
    short: 'q',
    group: 'output',
    formats: ['human'],
    inProfile: true,
    help: 'print only the verdict line',
  },
  verbose: {
    kind: 'level',
    long: 'verbose',
    short: 'v',
    max: 2,
    group: 'output',
    formats: ['human'],
    inProfile: true,
    help: 'every reply explained, every fix dialect and the TLS details; -vv adds the control-channel transcript (password masked)',
  },
  timeline: {
    kind: 'flag',
    long: 'timeline',
    group: 'output',
    formats: ['human'],
    inProfile: true,
    help: 'draw a timeline of the steps and connections under the step list',
  },
  ascii: {
    kind: 'flag',
    long: 'ascii',
    group: 'output',
    formats: ['human'],
    inProfile: true,
    help: 'ASCII characters only in charts (also when TERM=dumb)',
  },
  color: {
    kind: 'flag',
    long: 'color',
    negated: true,
    group: 'output',
    formats: ['human'],
    inProfile: true,
    help: 'no colours',
  },
  warning: {
    kind: 'duration',
    long: 'warning',
    valueName: 'duration',
    group: 'nagios',
    formats: ['nagios'],
    inProfile: true,
    help: 'total time that makes a WARNING',
  },
  critical: {
    kind: 'duration',
    long: 'critical',
    valueName: 'duration',
    group: 'nagios',
    formats: ['nagios'],
    inProfile: true,
    help: 'total time that makes a CRITICAL',
  },
} as const satisfies Record<string, OptionSpec>;

export type ProbeOptionKey = keyof typeof PROBE_OPTIONS;

/** OPTION_KEYS: the table's keys in declaration order (the order of help and man page). */
export const OPTION_KEYS = Object.keys(PROBE_OPTIONS) as ProbeOptionKey[];

/** optionSpec: one row, typed as the general OptionSpec. */
export function optionSpec(key: ProbeOptionKey): OptionSpec {
  return PROBE_OPTIONS[key];
}

/** FormatFileValue: one --save value. */
export interface FormatFileValue {
  readonly format: OutputFormat;
  readonly file: string;
}

/** PortRangeValue: a --scan-range value. */
export interface PortRangeValue {
  readonly low: number;
  readonly high: number;
}

type ValueOfSpec<S> = S extends { readonly kind: 'flag' }
  ? boolean
  : S extends { readonly kind: 'level' }
    ? number
    : S extends { readonly kind: 'range' }
      ? PortRangeValue | null
      : S extends { readonly kind: 'text' }
        ? string | null
        : S extends { readonly kind: 'duration'; readonly default: string }
          ? number
          : S extends { readonly kind: 'duration' }
            ? number | null
            : S extends { readonly kind: 'count' }
              ? number
              : S extends {
                    readonly kind: 'choice';
                    readonly choices: readonly (infer C)[];
                    readonly default: string;
                  }
                ? C
                : S extends { readonly kind: 'choice'; readonly choices: readonly (infer C)[] }
                  ? C | null
                  : S extends { readonly kind: 'choiceList' }
                    ? readonly string[] | null
                    : S extends { readonly kind: 'formatFile' }
                      ? readonly FormatFileValue[]
                      : S extends { readonly kind: 'portRange' }
                        ? PortRangeValue | 'inferred' | null
                        : never;

/**
 * OptionValues: every probe option after parsing, defaults applied: durations in milliseconds,
 * counts as numbers, choices as their union type, null for an absent option without a default.
 */
export type OptionValues = { readonly [K in ProbeOptionKey]: ValueOfSpec<(typeof PROBE_OPTIONS)[K]> };

/** flagName: how a user writes the option: `--connect-timeout`, `--no-color`. */
export function flagName(spec: OptionSpec): string {
  return spec.kind === 'flag' && spec.negated ? `--no-${spec.long}` : `--${spec.long}`;
}

/** profileKey: the option's key in a config profile: `connect_timeout`, `color`. */
export function profileKey(spec: OptionSpec): string {
  return spec.long.replaceAll('-', '_');
}
