import { describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../src/report/formats/html.js';
import { probeFake } from '../support/probeHelpers.js';

const CONTEXT = { toolVersion: '9.9.9', generatedAt: '2025-02-08T09:31:20.000Z' };

/** rowsOf: the cells of each table row of one section, tags removed, entities as written. */
function rowsOf(html: string, section: string): string[][] {
  const body = new RegExp(`<section class="${section}">([\\s\\S]*?)</section>`).exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((cell) => cell[1]!.replace(/<[^>]+>/g, '')),
  );
}

describe('HTML report against a probe of a fake server', () => {
  it('marks the second control connection apart from events, and says so in the legend', async () => {
    const report = await probeFake({});
    const secondLines = report.probe.transcript.filter((entry) =>
      entry.text.startsWith('second connection '),
    );
    expect(secondLines.length).toBeGreaterThan(2);
    const html = renderHtmlReport([report], CONTEXT);
    const rows = rowsOf(html, 'transcript');
    const pasvRow = rows.find((cells) => cells[3] === 'PASV');
    expect(pasvRow?.[1]).toBe('2&gt;');
    expect(rows.some((cells) => cells[1] === '2&lt;' && /^227 /.test(cells[3]!))).toBe(true);
    // No line of the second connection is left marked as an event of the first.
    expect(rows.filter((cells) => cells[1] === '*' && /^second connection [<>]/.test(cells[3]!))).toEqual([]);
    expect(html).toContain('2&gt; 2&lt; sent and received on the second control connection');
  });

  it('shows EPSV ALL under the epsv step as sent at the end, with QUIT', async () => {
    const report = await probeFake({});
    const epsv = report.probe.steps.find((step) => step.name === 'epsv');
    expect(epsv?.ran && epsv.exchanges.some((exchange) => exchange.command === 'EPSV ALL')).toBe(true);
    const html = renderHtmlReport([report], CONTEXT);
    const epsvRow = rowsOf(html, 'steps').find((cells) => cells[1] === 'epsv')!;
    expect(epsvRow[2]).toMatch(/EPSV ALL → 200 [^\n]*\(sent at the end, just before QUIT\)/);
    // The transcript agrees: EPSV ALL is the command before QUIT.
    const sent = report.probe.transcript
      .filter((entry) => entry.direction === 'sent')
      .map((entry) => entry.text);
    expect(sent.slice(-2)).toEqual(['EPSV ALL', 'QUIT']);
  });
});
