/** REPORT_WIDTH: human reports stay within this many columns, except fix texts meant for pasting. */
export const REPORT_WIDTH = 100;

/**
 * wrapText breaks text into lines of at most `width` columns (counted in code points) at spaces,
 * each prefixed with `indent`; a word longer than a whole line is cut rather than overflowing.
 * Existing line breaks are kept.
 */
export function wrapText(text: string, width: number, indent = ''): string[] {
  const room = Math.max(10, width - [...indent].length);
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
  return [...text].length;
}
