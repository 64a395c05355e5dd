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
    greeting: 'the greeting',
    keyDifferences: 'Key differences',
    whenToUseWhich: 'When to use which',
    learnMore: 'Learn more',
    versus: 'vs',
  },
  fr: {
    kind: (classLabel, groupLabel) => `${classLabel} · ${groupLabel}`,
    notStandard: 'définie par aucune norme',
    whenYouSeeIt: 'Quand vous le voyez',
    howToResolve: 'Comment résoudre',
    dependingOnCommand: 'Selon la commande à laquelle il répond',
    after: (commands) => `après ${commands} : `,
    greeting: 'l’accueil',
    keyDifferences: 'Différences clés',
    whenToUseWhich: 'Quand utiliser lequel',
    learnMore: 'En savoir plus',
    versus: 'ou',
  },
};
