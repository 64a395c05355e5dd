import { EXIT, EXIT_CODES } from '../../knowledge/exitCodes.js';
import { SEVERITIES, type TargetReport } from '../../knowledge/types.js';
import type { PortTestOutcome, StepStatus } from '../../probe/types.js';
import { escapePrometheusLabel, sanitizeForTerminal } from '../text/sanitize.js';
import { stepRecord } from '../text/stepRecord.js';
import { targetExitCode } from '../text/targetExitCode.js';
import { targetLabel } from '../text/targetLabel.js';
import { tlsFacts } from '../text/tlsFacts.js';
import type { OutputFormatDefinition } from './registry.js';

export { targetExitCode };

/**
 * PrometheusOptions: `timestampMs` is when this run happened (the CLI passes Date.now()); with
 * `strict`, a target with warnings is a failure with exit code 1, as `--strict` makes the process exit.
 */
export interface PrometheusOptions {
  readonly timestampMs: number;
  readonly strict?: boolean;
}

/** TARGET_EXIT_CODES: the codes one target can end with (not usage errors). */
const TARGET_EXIT_CODES = EXIT_CODES.filter((row) => row.code !== EXIT.usage)
  .map((row) => `${row.code} ${row.label}`)
  .join(', ');

type Labels = readonly (readonly [string, string])[];

interface Sample {
  readonly labels: Labels;
  readonly value: number;
}

interface Family {
  readonly name: string;
  readonly help: string;
  readonly samples: Sample[];
}

const STEP_STATUSES: readonly StepStatus[] = ['ok', 'warn', 'fail', 'skipped'];
/** `untested` completes the set so that exactly one state is 1 per mode. */
const PORT_STATES: readonly (PortTestOutcome | 'untested')[] = [
  'open',
  'closed',
  'filtered',
  'unreachable',
  'untested',
];

/**
 * label: target names go through the terminal sanitiser first, because people read these values
 * in terminals and dashboards; then they are escaped for the exposition format.
 */
function labelValue(value: string): string {
  return escapePrometheusLabel(sanitizeForTerminal(value, { maxChars: 200 }));
}

