import { CommanderError } from 'commander';
import { EXIT } from '../knowledge/exitCodes.js';
import { chooseLanguage } from './language.js';
import { UsageError } from './usageError.js';

/** The commands that speak another language than English (`--lang`, or the locale). */
const TRANSLATED_COMMANDS: ReadonlySet<string> = new Set(['explain', 'compare']);

/**
 * translatedUsageError: a command-line mistake in `explain` or `compare` that commander found,
 * reported in the language the command would have printed its page in; null when the command is
 * another one, the language is English, or the message has no translation (it is then reported
 * in English as usual).
 */
export async function translatedUsageError(argv: readonly string[], error: unknown): Promise<number | null> {
  if (!(error instanceof CommanderError) || !TRANSLATED_COMMANDS.has(argv[2] ?? '')) return null;
  const language = languageOf(argv.slice(3));
  if (language === 'en') return null;
  const { FRENCH } = await import('../knowledge/reference/fr/french.js');
  const message = FRENCH.explain.commandLineError(error.code, error.message);
  if (message === null) return null;
  process.stderr.write(`ftp-doctor: ${message}\n${FRENCH.explain.usageHint}\n`);
  return EXIT.usage;
}

/** languageOf: the `--lang` of the command line, else the locale; English when `--lang` is not one. */
function languageOf(args: readonly string[]): ReturnType<typeof chooseLanguage> {
  const index = args.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  const flag = index < 0 ? undefined : (args[index]!.split('=')[1] ?? args[index + 1]);
  try {
    return chooseLanguage(flag, process.env);
  } catch (error) {
    if (error instanceof UsageError) return 'en';
    throw error;
  }
}
