/** USAGE_ERROR: the mark every copy of UsageError sets and recognises (one per dist bundle). */
const USAGE_ERROR = Symbol.for('ftp-doctor.UsageError');

/**
 * UsageError: the command line is wrong; the CLI prints the message, a hint, and exits 2. A command
 * that speaks another language (explain --lang fr) gives its own hint with the message.
 * A command loaded from its own bundle (scripts/build.mjs) throws its own copy of this class, so
 * `instanceof` checks the mark rather than the class.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly [USAGE_ERROR] = true;
  constructor(
    message: string,
    readonly hint: string = "Try 'ftp-doctor --help'.",
  ) {
    super(message);
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && USAGE_ERROR in value;
  }
}
