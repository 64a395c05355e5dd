import type { TargetReport } from '../knowledge/types.js';
import { loadFormat, type OutputFormat, type RenderContext } from '../report/formats/registry.js';
import { DEFAULT_WIDTH } from '../report/text/wrapText.js';
import type { CheckedFlags } from './probeOptions.js';
import { terminalStyle, terminalWidth } from './terminalStyle.js';
import { toolVersion } from './version.js';

/**
 * OutputFlags: the options that shape a report, shared by the probe and the demo. `verbose` is the
 * number of -v given (true counts as one).
 */
export interface OutputFlags
  extends Pick<
    CheckedFlags,
    | 'outputFile'
    | 'quiet'
    | 'strict'
    | 'color'
    | 'fixDialects'
    | 'warningMs'
    | 'criticalMs'
    | 'timeline'
    | 'ascii'
    | 'saves'
  > {
  readonly format: OutputFormat;
  readonly verbose: boolean | number;
}

export interface RenderedReports {
  /** The chosen format: printed, or written to -o FILE. */
  readonly formatted: string;
  /** With -o FILE: the human summary still shown on the terminal. */
  readonly terminal: string;
  readonly githubSummary: string | null;
  /** --save FORMAT=FILE: each file and the text to write into it. */
  readonly saved: readonly { readonly file: string; readonly text: string }[];
  /** Formats with their own exit convention (nagios) override the exit code. */
  readonly exitCodeOverride: number | null;
}

/** verbosityOf: -v counted, capped at the deepest level a report has. */
export function verbosityOf(verbose: boolean | number): 0 | 1 | 2 {
  const count = verbose === true ? 1 : verbose === false ? 0 : verbose;
  return count >= 2 ? 2 : count === 1 ? 1 : 0;
}

/**
 * timelineChart: the chart takes the report's width (80 when not a terminal) and keeps to ASCII on
 * request or on a dumb terminal.
 */
function timelineChart(ascii: boolean): { width: number; ascii: boolean } {
  return {
    width: terminalWidth(process.stdout) ?? DEFAULT_WIDTH,
    ascii: ascii || process.env.TERM === 'dumb',
  };
}

/** renderReports turns the reports into the chosen format through the format registry. */
export async function renderReports(
  reports: readonly TargetReport[],
  flags: OutputFlags,
  exitCode: number,
): Promise<RenderedReports> {
  const context = async (colour: boolean): Promise<RenderContext> => ({
    toolVersion: toolVersion(),
    exitCode,
    strict: flags.strict,
    verbosity: verbosityOf(flags.verbose),
    quiet: flags.quiet,
    width: terminalWidth(process.stdout),
    style: await terminalStyle(process.stdout, colour),
    fixDialects: flags.fixDialects,
    warningMs: flags.warningMs,
    criticalMs: flags.criticalMs,
    nowMs: Date.now(),
    timeline: flags.timeline ? timelineChart(flags.ascii) : null,
  });
  // With -o FILE the terminal still shows the human report, and the file gets no colour codes.
  const terminal = flags.outputFile
    ? (await loadFormat('human')).render(reports, await context(flags.color)).text
    : '';
  const chosen = await loadFormat(flags.format);
  const rendered = chosen.render(reports, await context(flags.outputFile ? false : flags.color));
  const saved = [];
  for (const save of flags.saves) {
    saved.push({
      file: save.file,
      text: (await loadFormat(save.format)).render(reports, await context(false)).text,
    });
  }
  return {
    formatted: rendered.text,
    saved,
    terminal,
    githubSummary: rendered.githubSummary ?? null,
    exitCodeOverride: rendered.exitCodeOverride ?? null,
  };
}
