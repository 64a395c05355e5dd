import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NetrcSyntaxError, parseNetrc } from '../../src/cli/netrc.js';
import { parseFeatureLines } from '../../src/probe/steps/featuresStep.js';
import { InvalidTargetError, parseTarget } from '../../src/probe/target.js';
import type { Reply } from '../../src/protocol/types.js';

// Every parser that reads text from a user or a server, fed arbitrary input, either
// returns something well-formed or throws its own error type, never anything else. The reply
// framer, PASV and EPSV parsers have theirs next to them (test/protocol/replyFramer.test.ts,
// pasv.test.ts, epsv.test.ts); the netrc reader's token-soup property is in test/cli/netrc.test.ts
// and is complemented here with Unicode input at the CI run count.

const numRuns = process.env.CI ? 10_000 : 1_000;

/** Characters that matter to each parser, mixed with arbitrary Unicode. */
function textFrom(alphabet: readonly string[], maxLength = 60): fc.Arbitrary<string> {
  return fc.string({
    unit: fc.oneof(fc.constantFrom(...alphabet), fc.string({ unit: 'grapheme', maxLength: 1 })),
    maxLength,
  });
}

function onlyThrows(errorType: new (...args: never[]) => Error, body: () => void): void {
  try {
    body();
  } catch (error) {
    if (!(error instanceof errorType)) throw error;
  }
}

