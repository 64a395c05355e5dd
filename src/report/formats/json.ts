import type { RepeatAggregate } from '../../knowledge/diagnosis/repeatedSessions.js';
import type { ServerFingerprint } from '../../knowledge/servers/serverFingerprint.js';
import type { Diagnosis, Finding, StepVerdict, TargetReport, Verdict } from '../../knowledge/types.js';
import type {
  AnyStepRecord,
  Exchange,
  FailureInfo,
  ProbeResult,
  StepName,
  StepStatus,
  TlsMode,
} from '../../probe/types.js';
import { maskCommand } from '../../protocol/command.js';
import type { AddressFamily, Reply, TranscriptEntry } from '../../protocol/types.js';
import { stepRecord } from '../text/stepRecord.js';
import type { OutputFormatDefinition } from './registry.js';

/**
 * SCHEMA_VERSION of the JSON report (docs/report.schema.json, docs/json-report.md). Within one
 * major version changes are additive only; a removed or retyped field bumps the major.
 */
export const SCHEMA_VERSION = '1.0';

/** JsonMeta: what the caller knows about the run as a whole. */
export interface JsonMeta {
  readonly toolVersion: string;
  /** The process exit code of this run (the highest of the targets', 1 under --strict, 130/143 on a signal). */
  readonly exitCode: number;
  /** ISO 8601 time of writing; defaults to now. Tests pass a fixed value. */
  readonly generatedAt?: string;
}

/** JsonReply keeps a reply whole: code, human text and the raw lines. */
export interface JsonReply {
  readonly code: number;
  readonly text: string;
  readonly lines: readonly string[];
}

export interface JsonExchange {
  readonly command: string | null;
  readonly replies: readonly JsonReply[];
  readonly durationMs: number;
  readonly failure: FailureInfo | null;
}

export interface JsonStep {
  readonly name: StepName;
  readonly status: StepStatus;
  readonly summary: string;
  readonly ran: boolean;
  readonly skippedReason: string | null;
  readonly startedAtMs: number;
  readonly durationMs: number;
  readonly exchanges: readonly JsonExchange[];
  /** The step's measurements as the probe recorded them (see StepDataMap); null when it did not run. */
  readonly data: unknown;
}

export interface JsonTarget {
  /** --repeat: sessions, failed session numbers, per-step status counts, ports, peers, greetings. */
  readonly repeat?: RepeatAggregate;
  readonly target: {
    readonly input: string;
    readonly scheme: 'ftp' | 'ftps' | 'ftpes';
    readonly host: string;
    readonly port: number;
    readonly user: string | null;
    readonly path: string | null;
    /** A password was given inside the URL; the password itself is never written. */
    readonly passwordInUrl: boolean;
  };
  readonly resolved: {
    readonly addresses: readonly { readonly address: string; readonly family: AddressFamily }[];
    readonly chosen: string | null;
  };
  readonly server: ServerFingerprint;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly interrupted: 'deadline' | 'signal' | null;
  readonly options: {
    readonly user: string;
    readonly accountGiven: boolean;
    readonly tls: TlsMode;
    readonly family: AddressFamily | null;
    readonly connectTimeoutMs: number;
    readonly replyTimeoutMs: number;
    readonly dataTimeoutMs: number;
    readonly deadlineMs: number;
    readonly samples: number;
    readonly active: boolean;
    readonly trustPasvAddress: boolean;
    readonly insecure: boolean;
    readonly customCa: boolean;
    readonly allAddresses: boolean;
    readonly scanRange: { readonly low: number; readonly high: number } | 'inferred' | null;
  };
  readonly verdict: Verdict;
  readonly steps: readonly JsonStep[];
  readonly findings: readonly Finding[];
  readonly tls: JsonTls | null;
  readonly transcript: readonly TranscriptEntry[];
}

/** JsonTls: the TLS facts gathered in one place (the tls step's data has them too, with replies). */
export interface JsonTls {
  readonly mode: TlsMode;
  readonly protocol: string | null;
  readonly cipher: string | null;
  readonly handshakeMs: number | null;
  readonly certificate: unknown;
  readonly trusted: boolean | null;
  readonly trustError: string | null;
  readonly nameMatches: boolean | null;
  readonly dataProtection: 'private' | 'clear';
  readonly dataSessionReused: boolean | null;
  readonly reuseRequired: boolean | null;
}

export interface JsonReport {
  readonly schemaVersion: string;
  readonly tool: { readonly name: 'ftp-doctor'; readonly version: string };
  readonly generatedAt: string;
  readonly exitCode: number;
  readonly targets: readonly JsonTarget[];
}

function jsonReply(reply: Reply): JsonReply {
  return { code: reply.code, text: reply.text, lines: reply.lines };
}

function jsonExchange(exchange: Exchange): JsonExchange {
  return {
    command: exchange.command === null ? null : maskCommand(exchange.command),
    replies: exchange.replies.map(jsonReply),
    durationMs: exchange.durationMs,
    failure: exchange.failure ?? null,
  };
}

function jsonStep(
  name: StepName,
  record: AnyStepRecord | undefined,
  verdict: StepVerdict | undefined,
): JsonStep {
  const ran = record?.ran ?? false;
  return {
    name,
    status: verdict?.status ?? (ran ? 'ok' : 'skipped'),
    summary: verdict?.summary ?? record?.skippedReason ?? '',
    ran,
    skippedReason: record?.skippedReason ?? null,
    startedAtMs: record?.startedAtMs ?? 0,
    durationMs: record?.durationMs ?? 0,
    exchanges: (record?.exchanges ?? []).map(jsonExchange),
    data: record?.data ?? null,
  };
}

