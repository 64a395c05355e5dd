import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ALL_REPLY_CODES,
  allReplyCodeEntries,
  commandVerb,
  describeReply,
  explainCode,
  GREETING,
  lookupReplyCode,
} from '../../src/knowledge/reference/replyCodes.js';

/** Codes listed in the reference table (code column only), copied into the repo. */
function fixtureCodes(): number[] {
  const text = readFileSync(new URL('../fixtures/reply-codes.tsv', import.meta.url), 'utf8');
  const [header, ...rows] = text.trim().split('\n');
  expect(header).toBe('code');
  return rows.map((row) => Number(row.split('\t')[0]));
}

describe('reply-code catalog', () => {
  it('has an entry for every code of the reference table', () => {
    const codes = fixtureCodes();
    expect(codes.length).toBeGreaterThan(60);
    const missing = codes.filter((code) => lookupReplyCode(code) === undefined);
    expect(missing).toEqual([]);
  });

  it('lists each code once, ascending, and ALL_REPLY_CODES matches the entries', () => {
    const codes = allReplyCodeEntries().map((entry) => entry.code);
    expect(codes).toEqual([...new Set(codes)].sort((a, b) => a - b));
    expect(ALL_REPLY_CODES).toEqual(codes);
  });

  it.each(allReplyCodeEntries().map((entry) => [entry.code, entry] as const))(
    '%i is complete and readable',
    (_code, entry) => {
      expect(entry.title.length).toBeGreaterThan(3);
      expect(entry.description).toMatch(/[.)]$/);
      expect(entry.whenYouSeeIt.length).toBeGreaterThan(10);
      expect(entry.howToResolve.length).toBeGreaterThan(0);
      for (const step of entry.howToResolve) expect(step).toMatch(/[.)]$/);
      expect(entry.sources.length).toBeGreaterThan(0);
      for (const context of entry.contexts ?? []) {
        expect(context.afterCommands.length).toBeGreaterThan(0);
        for (const verb of context.afterCommands) expect(verb).toMatch(/^([A-Z]{3,4}|\(greeting\))$/);
        expect(context.meaning.length).toBeLessThan(240);
      }
      // The one-line form shown in reports must stay one short line.
      const { line } = describeReply(entry.code);
      expect(line).not.toContain('\n');
      expect(line.length).toBeLessThan(240);
    },
  );

  it('returns undefined for codes it does not know', () => {
    expect(lookupReplyCode(299)).toBeUndefined();
    expect(lookupReplyCode(0)).toBeUndefined();
  });
});

describe('commandVerb', () => {
  it.each([
    { title: 'plain verb', input: 'EPSV', expected: 'EPSV' },
    { title: 'verb with argument', input: 'USER anonymous', expected: 'USER' },
    { title: 'masked password', input: 'PASS ****', expected: 'PASS' },
    { title: 'lower case', input: 'auth tls', expected: 'AUTH' },
    { title: 'greeting', input: null, expected: GREETING },
    { title: 'unknown', input: undefined, expected: undefined },
    { title: 'blank', input: '  ', expected: undefined },
  ])('$title', ({ input, expected }) => {
    expect(commandVerb(input)).toBe(expected);
  });
});

describe('describeReply', () => {
  it.each([
    {
      title: '229 after EPSV',
      input: [229, 'EPSV'],
      expected: /port on the control connection’s own address/,
    },
    { title: '500 to EPSV: server predates RFC 2428', input: [500, 'EPSV'], expected: /predates RFC 2428/ },
    {
      title: '522 after EPRT: family not supported',
      input: [522, 'EPRT |2|::1|5000|'],
      expected: /network protocol/,
    },
    {
      title: '522 on a transfer: data TLS failed',
      input: [522, 'LIST'],
      expected: /replaces the 150.*follows the 150/,
    },
    { title: '530 to USER: TLS may be required', input: [530, 'USER bob'], expected: /requires TLS first/ },
    {
      title: '530 to PASS: wrong credentials',
      input: [530, 'PASS ****'],
      expected: /wrong user name or password/,
    },
    { title: '550 to USER: ProFTPD TLSRequired', input: [550, 'USER bob'], expected: /ProFTPD.*TLSRequired/ },
    { title: '425 to PASV: Pure-FTPd on IPv6', input: [425, 'PASV'], expected: /Pure-FTPd.*IPv6/ },
    {
      title: '425 on a transfer: firewall/NAT',
      input: [425, 'RETR file'],
      expected: /passive port is blocked/,
    },
    {
      title: '534 to USER: IIS SSL policy',
      input: [534, 'USER bob'],
      expected: /IIS: "Policy requires SSL\."/,
    },
    { title: '421 as greeting: limits', input: [421, null], expected: /connection limit/ },
    { title: '220 as greeting', input: [220, null], expected: /ready for login/ },
    { title: '550 to PASV: vsftpd pasv_enable=NO', input: [550, 'PASV'], expected: /pasv_enable=NO/ },
  ] as const)('$title', ({ input, expected }) => {
    const [code, command] = input;
    expect(describeReply(code, command).line).toMatch(expected);
  });

  it('falls back to the general first sentence when no context matches', () => {
    const general = describeReply(530);
    expect(general.title).toBe('Not logged in');
    expect(general.line).toBe('The login was refused, or the command needs a logged-in user.');
    expect(describeReply(530, 'NOOP')).toEqual(general);
  });

  it('reads uncatalogued codes by their digits', () => {
    expect(describeReply(299)).toEqual({
      title: 'Non-standard positive completion reply',
      line: 'No standard defines 299; by its digits it is a positive completion reply; its second digit (9) belongs to no group the standards define.',
    });
    expect(describeReply(433, 'USER x').line).toMatch(
      /transient negative reply about authentication and accounting/,
    );
    expect(describeReply(443).line).toMatch(/transient negative reply about a group RFC 959 left unassigned/);
  });

  it('says when a number cannot be a reply code at all', () => {
    expect(describeReply(10060).title).toBe('Not an FTP reply code');
    expect(describeReply(10060).line).toMatch(/Windows socket errors/);
  });
});

describe('explainCode', () => {
  it('returns the catalog entry with its digits', () => {
    const explained = explainCode(229);
    expect(explained.catalogued).toBe(true);
    expect(explained.title).toBe('Entering Extended Passive Mode');
    expect(explained.digits.first.name).toBe('positive-completion');
    expect(explained.sources.map((source) => source.citation)).toEqual(['RFC 2428 §3', 'RFC 2428 §4']);
  });

  it.each([
    {
      title: 'transient, unassigned group',
      input: 443,
      expected: /transient negative reply .* about a group RFC 959 left unassigned\./,
    },
    {
      title: 'second digit outside the groups',
      input: 299,
      expected: /its second digit, 9, belongs to no defined group\./,
    },
  ])('reads an unknown code by its digits: $title', ({ input, expected }) => {
    const explained = explainCode(input);
    expect(explained.catalogued).toBe(false);
    expect(explained.description).toMatch(expected);
    expect(explained.howToResolve).toHaveLength(1);
    expect(explained.sources.map((source) => source.citation)).toEqual(['RFC 959 §4.2.1']);
  });

  it('throws for numbers that are not reply codes', () => {
    expect(() => explainCode(42)).toThrow(/not an FTP reply code/);
  });
});