describe('parseTarget', () => {
  const targetAlphabet = [
    'ftp://',
    'ftps://',
    'ftpes://',
    'sftp://',
    '://',
    ':',
    '[',
    ']',
    '@',
    '/',
    '%',
    '%2',
    '%zz',
    '.',
    '-',
    '_',
    '::1',
    '127.0.0.1',
    '2001:db8::1',
    'host',
    'example.com',
    '21',
    '990',
    '65535',
    '65536',
    '0',
    'user',
    'pass',
    ' ',
    '\t',
    '\n',
    '\u0000',
    '#',
    '?',
    '\\',
    '"',
  ];

  it('returns a sane target or throws InvalidTargetError, for any text', () => {
    fc.assert(
      fc.property(textFrom(targetAlphabet), (text) => {
        onlyThrows(InvalidTargetError, () => {
          const target = parseTarget(text);
          expect(target.host).not.toBe('');
          expect(Number.isInteger(target.port) && target.port >= 1 && target.port <= 65535).toBe(true);
          expect(['ftp', 'ftps', 'ftpes']).toContain(target.scheme);
          if (target.urlPassword !== null && target.urlPassword.length > 0) {
            expect(target.input).not.toContain(`:${target.urlPassword}@`);
          }
          for (const field of [target.host, target.user ?? '', target.path ?? '']) {
            expect(field).not.toMatch(/[\r\n\u0000]/);
          }
        });
      }),
      { numRuns },
    );
  });

  it('reads back generated host:port and URL targets', () => {
    // Labels with '--' in places 3 and 4 are reserved for IDNA (xn--…): the URL parser rejects
    // invalid punycode there, rightly, so they are not "valid host names" to read back.
    const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/).filter((l) => l.slice(2, 4) !== '--');
    const host = fc.oneof(
      fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.')),
      fc.ipV4(),
    );
    const port = fc.integer({ min: 1, max: 65535 });
    const scheme = fc.constantFrom('ftp', 'ftps', 'ftpes') as fc.Arbitrary<'ftp' | 'ftps' | 'ftpes'>;
    fc.assert(
      fc.property(host, port, scheme, fc.boolean(), (h, p, s, asUrl) => {
        const target = parseTarget(asUrl ? `${s}://${h}:${p}/` : `${h}:${p}`);
        expect(target.host).toBe(h);
        expect(target.port).toBe(p);
        expect(target.scheme).toBe(asUrl ? s : 'ftp');
      }),
      { numRuns },
    );
  });

  it('never shows a URL password, even one holding @ or :, in the input it reports', () => {
    const secret = fc.stringMatching(/^[A-Za-z][A-Za-z0-9!$&'()*+,;=._~@:-]{3,20}$/);
    fc.assert(
      fc.property(secret, (password) => {
        const target = parseTarget(`ftp://alice:${password}@ftp.example.com/dir`);
        expect(target.urlPassword).toBe(password);
        expect(target.input).toBe('ftp://alice:****@ftp.example.com/dir');
      }),
      { numRuns },
    );
  });

  it('never echoes a password that makes the URL invalid (one holding / # or ?)', () => {
    const secret = fc.stringMatching(/^[A-Za-z][A-Za-z0-9@:/#?._-]{3,20}$/).filter((p) => /[/#?]/.test(p));
    fc.assert(
      fc.property(secret, (password) => {
        try {
          expect(parseTarget(`ftp://alice:${password}@ftp.example.com/`).input).not.toContain(password);
        } catch (error) {
          if (!(error instanceof InvalidTargetError)) throw error;
          expect(error.message).not.toContain(password);
        }
      }),
      { numRuns },
    );
  });
});

describe('parseNetrc', () => {
  const netrcAlphabet = [
    'machine',
    'default',
    'login',
    'password',
    'account',
    'macdef',
    ' ',
    '\n',
    '\n\n',
    '\r\n',
    '\t',
    '"',
    '\\',
    '#',
    'host',
    'alice',
    's3cret',
  ];

  it('returns entries or throws NetrcSyntaxError, for any Unicode text', () => {
    fc.assert(
      fc.property(textFrom(netrcAlphabet, 120), (text) => {
        onlyThrows(NetrcSyntaxError, () => {
          for (const entry of parseNetrc(text)) {
            for (const value of [entry.machine, entry.login, entry.password, entry.account]) {
              expect(value === null || typeof value === 'string').toBe(true);
            }
          }
        });
      }),
      { numRuns },
    );
  });
});

describe('parseFeatureLines', () => {
  const featureAlphabet = [
    '211',
    '211-',
    '211 ',
    ' ',
    'EPSV',
    'mlst',
    'AUTH TLS',
    'size*;',
    '\t',
    'End',
    '-',
    '500',
  ];

  it('never throws, and yields trimmed, non-empty lines with an upper-case keyword', () => {
    const reply = fc
      .record({
        code: fc.oneof(fc.constant(211), fc.integer({ min: 100, max: 599 })),
        lines: fc.array(textFrom(featureAlphabet, 30), { maxLength: 12 }),
      })
      .map(({ code, lines }): Reply => ({ code, lines, text: lines.join('\n') }));
    fc.assert(
      fc.property(reply, (r) => {
        const features = parseFeatureLines(r);
        if (r.code !== 211) expect(features).toEqual([]);
        for (const feature of features) {
          expect(feature).toBe(feature.trim());
          expect(feature).not.toBe('');
          expect(feature).not.toMatch(/^211[ -]/);
          const keyword = feature.split(' ')[0]!;
          expect(keyword).toBe(keyword.toUpperCase());
        }
      }),
      { numRuns },
    );
  });

  it('reads back the features of a generated FEAT reply (RFC 2389 §3.2)', () => {
    const keyword = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,7}$/);
    const parameters = fc.option(fc.stringMatching(/^[a-z0-9*;=.]{1,12}$/), { nil: undefined });
    const feature = fc.record({ keyword, parameters });
    fc.assert(
      fc.property(fc.array(feature, { minLength: 1, maxLength: 10 }), (features) => {
        const inner = features.map(
          (f) => ` ${f.keyword}${f.parameters === undefined ? '' : ` ${f.parameters}`}`,
        );
        const lines = ['211-Features:', ...inner, '211 End'];
        const parsed = parseFeatureLines({ code: 211, lines, text: lines.join('\n') });
        expect(parsed).toEqual(
          features.map(
            (f) => `${f.keyword.toUpperCase()}${f.parameters === undefined ? '' : ` ${f.parameters}`}`,
          ),
        );
      }),
      { numRuns },
    );
  });
});