/**
 * jsonSteps lists every step the probe recorded, in the probe's order, then any step only the
 * diagnosis judged.
 */
function jsonSteps(probe: ProbeResult, diagnosis: Diagnosis): JsonStep[] {
  const names: StepName[] = probe.steps.map((step) => step.name);
  for (const step of diagnosis.steps) if (!names.includes(step.name)) names.push(step.name);
  return names.map((name) =>
    jsonStep(
      name,
      probe.steps.find((step) => step.name === name),
      diagnosis.steps.find((step) => step.name === name),
    ),
  );
}

function jsonTls(probe: ProbeResult): JsonTls | null {
  const tls = stepRecord(probe, 'tls');
  if (!tls?.ran || !tls.data?.attempted) return null;
  const data = tls.data;
  const transfer = stepRecord(probe, 'transfer')?.data ?? null;
  return {
    mode: data.mode,
    protocol: data.protocol,
    cipher: data.cipher,
    handshakeMs: data.handshakeMs,
    certificate: data.certificate,
    trusted: data.trusted,
    trustError: data.trustError,
    nameMatches: data.nameMatches,
    dataProtection: data.dataProtection,
    dataSessionReused: transfer?.tlsSessionReused ?? null,
    reuseRequired: transfer?.reuseRequired ?? null,
  };
}

function jsonTarget(report: TargetReport): JsonTarget {
  const { probe, diagnosis } = report;
  const { target, options } = probe;
  const resolve = stepRecord(probe, 'resolve')?.data;
  return {
    target: {
      input: target.input,
      scheme: target.scheme,
      host: target.host,
      port: target.port,
      user: target.user,
      path: target.path,
      passwordInUrl: target.urlPassword !== null,
    },
    resolved: {
      addresses: resolve?.addresses ?? [],
      chosen: stepRecord(probe, 'connect')?.data?.address ?? resolve?.chosen ?? null,
    },
    server: diagnosis.server,
    startedAt: probe.startedAt,
    durationMs: probe.durationMs,
    interrupted: probe.interrupted,
    options: {
      user: options.user,
      accountGiven: options.account !== null,
      tls: options.tls,
      family: options.family,
      connectTimeoutMs: options.connectTimeoutMs,
      replyTimeoutMs: options.replyTimeoutMs,
      dataTimeoutMs: options.dataTimeoutMs,
      deadlineMs: options.deadlineMs,
      samples: options.samples,
      active: options.active,
      trustPasvAddress: options.trustPasvAddress,
      insecure: options.insecure,
      customCa: options.ca !== null,
      allAddresses: options.allAddresses,
      scanRange: options.scanRange,
    },
    verdict: diagnosis.verdict,
    steps: jsonSteps(probe, diagnosis),
    findings: diagnosis.findings,
    tls: jsonTls(probe),
    transcript: probe.transcript.map((entry) =>
      entry.direction === 'sent' ? { ...entry, text: maskCommand(entry.text) } : entry,
    ),
    ...(report.repeat ? { repeat: report.repeat } : {}),
  };
}

/** buildJsonReport assembles the report object that renderJson serialises. */
export function buildJsonReport(reports: readonly TargetReport[], meta: JsonMeta): JsonReport {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'ftp-doctor', version: meta.toolVersion },
    generatedAt: meta.generatedAt ?? new Date().toISOString(),
    exitCode: meta.exitCode,
    targets: reports.map(jsonTarget),
  };
}

/**
 * A password typed into a URL is never written, even where a server echoed it back. Very short
 * ones are left alone: replacing every `a` in a report would destroy it and hide nothing.
 */
const MIN_SCRUBBED_SECRET = 4;

/**
 * Characters JSON.stringify leaves raw but a terminal acts on or hides: C1 controls, DEL, format
 * characters (bidi, zero-width) and the line/paragraph separators. They only occur inside strings,
 * where `\uXXXX` means the same thing, so escaping them loses nothing.
 */
const TERMINAL_UNSAFE_IN_JSON = /[\u007f-\u009f\p{Cf}\u2028\u2029\u115f\u1160\u3164\uffa0\u2800]/gu;

function escapeUnsafe(json: string): string {
  return json.replace(TERMINAL_UNSAFE_IN_JSON, (char) => {
    let out = '';
    for (let i = 0; i < char.length; i += 1) out += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return out;
  });
}

/**
 * renderJson writes the versioned JSON report for one or more targets: `{ schemaVersion, tool,
 * generatedAt, exitCode, targets }`, pretty-printed, ending with a newline. It never holds a
 * password (PASS and ACCT arguments are masked, URL passwords are scrubbed) and is safe to print
 * to a terminal: control and bidi characters inside strings are written as `\uXXXX` escapes.
 */
export function renderJson(reports: readonly TargetReport[], meta: JsonMeta): string {
  const secrets = reports
    .map((report) => report.probe.target.urlPassword)
    .filter((secret): secret is string => secret !== null && secret.length >= MIN_SCRUBBED_SECRET);
  const scrub = (_key: string, value: unknown): unknown => {
    if (typeof value !== 'string' || secrets.length === 0) return value;
    return secrets.reduce((text, secret) => text.replaceAll(secret, '****'), value);
  };
  return `${escapeUnsafe(JSON.stringify(buildJsonReport(reports, meta), scrub, 2))}\n`;
}

export const format: OutputFormatDefinition = {
  name: 'json',
  description: 'one versioned JSON object',
  render: (reports, context) => ({
    text: renderJson(reports, { toolVersion: context.toolVersion, exitCode: context.exitCode }),
  }),
};
