import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findNetrcEntry, type NetrcEntry, NetrcSyntaxError, parseNetrc } from '../../src/cli/netrc.js';

const entry = (
  machine: string | null,
  login: string | null,
  password: string | null,
  account: string | null = null,
): NetrcEntry => ({ machine, login, password, account });

// The .netrc format of ftp(1) and curl, as read by --netrc / --netrc-file.
describe('parseNetrc', () => {
  const rows: readonly { title: string; input: string; expected: readonly NetrcEntry[] }[] = [
    { title: 'empty file', input: '', expected: [] },
    { title: 'only a comment', input: '# nothing here\n', expected: [] },
    {
      title: 'one machine on one line',
      input: 'machine ftp.example.com login alice password s3cret\n',
      expected: [entry('ftp.example.com', 'alice', 's3cret')],
    },
    {
      title: 'one machine over several lines, with account',
      input: 'machine ftp.example.com\n  login alice\n  password s3cret\n  account acct1\n',
      expected: [entry('ftp.example.com', 'alice', 's3cret', 'acct1')],
    },
    {
      title: 'machine and default blocks',
      input: 'machine a login u1 password p1\ndefault login anonymous password me@example.com\n',
      expected: [entry('a', 'u1', 'p1'), entry(null, 'anonymous', 'me@example.com')],
    },
    {
      title: 'a comment between entries and after tokens',
      input:
        'machine a login u1 password p1 # trailing words\n# whole line\nmachine b login u2 password p2\n',
      expected: [entry('a', 'u1', 'p1'), entry('b', 'u2', 'p2')],
    },
    {
      title: 'a password that starts with # is a password, not a comment',
      input: 'machine a login u password #not-a-comment\n',
      expected: [entry('a', 'u', '#not-a-comment')],
    },
    {
      title: 'a quoted password with spaces and escapes (curl)',
      input: 'machine a login u password "two words \\"quoted\\" back\\\\slash"\n',
      expected: [entry('a', 'u', 'two words "quoted" back\\slash')],
    },
    {
      title: 'a keyword as a value',
      input: 'machine machine login login password password account default\n',
      expected: [entry('machine', 'login', 'password', 'default')],
    },
    {
      title: 'macdef body skipped up to the empty line, even when it holds keywords',
      input:
        'machine a login u1 password p1\nmacdef init\nmachine evil login x password y\ncd /pub\n\nmachine b login u2 password p2\n',
      expected: [entry('a', 'u1', 'p1'), entry('b', 'u2', 'p2')],
    },
    {
      title: 'macdef as the last thing in the file, without an empty line',
      input: 'machine a login u1 password p1\nmacdef init\ncd /pub\nbin',
      expected: [entry('a', 'u1', 'p1')],
    },
    {
      title: 'macdef in a file with CRLF line ends',
      input:
        'machine a login u1 password p1\r\nmacdef init\r\ncd /pub\r\n\r\nmachine b login u2 password p2\r\n',
      expected: [entry('a', 'u1', 'p1'), entry('b', 'u2', 'p2')],
    },
    {
      title: 'a machine without password (the password comes from elsewhere)',
      input: 'machine a login u1\n',
      expected: [entry('a', 'u1', null)],
    },
  ];
  it.each(rows)('$title', ({ input, expected }) => {
    expect(parseNetrc(input)).toEqual(expected);
  });

  const errors: readonly { title: string; input: string; message: RegExp }[] = [
    { title: 'login before any machine', input: 'login u password p\n', message: /"login" before any/ },
    {
      title: 'a keyword at the end without its value',
      input: 'machine a login',
      message: /"login" is missing/,
    },
    { title: 'an unknown keyword', input: 'machine a user u\n', message: /unexpected token "user"/ },
    { title: 'an unclosed quote', input: 'machine a password "open\n', message: /not closed/ },
  ];
  it.each(errors)('$title → NetrcSyntaxError', ({ input, message }) => {
    expect(() => parseNetrc(input)).toThrow(NetrcSyntaxError);
    expect(() => parseNetrc(input)).toThrow(message);
  });
});

describe('findNetrcEntry', () => {
  const entries = [
    entry('ftp.example.com', 'alice', 'pa'),
    entry('FTP.example.com', 'bob', 'pb'),
    entry('other.example.com', 'carol', 'pc'),
    entry(null, 'anonymous', 'guest@'),
  ];
  const rows: readonly { title: string; host: string; user: string | null; login: string | null }[] = [
    { title: 'first block for the host', host: 'ftp.example.com', user: null, login: 'alice' },
    { title: 'host names match case-insensitively', host: 'Ftp.Example.Com', user: null, login: 'alice' },
    { title: 'a given user selects its block', host: 'ftp.example.com', user: 'bob', login: 'bob' },
    {
      title: 'another host falls back to default',
      host: 'unknown.example.com',
      user: null,
      login: 'anonymous',
    },
    {
      title: 'a user no block of the host names falls back to default only if default fits',
      host: 'ftp.example.com',
      user: 'dave',
      login: null,
    },
  ];
  it.each(rows)('$title', ({ host, user, login }) => {
    expect(findNetrcEntry(entries, host, user)?.login ?? null).toBe(login);
  });
});

// Property tests: whatever a .netrc holds, only NetrcSyntaxError may escape the parser, and
// what a writer quotes properly reads back unchanged.
describe('parseNetrc properties', () => {
  const onlySyntaxErrors = (text: string): boolean => {
    try {
      const parsed = parseNetrc(text);
      return Array.isArray(parsed);
    } catch (error) {
      return error instanceof NetrcSyntaxError;
    }
  };

  it('arbitrary text: returns entries or throws NetrcSyntaxError, nothing else', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), onlySyntaxErrors), {
      numRuns: 500,
    });
  });

  it('token soup of keywords, words, quotes, comments and blank lines: same', () => {
    const piece = fc.constantFrom(
      'machine',
      'default',
      'login',
      'password',
      'account',
      'macdef',
      'init',
      'host.example',
      '"quoted value"',
      '"unterminated',
      '\\',
      '"esc\\"aped"',
      '#',
      '# comment',
      '\n',
      '\n\n',
      '\r\n',
      '\r\n\r\n',
      ' ',
      '\t',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => onlySyntaxErrors(pieces.join(' '))),
      { numRuns: 1000 },
    );
  });

  it('entries written with quoted values read back unchanged', () => {
    const value = fc.string({
      unit: fc.constantFrom('a', 'Z', '0', ' ', '"', '\\', '#', '-', '.', '@', 'é'),
      maxLength: 12,
    });
    const quote = (text: string) => `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
    const netrcEntry = fc.record({
      machine: fc.option(value, { nil: null }),
      login: fc.option(value, { nil: null }),
      password: fc.option(value, { nil: null }),
      account: fc.option(value, { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.array(netrcEntry, { maxLength: 6 }),
        fc.constantFrom('\n', '\r\n', ' '),
        (entries, gap) => {
          const text = entries
            .map((e) =>
              [
                e.machine === null ? 'default' : `machine ${quote(e.machine)}`,
                ...(e.login === null ? [] : [`login ${quote(e.login)}`]),
                ...(e.password === null ? [] : [`password ${quote(e.password)}`]),
                ...(e.account === null ? [] : [`account ${quote(e.account)}`]),
              ].join(gap),
            )
            .join(gap);
          expect(parseNetrc(text)).toEqual(entries);
        },
      ),
      { numRuns: 300 },
    );
  });
});
