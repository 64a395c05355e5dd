import { describe, expect, it } from 'vitest';
import { CURATED_PAIRS, compareCodes } from '../../src/knowledge/reference/comparisons.js';
import { InvalidReplyCodeError } from '../../src/knowledge/reference/replyDigits.js';

describe('compareCodes: hand-written notes', () => {
  it('covers the pairs people confuse', () => {
    const pairs = CURATED_PAIRS.map(([low, high]) => `${low}/${high}`).sort();
    expect(pairs).toEqual(['125/150', '220/229', '227/229', '421/530', '425/426', '530/534', '550/553']);
  });

  it.each(CURATED_PAIRS.map(([low, high]) => ({ title: `${low} vs ${high}`, input: [low, high] as const })))(
    '$title reads the same in both orders and names both codes',
    ({ input: [low, high] }) => {
      const forward = compareCodes(low, high);
      const backward = compareCodes(high, low);
      expect(forward.curated).toBe(true);
      expect(forward.summary).toBe(backward.summary);
      expect(forward.keyDifferences).toEqual(backward.keyDifferences);
      expect([forward.a.code, forward.b.code]).toEqual([low, high]);
      expect([backward.a.code, backward.b.code]).toEqual([high, low]);
      expect(forward.summary).toContain(String(low));
      expect(forward.summary).toContain(String(high));
      expect(forward.keyDifferences.length).toBeGreaterThanOrEqual(3);
    },
  );

  it.each([
    { title: '220 vs 229: greeting vs EPSV port', input: [220, 229], expected: /greeting.*EPSV/ },
    { title: '227 vs 229: address vs port only', input: [229, 227], expected: /IPv4 address.*NAT/ },
    { title: '425 vs 426: never up vs broke midway', input: [426, 425], expected: /never came up.*broke/ },
    {
      title: '421 vs 530: transient vs refused login',
      input: [530, 421],
      expected: /later may work.*login was refused/,
    },
    { title: '530 vs 534: IIS TLS policy', input: [534, 530], expected: /IIS/ },
    {
      title: '550 vs 553: unavailable vs name not allowed',
      input: [553, 550],
      expected: /unavailable.*name itself/,
    },
    { title: '150 vs 125', input: [150, 125], expected: /already open/ },
  ] as const)('$title', ({ input, expected }) => {
    expect(compareCodes(input[0], input[1]).summary).toMatch(expected);
  });
});

describe('compareCodes: derived differences', () => {
  it('tells transient from permanent and names both subjects', () => {
    const comparison = compareCodes(450, 550);
    expect(comparison.curated).toBe(false);
    expect(comparison.keyDifferences).toEqual([
      'Outcome: 450 is a transient negative reply, 550 a permanent negative reply.',
      'Retrying: the same command may succeed later after 450; after 550 it fails again until something changes.',
      'Subject: both are about the file system; the third digit tells them apart.',
      'Next step for the client: after 450, try again later, unchanged; after 550, change something (name, credentials, setting) before trying again.',
    ]);
    expect(comparison.summary).toBe(
      '450 (Requested file action not taken: file unavailable) is a transient negative reply about the file system; 550 (Requested action not taken: file unavailable) is a permanent negative reply about the file system.',
    );
  });

  it('compares codes of the same class', () => {
    const comparison = compareCodes(230, 257);
    expect(comparison.keyDifferences[0]).toBe('Outcome: both are positive completion replies.');
    expect(comparison.keyDifferences[1]).toBe(
      'Subject: 230 is about authentication and accounting, 257 about the file system.',
    );
  });

  it('reads uncatalogued codes by their digits and says so', () => {
    const comparison = compareCodes(299, 226);
    expect(comparison.a.catalogued).toBe(false);
    expect(comparison.a.title).toBe('Non-standard positive completion reply');
    expect(comparison.b.catalogued).toBe(true);
    expect(comparison.keyDifferences.at(-1)).toBe(
      'No standard defines 299; it is read here by its digits only.',
    );
  });

  it('fills every side with meaning, when and what to do', () => {
    for (const [a, b] of [
      [150, 530],
      [331, 230],
      [631, 200],
    ] as const) {
      const comparison = compareCodes(a, b);
      for (const side of [comparison.a, comparison.b]) {
        expect(side.meaning.length).toBeGreaterThan(10);
        expect(side.whenYouMeetIt.length).toBeGreaterThan(10);
        expect(side.whatToDo.length).toBeGreaterThan(0);
      }
    }
  });

  it('handles the same code twice', () => {
    const comparison = compareCodes(530, 530);
    expect(comparison.keyDifferences).toEqual([]);
    expect(comparison.summary).toMatch(/nothing to compare/);
  });

  it('rejects numbers that are not reply codes', () => {
    expect(() => compareCodes(99, 200)).toThrow(InvalidReplyCodeError);
    expect(() => compareCodes(200, 700)).toThrow(InvalidReplyCodeError);
  });
});
