import { isLanguage, LANGUAGES, type Language } from '../knowledge/reference/translation.js';
import { UsageError } from './usageError.js';

/**
 * chooseLanguage picks the language of `explain` and `compare`: `--lang` when given, else the
 * locale the way POSIX ranks it for messages (LC_ALL, then LC_MESSAGES, then LANG; the first one
 * set and not empty wins), else English. Only the language part counts: fr_FR.UTF-8, fr_CA and
 * fr all mean French; C, POSIX and unknown languages mean English.
 *
 * @throws UsageError when `--lang` names a language the reference does not speak.
 */
export function chooseLanguage(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Language {
  if (flag !== undefined) {
    const wanted = flag.trim().toLowerCase();
    if (isLanguage(wanted)) return wanted;
    throw new UsageError(`--lang ${JSON.stringify(flag)} is not supported: use ${LANGUAGES.join(' or ')}.`);
  }
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  const language = locale?.split(/[_.@-]/)[0]?.toLowerCase() ?? '';
  return isLanguage(language) ? language : 'en';
}
