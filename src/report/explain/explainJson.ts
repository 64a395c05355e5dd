import type { ComparedCode, Comparison } from '../../knowledge/reference/comparisons.js';
import type { ExplainedCode } from '../../knowledge/reference/replyCodes.js';
import type { DigitExplanation } from '../../knowledge/reference/replyDigits.js';
import type { Language } from '../../knowledge/reference/translation.js';
import { DOCUMENTS, type Source } from '../../knowledge/sources.js';

/** EXPLAIN_SCHEMA_VERSION: bump when a field changes meaning or disappears. */
export const EXPLAIN_SCHEMA_VERSION = 1;

/** DigitsJson: the first two digits of a code, named. */
export interface DigitsJson {
  readonly class: { readonly digit: number; readonly name: string; readonly meaning: string };
  readonly group: { readonly digit: number; readonly name: string; readonly meaning: string };
}

/** ExplainedCodeJson: one code of `ftp-doctor explain --json`. */
export interface ExplainedCodeJson extends DigitsJson {
  readonly code: number;
  readonly title: string;
  readonly catalogued: boolean;
  readonly description: string;
  readonly whenYouSeeIt: string;
  readonly howToResolve: readonly string[];
  /** The RFC citations among `sources` ('RFC 959 §4.2.2'), kept for readers of version 1.0. */
  readonly rfc: readonly string[];
  readonly answers: readonly string[];
  readonly sources: readonly SourceJson[];
  readonly contexts: readonly { readonly afterCommands: readonly string[]; readonly meaning: string }[];
}

/** SourceJson: one cited document section. */
export interface SourceJson {
  readonly document: string;
  readonly section: string;
  readonly citation: string;
  readonly title: string;
  readonly url: string;
}

/** ExplainJson: the whole `ftp-doctor explain --json` document. */
export interface ExplainJson {
  readonly schemaVersion: typeof EXPLAIN_SCHEMA_VERSION;
  readonly language: Language;
  readonly codes: readonly ExplainedCodeJson[];
}

/** ComparedCodeJson: one side of `ftp-doctor compare --json`. */
export interface ComparedCodeJson extends DigitsJson {
  readonly code: number;
  readonly title: string;
  readonly catalogued: boolean;
  readonly meaning: string;
  readonly whenYouMeetIt: string;
  readonly whatToDo: readonly string[];
  readonly answers: readonly string[];
  readonly sources: readonly SourceJson[];
}

/** CompareJson: the whole `ftp-doctor compare --json` document. */
export interface CompareJson {
  readonly schemaVersion: typeof EXPLAIN_SCHEMA_VERSION;
  readonly language: Language;
  readonly a: ComparedCodeJson;
  readonly b: ComparedCodeJson;
  readonly summary: string;
  readonly keyDifferences: readonly string[];
  readonly whenToUseWhich: readonly string[];
  readonly sources: readonly SourceJson[];
  readonly curated: boolean;
}

function sourceJson(source: Source): SourceJson {
  return {
    document: source.document,
    section: source.section,
    citation: source.citation,
    title: DOCUMENTS[source.document].title,
    url: source.url,
  };
}

function rfcCitations(sources: readonly Source[]): string[] {
  return sources
    .filter((source) => DOCUMENTS[source.document].kind === 'rfc')
    .map((source) => source.citation);
}

function digitsJson(digits: DigitExplanation): DigitsJson {
  return {
    class: { digit: digits.first.digit, name: digits.first.name, meaning: digits.first.meaning },
    group: { digit: digits.second.digit, name: digits.second.name, meaning: digits.second.meaning },
  };
}

/** explainJson turns explained codes into the JSON-ready `explain` document (plain data, no classes). */
export function explainJson(entries: readonly ExplainedCode[], language: Language = 'en'): ExplainJson {
  return {
    schemaVersion: EXPLAIN_SCHEMA_VERSION,
    language,
    codes: entries.map((entry) => ({
      code: entry.code,
      title: entry.title,
      catalogued: entry.catalogued,
      ...digitsJson(entry.digits),
      description: entry.description,
      whenYouSeeIt: entry.whenYouSeeIt,
      howToResolve: [...entry.howToResolve],
      rfc: rfcCitations(entry.sources),
      answers: [...entry.answers],
      sources: entry.sources.map(sourceJson),
      contexts: (entry.contexts ?? []).map((context) => ({
        afterCommands: [...context.afterCommands],
        meaning: context.meaning,
      })),
    })),
  };
}

function sideJson(side: ComparedCode): ComparedCodeJson {
  return {
    code: side.code,
    title: side.title,
    catalogued: side.catalogued,
    ...digitsJson(side.digits),
    meaning: side.meaning,
    whenYouMeetIt: side.whenYouMeetIt,
    whatToDo: [...side.whatToDo],
    answers: [...side.answers],
    sources: side.sources.map(sourceJson),
  };
}

/** compareJson turns a comparison into the JSON-ready `compare` document. */
export function compareJson(comparison: Comparison, language: Language = 'en'): CompareJson {
  return {
    schemaVersion: EXPLAIN_SCHEMA_VERSION,
    language,
    a: sideJson(comparison.a),
    b: sideJson(comparison.b),
    summary: comparison.summary,
    keyDifferences: [...comparison.keyDifferences],
    whenToUseWhich: [...comparison.whenToUseWhich],
    sources: comparison.sources.map(sourceJson),
    curated: comparison.curated,
  };
}
