/**
 * UsageError: the command line is wrong; the CLI prints the message, a hint, and exits 2. A command
 * that speaks another language (explain --lang fr) gives its own hint with the message.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    readonly hint: string = "Try 'ftp-doctor --help'.",
  ) {
    super(message);
  }
}
