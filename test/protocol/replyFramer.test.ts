import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProtocolViolationError } from '../../src/protocol/errors.js';
import {
  MAX_KEPT_LINE_LENGTH,
  MAX_KEPT_REPLY_LINES,
  MAX_LINE_LENGTH,
  MAX_REPLY_BYTES,
  MAX_REPLY_LINES,
} from '../../src/protocol/limits.js';
import { type FramerLimits, parseReplies } from '../../src/protocol/replyFramer.js';
import type { Reply } from '../../src/protocol/types.js';
import { propertyRuns } from './propertyRuns.js';

interface Row {
  title: string;
  input: string;
  expected: { replies: Reply[]; rest: string } | { violation: string };
}

const reply = (code: number, lines: string[], text: string): Reply => ({ code, lines, text });

// RFC 959 §4.2 and the examples in the project's reply-structure notes.
const rows: Row[] = [
  { title: 'nothing yet', input: '', expected: { replies: [], rest: '' } },
  {
    title: 'single line with CRLF',
    input: '220 Ready\r\n',
    expected: { replies: [reply(220, ['220 Ready'], 'Ready')], rest: '' },
  },
  {
    title: 'bare LF is accepted',
    input: '220 Ready\n',
    expected: { replies: [reply(220, ['220 Ready'], 'Ready')], rest: '' },
  },
  {
    title: 'empty text after the space',
    input: '200 \r\n',
    expected: { replies: [reply(200, ['200 '], '')], rest: '' },
  },
  {
    title: 'bare code without a space',
    input: '226\r\n',
    expected: { replies: [reply(226, ['226'], '')], rest: '' },
  },
  {
    title: 'unfinished line stays in rest',
    input: '220 Rea',
    expected: { replies: [], rest: '220 Rea' },
  },
  {
    title: 'split between CR and LF',
    input: '220 Ready\r',
    expected: { replies: [], rest: '220 Ready\r' },
  },
  {
    title: 'a CR inside a line stays in the text',
    input: '220 a\rb\r\n',
    expected: { replies: [reply(220, ['220 a\rb'], 'a\rb')], rest: '' },
  },
  {
    title: 'two replies in one chunk and a partial third',
    input: '331 Password required\r\n230 Logged in\r\n22',
    expected: {
      replies: [
        reply(331, ['331 Password required'], 'Password required'),
        reply(230, ['230 Logged in'], 'Logged in'),
      ],
      rest: '22',
    },
  },
  {
    title: 'multi-line with inner lines starting with digits (RFC 959 §4.2)',
    input:
      '123-First line\r\nSecond line\r\n  234 A line beginning with numbers\r\n234 other code\r\n123-same code\r\n123 The last line\r\n',
    expected: {
      replies: [
        reply(
          123,
          [
            '123-First line',
            'Second line',
            '  234 A line beginning with numbers',
            '234 other code',
            '123-same code',
            '123 The last line',
          ],
          'First line\nSecond line\n  234 A line beginning with numbers\n234 other code\n123-same code\nThe last line',
        ),
      ],
      rest: '',
    },
  },
  {
    title: 'unfinished multi-line reply stays in rest',
    input: '211-Features:\r\n EPSV\r\n MDTM\r\n',
    expected: { replies: [], rest: '211-Features:\r\n EPSV\r\n MDTM\r\n' },
  },
  {
    title: 'multi-line ending with a bare code',
    input: '211-Features:\r\n UTF8\r\n211\r\n',
    expected: { replies: [reply(211, ['211-Features:', ' UTF8', '211'], 'Features:\n UTF8\n')], rest: '' },
  },
  {
    title: 'multi-line with empty inner lines',
    input: '220-\r\n\r\n220 \r\n',
    expected: { replies: [reply(220, ['220-', '', '220 '], '\n\n')], rest: '' },
  },
  {
    title: "Pure-FTPd banner: every line but the last prefixed with '220-'",
    input:
      '220---------- Welcome to Pure-FTPd [privsep] [TLS] ----------\r\n' +
      '220-You are user number 1 of 50 allowed.\r\n' +
      '220-Local time is now 10:00. Server port: 21.\r\n' +
      '220 You will be disconnected after 15 minutes of inactivity.\r\n',
    expected: {
      replies: [
        reply(
          220,
          [
            '220---------- Welcome to Pure-FTPd [privsep] [TLS] ----------',
            '220-You are user number 1 of 50 allowed.',
            '220-Local time is now 10:00. Server port: 21.',
            '220 You will be disconnected after 15 minutes of inactivity.',
          ],
          '--------- Welcome to Pure-FTPd [privsep] [TLS] ----------\n' +
            '220-You are user number 1 of 50 allowed.\n' +
            '220-Local time is now 10:00. Server port: 21.\n' +
            'You will be disconnected after 15 minutes of inactivity.',
        ),
      ],
      rest: '',
    },
  },
  {
    title: 'ProFTPD FEAT: inner lines indented by one space',
    input: '211-Features:\r\n AUTH TLS\r\n EPSV\r\n MLST modify*;perm*;size*;type*;\r\n211 End\r\n',
    expected: {
      replies: [
        reply(
          211,
          ['211-Features:', ' AUTH TLS', ' EPSV', ' MLST modify*;perm*;size*;type*;', '211 End'],
          'Features:\n AUTH TLS\n EPSV\n MLST modify*;perm*;size*;type*;\nEnd',
        ),
      ],
      rest: '',
    },
  },
  {
    title: 'a 120 before the greeting',
    input: '120 Ready in 2 minutes\r\n220 Ready\r\n',
    expected: {
      replies: [
        reply(120, ['120 Ready in 2 minutes'], 'Ready in 2 minutes'),
        reply(220, ['220 Ready'], 'Ready'),
      ],
      rest: '',
    },
  },
  {
    title: 'NUL bytes are kept for the renderer to sanitize',
    input: '220 a\u0000b\r\n',
    expected: { replies: [reply(220, ['220 a\u0000b'], 'a\u0000b')], rest: '' },
  },
  { title: 'letter inside the code', input: '2x0 hi\r\n', expected: { violation: 'reply-syntax' } },
  { title: 'two digits only', input: '22 hi\r\n', expected: { violation: 'reply-syntax' } },
  { title: 'four digits', input: '2200 hi\r\n', expected: { violation: 'reply-syntax' } },
  { title: 'empty line', input: '\r\n', expected: { violation: 'reply-syntax' } },
  { title: 'empty line after a reply', input: '220 Ready\r\n\r\n', expected: { violation: 'reply-syntax' } },
  { title: 'text without a code', input: 'hello\r\n', expected: { violation: 'reply-syntax' } },
  { title: 'first digit 7 is no reply class', input: '700 hi\r\n', expected: { violation: 'reply-syntax' } },
  { title: 'first digit 0 is no reply class', input: '099 hi\r\n', expected: { violation: 'reply-syntax' } },
  { title: 'SSH banner', input: 'SSH-2.0-OpenSSH_9.2p1\r\n', expected: { violation: 'reply-syntax' } },
  {
    title: 'an unfinished line that can no longer be a reply start',
    input: 'HTTP/1.1 400',
    expected: { violation: 'reply-syntax' },
  },
  {
    title: 'an unfinished line with a bad fourth character',
    input: '220x',
    expected: { violation: 'reply-syntax' },
  },
  { title: 'a CR in place of the separator', input: '220\rx\r\n', expected: { violation: 'reply-syntax' } },
  {
    title: 'a finished line longer than the limit',
    input: `220 ${'a'.repeat(MAX_LINE_LENGTH)}\r\n`,
    expected: { violation: 'line-too-long' },
  },
  {
    title: 'an unfinished line longer than the limit',
    input: `220 ${'a'.repeat(MAX_LINE_LENGTH)}`,
    expected: { violation: 'line-too-long' },
  },
  {
    title: 'a line exactly at the kept length is kept whole',
    input: `220 ${'a'.repeat(MAX_KEPT_LINE_LENGTH - 4)}\r\n`,
    expected: {
      replies: [
        reply(220, [`220 ${'a'.repeat(MAX_KEPT_LINE_LENGTH - 4)}`], 'a'.repeat(MAX_KEPT_LINE_LENGTH - 4)),
      ],
      rest: '',
    },
  },
  {
    // curl and lftp read a 9,000-character greeting without trouble: it is cut, not refused.
    title: 'a line longer than the kept length is cut, and the cut recorded with the real sizes',
    input: `220 ${'a'.repeat(MAX_KEPT_LINE_LENGTH)}\r\n`,
    expected: {
      replies: [
        {
          ...reply(
            220,
            [`220 ${'a'.repeat(MAX_KEPT_LINE_LENGTH - 4)}`],
            'a'.repeat(MAX_KEPT_LINE_LENGTH - 4),
          ),
          cut: { longestLine: MAX_KEPT_LINE_LENGTH + 4, lines: 1, chars: MAX_KEPT_LINE_LENGTH + 6 },
        },
      ],
      rest: '',
    },
  },
  {
    title: 'lines past the kept count are dropped; the last line is always kept',
    input: `211-x\r\n${' y\r\n'.repeat(MAX_KEPT_REPLY_LINES + 10)}211 End\r\n`,
    expected: {
      replies: [
        {
          ...reply(
            211,
            ['211-x', ...Array.from({ length: MAX_KEPT_REPLY_LINES - 2 }, () => ' y'), '211 End'],
            ['x', ...Array.from({ length: MAX_KEPT_REPLY_LINES - 2 }, () => ' y'), 'End'].join('\n'),
          ),
          cut: {
            longestLine: 7,
            lines: MAX_KEPT_REPLY_LINES + 12,
            chars: 7 + 4 * (MAX_KEPT_REPLY_LINES + 10) + 9,
          },
        },
      ],
      rest: '',
    },
  },
  {
    title: 'an unfinished multi-line reply with too many lines',
    input: `211-x\r\n${' y\r\n'.repeat(MAX_REPLY_LINES)}`,
    expected: { violation: 'reply-too-long' },
  },
  {
    title: 'an unfinished multi-line reply with too many characters',
    input: `211-x\r\n${`${'z'.repeat(1000)}\r\n`.repeat(Math.ceil(MAX_REPLY_BYTES / 1000))}`,
    expected: { violation: 'reply-too-long' },
  },
];

