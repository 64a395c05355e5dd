import type { DocumentId } from '../sources.js';
import type { DigitExplanation, InvalidReplyCodeReason } from './replyDigits.js';

/**
 * The offline reference (`explain`, `compare`) exists in English, the language of the tables, and
 * in translations. A translation lives in its own module that the CLI imports only when that
 * language is asked for, so an English `explain` never loads it. Sources and reply codes are not
 * translated; commands, option names and reply texts stay as the servers spell them.
 */

/** LANGUAGES the reference speaks; 'en' is the default. */
export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

/** isLanguage narrows a string to a Language. */
export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/** ReplyCodeText: the words of one reply-code entry, in one language; `contexts` follow the entry's order. */
export interface ReplyCodeText {
  readonly title: string;
  readonly description: string;
  readonly whenYouSeeIt: string;
  readonly howToResolve: readonly string[];
  readonly contexts?: readonly string[];
}

/** PairText: a curated comparison's words, in one language. */
export interface PairText {
  readonly summary: string;
  readonly keyDifferences: readonly string[];
  readonly whenToUseWhich: readonly string[];
}

/** DigitText: the label and meaning of one digit, in one language. */
export interface DigitText {
  readonly label: string;
  readonly meaning: string;
}

/** ComparePhrases: the sentences a comparison of two codes without curated notes is built from. */
export interface ComparePhrases {
  /** The name of the unsolicited greeting in a list of commands. */
  readonly greeting: string;
  /** What a client does next after a reply of each first digit. */
  readonly clientAction: Readonly<Record<number, string>>;
  readonly summarySide: (code: number, title: string, classLabel: string, groupLabel: string) => string;
  /** Joins the two summary sides into one sentence. */
  readonly summaryJoin: (a: string, b: string) => string;
  readonly sameCode: (code: number, title: string) => string;
  readonly outcomeDiffers: (a: number, aLabel: string, b: number, bLabel: string) => string;
  readonly outcomeSame: (label: string) => string;
  readonly retry: (transient: number, permanent: number) => string;
  readonly subjectDiffers: (a: number, aLabel: string, b: number, bLabel: string) => string;
  readonly subjectSame: (label: string, a: number, aTitle: string, b: number, bTitle: string) => string;
  readonly commands: (a: number, aCommands: string, b: number, bCommands: string) => string;
  readonly commandsShared: (shared: string, a: number, aOnly: string, b: number, bOnly: string) => string;
  /** Both answer the same commands, and one of them answers more. */
  readonly commandsAlso: (shared: string, code: number, more: string) => string;
  readonly commandsSame: (shared: string) => string;
  readonly whenSide: (code: number, when: string) => string;
  readonly doSide: (code: number, todo: string) => string;
  readonly nextStepBoth: (action: string) => string;
  readonly nextStep: (a: number, aAction: string, b: number, bAction: string) => string;
  readonly notDefined: (codes: readonly number[]) => string;
  /** A side that no standard defines, read by its digits. */
  readonly uncataloguedMeaning: (line: string, classMeaning: string) => string;
  readonly uncataloguedWhen: string;
  readonly uncataloguedToDo: (classLabel: string, action: string) => string;
}

/** ExplainPhrases: the texts `explain` builds for a code no standard defines. */
export interface ExplainPhrases {
  readonly uncataloguedTitle: (classLabel: string) => string;
  readonly uncataloguedDescription: (code: number, digits: DigitExplanation) => string;
  readonly uncataloguedWhen: string;
  readonly nextStepByClass: Readonly<Record<number, string>>;
  readonly fallbackStep: string;
  /** The usage error for an argument that is not a reply code. */
  readonly invalidCode: (input: string, reason: InvalidReplyCodeReason) => string;
  /** The line after a usage error, pointing at the help. */
  readonly usageHint: string;
  /**
   * A command-line mistake commander found (unknown option, missing argument …), from its error
   * code and English message; null for one without a translation, which is then shown in English.
   */
  readonly commandLineError: (code: string, message: string) => string | null;
}

/** ReferenceTranslation: everything `explain` and `compare` print, in one language other than English. */
export interface ReferenceTranslation {
  readonly language: Exclude<Language, 'en'>;
  readonly replyCodes: Readonly<Record<number, ReplyCodeText>>;
  /** Curated pairs, keyed 'low-high'. */
  readonly pairs: Readonly<Record<string, PairText>>;
  readonly classes: Readonly<Record<number, DigitText>>;
  readonly groups: Readonly<Record<number, DigitText>>;
  readonly undefinedGroup: DigitText;
  readonly compare: ComparePhrases;
  readonly explain: ExplainPhrases;
  /** Titles of the cited documents, shown under "Learn more"; document names stay as they are. */
  readonly documentTitles: Readonly<Partial<Record<DocumentId, string>>>;
}

/** translateDigits replaces the labels and meanings of a digit reading with a translation's. */
export function translateDigits(
  digits: DigitExplanation,
  translation: ReferenceTranslation,
): DigitExplanation {
  const first = translation.classes[digits.first.digit];
  const second =
    digits.second.name === 'undefined' ? translation.undefinedGroup : translation.groups[digits.second.digit];
  return {
    ...digits,
    first: first ? { ...digits.first, ...first } : digits.first,
    second: second ? { ...digits.second, ...second } : digits.second,
  };
}
