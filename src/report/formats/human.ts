import { exitCodeLabel } from '../../knowledge/exitCodes.js';
import { describeReply } from '../../knowledge/reference/replyCodes.js';
import type { Source } from '../../knowledge/sources.js';
import {
  compareSeverity,
  type Finding,
  type Fix,
  type FixAudience,
  type StepVerdict,
  type TargetReport,
  type Verdict,
} from '../../knowledge/types.js';
import type {
  ActiveData,
  AnyStepRecord,
  BannerData,
  EpsvData,
  Exchange,
  FailureInfo,
  FeaturesData,
  PasvData,
  PortTest,
  ScanData,
  StepDataMap,
  StepName,
  StepRecord,
  StepStatus,
  TransferData,
} from '../../probe/types.js';
import { formatEndpoint } from '../../protocol/address.js';
import { maskCommand } from '../../protocol/command.js';
import type { Reply } from '../../protocol/types.js';
import { isClearTextFinding, probedAnonymously } from '../text/anonymousSession.js';
import { describeEvidence } from '../text/describeEvidence.js';
import { describeFailure } from '../text/describeFailure.js';
import { mainFinding, sortFindings } from '../text/findingOrder.js';
import { readReplyInPlace } from '../text/replyInPlace.js';
import { sanitizeForTerminal } from '../text/sanitize.js';
import { hiddenNote, selectFixes } from '../text/selectFixes.js';
import { stepRecord } from '../text/stepRecord.js';
import { plainStyle, type Style } from '../text/style.js';
import { targetExitCode } from '../text/targetExitCode.js';
import { targetLabel } from '../text/targetLabel.js';
import { renderTlsSection } from '../text/tlsSection.js';
import { renderTranscriptSection } from '../text/transcriptSection.js';
import { columns, DEFAULT_WIDTH, wrapText } from '../text/wrapText.js';
import { type TimelineChartOptions, timelineSections } from '../timeline/timelineSection.js';
import type { OutputFormatDefinition } from './registry.js';

/**
 * Verbosity: how much a human report says. 0: the verdict, each problem with its proof and best
 * fixes, one line per step. 1 (-v): every reply explained, every fix dialect, TLS details, the
 * feature list and the listing. 2 (-vv): also the timestamped control-channel transcript.
 */
export type Verbosity = 0 | 1 | 2;

/** HumanOptions: how renderHuman should look and how much it should say. */
export interface HumanOptions {
  readonly style: Style;
  readonly verbosity: Verbosity;
  /** Columns to fit; DEFAULT_WIDTH when the terminal's width is unknown. */
  readonly width?: number;
  /** --fix-for: the dialects to show; null = the best-ranked ones (see selectFixes.ts). */
  readonly fixDialects: readonly string[] | null;
  /** --timeline: a chart of the steps and connections under the step list; null = none. */
  readonly timeline?: TimelineChartOptions | null;
  /** --strict: warnings make the process exit 1, and the report says so. */
  readonly strict?: boolean;
}

/** MIN_WIDTH: below this a report cannot keep its columns; it is laid out for this width instead. */
const MIN_WIDTH = 40;
const STEP_NAME_WIDTH = 9;
const DETAIL_INDENT = '      ';
const FIX_INDENT = '      ';
const REPLY_TEXT_CHARS = 60;
/** EVIDENCE_LINES: a FEAT list as evidence would bury the finding; -vv has the transcript. */
const EVIDENCE_LINES = 6;

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** line: one line of untrusted text, escaped and capped. */
function line(text: string, maxChars = 300): string {
  return sanitizeForTerminal(text, { maxChars });
}