describe('parseReplies (RFC 959 §4.2)', () => {
  it.each(rows)('$title', ({ input, expected }) => {
    if ('violation' in expected) {
      expect(() => parseReplies(input)).toThrow(ProtocolViolationError);
      expect(violationOf(() => parseReplies(input))).toBe(expected.violation);
    } else {
      expect(parseReplies(input)).toEqual(expected);
    }
  });

  it('puts the offending text, truncated, into the error', () => {
    const error = catchError(() => parseReplies(`SSH-2.0-${'x'.repeat(500)}\r\n`));
    expect(error).toBeInstanceOf(ProtocolViolationError);
    expect((error as ProtocolViolationError).offendingText?.startsWith('SSH-2.0-x')).toBe(true);
    expect((error as ProtocolViolationError).offendingText!.length).toBeLessThanOrEqual(201);
  });
});

/** Small limits, so random input reaches every limit quickly. */
const tinyLimits: FramerLimits = { maxLineLength: 12, maxReplyLines: 4, maxReplyBytes: 40 };

/** frameInChunks feeds the pieces one after the other, as a socket would, prepending each rest. */
function frameInChunks(pieces: readonly string[], limits?: FramerLimits): { replies: Reply[]; rest: string } {
  const replies: Reply[] = [];
  let rest = '';
  for (const piece of pieces) {
    const parsed = parseReplies(rest + piece, limits);
    replies.push(...parsed.replies);
    rest = parsed.rest;
  }
  return { replies, rest };
}

