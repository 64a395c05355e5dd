import { InvalidReplyCodeError, parseReplyCodeArg } from '../knowledge/reference/replyDigits.js';

/**
 * QuickCommand is a command line simple enough to run without building the commander program:
 * `--version`, and `explain`/`compare` with valid codes and only their own flags. Commander
 * costs more to load than the rest of such a run (measured with npm run bench); anything else goes through it.
 */
export type QuickCommand =
  | { readonly kind: 'version' }
  | {
      readonly kind: 'explain' | 'compare';
      readonly codes: readonly string[];
      readonly json: boolean;
      readonly color: boolean;
      /** `--lang` as given (checked by chooseLanguage), or undefined for the locale's choice. */
      readonly lang?: string;
    };

/** The flags `explain` and `compare` take; any other dash-word is left to commander. */
const CODE_FLAGS = new Set(['--json', '--no-color']);
/** `--lang` values taken here; anything else goes to commander, which reports it. */
const QUICK_LANGUAGES = new Set(['en', 'fr']);

/**
 * parseQuickCommand reads the arguments after the program name. It answers only where commander
 * would parse the same line to the same call and the command cannot fail on its input; it
 * returns null for everything else (help, typos, bad codes, `--`, combined or unknown flags), so
 * every message and exit code of those cases comes from one place.
 */
export function parseQuickCommand(args: readonly string[]): QuickCommand | null {
  const [command, ...rest] = args;
  if (rest.length === 0 && (command === '--version' || command === '-V')) return { kind: 'version' };
  if (command !== 'explain' && command !== 'compare') return null;
  const codes: string[] = [];
  let json = false;
  let color = true;
  let lang: string | undefined;
  for (let index = 0; index < rest.length; index++) {
    const arg = rest[index]!;
    if (arg === '--lang' || arg.startsWith('--lang=')) {
      const value = arg === '--lang' ? rest[++index] : arg.slice('--lang='.length);
      if (value === undefined || !QUICK_LANGUAGES.has(value)) return null;
      lang = value;
    } else if (arg.startsWith('-')) {
      if (!CODE_FLAGS.has(arg)) return null;
      if (arg === '--json') json = true;
      else color = false;
    } else if (isValidCode(arg)) {
      codes.push(arg);
    } else {
      return null;
    }
  }
  if (command === 'explain' ? codes.length === 0 : codes.length !== 2) return null;
  return lang === undefined
    ? { kind: command, codes, json, color }
    : { kind: command, codes, json, color, lang };
}

function isValidCode(arg: string): boolean {
  try {
    parseReplyCodeArg(arg);
    return true;
  } catch (error) {
    if (error instanceof InvalidReplyCodeError) return false;
    throw error;
  }
}
