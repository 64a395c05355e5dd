import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describeRangeEstimate,
  ENOUGH_SAMPLES,
  estimatePassiveRange,
  RANGE_CONFIDENCE,
  spanProbability,
} from '../../src/knowledge/diagnosis/fixes/passiveRange.js';

/** mulberry32: a small seeded generator, so the coverage run is the same on every machine. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const range = fc
  .tuple(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 0, max: 2000 }))
  .map(([low, extra]) => ({ low, high: Math.min(65535, low + extra) }));

describe('estimatePassiveRange', () => {
  it('states a probable range and a bound that contain every port seen', () => {
    fc.assert(
      fc.property(
        range.chain((r) =>
          fc.tuple(
            fc.constant(r),
            fc.array(fc.integer({ min: r.low, max: r.high }), { minLength: 1, maxLength: 40 }),
          ),
        ),
        ([, ports]) => {
          const estimate = estimatePassiveRange(ports);
          for (const port of ports) {
            expect(port).toBeGreaterThanOrEqual(estimate.probable.low);
            expect(port).toBeLessThanOrEqual(estimate.probable.high);
            expect(port).toBeGreaterThanOrEqual(estimate.bound.low);
            expect(port).toBeLessThanOrEqual(estimate.bound.high);
          }
          expect(estimate.bound.low).toBeLessThanOrEqual(estimate.probable.low);
          expect(estimate.bound.high).toBeGreaterThanOrEqual(estimate.probable.high);
          expect(estimate.samples).toBe(ports.length);
        },
      ),
      { seed: 14, numRuns: 300 },
    );
  });

  it(`its bound holds the configured range at least ${RANGE_CONFIDENCE * 100} % of the time`, () => {
    const random = mulberry32(20261205);
    const cases = [
      { low: 40000, high: 40099, n: 20 },
      { low: 30000, high: 30009, n: 10 },
      { low: 50000, high: 51000, n: 5 },
      { low: 24946, high: 24955, n: 2 },
      { low: 60000, high: 60499, n: 40 },
    ];
    for (const { low, high, n } of cases) {
      const trials = 2000;
      let held = 0;
      for (let trial = 0; trial < trials; trial += 1) {
        const ports = Array.from({ length: n }, () => low + Math.floor(random() * (high - low + 1)));
        const { bound } = estimatePassiveRange(ports);
        if (bound.low <= low && bound.high >= high) held += 1;
      }
      // The confidence set is exact, so coverage is at least the level; 2000 trials add about
      // ±1 % of noise, and the seed makes the run repeatable.
      expect(held / trials, `${low}-${high}, ${n} samples`).toBeGreaterThanOrEqual(RANGE_CONFIDENCE - 0.015);
    }
  });

  it('spanProbability matches counting every tuple for small ranges', () => {
    for (const size of [1, 2, 5, 9]) {
      for (const n of [1, 2, 3, 4]) {
        for (let span = 0; span < size; span += 1) {
          let inside = 0;
          const total = size ** n;
          for (let code = 0; code < total; code += 1) {
            const draws = Array.from({ length: n }, (_, i) => Math.floor(code / size ** i) % size);
            if (Math.max(...draws) - Math.min(...draws) <= span) inside += 1;
          }
          expect(spanProbability(size, span, n)).toBeCloseTo(inside / total, 10);
        }
      }
    }
  });

  it('one sample bounds nothing; too few samples are not enough for a rule', () => {
    expect(estimatePassiveRange([40012])).toMatchObject({ bound: { low: 1, high: 65535 }, enough: false });
    const two = estimatePassiveRange([40012, 40077]);
    expect(two.enough).toBe(false);
    expect(two.probable).toEqual({ low: 39947, high: 40142 });
    const many = estimatePassiveRange(Array.from({ length: ENOUGH_SAMPLES }, (_, i) => 40000 + i * 11));
    expect(many.enough).toBe(true);
  });

  it('says what it saw and how sure it is', () => {
    expect(describeRangeEstimate(estimatePassiveRange([40077, 40012]))).toBe(
      "ports seen: 40012, 40077; the server's configured range is probably 39947–40142 (from 2 samples); too few samples to write it into a rule",
    );
    const text = describeRangeEstimate(
      estimatePassiveRange(Array.from({ length: 20 }, (_, i) => 40000 + ((i * 37) % 100))),
    );
    expect(text).toMatch(/\(from 20 samples\); with 95 % confidence it lies within \d+–\d+$/);
  });

  it('says when the ports spread too far for a configured range', () => {
    expect(describeRangeEstimate(estimatePassiveRange([33159, 46456, 40719]))).toBe(
      'ports seen: 33159, 40719, 46456 (from 3 samples), spread over 13298 ports: the server seems to take any free port rather than a configured range',
    );
  });

  it('rejects what is not a port', () => {
    expect(() => estimatePassiveRange([])).toThrow(RangeError);
    expect(() => estimatePassiveRange([0])).toThrow(RangeError);
    expect(() => estimatePassiveRange([70000])).toThrow(RangeError);
  });
});
