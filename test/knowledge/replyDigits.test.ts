import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  explainByDigits,
  InvalidReplyCodeError,
  parseReplyCodeArg,
} from '../../src/knowledge/reference/replyDigits.js';

describe('explainByDigits (RFC 959 §4.2.1)', () => {
  it.each([
    {
      title: '1yz preliminary, x5z file system',
      input: 150,
      expected: ['positive-preliminary', 'file-system'],
    },
    {
      title: '2yz completion, x2z connections',
      input: 227,
      expected: ['positive-completion', 'connections'],
    },
    {
      title: '3yz intermediate, x3z authentication',
      input: 331,
      expected: ['positive-intermediate', 'authentication'],
    },
    { title: '4yz transient, x4z unspecified', input: 443, expected: ['transient-negative', 'unspecified'] },
    { title: '5yz permanent, x0z syntax', input: 500, expected: ['permanent-negative', 'syntax'] },
    { title: '6yz protected, x3z', input: 631, expected: ['protected', 'authentication'] },
    { title: '2yz, x1z information', input: 211, expected: ['positive-completion', 'information'] },
    { title: 'second digit outside 0–5', input: 299, expected: ['positive-completion', 'undefined'] },
  ] as const)('$title', ({ input, expected }) => {
    const explained = explainByDigits(input);
    expect([explained.first.name, explained.second.name]).toEqual(expected);
    expect(explained.summary).toMatch(/^[A-Z].* reply( about .*|; its second digit .*)\.$/);
  });

  it('throws on numbers that are not reply codes', () => {
    expect(() => explainByDigits(99)).toThrow(InvalidReplyCodeError);
    expect(() => explainByDigits(700)).toThrow(InvalidReplyCodeError);
    expect(() => explainByDigits(2.5)).toThrow(InvalidReplyCodeError);
  });

  it('explains every code from 100 to 699', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 699 }), (code) => {
        const explained = explainByDigits(code);
        expect(explained.first.digit).toBe(Math.floor(code / 100));
        expect(explained.second.digit).toBe(Math.floor(code / 10) % 10);
      }),
    );
  });
});

describe('parseReplyCodeArg', () => {
  it.each([
    { title: 'a plain code', input: '229', expected: 229 },
    { title: 'surrounding spaces', input: ' 530 ', expected: 530 },
    { title: 'lowest', input: '100', expected: 100 },
    { title: 'protected', input: '633', expected: 633 },
  ])('accepts $title', ({ input, expected }) => {
    expect(parseReplyCodeArg(input)).toBe(expected);
  });

  it.each([
    { title: 'letters', input: 'abc', expected: /characters other than digits/ },
    { title: 'four digits', input: '1234', expected: /4 digits instead of 3/ },
    { title: 'leading zero', input: '099', expected: /first digit is 0/ },
    { title: 'first digit 7', input: '700', expected: /first digit is 7/ },
    { title: 'two digits', input: '22', expected: /2 digits instead of 3/ },
    { title: 'negative', input: '-1', expected: /characters other than digits/ },
    { title: 'empty', input: '', expected: /is empty/ },
    { title: 'decimal', input: '2.5', expected: /characters other than digits/ },
  ])('rejects $title', ({ input, expected }) => {
    let caught: unknown;
    try {
      parseReplyCodeArg(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidReplyCodeError);
    const message = (caught as InvalidReplyCodeError).message;
    expect(message).toMatch(expected);
    expect(message).toMatch(/three digits whose first digit is 1 to 6/);
    expect((caught as InvalidReplyCodeError).input).toBe(input);
  });

  it('round-trips every valid code', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 699 }), (code) => {
        expect(parseReplyCodeArg(String(code))).toBe(code);
      }),
    );
  });
});
