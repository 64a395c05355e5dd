import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columns, wrapText } from '../../src/report/text/wrapText.js';

/** The code-point wrapping that wrapText does for any text, kept here as the reference. */
function wrapByCodePoints(text: string, width: number, indent = ''): string[] {
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

// Text without surrogates takes a shortcut that measures with .length; it must wrap
// the same.
describe('wrapText', () => {
  it('wraps text without surrogates exactly as the code-point reference does', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z .\n—→é-]{0,200}$/),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom('', '  ', '      '),
        (text, width, indent) => {
          expect(wrapText(text, width, indent)).toEqual(wrapByCodePoints(text, width, indent));
        },
      ),
    );
  });

  it('counts code points, not UTF-16 units, when there are surrogate pairs', () => {
    expect(columns('a—c')).toBe(3);
    expect(columns('a😀b')).toBe(3);
    expect(wrapText('😀😀😀😀😀😀😀😀😀😀😀😀', 10)).toEqual(['😀😀😀😀😀😀😀😀😀😀', '😀😀']);
  });
});
