import { exitCodeLabel } from '../../knowledge/exitCodes.js';
import { describeReply } from '../../knowledge/reference/replyCodes.js';
import type { Source } from '../../knowledge/sources.js';
import type { Finding, Fix, FixAudience, StepVerdict, TargetReport, Verdict } from '../../knowledge/types.js';
import type { AnyStepRecord, FailureInfo, PortTest, StepStatus } from '../../probe/types.js';
import { formatEndpoint } from '../../protocol/address.js';
import { maskCommand } from '../../protocol/command.js';
import type { Reply } from '../../protocol/types.js';
import { describeEvidence } from '../text/describeEvidence.js';
import { describeFailure } from '../text/describeFailure.js';
import { mainFinding, sortFindings } from '../text/findingOrder.js';
import { sanitizeForTerminal } from '../text/sanitize.js';
import { selectFixes } from '../text/selectFixes.js';
import { stepRecord } from '../text/stepRecord.js';
import { plainStyle, type Style } from '../text/style.js';
import { targetLabel } from '../text/targetLabel.js';
import { renderTlsSection } from '../text/tlsSection.js';
import { renderTranscriptSection } from '../text/transcriptSection.js';
import { columns, REPORT_WIDTH, wrapText } from '../text/wrapText.js';
import { type TimelineChartOptions, timelineSections } from '../timeline/timelineSection.js';
import type { OutputFormatDefinition } from './registry.js';

/** HumanOptions: how renderHuman should look and how much it should say. */
export interface HumanOptions {
  readonly style: Style;
  /** Adds the control-channel transcript, the feature list and listing lines. */
  readonly verbose: boolean;
  /** Fix dialects to show; null = defaultFixDialects of the detected server (see selectFixes.ts). */
  readonly fixDialects: readonly string[] | null;
  /** --timeline: a chart of the steps and connections under the step list; null = none. */
  readonly timeline?: TimelineChartOptions | null;
}

const STEP_NAME_WIDTH = 9;
const DETAIL_INDENT = '      ';
const REPLY_TEXT_CHARS = 60;
/** EVIDENCE_LINES: a FEAT list as evidence would bury the finding; the transcript has it all. */
const EVIDENCE_LINES = 6;

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** line: one line of untrusted text, escaped and capped. */
function line(text: string, maxChars = 300): string {
  return sanitizeForTerminal(text, { maxChars });
}

function statusMark(status: StepStatus, style: Style): string {
  switch (status) {
    case 'ok':
      return style.green('✔');
    case 'warn':
      return style.yellow('!');
    case 'fail':
      return style.red('✖');
    case 'skipped':
      return style.gray('–');
  }
}

function severityMark(severity: Finding['severity'], style: Style): string {
  if (severity === 'error') return style.red('✖');
  if (severity === 'warning') return style.yellow('!');
  return style.cyan('i');
}

function verdictWord(verdict: Verdict, style: Style): string {
  if (verdict.status === 'healthy') return style.green(style.bold('✔ HEALTHY'));
  if (verdict.status === 'warning') return style.yellow(style.bold('! WARNING'));
  return style.red(style.bold('✖ FAILED'));
}

function serverSoftware(report: TargetReport): string | null {
  const fingerprint = report.diagnosis.server;
  if (fingerprint.software === 'unknown' || fingerprint.confidence === 'none') return null;
  return fingerprint.software;
}

function headerLines(report: TargetReport, style: Style): string[] {
  const { probe } = report;
  const lines = [`${style.bold('ftp-doctor report:')} ${style.bold(line(targetLabel(report)))}`];
  const label = (name: string, value: string): string => `  ${style.gray(name.padEnd(9))} ${value}`;

  const resolved = stepRecord(probe, 'resolve')?.data;
  const connect = stepRecord(probe, 'connect')?.data;
  const chosen = connect?.address ?? resolved?.chosen ?? null;
  if (chosen === null) {
    lines.push(label('address', 'not resolved'));
  } else {
    const others = (resolved?.addresses ?? []).map((entry) => entry.address).filter((a) => a !== chosen);
    const family = chosen.includes(':') ? 'IPv6' : 'IPv4';
    const also = others.length > 0 ? `; also resolved ${others.map((a) => line(a, 60)).join(', ')}` : '';
    lines.push(label('address', `${line(formatEndpoint(chosen, probe.target.port), 80)} (${family})${also}`));
  }

  const fingerprint = report.diagnosis.server;
  if (serverSoftware(report) !== null) {
    const version = fingerprint.version === null ? '' : ` ${fingerprint.version}`;
    const basis = fingerprint.basis.length > 0 ? `, from ${fingerprint.basis.join(', ')}` : '';
    const name = line(`${fingerprint.displayName}${version}`, 60);
    lines.push(label('server', `${name} (${fingerprint.confidence} confidence${line(basis, 60)})`));
  } else if (stepRecord(probe, 'banner')?.ran) {
    lines.push(label('server', 'not recognised'));
  }

  const user = probe.options.user === '' ? '' : `; user ${line(probe.options.user, 60)}`;
  lines.push(
    label(
      'probed',
      `${line(probe.startedAt, 40)} in ${probe.durationMs} ms${user}, TLS ${probe.options.tls}`,
    ),
  );
  if (probe.interrupted === 'deadline') {
    lines.push(
      label('stopped', style.yellow(`the overall deadline of ${probe.options.deadlineMs} ms ran out`)),
    );
  } else if (probe.interrupted === 'signal') {
    lines.push(label('stopped', style.yellow('interrupted by a signal; later steps did not run')));
  }
  return lines;
}

