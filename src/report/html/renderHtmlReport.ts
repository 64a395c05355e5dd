import { createHash } from 'node:crypto';
import { inferPassiveRange } from '../../knowledge/diagnosis/fixes/passiveRange.js';
import { exitCodeLabel } from '../../knowledge/exitCodes.js';
import { describeReply } from '../../knowledge/reference/replyCodes.js';
import type { Finding, Fix, TargetReport, Verdict } from '../../knowledge/types.js';
import type { StepStatus } from '../../probe/types.js';
import { formatEndpoint } from '../../protocol/address.js';
import { maskCommand } from '../../protocol/command.js';
import type { TranscriptEntry } from '../../protocol/types.js';
import { describeEvidence } from '../text/describeEvidence.js';
import { describeFailure } from '../text/describeFailure.js';
import { sortFindings } from '../text/findingOrder.js';
import { readReplyInPlace } from '../text/replyInPlace.js';
import { selectFixes } from '../text/selectFixes.js';
import { stepRecord } from '../text/stepRecord.js';
import { targetExitCode } from '../text/targetExitCode.js';
import { targetLabel } from '../text/targetLabel.js';
import { tlsFacts } from '../text/tlsFacts.js';
import { validityNote } from '../text/validityNote.js';
import { buildTimeline } from '../timeline/timeline.js';
import { renderTimelineSvg } from '../timeline/timelineSvg.js';
import { HTML_SCRIPT, HTML_STYLE } from './htmlAssets.js';
import { htmlText } from './htmlText.js';
import { type RangeMapInput, renderRangeMapSvg } from './rangeMapSvg.js';

/** HtmlReportContext: what the page says about the run besides the reports. */
export interface HtmlReportContext {
  readonly toolVersion: string;
  /** ISO 8601 time the page was written; defaults to now. */
  readonly generatedAt?: string;
  /** --fix-for: the dialects to show first; the others are folded away, never dropped. */
  readonly fixDialects?: readonly string[] | null;
  /** --strict: warnings make the process exit 1, and the page states that exit code. */
  readonly strict?: boolean;
}

const t = htmlText;

const STATUS_WORDS: Readonly<Record<StepStatus, string>> = {
  ok: '✔ ok',
  warn: '! warn',
  fail: '✖ fail',
  skipped: '– skipped',
};

const SEVERITY_WORDS: Readonly<Record<Finding['severity'], string>> = {
  error: '✖ error',
  warning: '! warning',
  info: 'i info',
};

const AUDIENCE_WORDS: Readonly<Record<Fix['audience'], string>> = {
  firewall: 'Fix on the firewall',
  server: 'Fix on the FTP server',
  network: 'Fix on the network',
  client: 'Fix in the client',
};

function verdictWord(verdict: Verdict): string {
  if (verdict.status === 'healthy') return 'HEALTHY';
  if (verdict.status === 'warning') return 'WARNING';
  if (verdict.status === 'interrupted') return 'INTERRUPTED';
  if (verdict.status === 'incomplete') return 'INCOMPLETE';
  return 'FAILED';
}

function serverSoftware(report: TargetReport): string | null {
  const { server } = report.diagnosis;
  return server.software === 'unknown' || server.confidence === 'none' ? null : server.software;
}

/** Ids name elements for copy buttons and links; built from counters, never from server text. */
class IdSource {
  private next = 0;
  constructor(private readonly prefix: string) {}
  take(kind: string): string {
    this.next += 1;
    return `${this.prefix}-${kind}-${this.next}`;
  }
}

function copyButton(targetId: string): string {
  // Hidden until the script runs: without script the text is still there to select by hand.
  return `<button type="button" class="copy" data-copy="${targetId}" hidden>Copy</button>`;
}

function facts(rows: readonly (readonly [string, string])[]): string {
  return `<dl class="facts">${rows.map(([name, value]) => `<dt>${name}</dt><dd>${value}</dd>`).join('')}</dl>`;
}

