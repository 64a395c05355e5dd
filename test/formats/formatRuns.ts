import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { validateReportJson } from '../report/schema.js';
import { type CliRun, looksLikeStackTrace, runCli } from '../support/runCli.js';
import {
  type JunitReport,
  NAGIOS_EXIT,
  type NagiosOutput,
  type PromFamily,
  type PromSample,
  parseExposition,
  parseJunit,
  parseNagios,
  parseWorkflowCommands,
  promtoolCheck,
  promtoolSkipReason,
  samplesOf,
  tlsTables,
  type WorkflowCommand,
} from './formatParsers.js';

/** FAST: the short timeouts every format test uses on loopback. */
export const FAST = ['--connect-timeout', '2s', '--reply-timeout', '1500ms', '--data-timeout', '1s'];

export const FORMATS = ['human', 'json', 'junit', 'github', 'nagios', 'prometheus'] as const;
export type Format = (typeof FORMATS)[number];

/** The parts of a `--json` report the format checks compare against. */
export interface JsonFinding {
  readonly id: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly step: string;
  readonly title: string;
  readonly fixes: readonly { readonly title: string; readonly dialect: string }[];
}

export interface JsonStep {
  readonly name: string;
  readonly status: string;
  readonly ran: boolean;
  readonly exchanges: readonly {
    readonly command: string | null;
    readonly replies: readonly { readonly code: number; readonly text: string }[];
  }[];
  readonly data: unknown;
}

export interface JsonTarget {
  readonly target: { readonly input: string };
  readonly verdict: { readonly status: 'healthy' | 'warning' | 'failed'; readonly exitCode: number };
  readonly interrupted: string | null;
  readonly steps: readonly JsonStep[];
  readonly findings: readonly JsonFinding[];
  readonly tls: JsonTls | null;
}

/** JsonTls: the `tls` object of a `--json` target (docs/report.schema.json, tlsSummary). */
export interface JsonTls {
  readonly protocol: string | null;
  readonly cipher: string | null;
  readonly handshakeMs: number | null;
  readonly certificate: {
    readonly subject: string;
    readonly subjectAltNames: readonly string[];
    readonly issuer: string;
    readonly validTo: string;
    readonly daysLeft: number;
    readonly selfSigned: boolean;
  } | null;
  readonly trusted: boolean | null;
  readonly nameMatches: boolean | null;
  readonly dataProtection: 'private' | 'clear';
  readonly dataSessionReused: boolean | null;
  readonly reuseRequired: boolean | null;
}

export interface JsonReport {
  readonly exitCode: number;
  readonly targets: readonly JsonTarget[];
}

/** FormatRuns: one CLI run per format over the same arguments, plus the GitHub step summary. */
export interface FormatRuns {
  readonly runs: Readonly<Record<Format, CliRun>>;
  readonly githubSummary: string;
}

/**
 * runAllFormats runs the CLI once per format, all at once, over the same arguments. The github run
 * gets GITHUB_STEP_SUMMARY pointing at a temporary file whose content is returned.
 */
