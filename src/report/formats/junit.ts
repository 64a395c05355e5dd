import type { Finding, StepVerdict, TargetReport } from '../../knowledge/types.js';
import type { AnyStepRecord, StepName } from '../../probe/types.js';
import { maskCommand } from '../../protocol/command.js';
import { describeEvidence } from '../text/describeEvidence.js';
import { describeFailure } from '../text/describeFailure.js';
import { sortFindings } from '../text/findingOrder.js';
import { sanitizeForTerminal, sanitizeForXml } from '../text/sanitize.js';
import { targetExitCode } from '../text/targetExitCode.js';
import { targetLabel } from '../text/targetLabel.js';
import { tlsFacts } from '../text/tlsFacts.js';
import type { OutputFormatDefinition } from './registry.js';

/** JunitOptions: with `strict`, warnings fail their test case, as `--strict` fails the run. */
export interface JunitOptions {
  readonly strict?: boolean;
}

/**
 * A failure body holds the finding, its evidence, the step's replies and every fix; the fixes are
 * long (a dozen dialects), so the body gets more room than a one-line note.
 */
const MAX_BODY_CHARS = 32_000;
const MAX_NOTE_CHARS = 4000;

/**
 * text: server text made printable first (CI log viewers render ANSI colours and bidi controls),
 * then made valid XML.
 */
function text(value: string, maxChars = MAX_NOTE_CHARS): string {
  return sanitizeForXml(sanitizeForTerminal(value, { multiline: true, maxChars }));
}

