/**
 * UNKNOWN_COMMAND: a verb no FTP server implements, sent on purpose by `--fingerprint deep`:
 * how a server words its refusal is part of its fingerprint.
 */
export const UNKNOWN_COMMAND = 'ZZZZ';

/**
 * DEEP_FINGERPRINT_COMMANDS: what `--fingerprint deep` asks after login, besides the default
 * probe. Each reply is looked up in BEHAVIOUR_SIGNALS like every other reply; none of them changes
 * the server's state.
 */
export const DEEP_FINGERPRINT_COMMANDS: readonly string[] = ['HELP', 'SITE HELP', 'STAT', UNKNOWN_COMMAND];

/** FINGERPRINT_MODES: the values of --fingerprint; 'default' asks nothing beyond the probe. */
export const FINGERPRINT_MODES = ['default', 'deep'] as const;
export type FingerprintMode = (typeof FINGERPRINT_MODES)[number];

/** fingerprintQueriesFor: what the probe should ask for a --fingerprint mode. */
export function fingerprintQueriesFor(mode: FingerprintMode): readonly string[] {
  return mode === 'deep' ? DEEP_FINGERPRINT_COMMANDS : [];
}
