import { describe, expect, it } from 'vitest';
import { renderHuman } from '../../src/report/formats/human.js';
import { columns } from '../../src/report/text/wrapText.js';
import { buildTimeline, type TimelineRow } from '../../src/report/timeline/timeline.js';
import { renderTimelineText } from '../../src/report/timeline/timelineText.js';
import { ALL_FIXTURES, pasvFiltered, tlsExpired } from '../report/fixtures.js';

function row(rows: readonly TimelineRow[], label: string): TimelineRow {
  const found = rows.find((candidate) => candidate.label === label);
  if (!found) throw new Error(`no row ${label}: ${rows.map((r) => r.label).join(', ')}`);
  return found;
}

describe('buildTimeline', () => {
  it('has a row per step that ran, in the probe order, with its measured start and duration', () => {
    for (const report of Object.values(ALL_FIXTURES)) {
      const timeline = buildTimeline(report);
      const ran = report.probe.steps.filter((step) => step.ran);
      const steps = timeline.rows.filter((r) => r.group === 'step');
      expect(steps.map((r) => r.label)).toEqual(ran.map((step) => step.name));
      steps.forEach((r, index) => {
        const step = ran[index]!;
        expect(r.spans[0]).toMatchObject({
          startMs: step.startedAtMs,
          endMs: step.startedAtMs + step.durationMs,
        });
      });
      for (const r of timeline.rows)
        for (const span of r.spans) expect(span.endMs).toBeLessThanOrEqual(timeline.totalMs);
    }
  });

  it('draws a filtered PASV port as a failed data connection lasting the whole wait', () => {
    const timeline = buildTimeline(pasvFiltered);
    const pasv = row(timeline.rows, 'PASV data');
    const pasvStep = pasvFiltered.probe.steps.find((step) => step.name === 'pasv')!;
    expect(pasv.note).toBe('no answer in 5003 ms');
    expect(pasv.endpoint).toBe('198.51.100.7:40140');
    expect(pasv.spans).toEqual([
      expect.objectContaining({
        kind: 'data',
        tone: 'fail',
        endMs: pasvStep.startedAtMs + pasvStep.durationMs,
      }),
    ]);
    expect(pasv.spans[0]!.endMs - pasv.spans[0]!.startMs).toBe(5003);
    expect(row(timeline.rows, 'EPSV data').spans[0]).toMatchObject({ kind: 'data', tone: 'ok' });
  });

  it('puts the TLS handshake on the control connection, after the AUTH TLS exchange', () => {
    const timeline = buildTimeline(tlsExpired);
    const tlsStep = tlsExpired.probe.steps.find((step) => step.name === 'tls')!;
    const control = row(timeline.rows, 'control');
    const handshake = control.spans.find((span) => span.kind === 'tls')!;
    expect(handshake.startMs).toBe(tlsStep.startedAtMs + tlsStep.exchanges[0]!.durationMs);
    expect(handshake.endMs - handshake.startMs).toBe(tlsStep.data!.handshakeMs);
    expect(control.spans.filter((span) => span.kind === 'connect')).toHaveLength(1);
  });

  it('puts an implicit TLS handshake at the start of the TLS step, with no AUTH TLS before it', () => {
    const steps = tlsExpired.probe.steps.map((step) =>
      step.name === 'tls' && step.data
        ? {
            ...step,
            exchanges: [{ command: null, replies: [], durationMs: 40 }],
            data: { ...step.data, mode: 'implicit' },
          }
        : step,
    ) as typeof tlsExpired.probe.steps;
    const implicit = { ...tlsExpired, probe: { ...tlsExpired.probe, steps } };
    const tlsStep = steps.find((step) => step.name === 'tls')!;
    const handshake = row(buildTimeline(implicit).rows, 'control').spans.find((span) => span.kind === 'tls')!;
    expect(handshake.startMs).toBe(tlsStep.startedAtMs);
  });

  it('marks a refused control connection as failed and draws no idle connection after it', () => {
    const control = row(buildTimeline(ALL_FIXTURES.connectionRefused!).rows, 'control');
    expect(control.spans).toEqual([expect.objectContaining({ kind: 'connect', tone: 'fail' })]);
  });
});

describe('renderTimelineText', () => {
  it('fits the width it is given, one row per step and connection', () => {
    for (const report of Object.values(ALL_FIXTURES)) {
      const timeline = buildTimeline(report);
      for (const width of [60, 80, 132]) {
        const lines = renderTimelineText(timeline, { width, ascii: false });
        for (const line of lines) expect(columns(line), line).toBeLessThanOrEqual(width);
        expect(lines.filter((line) => line.includes('│'))).toHaveLength(timeline.rows.length);
      }
    }
  });

  it('keeps to printable ASCII with ascii: true', () => {
    for (const report of Object.values(ALL_FIXTURES)) {
      for (const line of renderTimelineText(buildTimeline(report), { width: 80, ascii: true })) {
        expect(line).toMatch(/^[\x20-\x7e]*$/);
      }
    }
  });

  it('draws to scale: a 5 s wait in a 5.4 s probe fills most of its row', () => {
    const lines = renderTimelineText(buildTimeline(pasvFiltered), { width: 100, ascii: true });
    const pasv = lines.find((line) => line.trimStart().startsWith('PASV data'))!;
    const bar = /\|([^|]*)\|/.exec(pasv)![1]!;
    const failed = [...bar].filter((char) => char === 'x').length;
    expect(failed / bar.length).toBeGreaterThan(0.85);
    expect(failed / bar.length).toBeLessThan(0.98);
    const epsv = lines.find((line) => line.trimStart().startsWith('EPSV data'))!;
    expect(/\|([^|]*)\|/.exec(epsv)![1]!.replaceAll(' ', '')).toBe('#');
  });
});

describe('the human report with --timeline', () => {
  it('draws the chart under the step list, and only when asked', () => {
    const base = { style: undefined as never, verbosity: 0 as const, fixDialects: null };
    const plain = {
      bold: String,
      dim: String,
      red: String,
      yellow: String,
      green: String,
      cyan: String,
      gray: String,
    };
    const without = renderHuman(pasvFiltered, { ...base, style: plain });
    const withChart = renderHuman(pasvFiltered, {
      ...base,
      style: plain,
      timeline: { width: 90, ascii: false },
    });
    expect(without).not.toContain('Timeline');
    const steps = withChart.indexOf('\nSteps\n');
    const timeline = withChart.indexOf('\nTimeline ');
    // The problems lead the report; the chart follows the step list.
    const findings = withChart.indexOf('\nProblems');
    expect(findings).toBeGreaterThan(0);
    expect(steps).toBeGreaterThan(findings);
    expect(timeline).toBeGreaterThan(steps);
  });
});