/** Layout: what every section needs to know. */
interface Layout {
  readonly style: Style;
  readonly width: number;
  readonly verbosity: Verbosity;
  readonly fixDialects: readonly string[] | null;
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

/** VERDICT_WORDS: the status as the verdict line says it; the exit code follows, never contradicting it. */
const VERDICT_WORDS: Readonly<Record<Verdict['status'], string>> = {
  healthy: 'HEALTHY',
  warning: 'WORKS WITH WARNINGS',
  failed: 'FAILED',
  interrupted: 'INTERRUPTED',
  incomplete: 'INCOMPLETE',
};

/** VERDICT_MARKS: an unfinished probe is neither a pass nor a failure of the server. */
const VERDICT_MARKS: Readonly<Record<Verdict['status'], string>> = {
  healthy: '✔',
  warning: '!',
  failed: '✖',
  interrupted: '■',
  incomplete: '■',
};

/**
 * verdictLine: `✖ FAILED (exit 8: data connection failed)`, `! WORKS WITH WARNINGS (exit 0)`.
 * Exit 0's label ("healthy") would contradict a warning, so exit 0 goes without one.
 */
function verdictLine(verdict: Verdict, exitCode: number, style: Style): string {
  const word = `${VERDICT_MARKS[verdict.status]} ${VERDICT_WORDS[verdict.status]}`;
  const coloured = colourStatus(verdict, style.bold(word), style);
  const label = exitCode === 0 ? '' : `: ${exitCodeLabel(exitCode)}`;
  return `${coloured} ${style.dim(`(exit ${exitCode}${label})`)}`;
}

/** headlineText: the verdict's headline without its leading status word, which the verdict line says. */
function headlineText(verdict: Verdict): string {
  return verdict.headline.replace(/^(?:HEALTHY|FAILED|WORKS WITH WARNINGS|INCOMPLETE|INTERRUPTED): /, '');
}

function serverSoftware(report: TargetReport): string | null {
  const fingerprint = report.diagnosis.server;
  if (fingerprint.software === 'unknown' || fingerprint.confidence === 'none') return null;
  return fingerprint.software;
}

function headerLines(report: TargetReport, layout: Layout): string[] {
  const { probe } = report;
  const { style, width } = layout;
  const lines = [`${style.bold('ftp-doctor report:')} ${style.bold(line(targetLabel(report), 200))}`];
  const label = (name: string, value: string): string[] => {
    const indent = ' '.repeat(12);
    const [first = '', ...rest] = wrapText(value, width, indent);
    return [`  ${style.gray(name.padEnd(9))} ${first.slice(indent.length)}`, ...rest];
  };

  const resolved = stepRecord(probe, 'resolve')?.data;
  const connect = stepRecord(probe, 'connect')?.data;
  const chosen = connect?.address ?? resolved?.chosen ?? null;
  if (chosen === null) {
    lines.push(...label('address', 'not resolved'));
  } else {
    const others = (resolved?.addresses ?? []).map((entry) => entry.address).filter((a) => a !== chosen);
    const family = chosen.includes(':') ? 'IPv6' : 'IPv4';
    const also = others.length > 0 ? `; also resolved ${others.map((a) => line(a, 60)).join(', ')}` : '';
    lines.push(
      ...label('address', `${line(formatEndpoint(chosen, probe.target.port), 80)} (${family})${also}`),
    );
  }

  const fingerprint = report.diagnosis.server;
  if (serverSoftware(report) !== null) {
    const version = fingerprint.version === null ? '' : ` ${fingerprint.version}`;
    // The strongest signals name the product; the rest are in the JSON report.
    const labels =
      fingerprint.signals.length > 0 ? fingerprint.signals.map((s) => s.label) : fingerprint.basis;
    const name = line(`${fingerprint.displayName}${version}`, 60);
    const said = (shown: number): string => {
      const evidence =
        labels.length > shown ? [...labels.slice(0, shown), `${labels.length - shown} more`] : labels;
      const basis = shown > 0 && evidence.length > 0 ? `, from ${evidence.join(', ')}` : '';
      return `${name} (${fingerprint.confidence} confidence${line(basis, 160)})`;
    };
    // By default the line stays one line: as many signals as fit; -v names up to four.
    let shown = Math.min(4, labels.length);
    if (layout.verbosity === 0) {
      while (shown > 0 && 2 + 10 + columns(said(shown)) > width) shown -= 1;
    }
    lines.push(...label('server', said(shown)));
  } else if (stepRecord(probe, 'banner')?.ran) {
    lines.push(...label('server', 'not recognised'));
  }

  const user = probe.options.user === '' ? '' : `; user ${line(probe.options.user, 60)}`;
  // A series is timed whole, pauses included; its steps below are its worst session's.
  const when = report.repeat
    ? `${line(report.repeat.startedAt, 40)}: ${report.repeat.sessions} sessions in ${report.repeat.durationMs} ms`
    : `${line(probe.startedAt, 40)} in ${probe.durationMs} ms`;
  lines.push(...label('probed', `${when}${user}, TLS ${probe.options.tls}`));
  if (probe.interrupted === 'deadline') {
    lines.push(...label('stopped', `the overall deadline of ${probe.options.deadlineMs} ms ran out`));
  } else if (probe.interrupted === 'signal') {
    lines.push(
      ...label('stopped', `interrupted by ${probe.interruptedBy ?? 'a signal'}; later steps did not run`),
    );
  }
  return lines;
}

/**
 * verdictLines: the verdict and its headline. A headline that only repeats the title of the
 * problem listed just below is left out.
 */
function verdictLines(report: TargetReport, exitCode: number, layout: Layout): string[] {
  const { verdict } = report.diagnosis;
  const lines = [verdictLine(verdict, exitCode, layout.style)];
  const headline = headlineText(verdict);
  const main = mainFinding(report.diagnosis.findings);
  const repeated = main !== null && main.severity !== 'info' && headline === main.title;
  if (headline !== '' && !repeated) lines.push(...wrapText(line(headline, 400), layout.width, '  '));
  return lines;
}

/** fitToWidth cuts plain text to `room` columns with an ellipsis. */
function fitToWidth(text: string, room: number): string {
  if (columns(text) <= room) return text;
  return `${[...text].slice(0, Math.max(1, room - 1)).join('')}…`;
}

/**
 * stepLine: `  ✔ epsv      229 → port 40011, open                 62 ms`, the time right-aligned
 * at the report width. A summary too long for the line is cut by default (the findings and -v say
 * the rest) and wrapped beneath with -v.
 */
function stepLine(verdict: StepVerdict, record: AnyStepRecord | undefined, layout: Layout): string[] {
  const { style, width } = layout;
  const head = `  ${statusMark(verdict.status, style)} ${verdict.name.padEnd(STEP_NAME_WIDTH)} `;
  const headWidth = 2 + 1 + 1 + STEP_NAME_WIDTH + 1;
  const said = verdict.summary.trim() === '' ? (record?.skippedReason ?? '') : verdict.summary;
  const summary = line(said, 300);
  const duration = record?.ran ? `${record.durationMs} ms` : '';
  const room = width - headWidth - (duration === '' ? 0 : columns(duration) + 2);
  const paint = (text: string): string => (verdict.status === 'skipped' ? style.gray(text) : text);
  if (columns(summary) <= room || layout.verbosity === 0) {
    const shown = fitToWidth(summary, room);
    const gap = width - headWidth - columns(shown) - columns(duration);
    return [
      `${head}${paint(shown)}${duration === '' ? '' : `${' '.repeat(Math.max(2, gap))}${style.gray(duration)}`}`,
    ];
  }
  const indent = ' '.repeat(headWidth);
  const [first = '', ...rest] = wrapText(summary, width - columns(duration) - 2, indent);
  const firstText = first.slice(indent.length);
  const gap = width - headWidth - columns(firstText) - columns(duration);
  return [
    `${head}${paint(firstText)}${' '.repeat(Math.max(2, gap))}${style.gray(duration)}`,
    ...rest.map(paint),
  ];
}

/**
 * stepRunLines: steps that worked, on one line: `  ✔ resolve, connect, banner, features   7 ms`
 * with their time together; -v gives each its own line.
 */
function stepRunLines(
  run: readonly { verdict: StepVerdict; record: AnyStepRecord | undefined }[],
  layout: Layout,
): string[] {
  const { style, width } = layout;
  const names = run.map((entry) => entry.verdict.name).join(', ');
  const duration = `${run.reduce((sum, entry) => sum + (entry.record?.durationMs ?? 0), 0)} ms`;
  const indent = '    ';
  const [first = '', ...rest] = wrapText(names, width - columns(duration) - 2, indent);
  const firstText = first.slice(indent.length);
  const gap = width - columns(indent) - columns(firstText) - columns(duration);
  return [
    `  ${statusMark('ok', style)} ${firstText}${' '.repeat(Math.max(2, gap))}${style.gray(duration)}`,
    ...rest,
  ];
}

function replyLines(
  command: string | null,
  reply: Reply,
  meaningInPlace: string | null,
  layout: Layout,
): string[] {
  const { style, width } = layout;
  const [firstLine = ''] = reply.text.split('\n');
  const more = reply.lines.length > 1 ? ` (+${plural(reply.lines.length - 1, 'line')})` : '';
  const sent = command === null ? '' : `${line(maskCommand(command), 40)} → `;
  const text = line(firstLine, REPLY_TEXT_CHARS);
  const plain = `${sent}${reply.code} ${text}${more}`;
  const shown = `${sent}${style.bold(String(reply.code))} ${text}${style.gray(more)}`;
  const meaning = line(meaningInPlace ?? describeReply(reply.code, command).line, 400);
  if (columns(DETAIL_INDENT) + columns(plain) + 3 + columns(meaning) <= width) {
    return [`${DETAIL_INDENT}${shown} ${style.dim(`— ${meaning}`)}`];
  }
  const head =
    columns(DETAIL_INDENT) + columns(plain) <= width
      ? [`${DETAIL_INDENT}${shown}`]
      : wrapText(plain, width, DETAIL_INDENT);
  return [
    ...head,
    ...wrapText(`— ${meaning}`, width, `${DETAIL_INDENT}  `).map((wrapped) => style.dim(wrapped)),
  ];
}

function portTestLine(label: string, test: PortTest, layout: Layout): string[] {
  const { style } = layout;
  const where = line(formatEndpoint(test.host, test.port), 80);
  const errno = test.errno === undefined ? '' : ` (${line(test.errno, 30)})`;
  let text: string;
  switch (test.outcome) {
    case 'open':
      text = `${label} ${where} ${style.green('open')}: connected in ${test.durationMs} ms`;
      break;
    case 'closed':
      text = `${label} ${where} ${style.red('closed')}: refused (RST) after ${test.durationMs} ms${errno}`;
      break;
    case 'filtered':
      text = `${label} ${where} ${style.red('filtered')}: no answer within ${test.durationMs} ms${errno}`;
      break;
    case 'unreachable':
      text = `${label} ${where} ${style.red('unreachable')}: an ICMP error came back${errno}`;
      break;
  }
  return wrapText(text, layout.width, `${DETAIL_INDENT}  `).map((wrapped, index) =>
    index === 0 ? `${DETAIL_INDENT}${wrapped.trimStart()}` : wrapped,
  );
}

function failureLines(failures: readonly FailureInfo[], layout: Layout): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const failure of failures) {
    const text = describeFailure(failure);
    if (seen.has(text)) continue;
    seen.add(text);
    const [first = '', ...rest] = wrapText(line(text, 400), layout.width, `${DETAIL_INDENT}  `);
    lines.push(`${DETAIL_INDENT}${layout.style.red('✖')} ${first.trimStart()}`, ...rest);
  }
  return lines;
}

