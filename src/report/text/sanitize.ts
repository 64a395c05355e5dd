/**
 * Everything a server sends is untrusted: a banner can carry escape sequences that recolour or
 * clear a terminal, rewrite its title, or (OSC 52) write to the clipboard; bidi overrides can make
 * `exe.txt` read as `txt.exe`. Renderers pass every server-originated string through one of these
 * functions, so the only way such characters appear in output is as visible escapes.
 */

/** DEFAULT_MAX_CHARS: longer texts are cut, and the cut is said out loud. */
export const DEFAULT_MAX_CHARS = 2000;

/** TerminalTextOptions: how much text to keep and whether line feeds may stay line feeds. */
export interface TerminalTextOptions {
  /** Characters (code points) of input kept before the `…(N more chars)` marker. */
  readonly maxChars?: number;
  /** Keep LF as a real line break (CR LF becomes LF). Otherwise LF is shown as `\n`. */
  readonly multiline?: boolean;
}

/**
 * Hangul fillers and the Braille blank render as nothing, which makes them handy for spoofing,
 * yet Unicode files them as letters or symbols, so no general category catches them.
 */
const INVISIBLE_LETTERS = new Set([0x115f, 0x1160, 0x3164, 0xffa0, 0x2800]);

const UNSAFE_CATEGORY = /^[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]$/u;

/**
 * needsEscape: C0 and C1 controls and DEL (Cc), format characters such as bidi controls and
 * zero-width joiners (Cf), the line and paragraph separators (Zl, Zp), lone surrogates (Cs, which
 * cannot be encoded) and the invisible letters above.
 */
function needsEscape(char: string, codePoint: number): boolean {
  return UNSAFE_CATEGORY.test(char) || INVISIBLE_LETTERS.has(codePoint);
}

const NAMED_ESCAPES: ReadonlyMap<number, string> = new Map([
  [0x09, '\\t'],
  [0x0a, '\\n'],
  [0x0d, '\\r'],
]);

/** visibleEscape spells a code point the way a JavaScript string literal would. */
function visibleEscape(codePoint: number): string {
  const named = NAMED_ESCAPES.get(codePoint);
  if (named !== undefined) return named;
  if (codePoint <= 0xff) return `\\x${codePoint.toString(16).padStart(2, '0')}`;
  if (codePoint <= 0xffff) return `\\u${codePoint.toString(16).padStart(4, '0')}`;
  return `\\u{${codePoint.toString(16)}}`;
}

/** Printable ASCII only (with LF for multiline text): nothing to escape, nothing to count twice. */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;
const PLAIN_ASCII_LINES = /^[\x20-\x7e\n]*$/;

/**
 * sanitizeForTerminal makes untrusted text safe to print: every control, format, separator or
 * invisible character becomes a visible escape (`\x1b`, `\x00`, `\u202e`, `\u200b`), so
 * `ESC[2J` prints as the harmless text `\x1b[2J`. U+FFFD (what undecodable bytes became) stays,
 * since it is visible and honest. With `multiline`, CR LF becomes LF and LF stays (a lone CR is escaped);
 * otherwise LF is shown as `\n`. Text longer than `maxChars` code points is cut and ends with
 * `…(N more chars)`.
 */
export function sanitizeForTerminal(text: string, options: TerminalTextOptions = {}): string {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const multiline = options.multiline ?? false;
  // Most text is plain ASCII and passes unchanged; checking it in one go keeps the per-character
  // loop below from running hot enough for V8 to optimise it, which alone costs a probe ~3 MB of
  // RSS (measured with npm run bench).
  if (text.length <= maxChars && (multiline ? PLAIN_ASCII_LINES : PLAIN_ASCII).test(text)) return text;
  // Only CR LF counts as a line end: a lone CR would let text overwrite what came before it.
  const source = multiline ? text.replaceAll('\r\n', '\n') : text;
  let out = '';
  let kept = 0;
  let total = 0;
  for (const char of source) {
    total += 1;
    if (kept >= maxChars) continue;
    kept += 1;
    const codePoint = char.codePointAt(0)!;
    if (codePoint === 0x0a && multiline) {
      out += '\n';
    } else if (needsEscape(char, codePoint)) {
      out += visibleEscape(codePoint);
    } else {
      out += char;
    }
  }
  return total > kept ? `${out}…(${total - kept} more chars)` : out;
}

/**
 * isXmlChar: the Char production of XML 1.0 §2.2. Anything else (most C0 controls, lone
 * surrogates, U+FFFE, U+FFFF) makes a document ill-formed, so a parser rejects the whole report.
 */
function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x09 ||
    codePoint === 0x0a ||
    codePoint === 0x0d ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

const XML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * sanitizeForXml drops characters XML 1.0 forbids and escapes `& < > " '`, so the result can go
 * into element text or an attribute value. With `attribute`, TAB, LF and CR are written as
 * character references, because attribute-value normalisation would otherwise turn them into
 * spaces. Callers run server text through sanitizeForTerminal first, since XML 1.0 allows ESC-free
 * but still deceptive characters such as bidi overrides.
 */
export function sanitizeForXml(text: string, options: { readonly attribute?: boolean } = {}): string {
  let out = '';
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    if (!isXmlChar(codePoint)) continue;
    const entity = XML_ENTITIES[char];
    if (entity !== undefined) {
      out += entity;
    } else if (options.attribute && (codePoint === 0x09 || codePoint === 0x0a || codePoint === 0x0d)) {
      out += `&#${codePoint};`;
    } else {
      out += char;
    }
  }
  return out;
}

/**
 * escapePrometheusLabel escapes a label value for the Prometheus text exposition format:
 * `\` → `\\`, `"` → `\"`, LF → `\n`. Lone surrogates become U+FFFD, because the format is UTF-8.
 */
export function escapePrometheusLabel(value: string): string {
  return value
    .replace(/\p{Cs}/gu, '\ufffd')
    .replace(/[\\"\n]/g, (char) => (char === '\n' ? '\\n' : `\\${char}`));
}

/**
 * sanitizeNagios makes text fit the monitoring-plugins output rules: `|` starts performance data,
 * so it becomes `¦`; without `multiline` line breaks become spaces, since the status line is one
 * line. Everything else is sanitised as for a terminal (web front ends show it too).
 */
export function sanitizeNagios(text: string, options: TerminalTextOptions = {}): string {
  const flattened = options.multiline ? text : text.replace(/[\r\n]+/g, ' ');
  return sanitizeForTerminal(flattened, options).replaceAll('|', '¦');
}