function attr(value: string, maxChars = 500): string {
  return sanitizeForXml(sanitizeForTerminal(value, { maxChars }), { attribute: true });
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

/**
 * findingText: a finding as plain text for a failure body or a system-out note; `replies` (the
 * step's exchanges) go between the evidence and the fixes, where a reader still looks.
 */
function findingText(finding: Finding, replies: string | null = null): string {
  const lines = [`[${finding.severity}] ${finding.title} (${finding.id})`, finding.detail];
  if (finding.evidence.length > 0) {
    lines.push('', 'Evidence:');
    for (const evidence of finding.evidence)
      lines.push(`  ${describeEvidence(evidence).replaceAll('\n', '\n  ')}`);
  }
  if (replies !== null) lines.push('', replies);
  if (finding.fixes.length > 0) {
    lines.push('', 'Fixes:');
    for (const fix of finding.fixes) {
      lines.push(`  [${fix.audience} / ${fix.dialect}] ${fix.title}`);
      for (const fixLine of fix.text.split('\n')) lines.push(`      ${fixLine}`);
    }
  }
  return lines.join('\n');
}

interface TestCase {
  readonly name: string;
  readonly timeMs: number;
  readonly failure: { readonly message: string; readonly type: string; readonly body: string } | null;
  /** The probe stopped in this step (a signal or the deadline): an error of the run, not of the server. */
  readonly error: { readonly message: string; readonly type: string; readonly body: string } | null;
  readonly skipped: string | null;
  readonly systemOut: string | null;
}

/**
 * repliesText: what the server answered during the step (`EPSV → 229 Entering Extended Passive
 * Mode (|||41497|)`), so a CI log shows the reply that proves the finding without the JSON report.
 */
function repliesText(record: AnyStepRecord | undefined): string | null {
  const lines: string[] = [];
  for (const exchange of record?.exchanges ?? []) {
    const prefix = exchange.command === null ? '' : `${maskCommand(exchange.command)} → `;
    for (const reply of exchange.replies)
      lines.push(`  ${prefix}${reply.code} ${reply.text.replaceAll('\n', '\n    ')}`);
    if (exchange.failure) lines.push(`  ${prefix}${describeFailure(exchange.failure)}`);
  }
  return lines.length === 0 ? null : ['Server replies in this step:', ...lines].join('\n');
}

/**
 * failureOf: the first blocking finding names the failure; the body lists every blocking one,
 * the first with the step's replies.
 */
function failureOf(
  blocking: readonly Finding[],
  fallback: string,
  replies: string | null = null,
): TestCase['failure'] {
  const [first] = blocking;
  if (first === undefined) {
    return {
      message: fallback,
      type: 'step.failed',
      body: replies === null ? fallback : `${fallback}\n\n${replies}`,
    };
  }
  const body = blocking.map((finding, index) => findingText(finding, index === 0 ? replies : null));
  return { message: first.title, type: first.id, body: body.join('\n\n') };
}

/** The finding that says the probe was stopped early; JUnit reports it as an `<error>`. */
const INTERRUPTED_ID = 'probe.interrupted';

function stepCase(
  step: StepVerdict,
  report: TargetReport,
  findings: readonly Finding[],
  strict: boolean,
): TestCase {
  // A run the user stopped (a signal) fails no test case: what it saw so far goes to system-out,
  // and the step it stopped in carries the <error>.
  const stopped = report.diagnosis.verdict.status === 'interrupted';
  const record = report.probe.steps.find((candidate) => candidate.name === step.name);
  const timeMs = record?.durationMs ?? 0;
  if (step.status === 'skipped') {
    return {
      name: step.name,
      timeMs,
      failure: null,
      error: null,
      skipped: step.summary || 'skipped',
      systemOut: null,
    };
  }
  const interruption = findings.find((finding) => finding.id === INTERRUPTED_ID);
  const judged = findings.filter((finding) => finding.id !== INTERRUPTED_ID);
  const blockingSeverities = stopped ? [] : strict ? ['error', 'warning'] : ['error'];
  const blocking = judged.filter((finding) => blockingSeverities.includes(finding.severity));
  const notes = judged.filter((finding) => !blockingSeverities.includes(finding.severity));
  const fails =
    !stopped &&
    (step.status === 'fail' ||
      (strict && step.status === 'warn' && interruption === undefined) ||
      blocking.length > 0);
  const summary = `${step.name}: ${step.summary}`;
  const systemOut = [summary, ...notes.map((finding) => findingText(finding))].join('\n\n');
  return {
    name: step.name,
    timeMs,
    failure: fails ? failureOf(blocking, summary, repliesText(record)) : null,
    error: interruption
      ? { message: interruption.title, type: interruption.id, body: findingText(interruption) }
      : null,
    skipped: null,
    systemOut,
  };
}

/**
 * testCases: one per step the diagnosis judged, plus a `verdict` case that carries findings of
 * steps not listed and makes sure a failed target never shows up green.
 */
function testCases(report: TargetReport, strict: boolean): TestCase[] {
  const { diagnosis } = report;
  const findings = sortFindings(diagnosis.findings);
  const listed = new Set<StepName>(diagnosis.steps.map((step) => step.name));
  const cases = diagnosis.steps.map((step) =>
    stepCase(
      step,
      report,
      findings.filter((finding) => finding.step === step.name),
      strict,
    ),
  );
  const orphans = findings.filter((finding) => !listed.has(finding.step));
  const failing = diagnosis.verdict.status === 'failed' || (strict && diagnosis.verdict.status === 'warning');
  const alreadyFailed = cases.some((testCase) => testCase.failure !== null);
  if (orphans.length > 0 || (failing && !alreadyFailed)) {
    const verdictCase: TestCase = {
      name: 'verdict',
      timeMs: 0,
      failure: null,
      error: null,
      skipped: null,
      systemOut: [diagnosis.verdict.headline, ...orphans.map((finding) => findingText(finding))].join('\n\n'),
    };
    const blocking =
      diagnosis.verdict.status === 'interrupted'
        ? []
        : orphans.filter(
            (finding) => finding.severity === 'error' || (strict && finding.severity === 'warning'),
          );
    const fails = blocking.length > 0 || (failing && !alreadyFailed);
    cases.push(
      fails ? { ...verdictCase, failure: failureOf(blocking, diagnosis.verdict.headline) } : verdictCase,
    );
  }
  return cases;
}

function testCaseXml(testCase: TestCase, classname: string): string {
  const open = `    <testcase classname="${attr(classname)}" name="${attr(testCase.name)}" time="${seconds(testCase.timeMs)}"`;
  const children: string[] = [];
  if (testCase.skipped !== null) children.push(`      <skipped message="${attr(testCase.skipped)}"/>`);
  if (testCase.failure !== null) {
    const { message, type, body } = testCase.failure;
    children.push(
      `      <failure message="${attr(message)}" type="${attr(type)}">${text(body, MAX_BODY_CHARS)}</failure>`,
    );
  }
  if (testCase.error !== null) {
    const { message, type, body } = testCase.error;
    children.push(`      <error message="${attr(message)}" type="${attr(type)}">${text(body)}</error>`);
  }
  if (testCase.systemOut !== null)
    children.push(`      <system-out>${text(testCase.systemOut)}</system-out>`);
  if (children.length === 0) return `${open}/>`;
  return [`${open}>`, ...children, '    </testcase>'].join('\n');
}

/**
 * classnameFor: Jenkins splits a classname at its last dot into package and class, so the dots of
 * a host name would scatter one target over several packages; `_` keeps it whole
 * (`ftp-doctor.ftp_example_com:21`). The suite name keeps the target as typed.
 */
function classnameFor(label: string): string {
  return `ftp-doctor.${label.replaceAll('.', '_')}`;
}

/** JUnit's XSD wants a timestamp without a zone; the probe's is UTC. */
function junitTimestamp(iso: string): string {
  return iso.replace(/(\.\d+)?(Z|[+-]\d{2}:\d{2})$/, '');
}

type Property = readonly [name: string, value: string | number | boolean | null];

/**
 * tlsProperties: the TLS facts as `tls.*` suite properties, only after a completed handshake.
 * Times in milliseconds, booleans `true`/`false`, the names joined by `, `; an unknown value
 * (no certificate, no transfer) leaves its property out.
 */
function tlsProperties(report: TargetReport): Property[] {
  const facts = tlsFacts(report.probe);
  if (facts === null) return [];
  const { tls, transfer } = facts;
  const cert = tls.certificate;
  return [
    ['tls.protocol', tls.protocol],
    ['tls.cipher', tls.cipher],
    ['tls.handshakeMs', tls.handshakeMs],
    ['tls.certSubject', cert?.subject ?? null],
    ['tls.certSans', cert ? cert.subjectAltNames.join(', ') : null],
    ['tls.certIssuer', cert?.issuer ?? null],
    ['tls.certValidTo', cert?.validTo ?? null],
    ['tls.certDaysLeft', cert?.daysLeft ?? null],
    ['tls.trusted', tls.trusted],
    ['tls.nameMatches', tls.nameMatches],
    ['tls.selfSigned', cert?.selfSigned ?? null],
    ['tls.dataProtection', tls.dataProtection],
    ['tls.dataSessionReused', transfer?.tlsSessionReused ?? null],
    ['tls.reuseRequired', transfer?.reuseRequired ?? null],
  ];
}

/** propertyXml: certificate fields are untrusted, so every value is sanitised like server text. */
function propertyXml([name, value]: Property): string | null {
  if (value === null) return null;
  // A certificate may list hundreds of names; they get more room than other values.
  const maxChars = name === 'tls.certSans' ? MAX_NOTE_CHARS : 500;
  return `      <property name="${attr(name)}" value="${attr(String(value), maxChars)}"/>`;
}

interface SuiteCounts {
  readonly tests: number;
  readonly failures: number;
  readonly errors: number;
  readonly skipped: number;
}

function suiteXml(report: TargetReport, strict: boolean): { xml: string; counts: SuiteCounts } {
  const label = targetLabel(report);
  const cases = testCases(report, strict);
  const counts = {
    tests: cases.length,
    failures: cases.filter((testCase) => testCase.failure !== null).length,
    errors: cases.filter((testCase) => testCase.error !== null).length,
    skipped: cases.filter((testCase) => testCase.skipped !== null).length,
  };
  const { probe, diagnosis } = report;
  const properties: Property[] = [
    ['verdict', diagnosis.verdict.status],
    ['exitCode', targetExitCode(report, strict)],
    ['headline', diagnosis.verdict.headline],
    [
      'server',
      [diagnosis.server.displayName, diagnosis.server.version].filter((part) => part !== null).join(' '),
    ],
    ...tlsProperties(report),
  ];
  const xml = [
    `  <testsuite name="${attr(label)}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" ` +
      `skipped="${counts.skipped}" time="${seconds(probe.durationMs)}" timestamp="${attr(junitTimestamp(probe.startedAt))}">`,
    '    <properties>',
    ...properties.map(propertyXml).filter((line) => line !== null),
    '    </properties>',
    ...cases.map((testCase) => testCaseXml(testCase, classnameFor(label))),
    '  </testsuite>',
  ].join('\n');
  return { xml, counts };
}

/**
 * renderJunit writes a JUnit XML report as GitLab, Jenkins and the GitHub test-report actions read
 * it: one `<testsuite>` per target, one `<testcase>` per step (classname `ftp-doctor.<target>`
 * with `_` for dots, time in seconds). A failed step carries `<failure message="<finding title>"
 * type="<finding id>">` with detail, evidence, the step's replies and every fix; warnings go to `<system-out>` (failures under `strict`);
 * skipped steps carry `<skipped message="…"/>`. The step a signal or `--deadline` stopped carries
 * `<error type="probe.interrupted">`: the run was cut, which is not a failure of the server. Suite properties hold the verdict, exit code,
 * headline and server, and after a TLS handshake the `tls.*` facts (protocol, cipher, handshake
 * time, certificate, trust, name match, data-channel protection and session reuse). Ends with a
 * newline.
 */
export function renderJunit(reports: readonly TargetReport[], options: JunitOptions = {}): string {
  const strict = options.strict ?? false;
  const suites = reports.map((report) => suiteXml(report, strict));
  const total = suites.reduce(
    (sum, suite) => ({
      tests: sum.tests + suite.counts.tests,
      failures: sum.failures + suite.counts.failures,
      errors: sum.errors + suite.counts.errors,
      skipped: sum.skipped + suite.counts.skipped,
    }),
    { tests: 0, failures: 0, errors: 0, skipped: 0 },
  );
  const time = seconds(reports.reduce((sum, report) => sum + report.probe.durationMs, 0));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="ftp-doctor" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}" ` +
      `skipped="${total.skipped}" time="${time}">`,
    ...suites.map((suite) => suite.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

export const format: OutputFormatDefinition = {
  name: 'junit',
  description: 'JUnit XML',
  render: (reports, context) => ({ text: renderJunit(reports, { strict: context.strict }) }),
};