/** replyParseErrorLines: why the EPSV or PASV reply could not be read, if it could not. */
function replyParseErrorLines(parseError: string | null | undefined, width: number): string[] {
  return parseError ? wrapText(`cannot read the reply: ${line(parseError, 120)}`, width, DETAIL_INDENT) : [];
}

function bannerDataLines(data: BannerData): string[] {
  const text = data.nonFtpText;
  return text === undefined ? [] : [`${DETAIL_INDENT}not an FTP greeting: ${line(text, 60)}`];
}

function featuresDataLines(data: FeaturesData, { width }: Layout): string[] {
  if (data.features.length === 0) return [];
  return wrapText(`features: ${line(data.features.join(', '), 1500)}`, width, DETAIL_INDENT);
}

function epsvDataLines(data: EpsvData, layout: Layout): string[] {
  const lines = replyParseErrorLines(data.parseError, layout.width);
  if (data.portTest) lines.push(...portTestLine('data port', data.portTest, layout));
  return lines;
}

function pasvDataLines(data: PasvData, layout: Layout): string[] {
  const { width } = layout;
  const lines = replyParseErrorLines(data.parseError, width);
  if (data.advertisedHost !== null && data.addressClass !== null && data.addressClass !== 'same') {
    lines.push(
      ...wrapText(
        `advertised address ${line(data.advertisedHost, 60)} is ${data.addressClass}, not the control address`,
        width,
        DETAIL_INDENT,
      ),
    );
  }
  if (data.portTest) lines.push(...portTestLine('data port', data.portTest, layout));
  if (data.advertisedPortTest) lines.push(...portTestLine('advertised', data.advertisedPortTest, layout));
  return lines;
}