function headerSection(report: TargetReport, strict: boolean): string {
  const { probe, diagnosis } = report;
  const { verdict } = diagnosis;
  const exitCode = targetExitCode(report, strict);
  const connect = stepRecord(probe, 'connect')?.data;
  const resolved = stepRecord(probe, 'resolve')?.data;
  const chosen = connect?.address ?? resolved?.chosen ?? null;
  const rows: [string, string][] = [
    ['Address', chosen === null ? 'not resolved' : t(formatEndpoint(chosen, probe.target.port))],
  ];
  const software = serverSoftware(report);
  if (software !== null) {
    const { server } = diagnosis;
    const version = server.version === null ? '' : ` ${server.version}`;
    rows.push(['Server', `${t(`${server.displayName}${version}`)} (${server.confidence} confidence)`]);
  }
  rows.push(
    [
      'Probed',
      report.repeat
        ? `${t(report.repeat.startedAt)}: ${report.repeat.sessions} sessions in ${report.repeat.durationMs} ms`
        : `${t(probe.startedAt)} in ${probe.durationMs} ms`,
    ],
    ['User', t(probe.options.user)],
    ['TLS mode', t(probe.options.tls)],
  );
  if (probe.interrupted !== null) {
    rows.push([
      'Stopped',
      probe.interrupted === 'deadline'
        ? `the overall deadline of ${probe.options.deadlineMs} ms ran out`
        : `interrupted by ${probe.interruptedBy ?? 'a signal'}; later steps did not run`,
    ]);
  }
  return [
    `<header class="verdict v-${verdict.status}">`,
    `<p class="word">${verdictWord(verdict)} <span class="exit">exit ${exitCode}: ${t(exitCodeLabel(exitCode))}</span></p>`,
    // The status word stands above in large type; the headline's own "FAILED: " would repeat it.
    `<p class="headline">${t(verdict.headline.replace(/^(?:HEALTHY|FAILED|WORKS WITH WARNINGS|INCOMPLETE|INTERRUPTED): /, ''), { maxChars: 400 })}</p>`,
    '</header>',
    facts(rows),
  ].join('\n');
}

function fixMarkup(fix: Fix, ids: IdSource): string {
  const id = ids.take('fix');
  return [
    '<div class="fix">',
    `<p><span class="dialect">${t(fix.dialect, { maxChars: 40 })}</span> ${t(fix.title, { maxChars: 300 })} ${copyButton(id)}</p>`,
    `<pre id="${id}">${t(fix.text, { multiline: true, maxChars: 4000 })}</pre>`,
    '</div>',
  ].join('\n');
}

function fixesMarkup(fixes: readonly Fix[], ids: IdSource): string[] {
  const out: string[] = [];
  for (const audience of ['firewall', 'server', 'network', 'client'] as const) {
    const group = fixes.filter((fix) => fix.audience === audience);
    if (group.length === 0) continue;
    out.push(`<h4>${AUDIENCE_WORDS[audience]}</h4>`, ...group.map((fix) => fixMarkup(fix, ids)));
  }
  return out;
}

function findingMarkup(
  finding: Finding,
  report: TargetReport,
  context: HtmlReportContext,
  ids: IdSource,
): string {
  const { shown, hidden } = selectFixes(finding.fixes, context.fixDialects ?? null, serverSoftware(report));
  const evidence = finding.evidence.map((item) => {
    const id = ids.take('evidence');
    return `<div class="evidence-item"><pre id="${id}">${t(describeEvidence(item), { multiline: true, maxChars: 2000 })}</pre>${copyButton(id)}</div>`;
  });
  const out = [
    `<article class="finding s-${finding.severity}" data-finding-id="${t(finding.id, { maxChars: 80 })}">`,
    `<h3><span class="severity">${SEVERITY_WORDS[finding.severity]}</span> ${t(finding.title, { maxChars: 300 })} <code class="id">${t(finding.id, { maxChars: 80 })}</code></h3>`,
    `<p class="detail">${t(finding.detail, { multiline: true, maxChars: 2000 })}</p>`,
  ];
  if (evidence.length > 0) out.push('<h4>Evidence</h4>', ...evidence);
  out.push(...fixesMarkup(shown, ids));
  if (hidden.length > 0) {
    out.push(
      `<details class="more-fixes"><summary>${hidden.length} more fix${hidden.length === 1 ? '' : 'es'} for other products</summary>`,
      ...fixesMarkup(hidden, ids),
      '</details>',
    );
  }
  out.push('</article>');
  return out.join('\n');
}

function findingsSection(report: TargetReport, context: HtmlReportContext, ids: IdSource): string {
  const findings = sortFindings(report.diagnosis.findings);
  if (findings.length === 0)
    return '<section class="findings"><h2>Findings</h2><p>None: nothing to fix.</p></section>';
  return [
    `<section class="findings"><h2>Findings (${findings.length})</h2>`,
    ...findings.map((finding) => findingMarkup(finding, report, context, ids)),
    '</section>',
  ].join('\n');
}