function verdictLines(verdict: Verdict, style: Style): string[] {
  const exit = style.dim(`(exit ${verdict.exitCode}: ${exitCodeLabel(verdict.exitCode)})`);
  return [
    `${verdictWord(verdict, style)} ${exit}`,
    ...wrapText(line(verdict.headline, 400), REPORT_WIDTH, '  '),
  ];
}

function stepLine(verdict: StepVerdict, record: AnyStepRecord | undefined, style: Style): string {
  const head = `  ${statusMark(verdict.status, style)} ${verdict.name.padEnd(STEP_NAME_WIDTH)}`;
  const headWidth = 2 + 1 + 1 + STEP_NAME_WIDTH;
  const said = verdict.summary.trim() === '' ? (record?.skippedReason ?? '') : verdict.summary;
  const summary = line(said, 200);
  const text = verdict.status === 'skipped' ? style.gray(summary) : summary;
  if (!record?.ran) return `${head} ${text}`;
  const duration = `${record.durationMs} ms`;
  const gap = REPORT_WIDTH - headWidth - 1 - columns(summary) - columns(duration);
  return gap >= 2
    ? `${head} ${text}${' '.repeat(gap)}${style.gray(duration)}`
    : `${head} ${text}  ${style.gray(duration)}`;
}

function replyLines(command: string | null, reply: Reply, style: Style): string[] {
  const [firstLine = ''] = reply.text.split('\n');
  const more = reply.lines.length > 1 ? ` (+${plural(reply.lines.length - 1, 'line')})` : '';
  const extra = style.gray(more);
  const extraWidth = columns(more);
  const sent = command === null ? '' : `${line(maskCommand(command), 40)} → `;
  const text = line(firstLine, REPLY_TEXT_CHARS);
  const shown = `${sent}${style.bold(String(reply.code))} ${text}${extra}`;
  const shownWidth = columns(`${sent}${reply.code} ${text}`) + extraWidth;
  const meaning = line(describeReply(reply.code, command).line, 400);
  if (columns(DETAIL_INDENT) + shownWidth + 3 + columns(meaning) <= REPORT_WIDTH) {
    return [`${DETAIL_INDENT}${shown} ${style.dim(`— ${meaning}`)}`];
  }
  return [
    `${DETAIL_INDENT}${shown}`,
    ...wrapText(`— ${meaning}`, REPORT_WIDTH, `${DETAIL_INDENT}  `).map((wrapped) => style.dim(wrapped)),
  ];
}

function portTestLine(label: string, test: PortTest, style: Style): string {
  const where = line(formatEndpoint(test.host, test.port), 80);
  const errno = test.errno === undefined ? '' : ` (${line(test.errno, 30)})`;
  switch (test.outcome) {
    case 'open':
      return `${DETAIL_INDENT}${label} ${where} ${style.green('open')}: connected in ${test.durationMs} ms`;
    case 'closed':
      return `${DETAIL_INDENT}${label} ${where} ${style.red('closed')}: refused (RST) after ${test.durationMs} ms${errno}`;
    case 'filtered':
      return `${DETAIL_INDENT}${label} ${where} ${style.red('filtered')}: no answer within ${test.durationMs} ms${errno}`;
    case 'unreachable':
      return `${DETAIL_INDENT}${label} ${where} ${style.red('unreachable')}: an ICMP error came back${errno}`;
  }
}