function transferDataLines(data: TransferData, { style, width }: Layout): string[] {
  if (data.finalReply === null) return [];
  const via = data.via === null ? '' : ` over ${data.via.toUpperCase()}`;
  const where =
    data.dataHost !== null && data.dataPort !== null
      ? ` (${formatEndpoint(data.dataHost, data.dataPort)})`
      : '';
  const tls = data.protectedByTls ? ', encrypted' : ', unencrypted';
  const lines = wrapText(
    `listing: ${plural(data.entries, 'entry', 'entries')}, ${plural(data.bytes, 'byte')}${line(via + where, 80)}${tls}`,
    width,
    DETAIL_INDENT,
  );
  for (const entry of data.preview) {
    lines.push(`${DETAIL_INDENT}  ${style.gray('|')} ${fitToWidth(line(entry, 160), width - 10)}`);
  }
  return lines;
}

function activeDataLines(data: ActiveData, { width }: Layout): string[] {
  return data.attempts.flatMap((attempt) => {
    const where = formatEndpoint(attempt.listenAddress, attempt.listenPort);
    const result = attempt.connectedBack
      ? `the server connected back${attempt.connectedFrom === null ? '' : ` from ${line(attempt.connectedFrom, 60)}`}`
      : 'the server did not connect back before the data timeout';
    return wrapText(`${attempt.command} to ${line(where, 60)}: ${result}`, width, DETAIL_INDENT);
  });
}

