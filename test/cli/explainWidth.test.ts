import { describe, expect, it } from 'vitest';
import { runCli } from '../support/runCli.js';
import { runInPty, scriptSkipReason } from './ptyRun.js';

const skip = scriptSkipReason();

function longest(text: string): number {
  return Math.max(...text.split(/\r?\n/).map((line) => [...line].length));
}

describe('ftp-doctor explain fits its output', () => {
  it('piped: at most 80 columns, the report width, so an 80-column pager never splits a word', async () => {
    for (const args of [
      ['explain', '425'],
      ['explain', '530', '421'],
      ['compare', '425', '426'],
    ]) {
      const run = await runCli(args);
      expect(run.code, run.stderr).toBe(0);
      expect(longest(run.stdout)).toBeLessThanOrEqual(80);
      // Wrapped, not merely short: the long paragraphs fill the width.
      expect(longest(run.stdout)).toBeGreaterThan(70);
    }
  });

  it.skipIf(skip !== null)('on a terminal: the terminal width, up to 100 columns', async () => {
    const narrow = await runInPty(['explain', '425', '--no-color'], { columns: 60 });
    expect(narrow.code, narrow.text).toBe(0);
    // An address wider than the terminal stands alone at the left edge, whole, to be copied.
    const lines = narrow.text.split(/\r?\n/);
    const whole = lines.filter((line) => /^\S+$/.test(line) && line.length > 60);
    expect(whole.every((line) => line.startsWith('https://'))).toBe(true);
    expect(longest(lines.filter((line) => !whole.includes(line)).join('\n'))).toBeLessThanOrEqual(60);
    const wide = await runInPty(['explain', '425', '--no-color'], { columns: 140 });
    expect(longest(wide.text)).toBeLessThanOrEqual(100);
    expect(longest(wide.text)).toBeGreaterThan(80);
  });
});
