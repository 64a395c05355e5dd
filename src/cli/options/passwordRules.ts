/**
 * PASSWORD_RULES: where a named user's password comes from, said once for `probe --help` and the
 * man page. The order is the one resolveCredentials follows.
 */
export const PASSWORD_RULES =
  'A user named with -u NAME or in the URL (ftp://NAME@host) logs in with the password from, in this order: ' +
  'the URL itself (ftp://NAME:PASSWORD@host, warned about), --password-stdin, the FTP_PASSWORD variable, ' +
  "a config profile's password_file or password_env, then --netrc or --netrc-file. " +
  'With none of these, ftp-doctor asks for it on the terminal without echo, as curl and lftp do; ' +
  'without a terminal that is a usage error (exit 2). The users anonymous and ftp need no password.';

/** wrapWords: text broken into lines of at most `width` characters, each indented. */
export function wrapWords(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(`${indent}${line}`);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(`${indent}${line}`);
  return lines;
}
