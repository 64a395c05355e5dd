import { closestWord } from './closestWord.js';
import { OPTION_KEYS, type OptionSpec, optionSpec, profileKey } from './optionTable.js';
import { describeValue, parseOptionValue, type RawOptionValue } from './optionValues.js';

/**
 * ProfileKey: one key a config profile may hold. `check` returns why a value does not fit (to be
 * reported with the file, line and key), or null when it does.
 */
export interface ProfileKey {
  readonly key: string;
  readonly check: (value: unknown) => string | null;
}

/** PROFILE_ONLY_KEYS: keys that are no command-line option: credentials by reference, and TLS policy. */
const PROFILE_ONLY_KEYS: readonly ProfileKey[] = [
  {
    key: 'password_file',
    check: (value) => (typeof value === 'string' && value !== '' ? null : 'must be the path of a file'),
  },
  {
    key: 'password_env',
    check: (value) =>
      typeof value === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(value)
        ? null
        : `${describeValue(value)} is not an environment variable name`,
  },
  {
    key: 'require_tls',
    check: (value) => (typeof value === 'boolean' ? null : `${describeValue(value)} is not true or false`),
  },
];

/** INLINE_SECRET_KEYS: keys that would put a password in the file itself. */
const INLINE_SECRET_KEYS = ['password', 'pass', 'passwd', 'secret'];
const INLINE_SECRET_REASON =
  'a password may not be written in the config file; use password_file or password_env (or a netrc file)';

/**
 * profileKeyTable: every key a profile may hold: the probe options a profile may set (in
 * snake_case, checked exactly as their flags are) and the profile-only keys. Options that only
 * make sense for one run (--password-stdin, -o, --json, -q, -v, --targets-file) are left out.
 */
export function profileKeyTable(): ReadonlyMap<string, ProfileKey> {
  const table = new Map<string, ProfileKey>();
  for (const key of OPTION_KEYS) {
    const spec = optionSpec(key);
    if (spec.inProfile)
      table.set(profileKey(spec), { key: profileKey(spec), check: (value) => checkOption(spec, value) });
  }
  for (const entry of PROFILE_ONLY_KEYS) table.set(entry.key, entry);
  return table;
}

function checkOption(spec: OptionSpec, value: unknown): string | null {
  if (value === null || value === undefined) return 'has no value';
  const parsed = parseOptionValue(spec, value as RawOptionValue);
  return parsed.ok ? null : parsed.reason;
}

/**
 * checkProfileSetting: why `key: value` cannot stand in a profile, or null when it can. Unknown
 * keys get the closest known key as a suggestion; inline passwords are refused.
 */
export function checkProfileSetting(key: string, value: unknown): string | null {
  if (INLINE_SECRET_KEYS.includes(key.toLowerCase())) return INLINE_SECRET_REASON;
  const table = profileKeyTable();
  const entry = table.get(key);
  if (entry !== undefined) return entry.check(value);
  const runOnly = OPTION_KEYS.map(optionSpec).find((spec) => profileKey(spec) === key);
  if (runOnly !== undefined) return `--${runOnly.long} is for one run only; it cannot be set in a profile`;
  const suggestion = closestWord(key, [...table.keys()]);
  return `unknown key${suggestion === null ? '' : ` (did you mean ${suggestion}?)`}`;
}