function scanDataLines(data: ScanData, { width }: Layout): string[] {
  const runs = data.runs.map((run) =>
    run.low === run.high ? `${run.low} ${run.outcome}` : `${run.low}–${run.high} ${run.outcome}`,
  );
  return wrapText(`ports on ${line(data.host, 60)}: ${runs.join(', ')}`, width, DETAIL_INDENT);
}

/** STEP_DATA_LINES: the steps whose data adds lines at -v; the others add none. */
const STEP_DATA_LINES: { readonly [N in StepName]?: (data: StepDataMap[N], layout: Layout) => string[] } = {
  banner: bannerDataLines,
  features: featuresDataLines,
  epsv: epsvDataLines,
  pasv: pasvDataLines,
  transfer: transferDataLines,
  active: activeDataLines,
  scan: scanDataLines,
};

/** dataLines: what a step's data adds to its replies at -v, e.g. the result of a data-port test. */
function dataLines<N extends StepName>(record: StepRecord<N>, layout: Layout): string[] {
  const render = STEP_DATA_LINES[record.name];
  return render === undefined || record.data === null ? [] : render(record.data, layout);
}

/** isRepeatedSample: another EPSV or PASV drawing the same reply code as the one before it. */
function isRepeatedSample(before: Exchange | undefined, exchange: Exchange | undefined): boolean {
  if (before === undefined || exchange === undefined) return false;
  const sampling = exchange.command === 'EPSV' || exchange.command === 'PASV';
  const code = (e: Exchange): number | undefined => (e.replies.length === 1 ? e.replies[0]?.code : undefined);
  return (
    sampling &&
    before.command === exchange.command &&
    code(before) !== undefined &&
    code(before) === code(exchange)
  );
}

function stepFailures(record: AnyStepRecord): FailureInfo[] {
  const failures: FailureInfo[] = [];
  for (const exchange of record.exchanges) if (exchange.failure) failures.push(exchange.failure);
  const dataFailure = record.data && 'failure' in record.data ? record.data.failure : undefined;
  if (dataFailure) failures.push(dataFailure);
  return failures;
}

/**
 * stepsSection: one line per step. By default only a step that did not work shows replies beneath,
 * and only those that are not the normal answer in their place (explained); -v shows every reply,
 * explained for its command and moment, and what each step's data adds (port tests, the feature
 * list, the listing) and its failures.
 */
function stepsSection(report: TargetReport, layout: Layout): string[] {
  const lines = [layout.style.bold('Steps')];
  const authTlsOffered = stepRecord(report.probe, 'features')?.data?.authTlsOffered ?? null;
  const steps = report.diagnosis.steps.map((verdict) => ({
    verdict,
    record: report.probe.steps.find((step) => step.name === verdict.name),
  }));
  // By default steps that worked, one after another, share a line: nothing in them to act on.
  // The TLS step keeps its own, as it states the protocol and the certificate's trust.
  const quiet = (entry: (typeof steps)[number]): boolean =>
    layout.verbosity === 0 &&
    entry.verdict.status === 'ok' &&
    entry.verdict.name !== 'tls' &&
    entry.record?.ran === true;
  for (const [position, { verdict, record }] of steps.entries()) {
    const entry = { verdict, record };
    const before = steps[position - 1];
    const after = steps[position + 1];
    const inRun = quiet(entry) && ((before && quiet(before)) || (after && quiet(after)));
    if (inRun) {
      if (before && quiet(before)) continue;
      let end = position;
      while (steps[end + 1] && quiet(steps[end + 1]!)) end += 1;
      lines.push(...stepRunLines(steps.slice(position, end + 1), layout));
      continue;
    }
    lines.push(...stepLine(verdict, record, layout));
    if (!record?.ran) continue;
    let repeats = 0;
    record.exchanges.forEach((exchange, index) => {
      // Port samples repeat one command with one kind of reply: the first stands for the rest.
      const previous = record.exchanges[index - 1];
      if (layout.verbosity > 0 && isRepeatedSample(previous, exchange)) {
        repeats += 1;
        if (!isRepeatedSample(exchange, record.exchanges[index + 1])) {
          lines.push(
            layout.style.gray(
              `${DETAIL_INDENT}  (+${repeats} more ${exchange.command} → ${exchange.replies[0]?.code}: port samples)`,
            ),
          );
          repeats = 0;
        }
        return;
      }
      for (const reply of exchange.replies) {
        const reading = readReplyInPlace(exchange.command, reply, {
          record,
          exchangeIndex: index,
          authTlsOffered,
        });
        // A step that worked needs no note by default, whatever its replies said on the way.
        if (layout.verbosity > 0 || (verdict.status !== 'ok' && !reading.expected)) {
          lines.push(...replyLines(exchange.command, reply, reading.meaning, layout));
        }
      }
    });
    if (layout.verbosity > 0) {
      lines.push(...dataLines(record, layout));
      lines.push(...failureLines(stepFailures(record), layout));
    }
  }
  return lines;
}

