import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scrubSecret } from '../../src/probe/scrubSecret.js';

// A server may repeat the password it was sent; the probe's output never holds it.
describe('scrubSecret', () => {
  it.each([
    {
      title: 'a reply repeating the password',
      value: { text: '530 "hunter22" is wrong' },
      expected: { text: '530 "****" is wrong' },
    },
    { title: 'every occurrence', value: ['hunter22hunter22', 'x'], expected: ['********', 'x'] },
    {
      title: 'nested data, numbers and nulls kept',
      value: { a: [{ b: 'pw hunter22' }], n: 3, z: null },
      expected: { a: [{ b: 'pw ****' }], n: 3, z: null },
    },
  ])('$title', ({ value, expected }) => {
    expect(scrubSecret(value, 'hunter22')).toEqual(expected);
  });

  it('leaves secrets shorter than 4 characters alone (they would erase ordinary words)', () => {
    expect(scrubSecret({ text: '220 ok' }, 'ok')).toEqual({ text: '220 ok' });
  });

  it('a secret holding * cannot be rebuilt by the mask', () => {
    // Masking 'aa***' once gives 'a' + '****', which holds 'a***' again.
    expect(scrubSecret('aa***', 'a***')).toBe('*****');
    expect(scrubSecret('xaa***y', 'a***')).not.toContain('a***');
    expect(scrubSecret('pw a*a*a** end', 'a*a**')).not.toContain('a*a**');
  });

  it('copies nothing when the secret appears nowhere', () => {
    const value = { steps: [{ text: '230 ok' }], n: 1 };
    expect(scrubSecret(value, 'hunter22')).toBe(value);
  });

  it('does not change its input', () => {
    const value = { text: 'hunter22' };
    scrubSecret(value, 'hunter22');
    expect(value.text).toBe('hunter22');
  });

  it('property: no string in the result contains the secret', () => {
    const secret = fc
      .string({ minLength: 4, maxLength: 12, unit: fc.constantFrom('a', 'b', '*', ' ', 'é') })
      .filter((text) => !/^\*+$/.test(text));
    const data = fc.jsonValue({ maxDepth: 4 });
    fc.assert(
      fc.property(secret, data, fc.string(), (s, value, filler) => {
        // Put the secret into the data at least once.
        const planted = { value, planted: `${filler}${s}${filler}` };
        const text = JSON.stringify(scrubSecret(planted, s));
        const strings: string[] = [];
        JSON.parse(text, (_key, v: unknown) => {
          if (typeof v === 'string') strings.push(v);
          return v;
        });
        return strings.every((str) => !str.includes(s));
      }),
      { numRuns: 300 },
    );
  });
});
