import { EXIT, NAGIOS_STATES } from '../../knowledge/exitCodes.js';
import type { TargetReport } from '../../knowledge/types.js';
import { mainFinding, sortFindings } from '../text/findingOrder.js';
import { sanitizeNagios } from '../text/sanitize.js';
import { stepRecord } from '../text/stepRecord.js';
import { targetLabel } from '../text/targetLabel.js';
import { tlsFacts } from '../text/tlsFacts.js';
import type { OutputFormatDefinition } from './registry.js';

/** NagiosOptions: response-time thresholds for the whole probe of a target, in milliseconds. */
export interface NagiosOptions {
  readonly warningMs?: number;
  readonly criticalMs?: number;
}

/** NagiosState: the monitoring-plugins return codes. */
export type NagiosState = 0 | 1 | 2 | 3;

/** NagiosResult: the plugin output and the code the process must exit with. */
export interface NagiosResult {
  readonly text: string;
  readonly exitCode: NagiosState;
}

const STATE_NAMES = Object.fromEntries(NAGIOS_STATES.map((row) => [row.code, row.state])) as Readonly<
  Record<NagiosState, string>
>;

/**
 * Exit codes that say nothing about the server: a usage error, a bug in ftp-doctor, a probe that
 * did not finish.
 */
const UNKNOWN_EXIT_CODES: ReadonlySet<number> = new Set([
  EXIT.usage,
  EXIT.internal,
  EXIT.incomplete,
  EXIT.interruptedBySigint,
  EXIT.interruptedBySigterm,
]);

/**
 * worse follows monitoring-plugins' max_state_alt: CRITICAL over WARNING over UNKNOWN over OK, so
 * one broken server is never hidden behind a target that could not be checked.
 */
function worse(a: NagiosState, b: NagiosState): NagiosState {
  const rank = (state: NagiosState): number => [0, 2, 3, 1][state]!;
  return rank(a) >= rank(b) ? a : b;
}

interface TargetState {
  readonly state: NagiosState;
  readonly reason: string;
}

function targetState(report: TargetReport, options: NagiosOptions): TargetState {
  const { verdict } = report.diagnosis;
  if (UNKNOWN_EXIT_CODES.has(verdict.exitCode)) return { state: 3, reason: verdict.headline };
  const main = mainFinding(report.diagnosis.findings);
  const verdictState: NagiosState = verdict.status === 'failed' ? 2 : verdict.status === 'warning' ? 1 : 0;
  const reason = verdictState === 0 || main === null ? verdict.headline : main.title;
  const ms = report.probe.durationMs;
  const { warningMs, criticalMs } = options;
  if (criticalMs !== undefined && ms > criticalMs && verdictState < 2) {
    return {
      state: 2,
      reason: `took ${formatSeconds(ms)} s, over the critical ${formatSeconds(criticalMs)} s`,
    };
  }
  if (warningMs !== undefined && ms > warningMs && verdictState < 1) {
    return {
      state: 1,
      reason: `took ${formatSeconds(ms)} s, over the warning ${formatSeconds(warningMs)} s`,
    };
  }
  return { state: verdictState, reason };
}

function formatSeconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/**
 * perfLabel quotes a performance-data label. The format forbids `=` and `'` inside labels, and
 * a label is untrusted when it holds a target name.
 */
function perfLabel(label: string): string {
  return `'${sanitizeNagios(label, { maxChars: 100 }).replace(/['=]/g, '_')}'`;
}

function threshold(ms: number | undefined): string {
  return ms === undefined ? '' : formatSeconds(ms);
}

/**
 * perfData: total time (with the thresholds), time per step that ran, the TLS handshake time and
 * certificate days left.
 */
function perfData(report: TargetReport, prefix: string, options: NagiosOptions): string[] {
  const items = [
    `${perfLabel(`${prefix}time`)}=${formatSeconds(report.probe.durationMs)}s;${threshold(options.warningMs)};${threshold(options.criticalMs)};0;`,
  ];
  for (const step of report.probe.steps) {
    if (!step.ran) continue;
    items.push(`${perfLabel(`${prefix}${step.name}`)}=${formatSeconds(step.durationMs)}s;;;0;`);
  }
  const facts = tlsFacts(report.probe);
  if (facts !== null)
    items.push(`${perfLabel(`${prefix}tls_handshake`)}=${formatSeconds(facts.tls.handshakeMs)}s;;;0;`);
  const certificate = stepRecord(report.probe, 'tls')?.data?.certificate;
  if (certificate) items.push(`${perfLabel(`${prefix}cert_days_left`)}=${certificate.daysLeft};;;;`);
  return items;
}

/**
 * renderNagios writes monitoring-plugins output: one status line `FTP OK - …`, `FTP WARNING - …`,
 * `FTP CRITICAL - …` or `FTP UNKNOWN - …`, then ` | ` and performance data
 * (`'label'=value[UOM];[warn];[crit];[min];[max]`: total, per-step and `tls_handshake` times in
 * seconds, `cert_days_left`), then long text with one line per target and finding. A healthy
 * target is OK, warnings WARNING, a failure CRITICAL, a usage or internal error UNKNOWN; a total
 * time over `warningMs`/`criticalMs` raises the state. Server text is kept to one line and never
 * holds `|`. The text ends with a newline.
 */
export function renderNagios(reports: readonly TargetReport[], options: NagiosOptions = {}): NagiosResult {
  if (reports.length === 0) return { text: 'FTP UNKNOWN - no target was probed\n', exitCode: 3 };
  const states = reports.map((report) => ({ report, ...targetState(report, options) }));
  const overall = states.map((entry) => entry.state).reduce(worse);
  const several = reports.length > 1;

  const worst = states.find((entry) => entry.state === overall)!;
  const status = several
    ? `${states.filter((entry) => entry.state !== 0).length} of ${reports.length} targets not OK; ` +
      `${targetLabel(worst.report)}: ${worst.reason}`
    : `${targetLabel(worst.report)}: ${worst.reason}`;
  const perf = states.flatMap((entry) =>
    perfData(entry.report, several ? `${targetLabel(entry.report)} ` : '', options),
  );

  const long: string[] = [];
  for (const entry of states) {
    // The process exits with the plugin state, so the line names that state and no other exit code.
    const { verdict } = entry.report.diagnosis;
    long.push(`[${STATE_NAMES[entry.state]}] ${targetLabel(entry.report)}: ${verdict.headline}`);
    for (const finding of sortFindings(entry.report.diagnosis.findings)) {
      long.push(`  ${finding.severity} ${finding.id}: ${finding.title}`);
    }
  }
  const statusLine = `FTP ${STATE_NAMES[overall]} - ${sanitizeNagios(status, { maxChars: 300 })} | ${perf.join(' ')}`;
  const longText = long.map((line) => sanitizeNagios(line, { maxChars: 300 }));
  return { text: `${[statusLine, ...longText].join('\n')}\n`, exitCode: overall };
}

export const format: OutputFormatDefinition = {
  name: 'nagios',
  description: 'monitoring-plugins status line',
  render(reports, context) {
    const out = renderNagios(reports, {
      ...(context.warningMs !== null ? { warningMs: context.warningMs } : {}),
      ...(context.criticalMs !== null ? { criticalMs: context.criticalMs } : {}),
    });
    return { text: out.text, exitCodeOverride: out.exitCode };
  },
};
