import { compareCodes } from '../../knowledge/reference/comparisons.js';
import { explainCode } from '../../knowledge/reference/replyCodes.js';
import { InvalidReplyCodeError, parseReplyCodeArg } from '../../knowledge/reference/replyDigits.js';
import type { Language, ReferenceTranslation } from '../../knowledge/reference/translation.js';
import { compareJson, explainJson } from '../../report/explain/explainJson.js';
import { renderCompare, renderExplain } from '../../report/explain/explainText.js';
import { DEFAULT_WIDTH } from '../../report/text/wrapText.js';
import { chooseLanguage } from '../language.js';
import { terminalStyle, terminalWidth } from '../terminalStyle.js';
import { UsageError } from '../usageError.js';

interface ExplainFlags {
  readonly json?: boolean;
  readonly color: boolean;
  /** `--lang`; when absent the locale decides (see chooseLanguage). */
  readonly lang?: string;
}

/** parseCodes reads the code arguments; a bad one is a usage error in the page's language. */
function parseCodes(inputs: readonly string[], translation: ReferenceTranslation | undefined): number[] {
  return inputs.map((input) => {
    try {
      return parseReplyCodeArg(input);
    } catch (error) {
      if (error instanceof InvalidReplyCodeError) {
        if (!translation) throw new UsageError(error.message);
        throw new UsageError(
          translation.explain.invalidCode(input, error.reason),
          translation.explain.usageHint,
        );
      }
      throw error;
    }
  });
}

/**
 * EXPLAIN_MAX_WIDTH: on a wide terminal the page stops here; longer lines are harder to read.
 * A pipe or file gets the report width (80), like the probe report, so `| head` or `| less` in an
 * 80-column terminal never sees a line the terminal would split inside a word.
 */
const EXPLAIN_MAX_WIDTH = 100;

function width(): number {
  const columns = terminalWidth(process.stdout);
  return columns === null ? DEFAULT_WIDTH : Math.min(columns, EXPLAIN_MAX_WIDTH);
}

/** translationFor loads a translation only when one is asked for, so English runs never load it. */
async function translationFor(language: Language): Promise<ReferenceTranslation | undefined> {
  if (language === 'en') return undefined;
  const { FRENCH } = await import('../../knowledge/reference/fr/french.js');
  return FRENCH;
}

/** runExplainCommand: `ftp-doctor explain <code...>`, offline. */
export async function runExplainCommand(inputs: readonly string[], flags: ExplainFlags): Promise<number> {
  const language = chooseLanguage(flags.lang, process.env);
  const translation = await translationFor(language);
  const codes = parseCodes(inputs, translation);
  const entries = codes.map((code) => explainCode(code, translation));
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(explainJson(entries, language), null, 2)}\n`);
  } else {
    const style = await terminalStyle(process.stdout, flags.color);
    const titles = translation?.documentTitles;
    process.stdout.write(`${renderExplain(entries, style, { width: width() }, language, titles)}\n`);
  }
  return 0;
}

/** runCompareCommand: `ftp-doctor compare <code> <other-code>`, offline. */
export async function runCompareCommand(a: string, b: string, flags: ExplainFlags): Promise<number> {
  const language = chooseLanguage(flags.lang, process.env);
  const translation = await translationFor(language);
  const [first, second] = parseCodes([a, b], translation) as [number, number];
  const comparison = compareCodes(first, second, translation);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(compareJson(comparison, language), null, 2)}\n`);
  } else {
    const style = await terminalStyle(process.stdout, flags.color);
    const titles = translation?.documentTitles;
    process.stdout.write(`${renderCompare(comparison, style, { width: width() }, language, titles)}\n`);
  }
  return 0;
}
