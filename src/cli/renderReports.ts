import type { TargetReport } from '../knowledge/types.js';
import { renderHuman, renderQuiet, renderSummaryTable } from '../report/human.js';
import { renderJson } from '../report/json.js';
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

/** renderReports turns the reports into the chosen format; each renderer is loaded on demand. */
export async function renderReports(
  reports: readonly TargetReport[],
  flags: CheckedFlags,
  exitCode: number,
): Promise<RenderedReports> {
  const human = (colour: boolean) => renderHumanAll(reports, flags, colour);
  const terminal = flags.outputFile ? await human(flags.color) : '';
  switch (flags.format) {
    case 'human':
      return {
        formatted: await human(flags.outputFile ? false : flags.color),
        terminal,
        githubSummary: null,
        exitCodeOverride: null,
      };
    case 'json':
      return {
        formatted: renderJson(reports, { toolVersion: toolVersion(), exitCode }),
        terminal,
        githubSummary: null,
        exitCodeOverride: null,
      };
    case 'junit': {
      const { renderJunit } = await import('../report/junit.js');
      return {
        formatted: renderJunit(reports, { strict: flags.strict }),
        terminal,
        githubSummary: null,
        exitCodeOverride: null,
      };
    }
    case 'github': {
      const { renderGithub, renderGithubSummary } = await import('../report/github.js');
      return {
        formatted: renderGithub(reports),
        terminal,
        githubSummary: renderGithubSummary(reports),
        exitCodeOverride: null,
      };
    }
    case 'nagios': {
      const { renderNagios } = await import('../report/nagios.js');
      const out = renderNagios(reports, {
        ...(flags.warningMs !== null ? { warningMs: flags.warningMs } : {}),
        ...(flags.criticalMs !== null ? { criticalMs: flags.criticalMs } : {}),
      });
      return {
        formatted: out.text,
        terminal,
        githubSummary: null,
        exitCodeOverride: out.exitCode,
      };
    }
    case 'prometheus': {
      const { renderPrometheus } = await import('../report/prometheus.js');
      return {
        formatted: renderPrometheus(reports, { timestampMs: Date.now() }),
        terminal,
        githubSummary: null,
        exitCodeOverride: null,
      };
    }
  }
}

async function renderHumanAll(
  reports: readonly TargetReport[],
  flags: CheckedFlags,
  colour: boolean,
): Promise<string> {
  const style = await terminalStyle(process.stdout, colour);
  // Every renderer ends its text with a newline; a blank line separates reports.
  if (flags.quiet) return reports.map((r) => renderQuiet(r, style)).join('');
  const parts = reports.map((r) =>
    renderHuman(r, { style, verbose: flags.verbose, fixDialects: flags.fixDialects }),
  );
  if (reports.length > 1) parts.push(renderSummaryTable(reports, style));
  return parts.join('\n');
}