export async function runAllFormats(
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<FormatRuns> {
  const dir = await mkdtemp(join(tmpdir(), 'ftp-doctor-formats-'));
  const summaryPath = join(dir, 'summary.md');
  try {
    const entries = await Promise.all(
      FORMATS.map(async (format) => {
        const env = format === 'github' ? { ...options.env, GITHUB_STEP_SUMMARY: summaryPath } : options.env;
        const run = await runCli([...args, '--format', format], {
          ...(env ? { env } : {}),
          ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        });
        return [format, run] as const;
      }),
    );
    const githubSummary = await readFile(summaryPath, 'utf8').catch(() => '');
    return { runs: Object.fromEntries(entries) as Record<Format, CliRun>, githubSummary };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** parseJsonRun parses and schema-validates a `--format json` run. */
export function parseJsonRun(run: CliRun): JsonReport {
  const parsed: unknown = JSON.parse(run.stdout);
  const check = validateReportJson(parsed);
  expect(check.errors, 'schema errors').toEqual([]);
  expect(check.valid).toBe(true);
  return parsed as JsonReport;
}

export interface ExpectedTarget {
  readonly label: string;
  readonly exitCode: number;
  /** Finding ids that must be present (others may be too). */
  readonly findings?: readonly string[];
}

export interface CheckedFormats {
  readonly json: JsonReport;
  readonly junit: JunitReport;
  readonly github: readonly WorkflowCommand[];
  readonly nagios: NagiosOutput;
  readonly prometheus: readonly PromFamily[];
}

function nagiosStateFor(targets: readonly JsonTarget[]): keyof typeof NAGIOS_EXIT {
  if (targets.some((t) => t.verdict.status === 'failed')) return 'CRITICAL';
  if (targets.some((t) => t.verdict.status === 'warning')) return 'WARNING';
  return 'OK';
}

/**
 * checkAllFormats parses every format with its parser and checks each against the expectation and
 * against the JSON report of the same scenario: the same targets, exit codes and findings, one
 * JUnit suite and one Prometheus label set per target, workflow commands per finding.
 */
export async function checkAllFormats(
  { runs, githubSummary }: FormatRuns,
  expected: readonly ExpectedTarget[],
): Promise<CheckedFormats> {
  const exitCode = Math.max(0, ...expected.map((t) => t.exitCode));
  for (const format of FORMATS) {
    const run = runs[format];
    expect(looksLikeStackTrace(run.stdout + run.stderr), `${format} stack trace`).toBe(false);
    if (format !== 'nagios') expect(run.code, `${format} exit code; stderr: ${run.stderr}`).toBe(exitCode);
  }

  // JSON: the reference. Schema-valid, one entry per target in order.
  const json = parseJsonRun(runs.json);
  expect(json.exitCode).toBe(exitCode);
  expect(json.targets.map((t) => [t.target.input, t.verdict.exitCode])).toEqual(
    expected.map((t) => [t.label, t.exitCode]),
  );
  for (const [index, target] of expected.entries()) {
    const ids = json.targets[index]!.findings.map((f) => f.id);
    for (const id of target.findings ?? []) expect(ids, target.label).toContain(id);
  }

  // human: a report per target, and the summary table when there are several.
  const human = runs.human.stdout;
  for (const target of expected) expect(human).toContain(`ftp-doctor report: ${target.label}`);
  if (expected.length > 1) {
    const table = human.slice(human.lastIndexOf('TARGET'));
    expect(table).toMatch(/^TARGET +VERDICT +EXIT +TIME +MAIN FINDING/);
    for (const target of expected)
      expect(table).toMatch(new RegExp(`^${escapeRegExp(target.label)} .* ${target.exitCode} +\\d+ ms`, 'm'));
  }
  expect(human.endsWith('\n') && !human.endsWith('\n\n')).toBe(true);

  // JUnit: one suite per target, one case per step, failures that carry finding, fix and replies.
  const junit = parseJunit(runs.junit.stdout);
  expect(junit.suites.map((s) => s.name)).toEqual(expected.map((t) => t.label));
  for (const [index, suite] of junit.suites.entries()) {
    const target = json.targets[index]!;
    expect(suite.properties.exitCode).toBe(String(target.verdict.exitCode));
    checkJunitTls(suite.properties, target.tls);
    const caseNames = suite.cases.map((c) => c.name).filter((name) => name !== 'verdict');
    expect(caseNames).toEqual(target.steps.map((s) => s.name));
    const failures = suite.cases.filter((c) => c.failure !== null);
    if (target.verdict.status === 'failed') expect(failures.length, suite.name).toBeGreaterThan(0);
    else expect(failures, suite.name).toEqual([]);
    for (const failed of failures) {
      const finding = target.findings.find((f) => f.id === failed.failure!.type);
      if (finding === undefined) continue;
      expect(numbersHidden(failed.failure!.message)).toBe(numbersHidden(finding.title));
      expect(numbersHidden(failed.failure!.body)).toContain(numbersHidden(finding.title));
      if (finding.fixes.length > 0)
        expect(numbersHidden(failed.failure!.body)).toContain(numbersHidden(finding.fixes[0]!.title));
      const replies = target.steps.find((s) => s.name === failed.name)?.exchanges.flatMap((e) => e.replies);
      if (replies && replies.length > 0) {
        expect(failed.failure!.body).toContain('Server replies in this step:');
        expect(failed.failure!.body).toContain(`${replies[0]!.code} `);
      }
    }
  }

  // GitHub: every line a workflow command; a notice per target; a command per finding.
  const github = parseWorkflowCommands(runs.github.stdout);
  for (const target of json.targets) {
    const label = target.target.input;
    const notice = github.find((c) => c.command === 'notice' && c.properties.title === `ftp-doctor ${label}`);
    expect(notice, `notice for ${label}`).toBeDefined();
    expect(notice!.message).toContain(`exit ${target.verdict.exitCode}`);
    for (const finding of target.findings) {
      const level = finding.severity === 'info' ? 'notice' : finding.severity;
      const title = numbersHidden(`${label}: ${finding.title}`);
      const command = github.find((c) => numbersHidden(c.properties.title ?? '') === title);
      expect(command?.command, `${finding.id} on ${label}`).toBe(level);
      expect(command!.message).toContain(`[${finding.id}]`);
    }
  }
  expect(githubSummary.startsWith('## ftp-doctor\n')).toBe(true);
  expect(githubSummary.match(/^### /gm)?.length).toBe(expected.length);
  // A TLS table in each target's section that completed a handshake, and in no other.
  const sections = githubSummary.split(/^### /m).slice(1);
  for (const [index, target] of json.targets.entries()) {
    const tables = tlsTables(sections[index] ?? '');
    if (!handshook(target.tls)) {
      expect(tables, `TLS table for ${target.target.input}`).toEqual([]);
      continue;
    }
    expect(tables).toHaveLength(1);
    expect(tables[0]).toMatchObject({
      Protocol: target.tls.protocol ?? 'none negotiated',
      Cipher: target.tls.cipher ?? 'not known',
      Trusted: expect.stringMatching(target.tls.trusted ? /^✔ yes$/ : /^(✖ no|not checked)/),
      Handshake: expect.stringMatching(/^\d+ ms$/),
    });
    if (target.tls.certificate) expect(tables[0]!.Subject).toBe(target.tls.certificate.subject);
  }

  // Nagios: state and exit code from the worst target; time perfdata per target.
  const nagios = parseNagios(runs.nagios.stdout);
  expect(nagios.service).toBe('FTP');
  expect(nagios.state).toBe(nagiosStateFor(json.targets));
  expect(runs.nagios.code).toBe(NAGIOS_EXIT[nagios.state]);
  const times = nagios.perfdata.filter((p) => p.label === 'time' || p.label.endsWith(' time'));
  expect(times).toHaveLength(expected.length);
  for (const time of times) expect(time.unit).toBe('s');
  const handshakes = nagios.perfdata.filter(
    (p) => p.label === 'tls_handshake' || p.label.endsWith(' tls_handshake'),
  );
  expect(handshakes).toHaveLength(json.targets.filter((t) => handshook(t.tls)).length);
  for (const handshake of handshakes) expect([handshake.unit, handshake.min]).toEqual(['s', '0']);
  expect(nagios.longText.filter((line) => /^\[(OK|WARNING|CRITICAL|UNKNOWN)\] /.test(line))).toHaveLength(
    expected.length,
  );

  // Prometheus: the strict parser, promtool, and the series each target must have.
  const prometheus = parseExposition(runs.prometheus.stdout);
  if (promtoolSkipReason() === null) {
    const check = await promtoolCheck(runs.prometheus.stdout);
    expect(check, 'promtool check metrics').toEqual({ code: 0, output: '' });
  }
  for (const target of json.targets) {
    const label = target.target.input;
    const mine = (name: string) => samplesOf(prometheus, name).filter((s) => s.labels.target === label);
    expect(mine('ftp_doctor_probe_success').map((s) => s.value)).toEqual([
      target.verdict.status === 'failed' ? 0 : 1,
    ]);
    expect(mine('ftp_doctor_exit_code').map((s) => s.value)).toEqual([target.verdict.exitCode]);
    const ran = target.steps.filter((s) => s.ran).map((s) => s.name);
    expect(
      mine('ftp_doctor_step_duration_seconds')
        .map((s) => s.labels.step)
        .sort(),
    ).toEqual([...ran].sort());
    for (const mode of ['epsv', 'pasv'] as const) {
      const states = mine('ftp_doctor_data_port_state').filter((s) => s.labels.mode === mode);
      if (ran.includes(mode)) expect(states.filter((s) => s.value === 1)).toHaveLength(1);
      else expect(states).toEqual([]);
    }
    checkPrometheusTls(mine, target.tls);
    const expiry = mine('ftp_doctor_tls_certificate_expiry_timestamp_seconds');
    if (target.tls?.certificate) {
      expect(expiry.map((s) => s.value)).toEqual([
        Math.floor(Date.parse(target.tls.certificate.validTo) / 1000),
      ]);
    } else {
      expect(expiry).toEqual([]);
    }
  }
  return { json, junit, github, nagios, prometheus };
}

/** handshook: whether the target's TLS step completed a handshake (the machine formats' TLS facts). */
function handshook(tls: JsonTls | null): tls is JsonTls & { readonly handshakeMs: number } {
  return tls !== null && tls.handshakeMs !== null;
}

/** propertyText: a JUnit property value as renderJunit writes it; null means the property is absent. */
function propertyText(value: boolean | number | string | null): string | undefined {
  return value === null ? undefined : String(value);
}

/**
 * checkJunitTls: the `tls.*` suite properties say what the JSON report's `tls` object says (each
 * format comes from a probe of its own, so the handshake time is only checked for its form).
 */
function checkJunitTls(properties: Readonly<Record<string, string>>, tls: JsonTls | null): void {
  const tlsProperties = Object.fromEntries(
    Object.entries(properties).filter(([name]) => name.startsWith('tls.')),
  );
  if (!handshook(tls)) {
    expect(tlsProperties).toEqual({});
    return;
  }
  expect(tlsProperties['tls.handshakeMs']).toMatch(/^\d+$/);
  const cert = tls.certificate;
  const expectedProperties: Record<string, string | undefined> = {
    'tls.protocol': propertyText(tls.protocol),
    'tls.cipher': propertyText(tls.cipher),
    'tls.handshakeMs': tlsProperties['tls.handshakeMs'],
    'tls.certSubject': propertyText(cert?.subject ?? null),
    'tls.certSans': propertyText(cert ? cert.subjectAltNames.join(', ') : null),
    'tls.certIssuer': propertyText(cert?.issuer ?? null),
    'tls.certValidTo': propertyText(cert?.validTo ?? null),
    'tls.certDaysLeft': tlsProperties['tls.certDaysLeft'],
    'tls.trusted': propertyText(tls.trusted),
    'tls.nameMatches': propertyText(tls.nameMatches),
    'tls.selfSigned': propertyText(cert?.selfSigned ?? null),
    'tls.dataProtection': tls.dataProtection,
    'tls.dataSessionReused': propertyText(tls.dataSessionReused),
    'tls.reuseRequired': propertyText(tls.reuseRequired),
  };
  expect(tlsProperties).toEqual(
    Object.fromEntries(Object.entries(expectedProperties).filter(([, value]) => value !== undefined)),
  );
  // Days left may cross midnight between two runs, never more.
  if (cert)
    expect(Math.abs(Number(tlsProperties['tls.certDaysLeft']) - cert.daysLeft)).toBeLessThanOrEqual(1);
}

/** checkPrometheusTls: the TLS series of one target agree with its JSON `tls` object. */
function checkPrometheusTls(mine: (name: string) => PromSample[], tls: JsonTls | null): void {
  const families = [
    'ftp_doctor_tls_handshake_duration_seconds',
    'ftp_doctor_tls_info',
    'ftp_doctor_tls_certificate_trusted',
    'ftp_doctor_tls_certificate_name_match',
    'ftp_doctor_tls_data_session_reused',
  ];
  if (!handshook(tls)) {
    for (const name of families) expect(mine(name), name).toEqual([]);
    return;
  }
  const [handshake, ...moreHandshakes] = mine('ftp_doctor_tls_handshake_duration_seconds');
  expect(moreHandshakes).toEqual([]);
  expect(handshake!.value).toBeGreaterThanOrEqual(0);
  expect(mine('ftp_doctor_tls_info').map((s) => [s.labels.protocol, s.labels.cipher, s.value])).toEqual([
    [tls.protocol ?? '', tls.cipher ?? '', 1],
  ]);
  const gauge = (value: boolean | null) => (value === null ? [] : [value ? 1 : 0]);
  const values = (name: string) => mine(name).map((s) => s.value);
  expect(values('ftp_doctor_tls_certificate_trusted')).toEqual(gauge(tls.trusted));
  expect(values('ftp_doctor_tls_certificate_name_match')).toEqual(gauge(tls.nameMatches));
  expect(values('ftp_doctor_tls_data_session_reused')).toEqual(gauge(tls.dataSessionReused));
}

/**
 * numbersHidden: each format comes from a probe of its own, so passive ports (and times) in titles
 * differ from run to run; comparisons across formats ignore the numbers.
 */
export function numbersHidden(text: string): string {
  return text.replace(/\d+/g, '#');
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