function failureLines(failures: readonly FailureInfo[], style: Style): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const failure of failures) {
    const text = describeFailure(failure);
    if (seen.has(text)) continue;
    seen.add(text);
    const [first = '', ...rest] = wrapText(line(text, 400), REPORT_WIDTH, `${DETAIL_INDENT}  `);
    lines.push(`${DETAIL_INDENT}${style.red('✖')} ${first.trimStart()}`, ...rest);
  }
  return lines;
}

/** dataLines: what a step's data adds to its replies, e.g. the result of a data-port test. */
function dataLines(record: AnyStepRecord, verbose: boolean, style: Style): string[] {
  const lines: string[] = [];
  switch (record.name) {
    case 'banner': {
      const text = record.data?.nonFtpText;
      if (text !== undefined) lines.push(`${DETAIL_INDENT}not an FTP greeting: ${line(text, 80)}`);
      break;
    }
    case 'features': {
      const data = record.data;
      if (verbose && data && data.features.length > 0) {
        lines.push(
          ...wrapText(`features: ${line(data.features.join(', '), 1500)}`, REPORT_WIDTH, DETAIL_INDENT),
        );
      }
      break;
    }
    case 'epsv': {
      const data = record.data;
      if (data?.parseError)
        lines.push(`${DETAIL_INDENT}cannot read the reply: ${line(data.parseError, 120)}`);
      if (data?.portTest) lines.push(portTestLine('data port', data.portTest, style));
      break;
    }
    case 'pasv': {
      const data = record.data;
      if (!data) break;
      if (data.parseError) lines.push(`${DETAIL_INDENT}cannot read the reply: ${line(data.parseError, 120)}`);
      if (data.advertisedHost !== null && data.addressClass !== null && data.addressClass !== 'same') {
        lines.push(
          `${DETAIL_INDENT}advertised address ${line(data.advertisedHost, 60)} is ${data.addressClass}, ` +
            'not the control address',
        );
      }
      if (data.portTest) lines.push(portTestLine('data port', data.portTest, style));
      if (data.advertisedPortTest) lines.push(portTestLine('advertised', data.advertisedPortTest, style));
      break;
    }
    case 'transfer': {
      const data = record.data;
      if (!data || data.finalReply === null) break;
      const via = data.via === null ? '' : ` over ${data.via.toUpperCase()}`;
      const where =
        data.dataHost !== null && data.dataPort !== null
          ? ` (${formatEndpoint(data.dataHost, data.dataPort)})`
          : '';
      const tls = data.protectedByTls ? ', encrypted' : ', unencrypted';
      lines.push(
        `${DETAIL_INDENT}listing: ${plural(data.entries, 'entry', 'entries')}, ${plural(data.bytes, 'byte')}${line(via + where, 80)}${tls}`,
      );
      if (verbose)
        for (const entry of data.preview)
          lines.push(`${DETAIL_INDENT}  ${style.gray('|')} ${line(entry, 160)}`);
      break;
    }
    case 'active': {
      for (const attempt of record.data?.attempts ?? []) {
        const where = formatEndpoint(attempt.listenAddress, attempt.listenPort);
        const result = attempt.connectedBack
          ? `the server connected back${attempt.connectedFrom === null ? '' : ` from ${line(attempt.connectedFrom, 60)}`}`
          : 'the server did not connect back before the data timeout';
        lines.push(`${DETAIL_INDENT}${attempt.command} to ${line(where, 60)}: ${result}`);
      }
      break;
    }
    case 'scan': {
      const data = record.data;
      if (!data) break;
      const runs = data.runs.map((run) =>
        run.low === run.high ? `${run.low} ${run.outcome}` : `${run.low}–${run.high} ${run.outcome}`,
      );
      lines.push(
        ...wrapText(`ports on ${line(data.host, 60)}: ${runs.join(', ')}`, REPORT_WIDTH, DETAIL_INDENT),
      );
      break;
    }
    default:
      break;
  }
  return lines;
}

function stepFailures(record: AnyStepRecord): FailureInfo[] {
  const failures: FailureInfo[] = [];
  for (const exchange of record.exchanges) if (exchange.failure) failures.push(exchange.failure);
  const dataFailure = record.data && 'failure' in record.data ? record.data.failure : undefined;
  if (dataFailure) failures.push(dataFailure);
  return failures;
}

