import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEpsvReply } from '../../src/protocol/epsv.js';
import { ProtocolViolationError } from '../../src/protocol/errors.js';
import { propertyRuns } from './propertyRuns.js';

interface Row {
  title: string;
  input: string;
  expected: { port: number } | { violation: 'epsv-syntax' | 'epsv-values' };
}

// RFC 2428 §3.
const rows: Row[] = [
  { title: 'the RFC example', input: 'Entering Extended Passive Mode (|||6446|)', expected: { port: 6446 } },
  {
    title: 'the whole line',
    input: '229 Entering Extended Passive Mode (|||6446|).',
    expected: { port: 6446 },
  },
  {
    title: 'another delimiter',
    input: 'Entering Extended Passive Mode (!!!6446!)',
    expected: { port: 6446 },
  },
  { title: 'tilde, the highest allowed delimiter', input: 'EPSV ok (~~~65535~)', expected: { port: 65535 } },
  { title: 'port 1', input: 'ok (|||1|)', expected: { port: 1 } },
  { title: 'leading zeros', input: 'ok (|||006446|)', expected: { port: 6446 } },
  {
    title: 'other brackets in the text come first',
    input: 'Entering Extended Passive Mode (EPSV) (|||6446|)',
    expected: { port: 6446 },
  },
  { title: 'text only', input: 'Entering Extended Passive Mode', expected: { violation: 'epsv-syntax' } },
  {
    title: 'empty parentheses',
    input: 'Entering Extended Passive Mode ()',
    expected: { violation: 'epsv-syntax' },
  },
  { title: 'no port digits', input: 'ok (||||)', expected: { violation: 'epsv-syntax' } },
  { title: 'mixed delimiters at the end', input: 'ok (|||6446#)', expected: { violation: 'epsv-syntax' } },
  { title: 'mixed delimiters at the start', input: 'ok (|!|6446|)', expected: { violation: 'epsv-syntax' } },
  {
    title: 'protocol and address filled in',
    input: 'ok (|1|127.0.0.1|6446|)',
    expected: { violation: 'epsv-syntax' },
  },
  {
    title: 'a space is not a delimiter (below ASCII 33)',
    input: 'ok (   6446 )',
    expected: { violation: 'epsv-syntax' },
  },
  {
    title: 'a digit cannot be the delimiter',
    input: 'ok (1116446 1)',
    expected: { violation: 'epsv-syntax' },
  },
  { title: 'letters in the port', input: 'ok (|||64a6|)', expected: { violation: 'epsv-syntax' } },
  { title: 'negative port', input: 'ok (|||-6446|)', expected: { violation: 'epsv-syntax' } },
  { title: 'text after the last delimiter', input: 'ok (|||6446|x)', expected: { violation: 'epsv-syntax' } },
  { title: 'no closing parenthesis', input: 'ok (|||6446|', expected: { violation: 'epsv-syntax' } },
  { title: 'port 0', input: 'ok (|||0|)', expected: { violation: 'epsv-values' } },
  { title: 'port 65536', input: 'ok (|||65536|)', expected: { violation: 'epsv-values' } },
  {
    title: 'absurdly long port',
    input: `ok (|||${'9'.repeat(400)}|)`,
    expected: { violation: 'epsv-values' },
  },
];

describe('parseEpsvReply', () => {
  it.each(rows)('$title', ({ input, expected }) => {
    if ('violation' in expected) {
      let caught: unknown;
      try {
        parseEpsvReply(input);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ProtocolViolationError);
      expect(caught).toMatchObject({ violation: expected.violation });
    } else {
      expect(parseEpsvReply(input)).toEqual(expected);
    }
  });
});

describe('parseEpsvReply properties', () => {
  const delimiter = fc
    .integer({ min: 33, max: 126 })
    .map((code) => String.fromCharCode(code))
    .filter((char) => !/[0-9()]/.test(char));

  it('reads back any port with any allowed delimiter', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 65535 }), delimiter, (port, d) => {
        expect(parseEpsvReply(`229 Entering Extended Passive Mode (${d}${d}${d}${port}${d})`)).toEqual({
          port,
        });
      }),
      { numRuns: propertyRuns() },
    );
  });

  it('throws nothing but ProtocolViolationError, and only returns ports 1-65535', () => {
    const char = fc.constantFrom('|', '!', '1', '6', '0', '(', ')', ' ', 'a');
    fc.assert(
      fc.property(fc.string({ unit: char, maxLength: 30 }), (text) => {
        try {
          const { port } = parseEpsvReply(text);
          expect(port).toBeGreaterThanOrEqual(1);
          expect(port).toBeLessThanOrEqual(65535);
        } catch (error) {
          if (!(error instanceof ProtocolViolationError)) throw error;
        }
      }),
      { numRuns: propertyRuns() },
    );
  });
});
