import { describe, expect, it } from 'vitest';
import {
  isCompletion,
  isIntermediate,
  isNegative,
  isPermanentNegative,
  isPreliminary,
  isProtected,
  isTransientNegative,
  matchesExpectation,
} from '../../src/protocol/replyClass.js';

describe('reply class predicates (RFC 959 §4.2.1, RFC 2228 §3)', () => {
  const rows: { title: string; input: number; expected: string }[] = [
    { title: '150 is preliminary', input: 150, expected: 'preliminary' },
    { title: '226 is completion', input: 226, expected: 'completion' },
    { title: '331 is intermediate', input: 331, expected: 'intermediate' },
    { title: '425 is transient negative', input: 425, expected: 'transient' },
    { title: '530 is permanent negative', input: 530, expected: 'permanent' },
    { title: '631 is protected', input: 631, expected: 'protected' },
    { title: '99 is nothing', input: 99, expected: 'none' },
    { title: '700 is nothing', input: 700, expected: 'none' },
    { title: '2.5 is nothing', input: 2.5, expected: 'none' },
  ];
  it.each(rows)('$title', ({ input, expected }) => {
    const classes = {
      preliminary: isPreliminary(input),
      completion: isCompletion(input),
      intermediate: isIntermediate(input),
      transient: isTransientNegative(input),
      permanent: isPermanentNegative(input),
      protected: isProtected(input),
    };
    const matching = Object.entries(classes)
      .filter(([, value]) => value)
      .map(([name]) => name);
    expect(matching).toEqual(expected === 'none' ? [] : [expected]);
    expect(isNegative(input)).toBe(expected === 'transient' || expected === 'permanent');
  });
});

describe('matchesExpectation', () => {
  const rows: { title: string; input: [number, number | string]; expected: boolean }[] = [
    { title: 'class 2 matches 230', input: [230, 2], expected: true },
    { title: 'prefix 23 matches 230', input: [230, 23], expected: true },
    { title: 'exact 230 matches 230', input: [230, 230], expected: true },
    { title: "string '230' matches 230", input: [230, '230'], expected: true },
    { title: "string '2' matches 250", input: [250, '2'], expected: true },
    { title: 'prefix 23 does not match 250', input: [250, 23], expected: false },
    { title: 'class 2 does not match 331', input: [331, 2], expected: false },
    { title: 'exact 230 does not match 231', input: [231, 230], expected: false },
  ];
  it.each(rows)('$title', ({ input, expected }) => {
    expect(matchesExpectation(...input)).toBe(expected);
  });

  it.each([0, 7, 2300, '2x', '', -2])('refuses the expectation %s', (expected) => {
    expect(() => matchesExpectation(230, expected)).toThrow(RangeError);
  });
});