function stepsSection(report: TargetReport, verbose: boolean, style: Style): string[] {
  const lines = [style.bold('Steps')];
  const verdicts = report.diagnosis.steps;
  for (const verdict of verdicts) {
    const record = report.probe.steps.find((step) => step.name === verdict.name);
    lines.push(stepLine(verdict, record, style));
    if (!record?.ran) continue;
    for (const exchange of record.exchanges) {
      for (const reply of exchange.replies) lines.push(...replyLines(exchange.command, reply, style));
    }
    lines.push(...dataLines(record, verbose, style));
    lines.push(...failureLines(stepFailures(record), style));
  }
  return lines;
}

const AUDIENCE_ORDER: readonly FixAudience[] = ['firewall', 'server', 'network', 'client'];

const AUDIENCE_HEADINGS: Readonly<Record<FixAudience, string>> = {
  firewall: 'Fix on the firewall',
  server: 'Fix on the FTP server',
  network: 'Fix on the network (NAT, load balancer)',
  client: 'Fix in the client',
};

/** sourcesLine lists citations on one gray line (shown with -v): where the claim can be checked. */
function sourcesLine(label: string, sources: readonly Source[], indent: string, style: Style): string[] {
  const citations = [...new Set(sources.map((source) => source.citation))].join('; ');
  return wrapText(`${label}: ${citations}`, REPORT_WIDTH, indent).map((text) => style.gray(text));
}

function fixLines(fixes: readonly Fix[], style: Style, verbose = false): string[] {
  const lines: string[] = [];
  for (const audience of AUDIENCE_ORDER) {
    const group = fixes.filter((fix) => fix.audience === audience);
    if (group.length === 0) continue;
    lines.push(`    ${style.bold(`${AUDIENCE_HEADINGS[audience]}:`)}`);
    for (const fix of group) {
      lines.push(`      ${style.cyan(`[${line(fix.dialect, 30)}]`)} ${line(fix.title, 300)}`);
      // The text is meant to be pasted, so it is never wrapped; escaping keeps it honest.
      for (const textLine of sanitizeForTerminal(fix.text, { multiline: true, maxChars: 4000 }).split('\n')) {
        lines.push(textLine === '' ? '' : `          ${textLine}`);
      }
      if (verbose) lines.push(...sourcesLine('Source', fix.sources, '          ', style));
    }
  }
  return lines;
}

function findingLines(finding: Finding, options: HumanOptions, software: string | null): string[] {
  const { style } = options;
  const lines = [
    `  ${severityMark(finding.severity, style)} ${style.bold(line(finding.title, 300))} ${style.gray(`[${line(finding.id, 80)}]`)}`,
  ];
  lines.push(
    ...wrapText(
      sanitizeForTerminal(finding.detail, { multiline: true, maxChars: 2000 }),
      REPORT_WIDTH,
      '    ',
    ),
  );
  if (finding.evidence.length > 0) {
    lines.push(`    ${style.bold('Evidence:')}`);
    for (const evidence of finding.evidence) {
      const text = sanitizeForTerminal(describeEvidence(evidence), { multiline: true, maxChars: 600 });
      const evidenceLines = text.split('\n');
      for (const evidenceLine of evidenceLines.slice(0, EVIDENCE_LINES)) lines.push(`      ${evidenceLine}`);
      if (evidenceLines.length > EVIDENCE_LINES) {
        lines.push(
          style.gray(
            `      (+${plural(evidenceLines.length - EVIDENCE_LINES, 'line')}; ${options.verbose ? 'see the transcript below' : '-v shows the transcript'})`,
          ),
        );
      }
    }
  }
  if (options.verbose) lines.push(...sourcesLine('Sources', finding.sources, '    ', style));
  const { shown, hidden } = selectFixes(finding.fixes, options.fixDialects, software);
  lines.push(...fixLines(shown, style, options.verbose));
  if (hidden.length > 0) {
    const dialects = [...new Set(hidden.map((fix) => line(fix.dialect, 30)))].join(', ');
    const note = `(${hidden.length} more fix${hidden.length === 1 ? '' : 'es'} for ${dialects}: pick dialects with --fix-for, or see all in the JSON report)`;
    lines.push(...wrapText(note, REPORT_WIDTH, '    ').map((noteLine) => style.gray(noteLine)));
  }
  return lines;
}

function findingsSection(report: TargetReport, options: HumanOptions): string[] {
  const findings = sortFindings(report.diagnosis.findings);
  if (findings.length === 0) return [`${options.style.bold('Findings')}: none`];
  const lines = [options.style.bold(`Findings (${findings.length})`)];
  const software = serverSoftware(report);
  findings.forEach((finding, index) => {
    if (index > 0) lines.push('');
    lines.push(...findingLines(finding, options, software));
  });
  return lines;
}

