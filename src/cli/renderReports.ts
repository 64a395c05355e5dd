import type { TargetReport } from '../knowledge/types.js';
import { loadFormat, type RenderContext } from '../report/formats/registry.js';
import type { CheckedFlags } from './probeOptions.js';
import { terminalStyle } from './terminalStyle.js';
import { toolVersion } from './version.js';

export interface RenderedReports {
  /** The chosen format: printed, or written to -o FILE. */
  readonly formatted: string;
  /** With -o FILE: the human summary still shown on the terminal. */
  readonly terminal: string;
  readonly githubSummary: string | null;
  /** Formats with their own exit convention (nagios) override the exit code. */
  readonly exitCodeOverride: number | null;
}

/** renderReports turns the reports into the chosen format through the format registry. */
export async function renderReports(
  reports: readonly TargetReport[],
  flags: CheckedFlags,
  exitCode: number,
): Promise<RenderedReports> {
  const context = async (colour: boolean): Promise<RenderContext> => ({
    toolVersion: toolVersion(),
    exitCode,
    strict: flags.strict,
    verbose: flags.verbose,
    quiet: flags.quiet,
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
