import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CommandLineReader, MAX_COMMAND_LINE_BYTES } from '../../src/fakeServer/commandLineReader.js';

function readAll(chunks: readonly (string | Buffer)[]): unknown[] {
  const reader = new CommandLineReader();
  return chunks.flatMap((chunk) => reader.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
}

describe('CommandLineReader', () => {
  const rows: { title: string; input: (string | Buffer)[]; expected: unknown[] }[] = [
    { title: 'CRLF line', input: ['USER a\r\n'], expected: [{ text: 'USER a' }] },
    { title: 'bare LF line', input: ['NOOP\n'], expected: [{ text: 'NOOP' }] },
    {
      title: 'CRLF split across chunks',
      input: ['PWD\r', '\nSYST\r\n'],
      expected: [{ text: 'PWD' }, { text: 'SYST' }],
    },
    { title: 'incomplete line waits', input: ['LIS'], expected: [] },
    { title: 'empty line', input: ['\r\n'], expected: [{ text: '' }] },
    {
      title: 'invalid UTF-8 is replaced',
      input: [Buffer.from([0x41, 0xff, 0x0a])],
      expected: [{ text: 'A\ufffd' }],
    },
    {
      title: 'overlong line reported once, then reading resumes',
      input: ['x'.repeat(MAX_COMMAND_LINE_BYTES + 1), 'yyy', '\r\nNOOP\r\n'],
      expected: [{ tooLong: true }, { text: 'NOOP' }],
    },
    {
      title: 'overlong line inside one chunk',
      input: [`${'x'.repeat(MAX_COMMAND_LINE_BYTES + 1)}\r\nNOOP\r\n`],
      expected: [{ tooLong: true }, { text: 'NOOP' }],
    },
  ];
  for (const row of rows) it(row.title, () => expect(readAll(row.input)).toEqual(row.expected));

  it('gives the same lines however the bytes are chunked', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[ -~]{0,40}$/), { maxLength: 8 }),
        fc.array(fc.nat(60), { maxLength: 10 }),
        (lines, cuts) => {
          const wire = Buffer.from(lines.map((line) => `${line}\r\n`).join(''));
          const points = [...new Set(cuts.map((cut) => cut % (wire.length + 1)))].sort((a, b) => a - b);
          const chunks: Buffer[] = [];
          let from = 0;
          for (const point of [...points, wire.length]) {
            chunks.push(wire.subarray(from, point));
            from = point;
          }
          expect(readAll(chunks)).toEqual(lines.map((text) => ({ text })));
        },
      ),
    );
  });

  it('hands back bytes after the last line (for a TLS upgrade)', () => {
    const reader = new CommandLineReader();
    expect(reader.push(Buffer.from('AUTH TLS\r\n\u0016\u0003'))).toEqual([{ text: 'AUTH TLS' }]);
    expect([...reader.takeRemainder()]).toEqual([0x16, 0x03]);
    expect(reader.takeRemainder().length).toBe(0);
  });
});