function stepsSection(report: TargetReport): string {
  // A reply code's meaning is said once: five EPSV samples need one explanation, not five.
  const explained = new Set<string>();
  const authTlsOffered = stepRecord(report.probe, 'features')?.data?.authTlsOffered ?? null;
  const rows = report.diagnosis.steps.map((verdict) => {
    const record = report.probe.steps.find((step) => step.name === verdict.name);
    const said = verdict.summary.trim() === '' ? (record?.skippedReason ?? '') : verdict.summary;
    const replies: string[] = [];
    for (const [index, exchange] of (record?.ran ? record.exchanges : []).entries()) {
      for (const reply of exchange.replies) {
        const sent = exchange.command === null ? '' : `${maskCommand(exchange.command)} → `;
        const [first = ''] = reply.text.split('\n');
        const place = { record: record!, exchangeIndex: index, authTlsOffered };
        const meaning =
          readReplyInPlace(exchange.command, reply, place).meaning ??
          describeReply(reply.code, exchange.command).line;
        const said = explained.has(meaning)
          ? ''
          : ` <span class="meaning">${t(meaning, { maxChars: 400 })}</span>`;
        explained.add(meaning);
        // The probe sends EPSV ALL last, in one round trip with QUIT (RFC 2428 §4: after it the
        // server refuses PASV and PORT), although it belongs to this step.
        const when =
          exchange.command === 'EPSV ALL'
            ? ' <span class="when">(sent at the end, just before QUIT)</span>'
            : '';
        replies.push(
          `<li><code>${t(`${sent}${reply.code} ${first}`, { maxChars: 200 })}</code>${said}${when}</li>`,
        );
      }
      if (exchange.failure)
        replies.push(`<li class="failure">${t(describeFailure(exchange.failure), { maxChars: 400 })}</li>`);
    }
    const time = record?.ran ? `${record.durationMs} ms` : '';
    return [
      `<tr class="st-${verdict.status}" data-step="${verdict.name}">`,
      `<td class="status">${STATUS_WORDS[verdict.status]}</td>`,
      `<th scope="row">${verdict.name}</th>`,
      `<td>${t(said, { maxChars: 300 })}${replies.length > 0 ? `<ul class="replies">${replies.join('')}</ul>` : ''}</td>`,
      `<td class="time">${time}</td>`,
      '</tr>',
    ].join('');
  });
  return [
    '<section class="steps"><h2>Steps</h2>',
    '<table><thead><tr><th>Status</th><th>Step</th><th>What it showed</th><th>Time</th></tr></thead><tbody>',
    ...rows,
    '</tbody></table></section>',
  ].join('\n');
}

function timelineSection(report: TargetReport): string {
  return [
    '<section class="timeline-section"><h2>Timeline</h2>',
    '<p class="hint">Every step and connection to scale, from the first DNS query to QUIT. Hover a bar for its times.</p>',
    `<div class="scroll">${renderTimelineSvg(buildTimeline(report))}</div>`,
    '<p class="legend"><span class="key k-step"></span>step <span class="key k-connect"></span>TCP connect <span class="key k-tls"></span>TLS handshake <span class="key k-wait"></span>waiting for a reply <span class="key k-open"></span>connection open <span class="key k-data"></span>data connection <span class="key t-fail"></span>failed</p>',
    '</section>',
  ].join('\n');
}

function rangeMapInput(report: TargetReport): RangeMapInput | null {
  const { probe } = report;
  const scan = stepRecord(probe, 'scan');
  const scanData = scan?.ran ? scan.data : null;
  const sampledPorts: number[] = [];
  for (const name of ['epsv', 'pasv'] as const) {
    const record = stepRecord(probe, name);
    for (const sample of record?.data?.samples ?? [])
      if (sample.port !== null) sampledPorts.push(sample.port);
    if (record?.data?.port != null && !sampledPorts.includes(record.data.port))
      sampledPorts.push(record.data.port);
  }
  const sampled = probe.options.samples > 1 && new Set(sampledPorts).size > 1;
  if (!sampled && !scanData) return null;
  const guess = new Set(sampledPorts).size > 1 ? inferPassiveRange(sampledPorts) : null;
  return { scan: scanData ?? null, sampledPorts, guess };
}