/** splitAt cuts text at the given (sorted, deduplicated) positions. */
function splitAt(text: string, cuts: readonly number[]): string[] {
  const positions = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const at of positions) {
    pieces.push(text.slice(from, at));
    from = at;
  }
  pieces.push(text.slice(from));
  return pieces;
}

type Outcome = { ok: { replies: Reply[]; rest: string } } | { violation: true };

function outcome(run: () => { replies: Reply[]; rest: string }): Outcome {
  try {
    return { ok: run() };
  } catch (error) {
    if (error instanceof ProtocolViolationError) return { violation: true };
    throw error;
  }
}

const codeArb = fc.integer({ min: 100, max: 699 });
const innerChar = fc.constantFrom('1', '2', '3', '0', ' ', '-', 'a', 'Z', '\r', '\u0000', 'é');
const textArb = fc.string({ unit: innerChar, maxLength: 12 }).filter((text) => !text.endsWith('\r'));

/** A well-formed reply, as lines; inner lines avoid `NNN ` and bare `NNN` of its own code. */
const replyArb = fc
  .record({
    code: codeArb,
    first: textArb,
    inner: fc.array(textArb, { maxLength: 4 }),
    last: textArb,
    multi: fc.boolean(),
  })
  .map(({ code, first, inner, last, multi }) => {
    const safeInner = inner.map((line) => (line.startsWith(String(code)) ? ` ${line}` : line));
    const lines = multi ? [`${code}-${first}`, ...safeInner, `${code} ${last}`] : [`${code} ${last}`];
    const text = multi ? [first, ...safeInner, last].join('\n') : last;
    return { code, lines, text } satisfies Reply;
  });

