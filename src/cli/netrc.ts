/** NetrcEntry: one `machine` (or the `default`) block of a .netrc file. */
export interface NetrcEntry {
  readonly machine: string | null;
  readonly login: string | null;
  readonly password: string | null;
  readonly account: string | null;
}

/** NetrcSyntaxError: the file cannot be read as .netrc; the message names the token. */
export class NetrcSyntaxError extends Error {
  override readonly name = 'NetrcSyntaxError';
}

/**
 * parseNetrc reads the .netrc format of ftp(1) and curl: whitespace-separated tokens
 * `machine NAME`, `default`, `login NAME`, `password SECRET`, `account ACCT`, and `macdef NAME`
 * whose body runs to the next empty line and is skipped. Double-quoted tokens may hold spaces
 * (curl accepts them, with backslash escapes).
 */
export function parseNetrc(text: string): NetrcEntry[] {
  const entries: NetrcEntry[] = [];
  let current: {
    machine: string | null;
    login: string | null;
    password: string | null;
    account: string | null;
  } | null = null;
  const tokens = tokenize(text);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const value = () => {
      const next = tokens[i + 1];
      if (next === undefined || next.kind !== 'word')
        throw new NetrcSyntaxError(`"${token.text}" is missing its value`);
      i++;
      return next.text;
    };
    if (token.kind === 'macdef') continue;
    switch (token.text) {
      case 'machine':
        if (current) entries.push(current);
        current = { machine: value(), login: null, password: null, account: null };
        break;
      case 'default':
        if (current) entries.push(current);
        current = { machine: null, login: null, password: null, account: null };
        break;
      case 'login':
        if (!current) throw new NetrcSyntaxError('"login" before any "machine" or "default"');
        current.login = value();
        break;
      case 'password':
        if (!current) throw new NetrcSyntaxError('"password" before any "machine" or "default"');
        current.password = value();
        break;
      case 'account':
        if (!current) throw new NetrcSyntaxError('"account" before any "machine" or "default"');
        current.account = value();
        break;
      default:
        throw new NetrcSyntaxError(`unexpected token ${JSON.stringify(token.text.slice(0, 40))}`);
    }
  }
  if (current) entries.push(current);
  return entries;
}

/** findNetrcEntry: the first block for `host` (and `user`, when given), else the `default` block. */
export function findNetrcEntry(
  entries: readonly NetrcEntry[],
  host: string,
  user: string | null,
): NetrcEntry | null {
  const matches = (e: NetrcEntry) => user === null || e.login === null || e.login === user;
  const machine = entries.find(
    (e) => e.machine !== null && e.machine.toLowerCase() === host.toLowerCase() && matches(e),
  );
  return machine ?? entries.find((e) => e.machine === null && matches(e)) ?? null;
}

type Token = { kind: 'word'; text: string } | { kind: 'macdef'; text: string };

const VALUE_KEYWORDS = new Set(['machine', 'login', 'password', 'account']);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  // A keyword that takes a value makes the next word a value, even a word such as "macdef".
  let expectValue = false;
  while (i < n) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '#' && !expectValue) {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    let word = '';
    if (ch === '"') {
      i++;
      while (i < n && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < n) i++;
        word += text[i];
        i++;
      }
      if (i >= n) throw new NetrcSyntaxError('a quoted value is not closed');
      i++;
    } else {
      while (i < n && !/\s/.test(text[i]!)) word += text[i++];
    }
    if (word === 'macdef' && !expectValue) {
      // macdef NAME, then the macro body up to the first empty line: skipped whole. A file
      // written on Windows ends its lines with CRLF, so "\r\n\r\n" is an empty line too.
      const blank = /\r?\n\r?\n/g;
      blank.lastIndex = i;
      const end = blank.exec(text);
      i = end === null ? n : end.index + end[0].length;
      tokens.push({ kind: 'macdef', text: 'macdef' });
      continue;
    }
    tokens.push({ kind: 'word', text: word });
    expectValue = !expectValue && VALUE_KEYWORDS.has(word);
  }
  return tokens;
}
