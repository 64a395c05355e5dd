import { describe, expect, it } from 'vitest';
import { CURATED_PAIRS, compareCodes } from '../../src/knowledge/reference/comparisons.js';
import { ALL_REPLY_CODES } from '../../src/knowledge/reference/replyCodes.js';
import { InvalidReplyCodeError } from '../../src/knowledge/reference/replyDigits.js';

describe('compareCodes: hand-written notes', () => {
  it('covers the pairs people confuse', () => {
    const pairs = CURATED_PAIRS.map(([low, high]) => `${low}/${high}`).sort();
    expect(pairs).toEqual([
      '120/421',
      '125/150',
      '220/229',
      '226/250',
      '227/228',
      '227/229',
      '228/229',
      '331/332',
      '421/530',
      '425/426',
      '425/450',
      '426/450',
      '500/502',
      '530/532',
      '530/534',
      '550/553',
    ]);
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
      expect(forward.keyDifferences.length).toBeGreaterThanOrEqual(2);
      expect(forward.whenToUseWhich.length).toBeGreaterThan(0);
      expect(forward.sources.length).toBeGreaterThan(0);
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

describe('compareCodes: notes composed from the entries', () => {
  it('tells transient from permanent, names the subject, the commands, when and what to do', () => {
    const comparison = compareCodes(450, 550);
    expect(comparison.curated).toBe(false);
    expect(comparison.keyDifferences.slice(0, 3)).toEqual([
      'Outcome: 450 is a transient negative reply, 550 a permanent negative reply.',
      'Retrying: the same command may succeed later after 450; after 550 it fails again until something changes.',
      'Subject: both are about the file system; 450 says “Requested file action not taken: file unavailable”, 550 says “Requested action not taken: file unavailable”.',
    ]);
    expect(comparison.keyDifferences[3]).toMatch(/^Commands: both can answer RETR, DELE, RNFR/);
    expect(comparison.keyDifferences[4]).toMatch(/^When you see 450: After RETR, STOR/);
    expect(comparison.whenToUseWhich[0]).toBe(
      'Next step for the client: after 450, try again later, unchanged; after 550, do not send the same command again unchanged (the fix below says what to change).',
    );
    expect(comparison.whenToUseWhich[1]).toMatch(/^After 450: Retry once the file is no longer in use\./);
    expect(comparison.summary).toBe(
      '450 (Requested file action not taken: file unavailable) is a transient negative reply about the file system; 550 (Requested action not taken: file unavailable) is a permanent negative reply about the file system.',
    );
  });

  it('never falls back to an empty template, for any pair of known codes', () => {
    const codes = ALL_REPLY_CODES;
    for (const a of codes) {
      for (const b of codes) {
        if (a >= b) continue;
        const comparison = compareCodes(a, b);
        const text = [comparison.summary, ...comparison.keyDifferences, ...comparison.whenToUseWhich].join(
          '\n',
        );
        expect(text, `${a}/${b}`).not.toMatch(/third digit tells them apart/);
        expect(comparison.keyDifferences.length, `${a}/${b}`).toBeGreaterThanOrEqual(
          comparison.curated ? 2 : 4,
        );
        expect(comparison.whenToUseWhich.length, `${a}/${b}`).toBeGreaterThan(0);
        expect(text, `${a}/${b}`).toContain(String(a));
        expect(text, `${a}/${b}`).toContain(String(b));
      }
    }
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

describe('composed comparisons only say what the entries say', () => {
  it('332 vs 503: 503 does not answer USER (RFC 959 §5.4), and the advice after 503 is about order', () => {
    const comparison = compareCodes(332, 503);
    expect(comparison.curated).toBe(false);
    const commands = comparison.keyDifferences.find((line) => line.startsWith('Commands:'));
    expect(commands).toBe(
      'Commands: both can answer PASS; only 332 answers USER, only 503 RNTO, PBSZ, PROT, HOST.',
    );
    expect(comparison.whenToUseWhich.join(' ')).not.toMatch(/name, credentials, setting/);
    expect(comparison.whenToUseWhich).toContainEqual(
      expect.stringMatching(/^After 503: Send the commands in order/),
    );
  });

  it('every command a composed comparison names comes from the two entries', () => {
    for (const [a, b] of [
      [332, 503],
      [450, 550],
      [225, 226],
      [500, 501],
    ] as const) {
      const comparison = compareCodes(a, b);
      const named = comparison.keyDifferences
        .filter((line) => line.startsWith('Commands:'))
        .flatMap((line) => line.match(/\b[A-Z]{3,4}\b/g) ?? []);
      const answered = new Set([...comparison.a.answers, ...comparison.b.answers]);
      for (const command of named) expect(answered.has(command), `${a}/${b}: ${command}`).toBe(true);
    }
  });
});
