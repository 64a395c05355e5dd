import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProtocolViolationError } from '../../src/protocol/errors.js';
import { MAX_LINE_LENGTH, MAX_REPLY_LINES } from '../../src/protocol/limits.js';
import { type FramerLimits, parseReplies } from '../../src/protocol/replyFramer.js';
import { ReplyReader } from '../../src/protocol/replyReader.js';
import type { Reply } from '../../src/protocol/types.js';
import { propertyRuns } from './propertyRuns.js';

function feed(reader: ReplyReader, chunks: readonly (Uint8Array | string)[]): Reply[] {
  return chunks.flatMap((chunk) => reader.push(chunk));
}

function bytesOneByOne(text: string | Uint8Array): Uint8Array[] {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return [...bytes].map((byte) => Uint8Array.of(byte));
}

describe('ReplyReader', () => {
  it('frames a banner that arrives one byte at a time', () => {
    const reader = new ReplyReader();
    const replies = feed(reader, bytesOneByOne('220-Wélcome ✓\r\n220 Ready\r\n'));
    expect(replies).toEqual([{ code: 220, lines: ['220-Wélcome ✓', '220 Ready'], text: 'Wélcome ✓\nReady' }]);
    expect(reader.pendingText).toBe('');
  });

  it('shows invalid UTF-8 (a Latin-1 banner) as U+FFFD instead of throwing', () => {
    const latin1 = Buffer.from('220 Caf\xe9 pr\xeat\r\n', 'latin1');
    expect(new ReplyReader().push(latin1)).toEqual([
      { code: 220, lines: ['220 Caf\ufffd pr\ufffdt'], text: 'Caf\ufffd pr\ufffdt' },
    ]);
  });

  it('keeps a leading byte-order mark visible instead of silently dropping it', () => {
    expect(() => new ReplyReader().push(Buffer.from('\ufeff220 x\r\n', 'utf8'))).toThrow(
      expect.objectContaining({ violation: 'reply-syntax', offendingText: '\ufeff220 x' }),
    );
  });

  it('keeps the unfinished reply as pending text', () => {
    const reader = new ReplyReader();
    expect(reader.push('211-Features:\r\n EPSV\r\n211')).toEqual([]);
    expect(reader.pendingText).toBe('211-Features:\r\n EPSV\r\n211');
    expect(reader.push(' End\r\n')).toHaveLength(1);
    expect(reader.pendingText).toBe('');
  });

  it('cuts off an unfinished line at the limit even without a newline', () => {
    const reader = new ReplyReader();
    reader.push('220 ');
    expect(() => {
      for (let i = 0; i < MAX_LINE_LENGTH; i++) reader.push('a');
    }).toThrow(expect.objectContaining({ violation: 'line-too-long' }));
  });

  it('rethrows the first violation on every later push', () => {
    const reader = new ReplyReader();
    expect(() => reader.push('SSH-2.0-x\r\n')).toThrow(ProtocolViolationError);
    expect(() => reader.push('220 ok\r\n')).toThrow(expect.objectContaining({ violation: 'reply-syntax' }));
  });

  it('refuses a multi-line reply that never ends, line by line', () => {
    const reader = new ReplyReader();
    reader.push('211-x\r\n');
    expect(() => {
      for (let i = 0; i < MAX_REPLY_LINES; i++) reader.push(' line\r\n');
    }).toThrow(expect.objectContaining({ violation: 'reply-too-long' }));
  });

  it('stays fast when a long multi-line reply trickles in one byte at a time', () => {
    const lines = Array.from({ length: 1500 }, (_, i) => ` feature line number ${i}\r\n`).join('');
    const wire = `211-Features\r\n${lines}211 End\r\n`;
    const reader = new ReplyReader();
    const started = performance.now();
    let replies: Reply[] = [];
    for (let i = 0; i < wire.length; i++) replies = replies.concat(reader.push(wire[i]!));
    expect(replies).toHaveLength(1);
    expect(replies[0]!.lines).toHaveLength(1502);
    // Not a benchmark, a guard against quadratic blow-ups that would take many seconds.
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('ReplyReader properties', () => {
  const limits: FramerLimits = { maxLineLength: 12, maxReplyLines: 4, maxReplyBytes: 40 };
  const wireChar = fc.constantFrom('2', '0', '1', ' ', '-', '\r', '\n', 'é', '✓', '\u0000', 'a');

  it('agrees with parseReplies on the decoded text, whatever the byte chunking', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: wireChar, maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (text, cuts) => {
          const bytes = Buffer.from(text, 'utf8');
          const positions = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
          const chunks: Uint8Array[] = [];
          let from = 0;
          for (const at of positions) {
            chunks.push(bytes.subarray(from, at));
            from = at;
          }
          chunks.push(bytes.subarray(from));

          let expected: Reply[] | 'violation';
          try {
            expected = parseReplies(text, limits).replies;
          } catch (error) {
            if (!(error instanceof ProtocolViolationError)) throw error;
            expected = 'violation';
          }
          const reader = new ReplyReader(limits);
          let actual: Reply[] | 'violation';
          try {
            actual = feed(reader, chunks);
          } catch (error) {
            if (!(error instanceof ProtocolViolationError)) throw error;
            actual = 'violation';
          }
          expect(actual).toEqual(expected);
        },
      ),
      { numRuns: propertyRuns() },
    );
  });
});
