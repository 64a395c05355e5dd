/**
 * Commands whose argument is a secret. The probe masks PASS already; masking again here means a
 * slip upstream still never puts a password into a report. ACCT often carries a second password.
 */
const SECRET_VERBS = /^(PASS|ACCT)(\s.*)?$/is;

/** maskCommand returns a command line with the argument of PASS or ACCT replaced by `****`. */
export function maskCommand(command: string): string {
  const match = SECRET_VERBS.exec(command);
  if (!match) return command;
  return match[2] === undefined ? command : `${match[1]} ****`;
}
