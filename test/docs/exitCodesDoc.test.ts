import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES, NAGIOS_STATES } from '../../src/knowledge/exitCodes.js';

const doc = readFileSync(new URL('../../docs/exit-codes.md', import.meta.url), 'utf8');

/** The doc's tables are the exit-code table written out; this fails when either changes alone. */
describe('docs/exit-codes.md follows src/knowledge/exitCodes.ts', () => {
  it('lists every exit code with its meaning, in order', () => {
    const expected = [
      '| code | meaning |',
      '|---|---|',
      ...EXIT_CODES.map((r) => `| ${r.code} | ${r.meaning} |`),
    ];
    expect(doc).toContain(expected.join('\n'));
  });

  it('lists the Nagios states', () => {
    const expected = [
      '| code | state | when |',
      '|---|---|---|',
      ...NAGIOS_STATES.map((r) => `| ${r.code} | ${r.state} | ${r.when} |`),
    ];
    expect(doc).toContain(expected.join('\n'));
  });

  it('names each code once in the table', () => {
    const codes = EXIT_CODES.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
