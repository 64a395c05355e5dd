import type { ComparedCode, Comparison } from '../../knowledge/reference/comparisons.js';
import { type ExplainedCode, GREETING } from '../../knowledge/reference/replyCodes.js';
import type { DigitExplanation } from '../../knowledge/reference/replyDigits.js';
import type { Language } from '../../knowledge/reference/translation.js';
import { type DocumentId, documentOf, type Source, uniqueSources } from '../../knowledge/sources.js';
import type { Style } from '../text/style.js';
import { EXPLAIN_LABELS, type ExplainLabels } from './explainLabels.js';

/** TextLayout: how wide the text may run; the CLI passes the terminal width. */
export interface TextLayout {
  readonly width: number;
}

const DEFAULT_LAYOUT: TextLayout = { width: 100 };

/** DocumentTitles: the cited documents' titles in the page's language; missing ones stay English. */
export type DocumentTitles = Readonly<Partial<Record<DocumentId, string>>>;
/** Narrower than this, wrapping with indentation stops helping. */
const MIN_WIDTH = 40;

/**
 * words splits text at spaces, keeping French punctuation with its word: a lone ; : ? ! or »
 * joins the word before it and « the word after it, so no line starts with one of them.
 */
function words(text: string): string[] {
  const result: string[] = [];
  for (const part of text.split(/\s+/).filter((piece) => piece !== '')) {
    const last = result.length - 1;
    if (last >= 0 && (/^[;:?!»]/.test(part) || result[last] === '«'))
      result[last] = `${result[last]} ${part}`;
    else result.push(part);
  }
  return result;
}

/** columnsOf counts code points, as a terminal counts the columns of this text. */
function columnsOf(text: string): number {
  return [...text].length;
}

/**
 * outdented: a word that does not fit beside the indent (a long URL) moves left until it fits, so
 * it stays whole and within the width; a word wider than the whole line stands alone, unindented.
 */
function outdented(indent: string, word: string, width: number): string {
  const room = width - columnsOf(word);
  return room >= columnsOf(indent) ? `${indent}${word}` : `${' '.repeat(Math.max(0, room))}${word}`;
}

/**
 * wrap breaks plain text into lines of at most `width` columns, each prefixed by `indent`, only
 * between words: a word is never split.
 */
function wrap(text: string, width: number, indent: string, firstIndent: string = indent): string[] {
  const lines: string[] = [];
  let current = firstIndent;
  let currentHasWord = false;
  for (const word of words(text)) {
    const candidate = currentHasWord ? `${current} ${word}` : `${current}${word}`;
    if (currentHasWord && columnsOf(candidate) > width) {
      lines.push(current);
      current = outdented(indent, word, width);
    } else {
      current = candidate;
    }
    currentHasWord = true;
  }
  if (currentHasWord) lines.push(current);
  return lines;
}

/** codeColour picks a colour by outcome: green success, yellow transient, red permanent. */
function codeColour(code: number, style: Style): (text: string) => string {
  const first = Math.floor(code / 100);
  if (first === 2) return style.green;
  if (first === 4) return style.yellow;
  if (first === 5) return style.red;
  if (first === 6) return style.gray;
  return style.cyan;
}

function commandList(commands: readonly string[], labels: ExplainLabels): string {
  return commands.map((command) => (command === GREETING ? labels.greeting : command)).join(', ');
}

function numbered(steps: readonly string[], width: number, indent: string): string[] {
  return steps.flatMap((step, index) => {
    const marker = `${index + 1}. `;
    return wrap(step, width, indent + ' '.repeat(marker.length), indent + marker);
  });
}

function bullets(items: readonly string[], width: number): string[] {
  return items.flatMap((item) => wrap(item, width, '      ', '    • '));
}

/** learnMore lists each source as its citation, the document's title and its address. */
function learnMore(
  sources: readonly Source[],
  style: Style,
  width: number,
  labels: ExplainLabels,
  documentTitles: DocumentTitles,
): string[] {
  const lines = [`  ${style.bold(labels.learnMore)}`];
  for (const source of uniqueSources(sources)) {
    const document = documentOf(source);
    const title = documentTitles[source.document] ?? document.title;
    const citation = labels.citation(source.citation, document.label);
    lines.push(...wrap(`${citation} — ${title}`, width, '      ', '    • '));
    // An address is copied whole: one that does not fit beside the indent moves left instead.
    lines.push(style.dim(outdented('      ', source.url, width)));
  }
  return lines;
}

function classLine(digits: DigitExplanation, catalogued: boolean, labels: ExplainLabels): string {
  return `${labels.kind(digits.first.label, digits.second.label)}${catalogued ? '' : ` · ${labels.notStandard}`}`;
}

