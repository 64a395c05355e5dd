import { htmlText } from '../html/htmlText.js';
import type { Timeline, TimelineRow, TimelineSpan } from './timeline.js';

const WIDTH = 960;
const LABEL_WIDTH = 110;
const NOTE_WIDTH = 250;
const CHART_X = LABEL_WIDTH;
const CHART_WIDTH = WIDTH - LABEL_WIDTH - NOTE_WIDTH - 10;
const ROW_HEIGHT = 20;
const GROUP_GAP = 10;
const AXIS_HEIGHT = 22;
/** Any span is drawn at least this wide, so a 0 ms step still shows where it happened. */
const MIN_SPAN_WIDTH = 2;

/** BAR_HEIGHTS: idle connections are thin lines, waits and handshakes stand out. */
const BAR_HEIGHTS: Readonly<Record<TimelineSpan['kind'], number>> = {
  open: 4,
  step: 12,
  data: 12,
  connect: 12,
  wait: 8,
  tls: 12,
};

/** niceStep: an axis step of 1, 2 or 5 times a power of ten giving about six ticks. */
function niceStep(totalMs: number): number {
  const rough = totalMs / 6;
  const power = 10 ** Math.floor(Math.log10(Math.max(rough, 1e-3)));
  for (const factor of [1, 2, 5, 10]) if (factor * power >= rough) return factor * power;
  return 10 * power;
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(2))} s` : `${Number(ms.toFixed(1))} ms`;
}

function spanRect(span: TimelineSpan, y: number, scale: number): string {
  const height = BAR_HEIGHTS[span.kind];
  const x = CHART_X + span.startMs * scale;
  const width = Math.max(MIN_SPAN_WIDTH, (span.endMs - span.startMs) * scale);
  const top = y + (ROW_HEIGHT - height) / 2;
  return (
    `<rect class="span k-${span.kind} t-${span.tone}" x="${x.toFixed(1)}" y="${top}" width="${width.toFixed(1)}" height="${height}">` +
    `<title>${htmlText(`${span.label} (${formatMs(span.startMs)} to ${formatMs(span.endMs)})`, { maxChars: 300 })}</title></rect>`
  );
}

function rowMarkup(row: TimelineRow, y: number, scale: number): string {
  const middle = y + ROW_HEIGHT / 2 + 4;
  return [
    `<g class="row g-${row.group}" data-row="${htmlText(row.label, { maxChars: 40 })}">`,
    `<text class="label" x="4" y="${middle}">${htmlText(row.label, { maxChars: 40 })}</text>`,
    ...row.spans.map((span) => spanRect(span, y, scale)),
    `<text class="note" x="${CHART_X + CHART_WIDTH + 8}" y="${middle}">${htmlText(row.endpoint === undefined ? row.note : `${row.endpoint} ${row.note}`, { maxChars: 80 })}</text>`,
    '</g>',
  ].join('');
}

/**
 * renderTimelineSvg draws a timeline as inline SVG, to scale: a time axis, a row per step and per
 * connection, each span a rectangle whose class names its kind and tone (the page's stylesheet
 * colours them) and whose <title> says what it was. All text is escaped.
 */
export function renderTimelineSvg(timeline: Timeline): string {
  const scale = CHART_WIDTH / timeline.totalMs;
  const rows: string[] = [];
  let y = AXIS_HEIGHT;
  let group: TimelineRow['group'] | null = null;
  for (const row of timeline.rows) {
    if (group !== null && row.group !== group) y += GROUP_GAP;
    group = row.group;
    rows.push(rowMarkup(row, y, scale));
    y += ROW_HEIGHT;
  }
  const height = y + 4;
  const ticks: string[] = [];
  const step = niceStep(timeline.totalMs);
  for (let ms = 0; ms <= timeline.totalMs + 1e-9; ms += step) {
    const x = (CHART_X + ms * scale).toFixed(1);
    ticks.push(
      `<line class="tick" x1="${x}" y1="${AXIS_HEIGHT - 4}" x2="${x}" y2="${height}"/>`,
      `<text class="axis" x="${x}" y="${AXIS_HEIGHT - 8}" text-anchor="middle">${formatMs(ms)}</text>`,
    );
  }
  return [
    `<svg class="timeline" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="Timeline of the probe, ${formatMs(timeline.totalMs)}">`,
    ...ticks,
    ...rows,
    '</svg>',
  ].join('\n');
}
