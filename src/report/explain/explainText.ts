import type { ComparedCode, Comparison } from '../../knowledge/reference/comparisons.js';
import { type ExplainedCode, GREETING } from '../../knowledge/reference/replyCodes.js';
import type { Style } from '../text/style.js';

/** TextLayout: how wide the text may run; the CLI passes the terminal width. */
export interface TextLayout {
  readonly width: number;
}

const DEFAULT_LAYOUT: TextLayout = { width: 100 };
/** Narrower than this, wrapping with indentation stops helping. */
const MIN_WIDTH = 40;

/** wrap breaks plain text into lines of at most `width` characters, each prefixed by `indent`. */
function wrap(text: string, width: number, indent: string, firstIndent: string = indent): string[] {
  const lines: string[] = [];
  let current = firstIndent;
  let currentHasWord = false;
  for (const word of text.split(/\s+/).filter((part) => part !== '')) {
    const candidate = currentHasWord ? `${current} ${word}` : `${current}${word}`;
    if (currentHasWord && candidate.length > width) {
      lines.push(current);
      current = `${indent}${word}`;
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

function commandList(commands: readonly string[]): string {
  return commands.map((command) => (command === GREETING ? 'the greeting' : command)).join(', ');
}

function numbered(steps: readonly string[], width: number, indent: string): string[] {
  return steps.flatMap((step, index) => {
    const marker = `${index + 1}. `;
    return wrap(step, width, indent + ' '.repeat(marker.length), indent + marker);
  });
}

function explainOne(entry: ExplainedCode, style: Style, width: number): string[] {
  const colour = codeColour(entry.code, style);
  const lines: string[] = [];
  lines.push(`${style.bold(colour(String(entry.code)))}  ${style.bold(entry.title)}`);
  const kind = `${entry.digits.first.label} reply · ${entry.digits.second.label}${entry.catalogued ? '' : ' · not defined by any standard'}`;
  lines.push(...wrap(kind, width, '     ').map((line) => style.dim(line)));
  lines.push('');
  lines.push(...wrap(entry.description, width, '  '));
  lines.push('');
  lines.push(`  ${style.bold('When you see it')}`);
  lines.push(...wrap(entry.whenYouSeeIt, width, '    '));
  lines.push('');
  lines.push(`  ${style.bold('How to resolve it')}`);
  lines.push(...numbered(entry.howToResolve, width, '    '));
  if (entry.contexts && entry.contexts.length > 0) {
    lines.push('');
    lines.push(`  ${style.bold('Depending on the command it answers')}`);
    for (const context of entry.contexts) {
      const label = `after ${commandList(context.afterCommands)}: `;
      const wrapped = wrap(`${label}${context.meaning}`, width, '      ', '    ');
      lines.push(
        ...wrapped.map((line, index) => (index === 0 ? line.replace(label, style.cyan(label)) : line)),
      );
    }
  }
  lines.push('');
  const defined = entry.rfc.length > 0 ? `Defined in ${entry.rfc.join(', ')}.` : 'Not defined by an RFC.';
  lines.push(...wrap(defined, width, '  ').map((line) => style.dim(line)));
  return lines;
}

/**
 * renderExplain renders `ftp-doctor explain` output for a person reading it cold: per code the
 * code and title, its class, what it means, when you see it, how to resolve it (numbered), what it
 * means after particular commands, and where it is defined. Codes are separated by a blank line.
 */
export function renderExplain(
  entries: readonly ExplainedCode[],
  style: Style,
  layout: TextLayout = DEFAULT_LAYOUT,
): string {
  const width = Math.max(layout.width, MIN_WIDTH);
  return `${entries.map((entry) => explainOne(entry, style, width).join('\n')).join('\n\n')}\n`;
}

function sideBlock(side: ComparedCode, style: Style, width: number): string[] {
  const colour = codeColour(side.code, style);
  const lines: string[] = [];
  lines.push(`${style.bold(colour(String(side.code)))}  ${style.bold(side.title)}`);
  lines.push(
    style.dim(
      `     ${side.digits.first.label} reply · ${side.digits.second.label}${side.catalogued ? '' : ' · not defined by any standard'}`,
    ),
  );
  lines.push(`  ${style.bold('Meaning')}`);
  lines.push(...wrap(side.meaning, width, '    '));
  lines.push(`  ${style.bold('When you meet it')}`);
  lines.push(...wrap(side.whenYouMeetIt, width, '    '));
  lines.push(`  ${style.bold('What to do')}`);
  lines.push(...numbered(side.whatToDo, width, '    '));
  return lines;
}

/**
 * renderCompare renders `ftp-doctor compare A B`: a one-paragraph summary, the key differences
 * as a list, then each code's meaning, when you meet it and what to do.
 */
export function renderCompare(
  comparison: Comparison,
  style: Style,
  layout: TextLayout = DEFAULT_LAYOUT,
): string {
  const width = Math.max(layout.width, MIN_WIDTH);
  const { a, b } = comparison;
  const lines: string[] = [];
  lines.push(
    `${style.bold(codeColour(a.code, style)(String(a.code)))} ${a.title}  ${style.dim('vs')}  ${style.bold(codeColour(b.code, style)(String(b.code)))} ${b.title}`,
  );
  lines.push('');
  lines.push(...wrap(comparison.summary, width, '  '));
  if (comparison.keyDifferences.length > 0) {
    lines.push('');
    lines.push(`  ${style.bold('Key differences')}`);
    for (const difference of comparison.keyDifferences)
      lines.push(...wrap(difference, width, '      ', '    • '));
  }
  lines.push('');
  lines.push(...sideBlock(a, style, width));
  lines.push('');
  lines.push(...sideBlock(b, style, width));
  return `${lines.join('\n')}\n`;
}
