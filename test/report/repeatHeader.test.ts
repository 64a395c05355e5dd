import { describe, expect, it } from 'vitest';
import { combineSessions } from '../../src/knowledge/diagnosis/repeatedSessions.js';
import type { TargetReport } from '../../src/knowledge/types.js';
import { renderHuman, renderSummaryTable } from '../../src/report/formats/human.js';
import { plainStyle } from '../../src/report/text/style.js';
import { healthyVsftpd } from './fixtures.js';

/** session: the healthy report as the n-th of a series, started `atMs` after the first, lasting `ms`. */
function session(atMs: number, ms: number): TargetReport {
  const startedAt = new Date(Date.parse('2026-03-01T10:00:00.000Z') + atMs).toISOString();
  return { ...healthyVsftpd, probe: { ...healthyVsftpd.probe, startedAt, durationMs: ms } };
}

describe('--repeat: the header times the whole series', () => {
  // Five sessions of about 30 ms, 200 ms apart: the run took 830 ms, not one session's 30.
  const series = combineSessions([0, 230, 460, 690, 920].map((at) => session(at, at === 920 ? 0 : 30)));

  it('says how many sessions and how long the run took, pauses included', () => {
    expect(series.repeat.durationMs).toBe(920);
    expect(series.repeat.startedAt).toBe('2026-03-01T10:00:00.000Z');
    const text = renderHuman(series, { style: plainStyle, verbosity: 0, fixDialects: null });
    expect(text).toMatch(/probed +2026-03-01T10:00:00\.000Z: 5 sessions in 920 ms/);
  });

  it('the summary table over several targets gives the same time', () => {
    const table = renderSummaryTable([series, series], plainStyle, 100);
    expect(table).toContain('920 ms');
  });

  it('a single session keeps its own time', () => {
    const text = renderHuman(session(0, 42), { style: plainStyle, verbosity: 0, fixDialects: null });
    expect(text).toMatch(/probed +2026-03-01T10:00:00\.000Z in 42 ms/);
  });
});