function explainOne(
  entry: ExplainedCode,
  style: Style,
  width: number,
  labels: ExplainLabels,
  documentTitles: DocumentTitles,
): string[] {
  const colour = codeColour(entry.code, style);
  const lines: string[] = [];
  lines.push(`${style.bold(colour(String(entry.code)))}  ${style.bold(entry.title)}`);
  lines.push(
    ...wrap(classLine(entry.digits, entry.catalogued, labels), width, '     ').map((line) => style.dim(line)),
  );
  lines.push('');
  lines.push(...wrap(entry.description, width, '  '));
  lines.push('');
  lines.push(`  ${style.bold(labels.whenYouSeeIt)}`);
  lines.push(...wrap(entry.whenYouSeeIt, width, '    '));
  lines.push('');
  lines.push(`  ${style.bold(labels.howToResolve)}`);
  lines.push(...numbered(entry.howToResolve, width, '    '));
  if (entry.contexts && entry.contexts.length > 0) {
    lines.push('');
    lines.push(`  ${style.bold(labels.dependingOnCommand)}`);
    for (const context of entry.contexts) {
      const label = labels.after(commandList(context.afterCommands, labels));
      const wrapped = wrap(`${label}${labels.continued(context.meaning)}`, width, '      ', '    ');
      lines.push(
        ...wrapped.map((line, index) =>
          index === 0 ? line.replace(label.trimEnd(), style.cyan(label.trimEnd())) : line,
        ),
      );
    }
  }
  lines.push('');
  lines.push(...learnMore(entry.sources, style, width, labels, documentTitles));
  return lines;
}

/**
 * renderExplain renders `ftp-doctor explain` output for a person reading it cold: per code the
 * code and title, its class, what it means, when you see it, how to resolve it (numbered), what it
 * means after particular commands, and where to learn more (the sources). Codes are separated by
 * a blank line.
 */
export function renderExplain(
  entries: readonly ExplainedCode[],
  style: Style,
  layout: TextLayout = DEFAULT_LAYOUT,
  language: Language = 'en',
  documentTitles: DocumentTitles = {},
): string {
  const width = Math.max(layout.width, MIN_WIDTH);
  const labels = EXPLAIN_LABELS[language];
  return `${entries.map((entry) => explainOne(entry, style, width, labels, documentTitles).join('\n')).join('\n\n')}\n`;
}

function sideHeading(side: ComparedCode, style: Style, labels: ExplainLabels): string[] {
  const colour = codeColour(side.code, style);
  return [
    `  ${style.bold(colour(String(side.code)))}  ${style.bold(side.title)}`,
    style.dim(`       ${classLine(side.digits, side.catalogued, labels)}`),
  ];
}

function perSide(
  comparison: Comparison,
  pick: (side: ComparedCode) => string[],
  style: Style,
  width: number,
  labels: ExplainLabels,
): string[] {
  return [comparison.a, comparison.b].flatMap((side) => {
    const colour = codeColour(side.code, style);
    const items = pick(side);
    if (items.length === 1) {
      const label = labels.side(side.code);
      return wrap(`${label}${labels.continued(items[0]!)}`, width, '         ', '    ').map((line, index) =>
        index === 0 ? line.replace(label.trimEnd(), style.bold(colour(label.trimEnd()))) : line,
      );
    }
    return [`    ${style.bold(colour(String(side.code)))}`, ...numbered(items, width, '      ')];
  });
}

/**
 * renderCompare renders `ftp-doctor compare A B` as a six-part page: what each code is (with a
 * one-paragraph summary), when you see each, how to resolve each, the key differences, when to
 * use which, and where to learn more.
 */
export function renderCompare(
  comparison: Comparison,
  style: Style,
  layout: TextLayout = DEFAULT_LAYOUT,
  language: Language = 'en',
  documentTitles: DocumentTitles = {},
): string {
  const width = Math.max(layout.width, MIN_WIDTH);
  const labels = EXPLAIN_LABELS[language];
  const { a, b } = comparison;
  const lines: string[] = [];
  lines.push(
    `${style.bold(codeColour(a.code, style)(String(a.code)))} ${a.title}  ${style.dim(labels.versus)}  ${style.bold(codeColour(b.code, style)(String(b.code)))} ${b.title}`,
  );
  lines.push('');
  lines.push(...wrap(comparison.summary, width, '  '));
  for (const side of [a, b]) {
    lines.push('');
    lines.push(...sideHeading(side, style, labels));
    lines.push(...wrap(side.meaning, width, '    '));
  }
  lines.push('');
  lines.push(`  ${style.bold(labels.whenYouSeeIt)}`);
  lines.push(...perSide(comparison, (side) => [side.whenYouMeetIt], style, width, labels));
  lines.push('');
  lines.push(`  ${style.bold(labels.howToResolve)}`);
  lines.push(...perSide(comparison, (side) => [...side.whatToDo], style, width, labels));
  if (comparison.keyDifferences.length > 0) {
    lines.push('');
    lines.push(`  ${style.bold(labels.keyDifferences)}`);
    lines.push(...bullets(comparison.keyDifferences, width));
  }
  lines.push('');
  lines.push(`  ${style.bold(labels.whenToUseWhich)}`);
  lines.push(...bullets(comparison.whenToUseWhich, width));
  lines.push('');
  lines.push(...learnMore(comparison.sources, style, width, labels, documentTitles));
  return `${lines.join('\n')}\n`;
}
