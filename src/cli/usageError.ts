/** UsageError: the command line is wrong; the CLI prints the message, a hint, and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
