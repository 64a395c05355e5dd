import type { TargetReport } from '../../knowledge/types.js';
import type { Style } from '../text/style.js';
import type { TimelineChartOptions } from '../timeline/timelineSection.js';

/**
 * RenderContext: what a format may need besides the reports. The CLI fills it once; a format
 * reads only the fields it uses.
 */
export interface RenderContext {
  readonly toolVersion: string;
  /** The process's exit code, as the CLI will return it (JSON states it). */
  readonly exitCode: number;
  readonly strict: boolean;
  /** 0 by default, 1 with -v, 2 with -vv (see human.ts). */
  readonly verbosity: 0 | 1 | 2;
  readonly quiet: boolean;
  /**
   * The terminal's columns, or null when output is not a terminal: a human report is then laid out
   * for DEFAULT_WIDTH (80) columns, and the -q line is left whole for scripts.
   */
  readonly width: number | null;
  readonly style: Style;
  /** --fix-for: the fix dialects to show; null = chosen by the report. */
  readonly fixDialects: readonly string[] | null;
  /** Nagios thresholds on the total probe time. */
  readonly warningMs: number | null;
  readonly criticalMs: number | null;
  readonly nowMs: number;
  /** --timeline: the human report draws a timeline chart this wide; null or absent = no chart. */
  readonly timeline?: TimelineChartOptions | null;
}

/** Rendered: a format's text, and what some formats add beside it. */
export interface Rendered {
  readonly text: string;
  /** GitHub: the Markdown for GITHUB_STEP_SUMMARY. */
  readonly githubSummary?: string;
  /** Formats with their own exit convention (Nagios) replace the exit code. */
  readonly exitCodeOverride?: number;
}

/** OutputFormatDefinition is what each module under src/report/formats/ exports as `format`. */
export interface OutputFormatDefinition {
  readonly name: string;
  readonly description: string;
  render(reports: readonly TargetReport[], context: RenderContext): Rendered;
}

/**
 * OUTPUT_FORMATS: every output format, loaded only when chosen (a probe printing JSON never loads
 * the JUnit writer). Adding a format is one module exporting `format` and one line here.
 */
export const OUTPUT_FORMATS = {
  human: { description: 'report for people (the default)', load: () => import('./human.js') },
  json: { description: 'one versioned JSON object (docs/json-report.md)', load: () => import('./json.js') },
  junit: { description: 'JUnit XML for CI test reports', load: () => import('./junit.js') },
  github: {
    description: 'GitHub Actions annotations and job summary',
    load: () => import('./github.js'),
  },
  nagios: { description: 'monitoring-plugins status line and exit code', load: () => import('./nagios.js') },
  prometheus: { description: 'Prometheus text exposition', load: () => import('./prometheus.js') },
  html: { description: 'one self-contained HTML page (-o report.html)', load: () => import('./html.js') },
} as const satisfies Record<
  string,
  { description: string; load: () => Promise<{ format: OutputFormatDefinition }> }
>;

export type OutputFormat = keyof typeof OUTPUT_FORMATS;
export const FORMAT_NAMES = Object.keys(OUTPUT_FORMATS) as OutputFormat[];

/** loadFormat returns the definition of one format. */
export async function loadFormat(name: OutputFormat): Promise<OutputFormatDefinition> {
  return (await OUTPUT_FORMATS[name].load()).format;
}
