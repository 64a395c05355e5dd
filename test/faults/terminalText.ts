/**
 * Checks for text that reaches a terminal: the control characters a hostile server would like
 * to smuggle through (docs/architecture.md, "Data flow": server text never reaches the terminal raw).
 */

// C0 controls except TAB, LF and CR; DEL; C1 controls; bidi embeddings, overrides and isolates.
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

/** unsafeTerminalChars lists each unsafe character found (as `U+XXXX at N`), at most `limit`. */
export function unsafeTerminalChars(text: string, limit = 5): string[] {
  const found: string[] = [];
  const all = new RegExp(UNSAFE.source, 'gu');
  for (const match of text.matchAll(all)) {
    const code = match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    const context = JSON.stringify(text.slice(Math.max(0, match.index - 20), match.index + 20));
    found.push(`U+${code} at ${match.index}: ${context}`);
    if (found.length >= limit) break;
  }
  return found;
}

/** hasUnsafeTerminalChars: ESC, other C0/C1 controls, NUL, backspace or a bidi override. */
export function hasUnsafeTerminalChars(text: string): boolean {
  return UNSAFE.test(text);
}
