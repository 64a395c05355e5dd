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