/**
 * renderHuman writes the report a sysadmin reads in a terminal: a header (target, address, server
 * software), the verdict, each step on one line with its duration and every reply explained
 * beneath it, the TLS details when a handshake happened, then the findings with evidence and fixes
 * grouped by who applies them. `verbose` adds the transcript. Every server-originated string is
 * escaped. The text ends with a newline.
 */
export function renderHuman(report: TargetReport, options: HumanOptions): string {
  const { style } = options;
  const sections: string[][] = [
    headerLines(report, style),
    verdictLines(report.diagnosis.verdict, style),
    stepsSection(report, options.verbose, style),
    ...timelineSections(report, options.timeline, style),
  ];
  const tls = stepRecord(report.probe, 'tls');
  if (tls?.ran && tls.data) {
    const tlsLines = renderTlsSection(tls.data, stepRecord(report.probe, 'transfer')?.data ?? null, style);
    if (tlsLines.length > 0) sections.push(tlsLines);
  }
  sections.push(findingsSection(report, options));
  if (options.verbose) sections.push(renderTranscriptSection(report.probe.transcript, style));
  return `${sections.map((section) => section.join('\n')).join('\n\n')}\n`;
}

function statusWord(verdict: Verdict): string {
  if (verdict.status === 'healthy') return 'HEALTHY';
  if (verdict.status === 'warning') return 'WARNING';
  return 'FAILED';
}

function colourStatus(verdict: Verdict, text: string, style: Style): string {
  if (verdict.status === 'healthy') return style.green(text);
  if (verdict.status === 'warning') return style.yellow(text);
  return style.red(text);
}

function fitCell(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width
    ? text.padEnd(width + text.length - chars.length)
    : `${chars.slice(0, width - 1).join('')}…`;
}

/**
 * renderSummaryTable gives one row per target (target, verdict, exit code, time, main finding),
 * for runs over several targets. Cells are cut with `…` to keep rows within the report width.
 */
export function renderSummaryTable(reports: readonly TargetReport[], style: Style = plainStyle): string {
  const targetWidth = Math.min(
    32,
    Math.max(6, ...reports.map((report) => columns(line(targetLabel(report), 200)))),
  );
  const head = `${'TARGET'.padEnd(targetWidth)}  ${'VERDICT'.padEnd(7)}  EXIT  ${'TIME'.padStart(8)}  MAIN FINDING`;
  const findingWidth = Math.max(20, REPORT_WIDTH - columns(head) + 'MAIN FINDING'.length);
  const rows = reports.map((report) => {
    const { verdict } = report.diagnosis;
    const main = mainFinding(report.diagnosis.findings);
    const finding = main === null ? '—' : fitCell(line(main.title, 200), findingWidth).trimEnd();
    const time = `${report.probe.durationMs} ms`.padStart(8);
    const status = colourStatus(verdict, statusWord(verdict).padEnd(7), style);
    return `${fitCell(line(targetLabel(report), 200), targetWidth)}  ${status}  ${String(verdict.exitCode).padStart(4)}  ${time}  ${finding}`;
  });
  return `${[style.bold(head), ...rows].join('\n')}\n`;
}

/** renderQuiet is the single line `--quiet` prints: status, target, exit code and headline. */
export function renderQuiet(report: TargetReport, style: Style = plainStyle): string {
  const { verdict } = report.diagnosis;
  const status = colourStatus(verdict, statusWord(verdict), style);
  // The line starts with the status word already; the headline's own "FAILED: " would repeat it.
  const headline = verdict.headline.replace(/^(?:HEALTHY|FAILED|WORKS WITH WARNINGS): /, '');
  return `${status} ${line(targetLabel(report), 120)} (exit ${verdict.exitCode}): ${line(headline, 300)}\n`;
}

export const format: OutputFormatDefinition = {
  name: 'human',
  description: 'report for people',
  render(reports, context) {
    // Every renderer ends its text with a newline; a blank line separates reports.
    if (context.quiet) return { text: reports.map((r) => renderQuiet(r, context.style)).join('') };
    const parts = reports.map((r) =>
      renderHuman(r, {
        style: context.style,
        verbose: context.verbose,
        fixDialects: context.fixDialects,
        timeline: context.timeline,
      }),
    );
    if (reports.length > 1) parts.push(renderSummaryTable(reports, context.style));
    return { text: parts.join('\n') };
  },
};
