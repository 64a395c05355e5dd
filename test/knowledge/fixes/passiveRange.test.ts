import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describePassiveRange,
  formatRange,
  inferPassiveRange,
} from '../../../src/knowledge/diagnosis/fixes/passiveRange.js';

describe('inferPassiveRange', () => {
  const table: {
    title: string;
    input: number[];
    expected: {
      low: number;
      high: number;
      confidence: 'observed' | 'inferred' | 'single';
      scattered?: boolean;
    };
  }[] = [
    {
      title: 'one sample is just that port',
      input: [40012],
      expected: { low: 40012, high: 40012, confidence: 'single' },
    },
    {
      title: 'repeats of one port are still a single port',
      input: [40012, 40012, 40012],
      expected: { low: 40012, high: 40012, confidence: 'single' },
    },
    {
      title: 'samples inside a hundred-block round out to it',
      input: [40012, 40077, 40033],
      expected: { low: 40000, high: 40099, confidence: 'inferred' },
    },
    {
      title: 'samples inside a ten-block round out to it (stilliard default 30000:30009)',
      input: [30003, 30007],
      expected: { low: 30000, high: 30009, confidence: 'inferred' },
    },
    {
      title: 'the inclusive spelling 40010–40020 is preferred to a bigger block',
      input: [40012, 40020],
      expected: { low: 40010, high: 40020, confidence: 'inferred' },
    },
    {
      title: 'a sample on the round upper end gives the inclusive spelling 40000–40100',
      input: [40012, 40100],
      expected: { low: 40000, high: 40100, confidence: 'inferred' },
    },
    {
      title: 'both ends seen: the span itself, observed',
      input: [40099, 40000, 40050],
      expected: { low: 40000, high: 40099, confidence: 'observed' },
    },
    {
      title: 'a thousand-block when the spread asks for it',
      input: [50123, 50877],
      expected: { low: 50000, high: 50999, confidence: 'inferred' },
    },
    {
      title: 'straddling a boundary: no plausible block, the span is kept',
      input: [40095, 40105],
      expected: { low: 40095, high: 40105, confidence: 'observed' },
    },
    {
      title: 'scattered over the ephemeral range: the span, flagged',
      input: [33012, 45000, 58881],
      expected: { low: 33012, high: 58881, confidence: 'observed', scattered: true },
    },
    {
      title: 'a block is clamped to the highest port',
      input: [65531, 65533],
      expected: { low: 65530, high: 65535, confidence: 'inferred' },
    },
    {
      title: 'a block is clamped to port 1',
      input: [3, 7],
      expected: { low: 1, high: 9, confidence: 'inferred' },
    },
  ];
  for (const { title, input, expected } of table) {
    it(title, () => {
      const guess = inferPassiveRange(input);
      expect({ low: guess.range.low, high: guess.range.high, confidence: guess.confidence }).toEqual({
        low: expected.low,
        high: expected.high,
        confidence: expected.confidence,
      });
      expect(guess.scattered).toBe(expected.scattered ?? false);
      expect(guess.range.low).toBeLessThanOrEqual(guess.span.low);
      expect(guess.range.high).toBeGreaterThanOrEqual(guess.span.high);
    });
  }

  it('rejects an empty list and non-ports', () => {
    expect(() => inferPassiveRange([])).toThrow(RangeError);
    expect(() => inferPassiveRange([0])).toThrow(RangeError);
    expect(() => inferPassiveRange([65536])).toThrow(RangeError);
    expect(() => inferPassiveRange([40000.5])).toThrow(RangeError);
  });
});

describe('formatRange', () => {
  const table = [
    { title: 'a range uses an en dash', input: { low: 40000, high: 40099 }, expected: '40000–40099' },
    { title: 'a single port is just the number', input: { low: 21, high: 21 }, expected: '21' },
  ];
  for (const { title, input, expected } of table) it(title, () => expect(formatRange(input)).toBe(expected));
});

describe('describePassiveRange', () => {
  it('never claims more than the samples show', () => {
    expect(describePassiveRange(inferPassiveRange([40012]))).toContain('only port 40012');
    expect(describePassiveRange(inferPassiveRange([40012, 40077, 40033]))).toContain('a guess');
    expect(describePassiveRange(inferPassiveRange([40000, 40099]))).toContain('may be wider');
    expect(describePassiveRange(inferPassiveRange([33012, 58881]))).toContain('any free port');
  });
});

describe('inferPassiveRange properties', () => {
  it('always holds every sample, stays in 1–65535 and never widens more than tenfold', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 65535 }), { minLength: 1, maxLength: 20 }), (ports) => {
        const guess = inferPassiveRange(ports);
        const low = Math.min(...ports);
        const high = Math.max(...ports);
        expect(guess.span).toEqual({ low, high });
        expect(guess.range.low).toBeGreaterThanOrEqual(1);
        expect(guess.range.high).toBeLessThanOrEqual(65535);
        expect(guess.range.low).toBeLessThanOrEqual(low);
        expect(guess.range.high).toBeGreaterThanOrEqual(high);
        const spanSize = high - low + 1;
        const size = guess.range.high - guess.range.low + 1;
        if (guess.confidence === 'inferred')
          expect(size).toBeLessThanOrEqual(Math.max(11, spanSize * 10 + 1));
        else expect(guess.range).toEqual(guess.span);
        expect(guess.confidence === 'single').toBe(new Set(ports).size === 1);
      }),
    );
  });
});
