import { describe, expect, it } from 'vitest';
import type { TargetReport } from '../../src/knowledge/types.js';
import { loadFormat, type OutputFormat, type RenderContext } from '../../src/report/formats/registry.js';
import { plainStyle } from '../../src/report/text/style.js';
import { healthyVsftpd } from './fixtures.js';

/** A target that works with warnings: exit 0, or 1 under --strict. */
const withWarnings: TargetReport = {
  ...healthyVsftpd,
  diagnosis: {
    ...healthyVsftpd.diagnosis,
    verdict: { status: 'warning', exitCode: 0, headline: 'WORKS WITH WARNINGS: the clock is off.' },
  },
};

function context(strict: boolean, quiet = false): RenderContext {
  return {
    toolVersion: '0.0.0-test',
    exitCode: strict ? 1 : 0,
    strict,
    verbosity: 0,
    quiet,
    width: null,
    style: plainStyle,
    fixDialects: null,
    warningMs: null,
    criticalMs: null,
    nowMs: Date.parse('2026-01-01T00:00:00Z'),
  };
}

/** Where each format states a target's exit code, read back as a number. */
const STATED: Partial<Record<OutputFormat, (text: string, summary: string) => number[]>> = {
  human: (text) => [...text.matchAll(/\(exit (\d+)/g)].map((m) => Number(m[1])),
  github: (text, summary) => [...`${text}\n${summary}`.matchAll(/\(exit (\d+)/g)].map((m) => Number(m[1])),
  junit: (text) => [...text.matchAll(/name="exitCode" value="(\d+)"/g)].map((m) => Number(m[1])),
  html: (text) => [...text.matchAll(/class="exit">exit (\d+)/g)].map((m) => Number(m[1])),
  prometheus: (text) => [...text.matchAll(/^ftp_doctor_exit_code\{[^}]*\} (\d+)/gm)].map((m) => Number(m[1])),
};

describe('the exit code a report states', () => {
  for (const [name, read] of Object.entries(STATED)) {
    it(`${name}: is the one the process returns, 1 for warnings under --strict`, async () => {
      const format = await loadFormat(name as OutputFormat);
      for (const strict of [false, true]) {
        const rendered = format.render([withWarnings], context(strict));
        const stated = read(rendered.text, rendered.githubSummary ?? '');
        expect(stated.length).toBeGreaterThan(0);
        expect(new Set(stated)).toEqual(new Set([strict ? 1 : 0]));
      }
    });
  }

  it('the -q line states the exit code the process returns', async () => {
    const human = await loadFormat('human');
    expect(human.render([withWarnings], context(true, true)).text).toMatch(
      /^WORKS WITH WARNINGS .* \(exit 1\): /,
    );
    expect(human.render([withWarnings], context(false, true)).text).toMatch(/\(exit 0\): /);
  });

  it('the summary table over several targets states it too', async () => {
    const human = await loadFormat('human');
    const text = human.render([withWarnings, withWarnings], context(true)).text;
    const rows = text.split('\n').filter((row) => row.startsWith('ftp://'));
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatch(/WARNING\s+1\s/);
  });

  it('nagios names only the plugin state, which is its exit code', async () => {
    const nagios = await loadFormat('nagios');
    const text = nagios.render([withWarnings], context(true)).text;
    expect(text).not.toMatch(/\(exit \d+\)/);
  });
});
