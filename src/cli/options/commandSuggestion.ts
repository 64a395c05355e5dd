import { closestWord } from '../../config/closestWord.js';

/**
 * suggestCommand: the command a mistyped first word most likely meant (`exlpain` → explain), or
 * null. Words that look like host names, addresses or URLs are never read as typos.
 */
export function suggestCommand(word: string, commands: readonly string[]): string | null {
  if (word.length < 3 || /[.:/@[\]]/.test(word) || commands.includes(word)) return null;
  return closestWord(word, commands);
}