function rangeSection(report: TargetReport): string | null {
  const input = rangeMapInput(report);
  if (input === null) return null;
  const ports = [...new Set(input.sampledPorts)].sort((a, b) => a - b);
  const said: string[] = [];
  if (ports.length > 0) said.push(`Ports the server named: ${ports.join(', ')}.`);
  if (input.guess)
    said.push(
      `Range ${input.guess.confidence} from them: ${input.guess.range.low}-${input.guess.range.high}.`,
    );
  if (input.scan) {
    const counts = new Map<string, number>();
    for (const run of input.scan.runs)
      counts.set(run.outcome, (counts.get(run.outcome) ?? 0) + run.high - run.low + 1);
    said.push(
      `Scanned ${input.scan.range.low}-${input.scan.range.high} on ${t(input.scan.host, { maxChars: 60 })}: ${[...counts].map(([outcome, count]) => `${count} ${outcome}`).join(', ')}.`,
    );
  }
  return [
    '<section class="range"><h2>Passive port range</h2>',
    `<p>${said.join(' ')}</p>`,
    `<div class="scroll">${renderRangeMapSvg(input)}</div>`,
    '<p class="legend"><span class="key o-open"></span>open <span class="key o-closed"></span>closed <span class="key o-filtered"></span>filtered <span class="key o-unreachable"></span>unreachable <span class="key sample"></span>sampled port</p>',
    '</section>',
  ].join('\n');
}

function yesNo(value: boolean | null): string {
  if (value === null) return 'not checked';
  return value ? 'yes' : 'no';
}

function tlsSection(report: TargetReport): string | null {
  const found = tlsFacts(report.probe);
  if (found === null) return null;
  const { tls, transfer } = found;
  const rows: [string, string][] = [
    ['Protocol', t(tls.protocol ?? 'none negotiated')],
    ['Cipher', t(tls.cipher ?? 'not known')],
    ['Mode', tls.mode === 'implicit' ? 'implicit TLS' : 'explicit (AUTH TLS)'],
    ['Handshake', `${tls.handshakeMs} ms`],
  ];
  const cert = tls.certificate;
  if (cert === null) {
    rows.push(['Certificate', 'none received']);
  } else {
    rows.push(
      ['Subject', t(cert.subject, { maxChars: 300 })],
      [
        'Names',
        t(cert.subjectAltNames.length === 0 ? 'none' : cert.subjectAltNames.join(', '), { maxChars: 600 }),
      ],
      ['Issuer', t(cert.issuer, { maxChars: 300 })],
      ['Self-signed', yesNo(cert.selfSigned)],
      ['Valid', `${t(cert.validFrom)} to ${t(cert.validTo)} (${validityNote(cert.daysLeft)})`],
      ['SHA-256', `<code>${t(cert.fingerprint256, { maxChars: 120 })}</code>`],
    );
  }
  const trustError = tls.trusted === false && tls.trustError !== null ? `: ${tls.trustError}` : '';
  rows.push(
    ['Trusted', t(`${yesNo(tls.trusted)}${trustError}`, { maxChars: 300 })],
    ['Name matches', yesNo(tls.nameMatches)],
    ['Data channel', tls.dataProtection === 'private' ? 'PROT P (encrypted)' : 'clear (no PROT P)'],
    ['Session reused on data', yesNo(transfer?.tlsSessionReused ?? null)],
  );
  return `<section class="tls"><h2>TLS</h2>${facts(rows)}</section>`;
}

const DIRECTION_MARKS = { sent: '&gt;', received: '&lt;', event: '*' } as const;

/**
 * SECOND_CONNECTION: the probe files the lines of its second control connection (the parallel
 * PASV test) as events of the first, written "second connection > PASV"; the page gives them
 * their own marks, 2&gt; 2&lt; and 2*.
 */
const SECOND_CONNECTION = /^second connection ([<>*]) /;
const SECOND_DIRECTIONS = { '>': 'sent', '<': 'received', '*': 'event' } as const;

function transcriptRow(entry: TranscriptEntry): string {
  const second = entry.direction === 'event' ? SECOND_CONNECTION.exec(entry.text) : null;
  const direction = second ? SECOND_DIRECTIONS[second[1] as keyof typeof SECOND_DIRECTIONS] : entry.direction;
  const raw = second ? entry.text.slice(second[0].length) : entry.text;
  const text = direction === 'sent' ? maskCommand(raw) : raw;
  const mark = `${second ? '2' : ''}${DIRECTION_MARKS[direction]}`;
  const classes = `d-${direction} c-${entry.channel}${second ? ' second' : ''}`;
  return `<tr class="${classes}"><td class="time">${Math.round(entry.atMs)} ms</td><td class="mark">${mark}</td><td class="channel">${entry.channel}</td><td><code>${t(text, { maxChars: 400 })}</code></td></tr>`;
}

