import { exitCodeLabel } from '../../knowledge/exitCodes.js';
import type { Finding, Fix, TargetReport, Verdict } from '../../knowledge/types.js';
import type { StepStatus } from '../../probe/types.js';
import { describeEvidence } from '../text/describeEvidence.js';
import { sortFindings } from '../text/findingOrder.js';
import { sanitizeForTerminal } from '../text/sanitize.js';
import { selectFixes } from '../text/selectFixes.js';
import { targetExitCode } from '../text/targetExitCode.js';
import { targetLabel } from '../text/targetLabel.js';
import { type TlsFacts, tlsFacts } from '../text/tlsFacts.js';
import { validityNote } from '../text/validityNote.js';
import type { OutputFormatDefinition } from './registry.js';

/**
 * escapeGithubData escapes the message of a workflow command. Without it a line break in server text
 * would end the command, and the next line could be read as a command of its own.
 */
export function escapeGithubData(value: string): string {
  return value.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** escapeGithubProperty escapes a property value (`title=…`), where `:` and `,` are separators too. */
export function escapeGithubProperty(value: string): string {
  return escapeGithubData(value).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/** Server text first loses its escape sequences: the Actions log renders ANSI colours. */
function clean(value: string, multiline = true): string {
  return sanitizeForTerminal(value, { multiline, maxChars: 4000 });
}

function command(kind: 'error' | 'warning' | 'notice', title: string | null, message: string): string {
  const properties = title === null ? '' : ` title=${escapeGithubProperty(clean(title, false))}`;
  return `::${kind}${properties}::${escapeGithubData(clean(message))}`;
}

function serverSoftware(report: TargetReport): string | null {
  const { server } = report.diagnosis;
  return server.software === 'unknown' || server.confidence === 'none' ? null : server.software;
}

function findingMessage(finding: Finding, fixes: readonly Fix[]): string {
  const lines = [finding.detail];
  for (const evidence of finding.evidence) lines.push(`Evidence: ${describeEvidence(evidence)}`);
  for (const fix of fixes) lines.push(`Fix (${fix.audience}, ${fix.dialect}): ${fix.title}`, fix.text);
  lines.push(`[${finding.id}]`);
  return lines.join('\n');
}

const LEVEL: Readonly<Record<Finding['severity'], 'error' | 'warning' | 'notice'>> = {
  error: 'error',
  warning: 'warning',
  info: 'notice',
};

/** An interrupted or incomplete probe is marked as unfinished, not as a failure of the server. */
const SUMMARY_MARK: Readonly<Record<Verdict['status'], string>> = {
  healthy: '✔',
  warning: '⚠',
  failed: '✖',
  interrupted: '⏸',
  incomplete: '⏸',
};

function verdictWord(verdict: Verdict): string {
  if (verdict.status === 'healthy') return 'healthy';
  if (verdict.status === 'warning') return 'working, with warnings';
  if (verdict.status === 'interrupted') return 'INTERRUPTED';
  if (verdict.status === 'incomplete') return 'INCOMPLETE';
  return 'FAILED';
}

/**
 * renderGithub writes GitHub Actions workflow commands: one `::notice` per target with its verdict,
 * then one `::error`, `::warning` or `::notice` per finding (by severity), titled
 * `<target>: <finding title>`, whose message holds the detail, the evidence and the fixes for the
 * detected server and the Linux firewalls. Values are escaped as the runner requires, so server
 * text can never start a command of its own. Ends with a newline.
 */
export function renderGithub(reports: readonly TargetReport[], strict = false): string {
  const lines: string[] = [];
  for (const report of reports) {
    const label = targetLabel(report);
    const { verdict } = report.diagnosis;
    const exitCode = targetExitCode(report, strict);
    lines.push(
      command(
        'notice',
        `ftp-doctor ${label}`,
        `${verdictWord(verdict)} (exit ${exitCode}: ${exitCodeLabel(exitCode)}): ${verdict.headline}`,
      ),
    );
    const findings = sortFindings(report.diagnosis.findings);
    // The user stopped this check: what it saw so far is worth a warning, not an error that
    // fails a review on a check that did not finish.
    const stopped = verdict.status === 'interrupted';
    for (const finding of findings) {
      const { shown } = selectFixes(finding.fixes, null, serverSoftware(report));
      const level = stopped && finding.severity === 'error' ? 'warning' : LEVEL[finding.severity];
      lines.push(command(level, `${label}: ${finding.title}`, findingMessage(finding, shown)));
    }
    if (verdict.status === 'failed' && !findings.some((finding) => finding.severity === 'error')) {
      lines.push(command('error', `${label}: ${verdict.headline}`, verdict.headline));
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/**
 * markdownText escapes text for Markdown and the HTML GitHub allows in it, so a server cannot add
 * links, images, emphasis, headings, lists or tags to a job summary: brackets, emphasis marks,
 * pipes and `#` are backslash-escaped, `& < >` become entities, and a list marker at the start is
 * escaped. Line breaks become `<br>`, so the text stays inside its paragraph or table cell.
 */
function markdownText(value: string): string {
  return clean(value, true)
    .replace(/[\\`*_[\]|~!#]/g, (char) => `\\${char}`)
    .replace(/^(\s*)([-+])(?=\s|$)/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])(?=\s|$)/, '$1\\$2')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('\n', '<br>');
}

/** codeBlock fences text with more backticks than it contains in a row, so nothing escapes it. */
function codeBlock(value: string): string[] {
  const body = clean(value, true);
  const longestRun = Math.max(0, ...[...body.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return [fence, body, fence];
}

const STATUS_MARKS: Readonly<Record<StepStatus, string>> = {
  ok: '✔ ok',
  warn: '⚠ warn',
  fail: '✖ fail',
  skipped: '– skipped',
};

const SEVERITY_MARKS: Readonly<Record<Finding['severity'], string>> = {
  error: '✖',
  warning: '⚠',
  info: 'ℹ',
};

const AUDIENCE_NAMES: Readonly<Record<Fix['audience'], string>> = {
  firewall: 'Firewall',
  server: 'FTP server',
  network: 'Network',
  client: 'Client',
};

function fixMarkdown(fix: Fix): string[] {
  return [
    `**${AUDIENCE_NAMES[fix.audience]}** · ${markdownText(fix.dialect)} — ${markdownText(fix.title)}`,
    '',
    ...codeBlock(fix.text),
    '',
  ];
}

function findingMarkdown(finding: Finding, software: string | null): string[] {
  const lines = [
    `#### ${SEVERITY_MARKS[finding.severity]} ${markdownText(finding.title)} (\`${finding.id.replace(/[^a-z0-9.-]/gi, '')}\`)`,
    '',
    markdownText(finding.detail),
    '',
  ];
  if (finding.evidence.length > 0) {
    lines.push('Evidence:', '', ...codeBlock(finding.evidence.map(describeEvidence).join('\n')), '');
  }
  const { shown, hidden } = selectFixes(finding.fixes, null, software);
  for (const fix of shown) lines.push(...fixMarkdown(fix));
  if (hidden.length > 0) {
    const dialects = [...new Set(hidden.map((fix) => markdownText(fix.dialect)))].join(', ');
    lines.push(`<details><summary>More fixes: ${dialects}</summary>`, '');
    for (const fix of hidden) lines.push(...fixMarkdown(fix));
    lines.push('</details>', '');
  }
  return lines;
}

/** yesNo: a fact that is good when true, marked like the step statuses. */
function yesNo(value: boolean | null): string {
  if (value === null) return 'not checked';
  return value ? '✔ yes' : '✖ no';
}

/** flagWord: a neutral yes/no fact, neither good nor bad in itself. */
function flagWord(value: boolean | null): string {
  if (value === null) return 'not checked';
  return value ? 'yes' : 'no';
}

/**
 * tlsMarkdown: a two-column table of the TLS facts. Certificate fields are chosen by whoever made
 * the certificate, so every one of them goes through markdownText like other server text.
 */
function tlsMarkdown({ tls, transfer }: TlsFacts): string[] {
  const rows: [string, string][] = [
    ['Protocol', markdownText(tls.protocol ?? 'none negotiated')],
    ['Cipher', markdownText(tls.cipher ?? 'not known')],
    ['Handshake', `${tls.handshakeMs} ms`],
  ];
  const cert = tls.certificate;
  if (cert === null) {
    rows.push(['Certificate', 'none received']);
  } else {
    const names = cert.subjectAltNames.length === 0 ? 'none' : cert.subjectAltNames.join(', ');
    rows.push(
      ['Subject', markdownText(cert.subject)],
      ['Names', markdownText(names)],
      ['Issuer', markdownText(cert.issuer)],
      ['Self-signed', flagWord(cert.selfSigned)],
      ['Valid from', markdownText(cert.validFrom)],
      ['Valid to', `${markdownText(cert.validTo)} (${validityNote(cert.daysLeft)})`],
    );
  }
  const trustError = tls.trusted === false && tls.trustError !== null ? `: ${tls.trustError}` : '';
  rows.push(
    ['Trusted', markdownText(`${yesNo(tls.trusted)}${trustError}`)],
    ['Name matches', yesNo(tls.nameMatches)],
    [
      'Data channel',
      tls.dataProtection === 'private' ? 'PROT P (listings and files encrypted)' : 'clear (no PROT P)',
    ],
    ['Data session reused', yesNo(transfer?.tlsSessionReused ?? null)],
    ['Reuse required', flagWord(transfer?.reuseRequired ?? null)],
  );
  return ['| TLS | |', '|---|---|', ...rows.map(([name, value]) => `| ${name} | ${value} |`), ''];
}

function targetMarkdown(report: TargetReport, strict: boolean): string[] {
  const { verdict } = report.diagnosis;
  const mark = SUMMARY_MARK[verdict.status];
  const lines = [
    `### ${mark} ${markdownText(targetLabel(report))} — ${verdictWord(verdict)} (exit ${targetExitCode(report, strict)})`,
    '',
    markdownText(verdict.headline),
    '',
    '| Step | Status | What it showed | Time |',
    '|---|---|---|---:|',
  ];
  for (const step of report.diagnosis.steps) {
    const record = report.probe.steps.find((candidate) => candidate.name === step.name);
    const time = record?.ran ? `${record.durationMs} ms` : '';
    lines.push(`| ${step.name} | ${STATUS_MARKS[step.status]} | ${markdownText(step.summary)} | ${time} |`);
  }
  lines.push('');
  const facts = tlsFacts(report.probe);
  if (facts !== null) lines.push(...tlsMarkdown(facts));
  const findings = sortFindings(report.diagnosis.findings);
  if (findings.length > 0) {
    const software = serverSoftware(report);
    for (const finding of findings) lines.push(...findingMarkdown(finding, software));
  }
  return lines;
}

/**
 * renderGithubSummary writes the Markdown the CLI appends to $GITHUB_STEP_SUMMARY: per target a
 * heading with the verdict, a table of steps, after a TLS handshake a table of the TLS facts
 * (protocol, cipher, certificate, trust, name match, data channel), then each finding with its
 * evidence and fixes in code blocks (fixes for other products folded in a `<details>` block).
 * Server text is escaped so it renders as text. Ends with a newline.
 */
export function renderGithubSummary(reports: readonly TargetReport[], strict = false): string {
  const lines = ['## ftp-doctor', ''];
  if (reports.length > 1) {
    lines.push('| Target | Verdict | Exit |', '|---|---|---:|');
    for (const report of reports) {
      const { verdict } = report.diagnosis;
      lines.push(
        `| ${markdownText(targetLabel(report))} | ${verdictWord(verdict)} | ${targetExitCode(report, strict)} |`,
      );
    }
    lines.push('');
  }
  for (const report of reports) lines.push(...targetMarkdown(report, strict));
  return `${lines.join('\n').trimEnd()}\n`;
}

export const format: OutputFormatDefinition = {
  name: 'github',
  description: 'GitHub Actions annotations and job summary',
  render: (reports, context) => ({
    text: renderGithub(reports, context.strict),
    githubSummary: renderGithubSummary(reports, context.strict),
  }),
};
