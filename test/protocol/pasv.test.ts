import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProtocolViolationError } from '../../src/protocol/errors.js';
import { parsePasvReply } from '../../src/protocol/pasv.js';
import { propertyRuns } from './propertyRuns.js';

interface Row {
  title: string;
  input: string;
  expected: { host: string; port: number } | { violation: 'pasv-syntax' | 'pasv-values' };
}

// RFC 959 §4.1.2 / §4.2.2, RFC 1123 §4.1.2.6, and variants real servers send.
const rows: Row[] = [
  {
    title: 'vsftpd/ProFTPD: parentheses and a trailing period',
    input: 'Entering Passive Mode (127,0,0,1,4,51).',
    expected: { host: '127.0.0.1', port: 1075 },
  },
  {
    title: 'FileZilla Server: no trailing period',
    input: 'Entering Passive Mode (192,168,1,10,195,80)',
    expected: { host: '192.168.1.10', port: 50000 },
  },
  {
    title: 'the whole line, code included',
    input: '227 Entering Passive Mode (10,0,0,5,19,137).',
    expected: { host: '10.0.0.5', port: 5001 },
  },
  {
    title: 'no parentheses, after a sentence (curl lists it)',
    input: 'Entering passive mode. 127,0,0,1,4,51',
    expected: { host: '127.0.0.1', port: 1075 },
  },
  {
    title: 'no parentheses, other wording (curl lists it)',
    input: 'Data transfer will passively listen to 127,0,0,1,4,51',
    expected: { host: '127.0.0.1', port: 1075 },
  },
  {
    title: 'FTPdLite: equals sign prefix',
    input: 'Entering passive mode =192,168,10,57,192,0',
    expected: { host: '192.168.10.57', port: 49152 },
  },
  {
    title: 'dots in the address part (noted by FFFTP)',
    input: 'Entering Passive Mode (192.168.1.10,195,80)',
    expected: { host: '192.168.1.10', port: 50000 },
  },
  {
    title: 'spaces after the commas',
    input: 'Entering Passive Mode (127, 0, 0, 1, 4, 51)',
    expected: { host: '127.0.0.1', port: 1075 },
  },
  {
    title: 'leading zeros are read as decimal',
    input: 'Entering Passive Mode (127,000,000,001,004,051)',
    expected: { host: '127.0.0.1', port: 1075 },
  },
  {
    title: 'the unspecified address parses (classifying it is a separate step)',
    input: 'Entering Passive Mode (0,0,0,0,156,64)',
    expected: { host: '0.0.0.0', port: 40000 },
  },
  {
    title: 'version numbers before the group are skipped',
    input: 'Server 2.0.1 entering Passive Mode (10,1,2,3,0,21)',
    expected: { host: '10.1.2.3', port: 21 },
  },
  { title: 'text only', input: 'Entering Passive Mode', expected: { violation: 'pasv-syntax' } },
  { title: 'empty text', input: '', expected: { violation: 'pasv-syntax' } },
  {
    title: 'five numbers',
    input: 'Entering Passive Mode (127,0,0,1,4)',
    expected: { violation: 'pasv-syntax' },
  },
  {
    title: 'seven numbers',
    input: 'Entering Passive Mode (127,0,0,1,4,51,7)',
    expected: { violation: 'pasv-syntax' },
  },
  {
    title: 'dots everywhere are ambiguous',
    input: 'Entering Passive Mode (127.0.0.1.4.51)',
    expected: { violation: 'pasv-syntax' },
  },
  {
    title: 'mixed separators in the address part',
    input: 'Entering Passive Mode (127.0,0.1,4,51)',
    expected: { violation: 'pasv-syntax' },
  },
  {
    title: 'an empty field',
    input: 'Entering Passive Mode (127,0,,1,4,51)',
    expected: { violation: 'pasv-syntax' },
  },
  {
    title: 'octet above 255',
    input: 'Entering Passive Mode (256,0,0,1,4,51)',
    expected: { violation: 'pasv-values' },
  },
  {
    title: 'port byte above 255',
    input: 'Entering Passive Mode (127,0,0,1,4,256)',
    expected: { violation: 'pasv-values' },
  },
  {
    title: 'absurdly long number',
    input: 'Entering Passive Mode (127,0,0,1,4,00000000000000000000000000000051999)',
    expected: { violation: 'pasv-values' },
  },
  { title: 'port 0', input: 'Entering Passive Mode (127,0,0,1,0,0)', expected: { violation: 'pasv-values' } },
  {
    title: 'negative number',
    input: 'Entering Passive Mode (127,0,0,1,-4,51)',
    expected: { violation: 'pasv-values' },
  },
];

describe('parsePasvReply', () => {
  it.each(rows)('$title', ({ input, expected }) => {
    if ('violation' in expected) {
      let caught: unknown;
      try {
        parsePasvReply(input);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ProtocolViolationError);
      expect(caught).toMatchObject({ violation: expected.violation, offendingText: input });
    } else {
      expect(parsePasvReply(input)).toEqual(expected);
    }
  });
});

describe('parsePasvReply properties', () => {
  const byte = fc.integer({ min: 0, max: 255 });
  const endpoint = fc
    .record({ h: fc.tuple(byte, byte, byte, byte), p1: byte, p2: byte })
    .filter(({ p1, p2 }) => p1 + p2 > 0);
  const wrapper = fc.constantFrom(
    (g: string) => `227 Entering Passive Mode (${g}).`,
    (g: string) => `Entering Passive Mode (${g})`,
    (g: string) => `Entering passive mode. ${g}`,
    (g: string) => `Entering passive mode =${g}`,
  );

  it('reads back any address and port in every wrapper', () => {
    fc.assert(
      fc.property(endpoint, wrapper, fc.boolean(), ({ h, p1, p2 }, wrap, dotted) => {
        const address = dotted ? h.join('.') : h.join(',');
        const parsed = parsePasvReply(wrap(`${address},${p1},${p2}`));
        expect(parsed).toEqual({ host: h.join('.'), port: p1 * 256 + p2 });
      }),
      { numRuns: propertyRuns() },
    );
  });

  it('throws nothing but ProtocolViolationError on arbitrary text', () => {
    const char = fc.constantFrom('1', '2', '5', '0', ',', '.', '-', '(', ')', ' ', '=', 'a');
    fc.assert(
      fc.property(fc.string({ unit: char, maxLength: 40 }), (text) => {
        try {
          const { host, port } = parsePasvReply(text);
          expect(port).toBeGreaterThanOrEqual(1);
          expect(port).toBeLessThanOrEqual(65535);
          expect(host).toMatch(/^(\d{1,3}\.){3}\d{1,3}$/);
        } catch (error) {
          if (!(error instanceof ProtocolViolationError)) throw error;
        }
      }),
      { numRuns: propertyRuns() },
    );
  });
});