function transcriptSection(report: TargetReport): string {
  const { transcript } = report.probe;
  const rows = transcript.map(transcriptRow);
  const hasSecond = transcript.some(
    (entry) => entry.direction === 'event' && SECOND_CONNECTION.test(entry.text),
  );
  const secondLegend = hasSecond
    ? ' 2&gt; 2&lt; sent and received on the second control connection, which tests PASV alongside the first (2* its events).'
    : '';
  return [
    `<section class="transcript"><details${transcript.length <= 80 ? ' open' : ''}><summary><h2>Transcript (${transcript.length} lines)</h2></summary>`,
    `<p class="hint">&gt; sent, &lt; received, * event.${secondLegend} The password is shown as ****; control characters in server text are shown as escapes such as \\x1b.</p>`,
    transcript.length === 0
      ? '<p>Empty: no control connection was made.</p>'
      : `<table><tbody>${rows.join('\n')}</tbody></table>`,
    '</details></section>',
  ].join('\n');
}

function targetSection(report: TargetReport, index: number, context: HtmlReportContext): string {
  const ids = new IdSource(`t${index + 1}`);
  const parts = [
    `<section class="target" id="target-${index + 1}">`,
    `<h1>${t(targetLabel(report), { maxChars: 200 })}</h1>`,
    headerSection(report, context.strict ?? false),
    findingsSection(report, context, ids),
    timelineSection(report),
    rangeSection(report),
    tlsSection(report),
    stepsSection(report),
    transcriptSection(report),
    '</section>',
  ];
  return parts.filter((part) => part !== null).join('\n');
}

function overview(reports: readonly TargetReport[], strict: boolean): string {
  if (reports.length < 2) return '';
  const rows = reports.map((report, index) => {
    const { verdict } = report.diagnosis;
    return `<tr class="v-${verdict.status}"><td><a href="#target-${index + 1}">${t(targetLabel(report), { maxChars: 200 })}</a></td><td>${verdictWord(verdict)}</td><td>${targetExitCode(report, strict)}</td><td>${t(verdict.headline, { maxChars: 200 })}</td></tr>`;
  });
  return `<section class="overview"><h2>Targets</h2><table><thead><tr><th>Target</th><th>Verdict</th><th>Exit</th><th>Headline</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

/**
 * CONTENT_SECURITY_POLICY: nothing may load from anywhere (no fonts, images, frames, forms or
 * connections); only this page's own stylesheet and script run, pinned by their hashes, so even
 * markup that slipped past escaping could not run a script or call out.
 */
function contentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    `style-src 'sha256-${sha256(HTML_STYLE)}'`,
    `script-src 'sha256-${sha256(HTML_SCRIPT)}'`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * renderHtmlReport writes one self-contained HTML page for one or more targets: per target the
 * verdict, the findings with evidence and fixes (copy buttons), a timeline of every step and
 * connection drawn to scale, the passive-range map when ports were sampled or scanned, the TLS
 * facts, the steps with their replies, and the sanitised transcript. It loads nothing: the style
 * and the small copy script are inline, pinned by a Content-Security-Policy, and the page reads
 * fully without the script. Every server-originated string goes through htmlText.
 */
export function renderHtmlReport(reports: readonly TargetReport[], context: HtmlReportContext): string {
  const generatedAt = context.generatedAt ?? new Date().toISOString();
  const title =
    reports.length === 1 && reports[0] !== undefined
      ? `ftp-doctor: ${verdictWord(reports[0].diagnosis.verdict)} ${targetLabel(reports[0])}`
      : `ftp-doctor: ${reports.length} targets`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy()}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="ftp-doctor ${t(context.toolVersion, { maxChars: 40 })}">`,
    `<title>${t(title, { maxChars: 200 })}</title>`,
    `<style>${HTML_STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    overview(reports, context.strict ?? false),
    ...reports.map((report, index) => targetSection(report, index, context)),
    '</main>',
    `<footer>Written by ftp-doctor ${t(context.toolVersion, { maxChars: 40 })} at ${t(generatedAt, { maxChars: 40 })}. This page loads nothing from the network.</footer>`,
    `<script>${HTML_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
