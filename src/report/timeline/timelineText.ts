import { sanitizeForTerminal } from '../text/sanitize.js';
import { plainStyle, type Style } from '../text/style.js';
import { columns } from '../text/wrapText.js';
import type { SpanKind, SpanTone, Timeline, TimelineRow } from './timeline.js';

/** TimelineTextOptions: the chart's width in columns and whether to keep to ASCII. */
export interface TimelineTextOptions {
  readonly width: number;
  readonly ascii: boolean;
  readonly style?: Style;
}

const GLYPHS: Readonly<Record<'unicode' | 'ascii', Readonly<Record<SpanKind | 'failed', string>>>> = {
  unicode: { step: '█', connect: '▒', tls: '▓', wait: '░', open: '─', data: '█', failed: '╳' },
  ascii: { step: '#', connect: '+', tls: 'T', wait: '.', open: '-', data: '#', failed: 'x' },
};

/** Where spans overlap in one column, the more telling kind wins. */
const PRIORITY: Readonly<Record<SpanKind, number>> = {
  open: 0,
  step: 1,
  data: 1,
  connect: 2,
  wait: 3,
  tls: 4,
};

const LABEL_WIDTH = 13;
const MIN_CHART = 20;
/** Notes get what they need up to this many columns; the chart gets the rest. */
const MAX_NOTE_WIDTH = 24;

function toned(style: Style, tone: SpanTone, text: string): string {
  if (tone === 'fail') return style.red(text);
  if (tone === 'warn') return style.yellow(text);
  if (tone === 'ok') return style.green(text);
  return style.gray(text);
}

interface Cell {
  readonly glyph: string;
  readonly tone: SpanTone;
  readonly priority: number;
}

function rowCells(row: TimelineRow, chart: number, msPerColumn: number, ascii: boolean): (Cell | null)[] {
  const glyphs = GLYPHS[ascii ? 'ascii' : 'unicode'];
  const cells: (Cell | null)[] = new Array(chart).fill(null);
  for (const span of row.spans) {
    const first = Math.min(chart - 1, Math.floor(span.startMs / msPerColumn));
    // A span shorter than a column still marks the column it falls in.
    const last = Math.max(first, Math.min(chart - 1, Math.ceil(span.endMs / msPerColumn) - 1));
    const failed = span.tone === 'fail' && (span.kind === 'data' || span.kind === 'connect');
    const glyph = failed ? glyphs.failed : glyphs[span.kind];
    for (let column = first; column <= last; column += 1) {
      const held = cells[column];
      if (held === null || held === undefined || PRIORITY[span.kind] >= held.priority) {
        cells[column] = { glyph, tone: span.tone, priority: PRIORITY[span.kind] };
      }
    }
  }
  return cells;
}

function drawCells(cells: readonly (Cell | null)[], style: Style): string {
  let out = '';
  let run = '';
  let runTone: SpanTone | null = null;
  const flush = () => {
    if (run !== '') out += runTone === null ? run : toned(style, runTone, run);
    run = '';
  };
  for (const cell of cells) {
    const tone = cell?.tone ?? null;
    if (tone !== runTone) {
      flush();
      runTone = tone;
    }
    run += cell?.glyph ?? ' ';
  }
  flush();
  return out;
}

function padTo(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text + ' '.repeat(width - columns(text));
  return `${chars.slice(0, width - 1).join('')}…`;
}

/**
 * renderTimelineText draws a timeline as a text chart `width` columns wide: a row per step and per
 * connection, each a label, a bar drawn to the common scale and a note. Unicode blocks by default;
 * `ascii` keeps to printable ASCII for dumb terminals and logs. Notes are sanitised (they can hold
 * addresses a server advertised).
 */
export function renderTimelineText(timeline: Timeline, options: TimelineTextOptions): string[] {
  const style = options.style ?? plainStyle;
  const glyphs = GLYPHS[options.ascii ? 'ascii' : 'unicode'];
  const bar = options.ascii ? '|' : '│';
  const notes = timeline.rows.map((row) => sanitizeForTerminal(row.note, { maxChars: 80 }));
  const noteWidth = Math.min(MAX_NOTE_WIDTH, Math.max(0, ...notes.map((note) => columns(note))));
  const chart = Math.max(MIN_CHART, options.width - 2 - LABEL_WIDTH - 2 - 1 - noteWidth);
  const msPerColumn = timeline.totalMs / chart;
  const scale = msPerColumn >= 10 ? Math.round(msPerColumn) : Number(msPerColumn.toPrecision(2));
  const lines = [
    `${style.bold('Timeline')} ${style.gray(`(0 to ${timeline.totalMs} ms, one column ${options.ascii ? '~' : '≈'} ${scale} ms)`)}`,
  ];
  let group: TimelineRow['group'] | null = null;
  for (const [index, row] of timeline.rows.entries()) {
    if (row.group !== group && group !== null) lines.push('');
    group = row.group;
    const cells = rowCells(row, chart, msPerColumn, options.ascii);
    const note = notes[index] ?? '';
    lines.push(
      `  ${padTo(row.label, LABEL_WIDTH)}${bar}${drawCells(cells, style)}${bar} ${style.gray(padTo(note, noteWidth).trimEnd())}`,
    );
  }
  const legend = [
    `${glyphs.step} step / data`,
    `${glyphs.connect} TCP connect`,
    `${glyphs.tls} TLS`,
    `${glyphs.wait} waiting for a reply`,
    `${glyphs.open} open, idle`,
    `${glyphs.failed} failed`,
  ];
  let legendLine = ' ';
  for (const item of legend) {
    if (legendLine.trim() !== '' && columns(legendLine) + 2 + columns(item) > options.width) {
      lines.push(style.dim(legendLine.trimEnd()));
      legendLine = ' ';
    }
    legendLine += ` ${item} `;
  }
  lines.push(style.dim(legendLine.trimEnd()));
  return lines;
}