/** Random wire text built from reply-shaped pieces, so that limits and edge cases are hit often. */
const wireArb = fc
  .array(
    fc.constantFrom(
      '220 ',
      '220-',
      '211-',
      '211 ',
      '211',
      '2x0',
      '2',
      '0',
      '7',
      ' ',
      '-',
      'a',
      'abcdefg',
      '\r',
      '\n',
      '\r\n',
      '\u0000',
    ),
    { maxLength: 30 },
  )
  .map((pieces) => pieces.join(''));

/** Arbitrary UTF-16 text, lone surrogates included (fast-check's 'binary' unit is slow to generate). */
const anyTextArb = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 200 })
  .map((codes) => String.fromCharCode(...codes));

const streamArb = fc.record({
  replies: fc.array(replyArb, { maxLength: 5 }),
  crlf: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
  cuts: fc.array(fc.nat(), { maxLength: 12 }),
});

function serialize(replies: readonly Reply[], crlf: readonly boolean[]): string {
  let index = 0;
  return replies
    .flatMap((item) => item.lines)
    .map((line) => `${line}${crlf[index++ % crlf.length] ? '\r\n' : '\n'}`)
    .join('');
}

describe('parseReplies properties', () => {
  it('frames generated replies back exactly, however the bytes are chunked', () => {
    fc.assert(
      fc.property(streamArb, ({ replies, crlf, cuts }) => {
        const wire = serialize(replies, crlf);
        expect(parseReplies(wire)).toEqual({ replies, rest: '' });
        expect(frameInChunks(splitAt(wire, cuts))).toEqual({ replies, rest: '' });
      }),
      { numRuns: propertyRuns() },
    );
  });

  it('gives the same outcome for random text however it is chunked, and throws only ProtocolViolationError', () => {
    fc.assert(
      fc.property(wireArb, fc.array(fc.nat(), { maxLength: 10 }), (wire, cuts) => {
        const whole = outcome(() => parseReplies(wire, tinyLimits));
        const chunked = outcome(() => frameInChunks(splitAt(wire, cuts), tinyLimits));
        expect(chunked).toEqual(whole);
      }),
      { numRuns: propertyRuns() },
    );
  });

  it('never throws anything but ProtocolViolationError on arbitrary strings', () => {
    fc.assert(
      fc.property(anyTextArb, (wire) => {
        outcome(() => parseReplies(wire));
        outcome(() => parseReplies(wire, tinyLimits));
      }),
      { numRuns: propertyRuns() },
    );
  });

  it('keeps rest as a suffix of the input that starts an unfinished reply', () => {
    fc.assert(
      fc.property(streamArb, fc.nat(), ({ replies, crlf }, cut) => {
        const wire = serialize(replies, crlf);
        const prefix = wire.slice(0, cut % (wire.length + 1));
        const { rest } = parseReplies(prefix);
        expect(prefix.endsWith(rest)).toBe(true);
      }),
      { numRuns: propertyRuns() },
    );
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

function violationOf(run: () => unknown): string | undefined {
  const error = catchError(run);
  return error instanceof ProtocolViolationError ? error.violation : undefined;
}