const AUDIENCE_NAMES: Readonly<Record<FixAudience, string>> = {
  firewall: 'on the firewall',
  server: 'on the FTP server',
  network: 'on the network (NAT, load balancer, cluster)',
  client: 'in the client',
};

/**
 * isProse: a line of advice in words rather than a command or a configuration line: several words
 * ending in punctuation, as in "Set the server's passive port range to 50000–50100, and open it."
 * Commands and settings (`iptables -I INPUT …`, `pasv_min_port=40000`) end in a word or a value.
 */
function isProse(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.split(/\s+/).length >= 6 && /[.,:;]$/.test(trimmed);
}

/**
 * fixTextLines lays out a fix's text to paste. Comment lines (# or REM) wrap as comments of the
 * same kind and sentences of advice wrap as text; every other line is a command or a
 * configuration line and is never broken: when it does not fit beside the indent it stands on
 * its own line, unindented, so a terminal selection copies it as one line. Fix texts therefore
 * write each comment as one line, whatever its length, and leave the wrapping to the renderer.
 */
function fixTextLines(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const textLine of sanitizeForTerminal(text, { multiline: true, maxChars: 4000 }).split('\n')) {
    if (textLine === '') {
      lines.push('');
    } else if (columns(FIX_INDENT) + columns(textLine) <= width) {
      lines.push(`${FIX_INDENT}${textLine}`);
    } else if (/^(#|REM )/.test(textLine)) {
      // A shell (#) or Windows command-prompt (REM) comment wraps as comments of the same kind.
      const marker = textLine.startsWith('#') ? '# ' : 'REM ';
      const body = textLine.replace(/^(#+\s?|REM )/, '');
      lines.push(...wrapText(body, width, `${FIX_INDENT}${marker}`));
    } else if (isProse(textLine)) {
      lines.push(...wrapText(textLine, width, FIX_INDENT));
    } else {
      lines.push(textLine);
    }
  }
  return lines;
}

/** sourcesLine lists citations on gray lines (shown with -v): where the claim can be checked. */
function sourcesLine(label: string, sources: readonly Source[], indent: string, layout: Layout): string[] {
  if (sources.length === 0) return [];
  const citations = [...new Set(sources.map((source) => source.citation))].join('; ');
  return wrapText(`${label}: ${line(citations, 1000)}`, layout.width, indent).map((text) =>
    layout.style.gray(text),
  );
}

function fixLines(fix: Fix, number: number, layout: Layout): string[] {
  const { style, width } = layout;
  const head = `Fix ${number} ${AUDIENCE_NAMES[fix.audience]} (${line(fix.dialect, 30)}): ${line(fix.title, 300)}`;
  const [first = '', ...rest] = wrapText(head, width, '    ');
  return [
    style.cyan(first),
    ...rest.map((wrapped) => style.cyan(wrapped)),
    ...fixTextLines(fix.text, width),
    ...(layout.verbosity > 0 ? sourcesLine('Source', fix.sources, FIX_INDENT, layout) : []),
  ];
}

function evidenceLines(finding: Finding, layout: Layout): string[] {
  const { style, width } = layout;
  if (finding.evidence.length === 0) return [];
  const label = 'Proof: ';
  const lines: string[] = [];
  const shownEvidence = layout.verbosity > 0 ? finding.evidence : finding.evidence.slice(0, 3);
  for (const evidence of shownEvidence) {
    const text = sanitizeForTerminal(describeEvidence(evidence), { multiline: true, maxChars: 600 });
    const evidenceLines = text.split('\n');
    for (const [index, evidenceLine] of evidenceLines.slice(0, EVIDENCE_LINES).entries()) {
      const prefix = lines.length === 0 ? `    ${style.bold(label)}` : `    ${' '.repeat(label.length)}`;
      const indent = ' '.repeat(4 + label.length + (index > 0 ? 2 : 0));
      const [first = '', ...rest] = wrapText(evidenceLine, width, indent);
      lines.push(`${prefix}${index > 0 ? '  ' : ''}${first.slice(indent.length)}`, ...rest);
    }
    if (evidenceLines.length > EVIDENCE_LINES) {
      const more = `(+${plural(evidenceLines.length - EVIDENCE_LINES, 'line')}; -vv shows the transcript)`;
      lines.push(style.gray(`    ${' '.repeat(label.length)}${more}`));
    }
  }
  if (shownEvidence.length < finding.evidence.length) {
    lines.push(
      style.gray(
        `    ${' '.repeat(label.length)}(+${finding.evidence.length - shownEvidence.length} more: -v)`,
      ),
    );
  }
  return lines;
}

/**
 * Brief: how much of a finding the report gives. 'full': title, detail, proof and fixes; 'title':
 * a note by default, its title alone; 'anonymous': a clear-text finding after an anonymous login,
 * named and explained, with its proof and setup left to -v (see anonymousSession.ts).
 */
type Brief = 'full' | 'title' | 'anonymous';

/** findingLines: what is broken (title, detail) → what proves it (evidence) → the fix. */
function findingLines(finding: Finding, layout: Layout, software: string | null, brief: Brief): string[] {
  const { style, width } = layout;
  const titleText = `${line(finding.title, 300)} [${line(finding.id, 80)}]`;
  const [firstTitle = '', ...moreTitle] = wrapText(titleText, width, '    ');
  const lines = [
    `  ${severityMark(finding.severity, style)} ${style.bold(firstTitle.trimStart())}`,
    ...moreTitle,
  ];
  if (brief === 'title') return lines;
  lines.push(
    ...wrapText(sanitizeForTerminal(finding.detail, { multiline: true, maxChars: 2000 }), width, '    '),
  );
  if (brief === 'anonymous') {
    const hint =
      '(The probe used the anonymous account: no password was at stake. For accounts with passwords, -v shows the proof and the FTPS setup.)';
    return [...lines, ...wrapText(hint, width, '    ').map((hintLine) => style.gray(hintLine))];
  }
  lines.push(...evidenceLines(finding, layout));
  if (layout.verbosity > 0) lines.push(...sourcesLine('Sources', finding.sources, '    ', layout));
  const dialects = layout.verbosity > 0 && layout.fixDialects === null ? ['all'] : layout.fixDialects;
  const { shown, hidden } = selectFixes(finding.fixes, dialects, software);
  shown.forEach((fix, index) => {
    lines.push(...fixLines(fix, index + 1, layout));
  });
  const note = hiddenNote(hidden);
  if (note !== null)
    lines.push(...wrapText(`(${note})`, width, '    ').map((noteLine) => style.gray(noteLine)));
  return lines;
}

function findingsSection(report: TargetReport, layout: Layout): string[] {
  const findings = sortFindings(report.diagnosis.findings);
  if (findings.length === 0) return [];
  const problems = findings.filter((finding) => finding.severity !== 'info').length;
  const heading =
    problems === 0
      ? `Notes (${findings.length})`
      : problems === findings.length
        ? `Problems (${problems})`
        : `Problems (${problems}) and notes (${findings.length - problems})`;
  const lines = [layout.style.bold(heading)];
  const software = serverSoftware(report);
  const anonymous = probedAnonymously(report);
  const briefOf = (finding: Finding): Brief => {
    if (layout.verbosity > 0) return 'full';
    if (finding.severity === 'info') return 'title';
    return anonymous && finding.severity === 'warning' && isClearTextFinding(finding) ? 'anonymous' : 'full';
  };
  let previous: Brief | null = null;
  for (const finding of findings) {
    const brief = briefOf(finding);
    // Notes by title stand together; anything longer is set apart by a blank line.
    if (previous !== null && !(previous === 'title' && brief === 'title')) lines.push('');
    lines.push(...findingLines(finding, layout, software, brief));
    previous = brief;
  }
  if (findings.some((finding) => briefOf(finding) === 'title')) {
    lines.push(layout.style.gray('    (-v shows each note in full)'));
  }
  return lines;
}

function hasTlsFinding(report: TargetReport): boolean {
  return report.diagnosis.findings.some(
    (finding) => finding.step === 'tls' && compareSeverity(finding.severity, 'warning') <= 0,
  );
}

/**
 * renderHuman writes the report a person reads in a terminal: the target and verdict, then each
 * problem as what is broken, the reply or measurement that proves it and the best-ranked fixes,
 * then one line per step with its time; replies are shown beneath a step only when they are not
 * the normal answer. -v adds every reply explained, every fix dialect and the TLS details; -vv the
 * transcript. Lines fit `width`, except fix command lines, which are never broken. Every
 * server-originated string is escaped. The text ends with a newline.
 */
export function renderHuman(report: TargetReport, options: HumanOptions): string {
  const layout: Layout = {
    style: options.style,
    width: Math.max(MIN_WIDTH, options.width ?? DEFAULT_WIDTH),
    verbosity: options.verbosity,
    fixDialects: options.fixDialects,
  };
  const sections: string[][] = [
    headerLines(report, layout),
    verdictLines(report, targetExitCode(report, options.strict ?? false), layout),
  ];
  const findings = findingsSection(report, layout);
  if (findings.length > 0) sections.push(findings);
  sections.push(stepsSection(report, layout), ...timelineSections(report, options.timeline, layout.style));
  const tls = stepRecord(report.probe, 'tls');
  // By default the TLS details come with a TLS problem, and only when a handshake gave some: after
  // a refused AUTH TLS they would only say "none" three times.
  const handshook = tls?.data?.protocol != null || tls?.data?.certificate != null;
  if (tls?.ran && tls.data && (layout.verbosity > 0 || (hasTlsFinding(report) && handshook))) {
    const transfer = stepRecord(report.probe, 'transfer')?.data ?? null;
    const tlsLines = renderTlsSection(tls.data, transfer, layout.style, layout.width);
    if (tlsLines.length > 0) sections.push(tlsLines);
  }
  if (layout.verbosity > 1)
    sections.push(renderTranscriptSection(report.probe.transcript, layout.style, layout.width));
  return `${sections.map((section) => section.join('\n')).join('\n\n')}\n`;
}

function statusWord(verdict: Verdict): string {
  return VERDICT_WORDS[verdict.status];
}

function colourStatus(verdict: Verdict, text: string, style: Style): string {
  if (verdict.status === 'healthy') return style.green(text);
  if (verdict.status === 'failed') return style.red(text);
  return style.yellow(text);
}

function fitCell(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width
    ? text.padEnd(width + text.length - chars.length)
    : `${chars.slice(0, width - 1).join('')}…`;
}

/**
 * renderSummaryTable gives one row per target (target, verdict, exit code, time, main finding),
 * for runs over several targets. Cells are cut with `…` to keep rows within `width`.
 */
export function renderSummaryTable(
  reports: readonly TargetReport[],
  style: Style = plainStyle,
  width: number = DEFAULT_WIDTH,
  strict = false,
): string {
  const room = Math.max(MIN_WIDTH, width);
  const targetWidth = Math.min(
    Math.max(12, Math.floor(room / 4)),
    Math.max(6, ...reports.map((report) => columns(line(targetLabel(report), 200)))),
  );
  const verdictWidth = 7;
  const head = `${'TARGET'.padEnd(targetWidth)}  ${'VERDICT'.padEnd(verdictWidth)}  EXIT  ${'TIME'.padStart(8)}  MAIN FINDING`;
  const findingWidth = Math.max(10, room - columns(head) + 'MAIN FINDING'.length);
  const rows = reports.map((report) => {
    const { verdict } = report.diagnosis;
    const main = mainFinding(report.diagnosis.findings);
    const finding = main === null ? '—' : fitCell(line(main.title, 200), findingWidth).trimEnd();
    const time = `${report.repeat?.durationMs ?? report.probe.durationMs} ms`.padStart(8);
    const word = verdict.status === 'warning' ? 'WARNING' : statusWord(verdict);
    const status = colourStatus(verdict, word.padEnd(verdictWidth), style);
    return `${fitCell(line(targetLabel(report), 200), targetWidth)}  ${status}  ${String(targetExitCode(report, strict)).padStart(4)}  ${time}  ${finding}`;
  });
  return `${[style.bold(head), ...rows].join('\n')}\n`;
}

/**
 * renderQuiet is the single line `--quiet` prints: status, target, exit code and headline, the
 * headline cut with `…` to fit `width` (the JSON report has it whole).
 */
export function renderQuiet(
  report: TargetReport,
  style: Style = plainStyle,
  width?: number,
  strict = false,
): string {
  const { verdict } = report.diagnosis;
  const head = `${statusWord(verdict)} ${line(targetLabel(report), 120)} (exit ${targetExitCode(report, strict)}): `;
  const headline = line(headlineText(verdict), 300);
  const shown = width === undefined ? headline : fitToWidth(headline, Math.max(10, width - columns(head)));
  return `${colourStatus(verdict, statusWord(verdict), style)}${head.slice(statusWord(verdict).length)}${shown}\n`;
}

export const format: OutputFormatDefinition = {
  name: 'human',
  description: 'report for people',
  render(reports, context) {
    // Every renderer ends its text with a newline; a blank line separates reports.
    if (context.quiet)
      return {
        text: reports
          .map((r) => renderQuiet(r, context.style, context.width ?? undefined, context.strict))
          .join(''),
      };
    const parts = reports.map((r) =>
      renderHuman(r, {
        style: context.style,
        verbosity: context.verbosity,
        width: context.width ?? DEFAULT_WIDTH,
        fixDialects: context.fixDialects,
        timeline: context.timeline,
        strict: context.strict,
      }),
    );
    if (reports.length > 1)
      parts.push(renderSummaryTable(reports, context.style, context.width ?? DEFAULT_WIDTH, context.strict));
    return { text: parts.join('\n') };
  },
};
