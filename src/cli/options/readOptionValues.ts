import {
  flagName,
  OPTION_KEYS,
  type OptionValues,
  PROBE_OPTIONS,
  type ProbeOptionKey,
  profileKey,
} from '../../config/optionTable.js';
import { defaultValue, parseOptionValue, type RawOptionValue } from '../../config/optionValues.js';
import { UsageError } from '../usageError.js';

/** ProfileValues: the probe options a config profile sets, by their snake_case keys. */
export interface ProfileValues {
  readonly name: string;
  readonly file: string;
  readonly settings: Readonly<Record<string, unknown>>;
}

/** ResolvedOptions: every option typed and defaulted, and which ones the user (or profile) set. */
export interface ResolvedOptions {
  readonly values: OptionValues;
  readonly given: ReadonlySet<ProbeOptionKey>;
}

/**
 * readOptionValues types and checks the probe options. Precedence: the command line, then the
 * profile, then the table's default. `commandLine` is commander's parse of argv, keyed by the
 * table's keys (commander camel-cases `--connect-timeout` to connectTimeout, as the table does).
 */
export function readOptionValues(
  commandLine: Readonly<Record<string, unknown>>,
  profile: ProfileValues | null,
): ResolvedOptions {
  const values: Record<string, unknown> = {};
  const given = new Set<ProbeOptionKey>();
  for (const key of OPTION_KEYS) {
    const spec = PROBE_OPTIONS[key];
    const fromCommandLine = commandLineValue(commandLine, key);
    const fromProfile = profile?.settings[profileKey(spec)];
    if (fromCommandLine !== undefined) {
      const parsed = parseOptionValue(spec, fromCommandLine);
      if (!parsed.ok) throw new UsageError(`${flagName(spec)}: ${parsed.reason}`);
      values[key] = parsed.value;
      given.add(key);
    } else if (fromProfile !== undefined && fromProfile !== null) {
      const parsed = parseOptionValue(spec, fromProfile as RawOptionValue);
      if (!parsed.ok)
        throw new UsageError(
          `profile "${profile!.name}" in ${profile!.file}: ${profileKey(spec)}: ${parsed.reason}`,
        );
      values[key] = parsed.value;
      given.add(key);
    } else {
      values[key] = defaultValue(spec);
    }
  }
  return { values: values as unknown as OptionValues, given };
}

/**
 * commandLineValue: what the command line said for one option, or undefined when it said
 * nothing. Commander presets `--no-color` to true, so only `false` counts as given there.
 */
function commandLineValue(
  commandLine: Readonly<Record<string, unknown>>,
  key: ProbeOptionKey,
): RawOptionValue | undefined {
  const spec = PROBE_OPTIONS[key];
  const value = commandLine[key];
  if (spec.kind === 'flag' && 'negated' in spec && spec.negated) return value === false ? false : undefined;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  // A repeatable switch (-v, -vv) arrives counted.
  if (spec.kind === 'level' && typeof value === 'number') return value;
  // A repeatable option (--save) collects its values; none given leaves it unset.
  if (Array.isArray(value) && value.length > 0) return value;
  return undefined;
}
