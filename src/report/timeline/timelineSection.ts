import type { TargetReport } from '../../knowledge/types.js';
import type { Style } from '../text/style.js';
import { buildTimeline } from './timeline.js';
import { renderTimelineText } from './timelineText.js';

/** TimelineChartOptions: `--timeline` as the CLI resolved it (width of the terminal, ASCII or not). */
export interface TimelineChartOptions {
  readonly width: number;
  readonly ascii: boolean;
}

/**
 * timelineSections: the human report's timeline chart as a list of report sections, empty when
 * `--timeline` is off, so the report appends it with one spread.
 */
export function timelineSections(
  report: TargetReport,
  options: TimelineChartOptions | null | undefined,
  style: Style,
): string[][] {
  if (!options) return [];
  return [renderTimelineText(buildTimeline(report), { ...options, style })];
}
