/**
 * UnsafeCommandError: a command line would carry CR, LF or NUL. Sending it would let one
 * argument (a user name decoded from a URL, say) smuggle a second command onto the control
 * channel, so it is refused before anything is written.
 */
export class UnsafeCommandError extends Error {
  override readonly name = 'UnsafeCommandError';
  constructor(
    message: string,
    /** The command verb, never the argument: the argument may be a password. */
    readonly verb: string,
  ) {
    super(message);
  }
}

/** Verbs whose argument is a secret: PASS carries the password and ACCT an account secret. */
const SECRET_VERBS = new Set(['PASS', 'ACCT']);

/** MASK replaces a secret argument in transcripts, errors and reports. */
export const MASK = '****';

const FORBIDDEN = /[\r\n\0]/;

/**
 * formatCommand builds one command line, without the CRLF that the connection appends:
 *
 *   formatCommand('USER', 'anonymous')  'USER anonymous'
 *   formatCommand('FEAT')               'FEAT'
 *
 * Throws UnsafeCommandError when the verb is not 3–4 letters (RFC 959 §5.3) or when either part
 * holds CR, LF or NUL. The error message never contains the argument.
 */
export function formatCommand(verb: string, arg?: string): string {
  if (!/^[A-Za-z]{3,4}$/.test(verb)) {
    throw new UnsafeCommandError('an FTP command verb is three or four letters', verbOf(verb));
  }
  if (arg === undefined || arg === '') return verb;
  if (FORBIDDEN.test(arg)) {
    throw new UnsafeCommandError(`the argument of ${verb} contains CR, LF or NUL`, verb);
  }
  return `${verb} ${arg}`;
}

/**
 * assertSafeCommandLine checks a complete command line (as ControlConnection.send receives it)
 * for CR, LF and NUL. Throws UnsafeCommandError naming only the verb.
 */
export function assertSafeCommandLine(line: string): void {
  if (FORBIDDEN.test(line)) {
    throw new UnsafeCommandError('a command line must not contain CR, LF or NUL', verbOf(line));
  }
  if (line.length === 0) throw new UnsafeCommandError('a command line must not be empty', '');
}

/**
 * maskCommand hides the argument of PASS and ACCT, whatever the verb's case:
 *
 *   maskCommand('PASS hunter2')  'PASS ****'
 *   maskCommand('pass hunter2')  'pass ****'
 *   maskCommand('USER alice')    'USER alice'
 */
export function maskCommand(line: string): string {
  const verb = verbOf(line);
  if (!SECRET_VERBS.has(verb.toUpperCase())) return line;
  return line.length > verb.length ? `${verb} ${MASK}` : line;
}

/** verbOf takes the leading letters only, so an error or a mask never exposes argument text. */
function verbOf(line: string): string {
  return /^[A-Za-z]{0,8}/.exec(line)?.[0] ?? '';
}