function sampleLine(name: string, sample: Sample): string {
  const labels = sample.labels.map(([key, value]) => `${key}="${labelValue(value)}"`).join(',');
  return `${name}${labels === '' ? '' : `{${labels}}`} ${formatValue(sample.value)}`;
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

function family(name: string, help: string): Family {
  return { name, help, samples: [] };
}

/** targetLabels: `target` as typed plus `address`, so --all-addresses runs never collide. */
function targetLabels(report: TargetReport): Labels {
  const address =
    stepRecord(report.probe, 'connect')?.data?.address ??
    stepRecord(report.probe, 'resolve')?.data?.chosen ??
    '';
  return [
    ['target', targetLabel(report)],
    ['address', address],
  ];
}

/** expiry: the certificate's notAfter as Unix seconds, or null when it cannot be read. */
function expirySeconds(validTo: string): number | null {
  const ms = Date.parse(validTo);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

/** flag: a yes/no fact as a 0/1 gauge value; null (not known) leaves the sample out. */
function flag(value: boolean | null): number | null {
  return value === null ? null : value ? 1 : 0;
}

/** FAMILY_TEXTS: each gauge family's name and help, in the order they are written. */
const FAMILY_TEXTS = {
  success: {
    name: 'ftp_doctor_probe_success',
    help: 'Whether the target is healthy or only has warnings (1) or failed (0); with --strict warnings are 0. Absent when the probe was interrupted or incomplete.',
  },
  interrupted: {
    name: 'ftp_doctor_probe_interrupted',
    help: 'Whether a signal or the deadline stopped the probe before its end (1) or it ran to its end (0).',
  },
  exitCode: {
    name: 'ftp_doctor_exit_code',
    help: `Exit code ftp-doctor reports for the target: ${TARGET_EXIT_CODES} (docs/exit-codes.md).`,
  },
  duration: { name: 'ftp_doctor_probe_duration_seconds', help: 'Time the whole probe of the target took.' },
  stepDuration: {
    name: 'ftp_doctor_step_duration_seconds',
    help: 'Time each probe step took; steps that did not run are absent.',
  },
  stepStatus: {
    name: 'ftp_doctor_step_status',
    help: 'Status of each probe step: 1 for the current status, 0 for the others.',
  },
  portState: {
    name: 'ftp_doctor_data_port_state',
    help: 'Result of test-connecting the EPSV and PASV data ports: 1 for the current state.',
  },
  certExpiry: {
    name: 'ftp_doctor_tls_certificate_expiry_timestamp_seconds',
    help: 'When the TLS certificate expires, as a Unix timestamp.',
  },
  tlsHandshake: {
    name: 'ftp_doctor_tls_handshake_duration_seconds',
    help: 'Time the TLS handshake on the control connection took.',
  },
  tlsInfo: {
    name: 'ftp_doctor_tls_info',
    help: 'TLS protocol version and cipher the control connection negotiated; the value is always 1.',
  },
  certTrusted: {
    name: 'ftp_doctor_tls_certificate_trusted',
    help: 'Whether the TLS certificate chain verified against the trust store and --ca (1) or not (0).',
  },
  certNameMatch: {
    name: 'ftp_doctor_tls_certificate_name_match',
    help: 'Whether the TLS certificate names the host that was probed (1) or not (0).',
  },
  dataSessionReused: {
    name: 'ftp_doctor_tls_data_session_reused',
    help: 'Whether the TLS data connection resumed the control connection TLS session (1) or not (0).',
  },
  findings: { name: 'ftp_doctor_findings', help: 'Number of findings by severity.' },
  lastRun: {
    name: 'ftp_doctor_last_run_timestamp_seconds',
    help: 'When ftp-doctor last probed the target, as a Unix timestamp.',
  },
} as const satisfies Record<string, { readonly name: string; readonly help: string }>;

type Families = { readonly [K in keyof typeof FAMILY_TEXTS]: Family };

function emptyFamilies(): Families {
  const entries = Object.entries(FAMILY_TEXTS).map(([key, { name, help }]) => [key, family(name, help)]);
  return Object.fromEntries(entries) as Families;
}

/** addVerdictSamples: the target's overall result, its exit code and how long the probe took. */
function addVerdictSamples(families: Families, report: TargetReport, base: Labels, strict: boolean): void {
  const { verdict } = report.diagnosis;
  const failedByStrict = strict && verdict.status === 'warning';
  // An unfinished probe says nothing about the server's health: no success sample at all.
  if (verdict.status !== 'interrupted' && verdict.status !== 'incomplete')
    families.success.samples.push({
      labels: base,
      value: verdict.status === 'failed' || failedByStrict ? 0 : 1,
    });
  families.interrupted.samples.push({ labels: base, value: report.probe.interrupted === null ? 0 : 1 });
  families.exitCode.samples.push({ labels: base, value: targetExitCode(report, strict) });
  families.duration.samples.push({ labels: base, value: report.probe.durationMs / 1000 });
}

function addStepSamples(families: Families, report: TargetReport, base: Labels): void {
  for (const step of report.diagnosis.steps) {
    const record = report.probe.steps.find((candidate) => candidate.name === step.name);
    if (record?.ran)
      families.stepDuration.samples.push({
        labels: [...base, ['step', step.name]],
        value: record.durationMs / 1000,
      });
    for (const status of STEP_STATUSES) {
      families.stepStatus.samples.push({
        labels: [...base, ['step', step.name], ['status', status]],
        value: step.status === status ? 1 : 0,
      });
    }
  }
}

function addPortStateSamples(families: Families, report: TargetReport, base: Labels): void {
  for (const mode of ['epsv', 'pasv'] as const) {
    const record = stepRecord(report.probe, mode);
    if (!record?.ran) continue;
    const outcome = record.data?.portTest?.outcome ?? 'untested';
    for (const state of PORT_STATES) {
      families.portState.samples.push({
        labels: [...base, ['mode', mode], ['state', state]],
        value: outcome === state ? 1 : 0,
      });
    }
  }
}

function addTlsSamples(families: Families, report: TargetReport, base: Labels): void {
  const certificate = stepRecord(report.probe, 'tls')?.data?.certificate;
  const expiry = certificate ? expirySeconds(certificate.validTo) : null;
  if (expiry !== null) families.certExpiry.samples.push({ labels: base, value: expiry });

  const facts = tlsFacts(report.probe);
  if (facts === null) return;
  const { tls, transfer } = facts;
  families.tlsHandshake.samples.push({ labels: base, value: tls.handshakeMs / 1000 });
  families.tlsInfo.samples.push({
    labels: [...base, ['protocol', tls.protocol ?? ''], ['cipher', tls.cipher ?? '']],
    value: 1,
  });
  const flags = [
    [families.certTrusted, flag(tls.trusted)],
    [families.certNameMatch, flag(tls.nameMatches)],
    [families.dataSessionReused, flag(transfer?.tlsSessionReused ?? null)],
  ] as const;
  for (const [gauge, value] of flags) if (value !== null) gauge.samples.push({ labels: base, value });
}

function addFindingSamples(families: Families, report: TargetReport, base: Labels): void {
  for (const severity of SEVERITIES) {
    const count = report.diagnosis.findings.filter((finding) => finding.severity === severity).length;
    families.findings.samples.push({ labels: [...base, ['severity', severity]], value: count });
  }
}

/** exposition: one HELP and TYPE line per family that has samples, then its samples. */
function exposition(families: Families): string {
  const lines: string[] = [];
  for (const { name, help, samples } of Object.values(families)) {
    if (samples.length === 0) continue;
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
    for (const sample of samples) lines.push(sampleLine(name, sample));
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/**
 * renderPrometheus writes the Prometheus text exposition format for node_exporter's textfile
 * collector, with one HELP and TYPE line per family (all gauges):
 * `ftp_doctor_probe_success` (absent for an interrupted or incomplete probe),
 * `ftp_doctor_probe_interrupted`, `ftp_doctor_exit_code`, `ftp_doctor_probe_duration_seconds`,
 * `ftp_doctor_step_duration_seconds{step}`, `ftp_doctor_step_status{step,status}` (1 for the
 * current status, 0 for the others), `ftp_doctor_data_port_state{mode,state}`,
 * `ftp_doctor_tls_certificate_expiry_timestamp_seconds`, after a TLS handshake
 * `ftp_doctor_tls_handshake_duration_seconds`, `ftp_doctor_tls_info{protocol,cipher}` (always 1),
 * `ftp_doctor_tls_certificate_trusted`, `ftp_doctor_tls_certificate_name_match` and
 * `ftp_doctor_tls_data_session_reused` (0/1, absent when not known), then
 * `ftp_doctor_findings{severity}` and `ftp_doctor_last_run_timestamp_seconds`. Every series has
 * the labels `target` and `address`.
 * No sample carries a timestamp, since the textfile collector rejects them. Ends with a newline.
 */
export function renderPrometheus(reports: readonly TargetReport[], options: PrometheusOptions): string {
  const families = emptyFamilies();
  const strict = options.strict === true;
  for (const report of reports) {
    const base = targetLabels(report);
    addVerdictSamples(families, report, base, strict);
    addStepSamples(families, report, base);
    addPortStateSamples(families, report, base);
    addTlsSamples(families, report, base);
    addFindingSamples(families, report, base);
    families.lastRun.samples.push({ labels: base, value: Math.floor(options.timestampMs / 1000) });
  }
  return exposition(families);
}

export const format: OutputFormatDefinition = {
  name: 'prometheus',
  description: 'Prometheus text exposition',
  render: (reports, context) => ({
    text: renderPrometheus(reports, { timestampMs: context.nowMs, strict: context.strict }),
  }),
};
