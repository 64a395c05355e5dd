import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  escapePrometheusLabel,
  sanitizeForTerminal,
  sanitizeForXml,
  sanitizeNagios,
} from '../../src/report/text/sanitize.js';
import { isWellFormed } from './fixtures.js';

/** Raw characters that must never reach a terminal: C0 (LF handled apart), DEL, C1, bidi controls. */
const FORBIDDEN = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/u;

/** Strings rich in the characters that matter here, mixed with ordinary text. */
const nastyString = fc
  .array(
    fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.constantFrom(
        '\u001b[2J',
        '\u001b]0;title\u0007',
        '\u009b31m',
        '\u202e',
        '\u2066',
        '\u200b',
        '\u0000',
        '\b',
        '\r\n',
        '\r',
        '\n',
        '\ufffd',
        '\ud800',
        '\u2028',
        '|',
        '"',
        '\\',
        '&<>',
      ),
    ),
    { maxLength: 20 },
  )
  .map((parts) => parts.join(''));

describe('sanitizeForTerminal', () => {
  const table: { title: string; input: string; expected: string }[] = [
    { title: 'plain text stays', input: '220 (vsFTPd 3.0.3)', expected: '220 (vsFTPd 3.0.3)' },
    { title: 'ESC sequences become visible', input: '\u001b[2Jhi', expected: '\\x1b[2Jhi' },
    { title: 'OSC title with BEL', input: '\u001b]0;x\u0007', expected: '\\x1b]0;x\\x07' },
    { title: 'NUL and backspace', input: 'a\u0000b\bc', expected: 'a\\x00b\\x08c' },
    { title: 'C1 CSI and NEL', input: '\u009b31m\u0085', expected: '\\x9b31m\\x85' },
    { title: 'DEL', input: 'x\u007fy', expected: 'x\\x7fy' },
    { title: 'bidi override', input: 'invoice\u202eexe.pdf', expected: 'invoice\\u202eexe.pdf' },
    {
      title: 'bidi isolates and marks',
      input: '\u2066a\u2069\u200e\u061c',
      expected: '\\u2066a\\u2069\\u200e\\u061c',
    },
    { title: 'zero-width characters', input: 'a\u200bb\u200dc\ufeff', expected: 'a\\u200bb\\u200dc\\ufeff' },
    { title: 'line separator', input: 'a\u2028b', expected: 'a\\u2028b' },
    { title: 'Hangul filler', input: 'a\u3164b', expected: 'a\\u3164b' },
    { title: 'lone surrogate', input: 'a\ud800b', expected: 'a\\ud800b' },
    { title: 'U+FFFD is kept', input: 'bad \ufffd bytes', expected: 'bad \ufffd bytes' },
    { title: 'non-ASCII letters are kept', input: 'Grüße ÷ 日本 😀', expected: 'Grüße ÷ 日本 😀' },
    { title: 'LF shown when single-line', input: 'a\nb', expected: 'a\\nb' },
    { title: 'tab and CR shown', input: 'a\tb\rc', expected: 'a\\tb\\rc' },
  ];
  it.each(table)('$title', ({ input, expected }) => {
    expect(sanitizeForTerminal(input)).toBe(expected);
  });

  it('keeps LF with multiline, turning CR LF into LF but escaping a lone CR', () => {
    expect(sanitizeForTerminal('a\r\nb\nc\rd', { multiline: true })).toBe('a\nb\nc\\rd');
  });

  it('caps the length and says how much was cut', () => {
    expect(sanitizeForTerminal('abcdefghij', { maxChars: 4 })).toBe('abcd…(6 more chars)');
    expect(sanitizeForTerminal('😀😀😀', { maxChars: 2 })).toBe('😀😀…(1 more chars)');
    expect(sanitizeForTerminal('abcd', { maxChars: 4 })).toBe('abcd');
  });

  it('never lets a control, bidi or invisible character through (property)', () => {
    fc.assert(
      fc.property(nastyString, fc.boolean(), (text, multiline) => {
        const out = sanitizeForTerminal(text, { multiline });
        expect(out).not.toMatch(FORBIDDEN);
        expect(out).not.toMatch(INVISIBLE);
        if (!multiline) expect(out).not.toContain('\n');
        expect(isWellFormed(out)).toBe(true);
      }),
    );
  });

  it('loses nothing visible: plain printable text passes unchanged (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) }),
        (text) => {
          expect(sanitizeForTerminal(text, { maxChars: 10_000 })).toBe(text);
        },
      ),
    );
  });
});

describe('sanitizeForXml', () => {
  const table: { title: string; input: string; expected: string }[] = [
    {
      title: 'escapes markup',
      input: `<a href="x">&'</a>`,
      expected: '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;',
    },
    { title: 'drops characters XML 1.0 forbids', input: 'a\u0000b\u001bc\ufffed\ud800e', expected: 'abcde' },
    { title: 'keeps TAB, LF, CR in text', input: 'a\tb\nc\rd', expected: 'a\tb\nc\rd' },
    { title: 'keeps astral characters', input: '😀', expected: '😀' },
  ];
  it.each(table)('$title', ({ input, expected }) => {
    expect(sanitizeForXml(input)).toBe(expected);
  });

  it('writes TAB, LF and CR as references inside attributes', () => {
    expect(sanitizeForXml('a\tb\nc\rd', { attribute: true })).toBe('a&#9;b&#10;c&#13;d');
  });

  it('only ever emits XML 1.0 characters and no raw markup (property)', () => {
    fc.assert(
      fc.property(nastyString, (text) => {
        const out = sanitizeForXml(text, { attribute: true });
        expect(out).not.toMatch(/[\u0000-\u001f\ufffe\uffff<>"']/u);
        expect(isWellFormed(out)).toBe(true);
        expect(out.replace(/&(amp|lt|gt|quot|apos|#9|#10|#13);/g, '')).not.toContain('&');
      }),
    );
  });
});

describe('escapePrometheusLabel', () => {
  const table: { title: string; input: string; expected: string }[] = [
    { title: 'plain', input: 'ftp.example.com:21', expected: 'ftp.example.com:21' },
    { title: 'backslash', input: 'C:\\ftp', expected: 'C:\\\\ftp' },
    { title: 'quote', input: 'say "hi"', expected: 'say \\"hi\\"' },
    { title: 'newline', input: 'a\nb', expected: 'a\\nb' },
    { title: 'lone surrogate', input: 'a\udc00', expected: 'a\ufffd' },
  ];
  it.each(table)('$title', ({ input, expected }) => {
    expect(escapePrometheusLabel(input)).toBe(expected);
  });

  it('round-trips through the exposition-format unescaping (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const escaped = escapePrometheusLabel(text);
        expect(escaped).not.toContain('\n');
        const unescaped = escaped.replace(/\\(["\\n])/g, (_m, c: string) => (c === 'n' ? '\n' : c));
        expect(unescaped).toBe(text);
      }),
    );
  });
});

describe('sanitizeNagios', () => {
  it('keeps the status line one line without a pipe', () => {
    expect(sanitizeNagios('229 (|||40012|)\r\nnext\u001b[0m')).toBe('229 (¦¦¦40012¦) next\\x1b[0m');
  });

  it('never emits a pipe, and no line break unless multiline (property)', () => {
    fc.assert(
      fc.property(nastyString, fc.boolean(), (text, multiline) => {
        const out = sanitizeNagios(text, { multiline });
        expect(out).not.toContain('|');
        expect(out).not.toMatch(FORBIDDEN);
        if (!multiline) expect(out).not.toContain('\n');
      }),
    );
  });
});
