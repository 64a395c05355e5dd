import { frenchCitation, lowerInitial } from '../../knowledge/reference/fr/frenchTypography.js';
import type { Language } from '../../knowledge/reference/translation.js';

/** ExplainLabels: the headings and fixed words of `explain` and `compare`, in one language. */
export interface ExplainLabels {
  /** The class line under a code's title: its first and second digit, named. */
  readonly kind: (classLabel: string, groupLabel: string) => string;
  readonly notStandard: string;
  readonly whenYouSeeIt: string;
  readonly howToResolve: string;
  readonly dependingOnCommand: string;
  readonly after: (commands: string) => string;
  /** The label before one code's text in a comparison ("226: "). */
  readonly side: (code: number) => string;
  /** A sentence as it continues after one of the labels above. */
  readonly continued: (text: string) => string;
  /** A citation as printed under "Learn more". */
  readonly citation: (citation: string, label: string) => string;
  readonly greeting: string;
  readonly keyDifferences: string;
  readonly whenToUseWhich: string;
  readonly learnMore: string;
  readonly versus: string;
}

/** EXPLAIN_LABELS: one set per language; the page follows the seed's six parts in each. */
export const EXPLAIN_LABELS: Readonly<Record<Language, ExplainLabels>> = {
  en: {
    kind: (classLabel, groupLabel) => `${classLabel} reply · ${groupLabel}`,
    notStandard: 'not defined by any standard',
    whenYouSeeIt: 'When you see it',
    howToResolve: 'How to resolve it',
    dependingOnCommand: 'Depending on the command it answers',
    after: (commands) => `after ${commands}: `,
    side: (code) => `${code}: `,
    continued: (text) => text,
    citation: (citation) => citation,
    greeting: 'the greeting',
    keyDifferences: 'Key differences',
    whenToUseWhich: 'When to use which',
    learnMore: 'Learn more',
    versus: 'vs',
  },
  fr: {
    kind: (classLabel, groupLabel) => `${classLabel} · ${groupLabel}`,
    notStandard: 'non normalisée',
    whenYouSeeIt: 'Quand vous le voyez',
    howToResolve: 'Comment résoudre',
    dependingOnCommand: 'Selon la commande à laquelle il répond',
    // A dash, not a colon: the sentence that follows may hold a colon of its own.
    after: (commands) => `après ${commands} — `,
    side: (code) => `${code} — `,
    continued: lowerInitial,
    citation: frenchCitation,
    greeting: 'l’accueil',
    keyDifferences: 'Différences clés',
    whenToUseWhich: 'Que faire dans chaque cas',
    learnMore: 'En savoir plus',
    versus: 'contre',
  },
};
