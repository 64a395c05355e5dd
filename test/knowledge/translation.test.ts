import { describe, expect, it } from 'vitest';
import { CURATED_PAIRS, compareCodes, pairKey } from '../../src/knowledge/reference/comparisons.js';
import { FRENCH } from '../../src/knowledge/reference/fr/french.js';
import { allReplyCodeEntries, explainCode } from '../../src/knowledge/reference/replyCodes.js';

/**
 * Every text of the offline reference exists in both languages, item for item: a reply code or a
 * curated pair written in one language only, or with a step or context missing in the other,
 * fails here.
 */
describe('French and English say the same things', () => {
  it('every reply code has a French entry and every French entry a code', () => {
    const english = allReplyCodeEntries().map((entry) => entry.code);
    expect(
      Object.keys(FRENCH.replyCodes)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual(english);
  });

  it.each(allReplyCodeEntries().map((entry) => [entry.code, entry] as const))(
    '%i: same number of steps and contexts, and really translated',
    (code, entry) => {
      const french = FRENCH.replyCodes[code]!;
      expect(french.howToResolve.length).toBe(entry.howToResolve.length);
      expect(french.contexts?.length ?? 0).toBe(entry.contexts?.length ?? 0);
      expect(french.title).not.toBe(entry.title);
      expect(french.description).not.toBe(entry.description);
      expect(french.whenYouSeeIt).not.toBe(entry.whenYouSeeIt);
      for (const text of [french.description, french.whenYouSeeIt, ...french.howToResolve])
        expect(text).toMatch(/[.)»]$/);
      // Commands, codes and option names stay as the servers spell them.
      const tokens = (text: string) =>
        new Set(text.match(/\b[A-Z]{3,4}\b|\b[1-6]\d\d\b|\b[a-z]+_[a-z_]+\b/g) ?? []);
      for (const token of tokens(entry.whenYouSeeIt)) expect(french.whenYouSeeIt, token).toContain(token);
    },
  );

  it('every curated pair has French notes of the same shape', () => {
    const keys = CURATED_PAIRS.map(([low, high]) => pairKey(low, high)).sort();
    expect(Object.keys(FRENCH.pairs).sort()).toEqual(keys);
    for (const [low, high] of CURATED_PAIRS) {
      const english = compareCodes(low, high);
      const french = compareCodes(low, high, FRENCH);
      expect(french.keyDifferences.length, `${low}/${high}`).toBe(english.keyDifferences.length);
      expect(french.whenToUseWhich.length, `${low}/${high}`).toBe(english.whenToUseWhich.length);
      expect(french.summary).not.toBe(english.summary);
      expect(french.sources).toEqual(english.sources);
    }
  });

  it('composes French comparisons for any pair, and explains unknown codes in French', () => {
    const comparison = compareCodes(331, 550, FRENCH);
    expect(comparison.keyDifferences[0]).toBe(
      'Résultat : 331 est une réponse positive intermédiaire, 550 une réponse négative définitive.',
    );
    expect(comparison.whenToUseWhich[0]).toMatch(/^Étape suivante pour le client : après 331/);
    const unknown = explainCode(299, FRENCH);
    expect(unknown.title).toBe('Réponse positive définitive non standard');
    expect(unknown.description).toMatch(/Son deuxième chiffre, 9, n’appartient à aucun groupe défini\.$/);
    expect(unknown.digits.first.label).toBe('Réponse positive définitive');
  });
});
