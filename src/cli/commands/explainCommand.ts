import { compareCodes } from '../../knowledge/reference/comparisons.js';
import { explainCode } from '../../knowledge/reference/replyCodes.js';
import { InvalidReplyCodeError, parseReplyCodeArg } from '../../knowledge/reference/replyDigits.js';
import { compareJson, explainJson } from '../../report/explain/explainJson.js';
import { renderCompare, renderExplain } from '../../report/explain/explainText.js';
import { terminalStyle } from '../terminalStyle.js';
import { UsageError } from '../usageError.js';

interface ExplainFlags {
  readonly json?: boolean;
  readonly color: boolean;
}

function parseCodes(inputs: readonly string[]): number[] {
  return inputs.map((input) => {
    try {
      return parseReplyCodeArg(input);
    } catch (error) {
      if (error instanceof InvalidReplyCodeError) throw new UsageError(error.message);
      throw error;
    }
  });
}

function width(): number {
  const columns = process.stdout.columns;
  return columns && columns >= 60 ? Math.min(columns, 100) : 100;
}

/** runExplainCommand: `ftp-doctor explain <code...>`, offline. */
export async function runExplainCommand(inputs: readonly string[], flags: ExplainFlags): Promise<number> {
  const entries = parseCodes(inputs).map(explainCode);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(explainJson(entries), null, 2)}\n`);
  } else {
    process.stdout.write(
      `${renderExplain(entries, await terminalStyle(process.stdout, flags.color), { width: width() })}\n`,
    );
  }
  return 0;
}

/** runCompareCommand: `ftp-doctor compare <a> <b>`, offline. */
export async function runCompareCommand(a: string, b: string, flags: ExplainFlags): Promise<number> {
  const [first, second] = parseCodes([a, b]) as [number, number];
  const comparison = compareCodes(first, second);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(compareJson(comparison), null, 2)}\n`);
  } else {
    process.stdout.write(
      `${renderCompare(comparison, await terminalStyle(process.stdout, flags.color), { width: width() })}\n`,
    );
  }
  return 0;
}
