import type { TargetReport } from '../knowledge/types.js';
import { loadFormat, type OutputFormat, type RenderContext } from '../report/formats/registry.js';
import { terminalStyle, terminalWidth } from './terminalStyle.js';
import { toolVersion } from './version.js';

/**
 * OutputFlags: the options that shape a report, shared by the probe and the demo. `verbose` is the
 * number of -v given (true counts as one).
 */
export interface OutputFlags {
  readonly format: OutputFormat;
  readonly outputFile: string | null;
  readonly verbose: boolean | number;
  readonly quiet: boolean;
  readonly strict: boolean;
  readonly color: boolean;
  readonly fixDialects: readonly string[] | null;
  readonly warningMs: number | null;
  readonly criticalMs: number | null;
}

export interface RenderedReports {
  /** The chosen format: printed, or written to -o FILE. */
  readonly formatted: string;
  /** With -o FILE: the human summary still shown on the terminal. */
  readonly terminal: string;
  readonly githubSummary: string | null;
  /** Formats with their own exit convention (nagios) override the exit code. */
  readonly exitCodeOverride: number | null;
}

/** verbosityOf: -v counted, capped at the deepest level a report has. */
export function verbosityOf(verbose: boolean | number): 0 | 1 | 2 {
  const count = verbose === true ? 1 : verbose === false ? 0 : verbose;
  return count >= 2 ? 2 : count === 1 ? 1 : 0;
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
  });
  // With -o FILE the terminal still shows the human report, and the file gets no colour codes.
  const terminal = flags.outputFile
    ? (await loadFormat('human')).render(reports, await context(flags.color)).text
    : '';
  const chosen = await loadFormat(flags.format);
  const rendered = chosen.render(reports, await context(flags.outputFile ? false : flags.color));
  return {
    formatted: rendered.text,
    terminal,
    githubSummary: rendered.githubSummary ?? null,
    exitCodeOverride: rendered.exitCodeOverride ?? null,
  };
}
