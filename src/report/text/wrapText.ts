/**
 * DEFAULT_WIDTH: the width of a human report when the terminal's is unknown or output is piped.
 * Reports stay within their width, except command lines of fixes, which are never broken.
 */
export const DEFAULT_WIDTH = 80;

/**
 * wrapText breaks text into lines of at most `width` columns (counted in code points) at spaces,
 * each prefixed with `indent`; a word longer than a whole line is cut rather than overflowing.
 * Existing line breaks are kept.
 */
export function wrapText(text: string, width: number, indent = ''): string[] {
  const room = Math.max(10, width - columns(indent));
  // Text without surrogates (nearly every report) has one code point per UTF-16 unit: no need to
  // split every word into code points to measure it (a tenth of a fleet run's CPU; measured with npm run bench).
  if (ONE_UNIT_PER_CODE_POINT.test(text)) return wrapByUnits(text, room, indent);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      let rest = word;
      while ([...rest].length > room) {
        if (line !== '') {
          lines.push(line);
          line = '';
        }
        const chars = [...rest];
        lines.push(chars.slice(0, room).join(''));
        rest = chars.slice(room).join('');
      }
      if (line === '') line = rest;
      else if ([...line].length + 1 + [...rest].length <= room) line += ` ${rest}`;
      else {
        lines.push(line);
        line = rest;
      }
    }
    lines.push(line);
  }
  return lines.map((line) => (line === '' ? '' : indent + line));
}

/** columns counts the code points of a string, the unit the report layout works in. */
export function columns(text: string): number {
  return ONE_UNIT_PER_CODE_POINT.test(text) ? text.length : [...text].length;
}

/** No surrogate at all: `length` counts code points. */
const ONE_UNIT_PER_CODE_POINT = /^[^\uD800-\uDFFF]*$/;

/** wrapByUnits is wrapText for text whose length counts code points. */
function wrapByUnits(text: string, room: number, indent: string): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      let rest = word;
      while (rest.length > room) {
        if (line !== '') {
          lines.push(line);
          line = '';
        }
        lines.push(rest.slice(0, room));
        rest = rest.slice(room);
      }
      if (line === '') line = rest;
      else if (line.length + 1 + rest.length <= room) line += ` ${rest}`;
      else {
        lines.push(line);
        line = rest;
      }
    }
    lines.push(line);
  }
  return lines.map((line) => (line === '' ? '' : indent + line));
}
