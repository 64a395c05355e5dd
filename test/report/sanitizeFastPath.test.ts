import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitizeForTerminal } from '../../src/report/text/sanitize.js';

// Plain ASCII skips the per-character loop. The shortcut must not change any result.
describe('sanitizeForTerminal on plain ASCII', () => {
  it('returns printable ASCII unchanged, single- and multi-line', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[\x20-\x7e\n]{0,300}$/), (text) => {
        expect(sanitizeForTerminal(text, { multiline: true })).toBe(text);
        expect(sanitizeForTerminal(text)).toBe(text.replaceAll('\n', '\\n'));
      }),
    );
  });

  it('still cuts long ASCII text and still escapes what follows plain text', () => {
    expect(sanitizeForTerminal('a'.repeat(12), { maxChars: 10 })).toBe(`${'a'.repeat(10)}…(2 more chars)`);
    expect(sanitizeForTerminal('220 ok\x1b[2J')).toBe('220 ok\\x1b[2J');
    expect(sanitizeForTerminal('220 ok\r\n', { multiline: true })).toBe('220 ok\n');
    expect(sanitizeForTerminal('220 ok\r')).toBe('220 ok\\r');
  });
});
