import type { TargetReport } from '../../knowledge/types.js';
import type { AnyStepRecord, PortTest, ProbeResult, StepStatus } from '../../probe/types.js';
import { formatEndpoint } from '../../protocol/address.js';
import type { TranscriptEntry } from '../../protocol/types.js';
import { stepRecord } from '../text/stepRecord.js';

/**
 * SpanKind: what a stretch of a row stands for.
 * `step` a probe step at work; `connect` a TCP handshake; `tls` a TLS handshake; `wait` a command
 * sent and its reply not yet in; `open` a connection that is up with nothing outstanding; `data` a
 * data connection (a test-connect or a transfer).
 */
export type SpanKind = 'step' | 'connect' | 'tls' | 'wait' | 'open' | 'data';

/** SpanTone: how the span went, so both drawings can colour it the same way. */
export type SpanTone = 'ok' | 'warn' | 'fail' | 'neutral';

export interface TimelineSpan {
  readonly startMs: number;
  readonly endMs: number;
  readonly kind: SpanKind;
  readonly tone: SpanTone;
  /** Plain words for a tooltip or a legend; may hold server-chosen addresses, so escape it. */
  readonly label: string;
}

/** TimelineRow: one step or one connection. Later spans are drawn over earlier ones. */
export interface TimelineRow {
  readonly group: 'step' | 'connection';
  readonly label: string;
  /** What the row showed, short: '4 ms', 'no answer in 1000 ms'. */
  readonly note: string;
  /** The connection's far end (host:port), when it has one; may be server-chosen, so escape it. */
  readonly endpoint?: string;
  readonly spans: readonly TimelineSpan[];
}

export interface Timeline {
  /** The probe's whole duration: every drawing spans 0 … totalMs. */
  readonly totalMs: number;
  readonly rows: readonly TimelineRow[];
}

const STEP_TONES: Readonly<Record<StepStatus, SpanTone>> = {
  ok: 'ok',
  warn: 'warn',
  fail: 'fail',
  skipped: 'neutral',
};

function endOf(record: AnyStepRecord): number {
  return record.startedAtMs + record.durationMs;
}

function stepRows(report: TargetReport): TimelineRow[] {
  const rows: TimelineRow[] = [];
  for (const record of report.probe.steps) {
    if (!record.ran) continue;
    const status = report.diagnosis.steps.find((step) => step.name === record.name)?.status ?? 'ok';
    rows.push({
      group: 'step',
      label: record.name,
      note: `${record.durationMs} ms`,
      spans: [
        {
          startMs: record.startedAtMs,
          endMs: endOf(record),
          kind: 'step',
          tone: STEP_TONES[status],
          label: `${record.name}: ${record.durationMs} ms`,
        },
      ],
    });
  }
  return rows;
}

/**
 * The probe narrates its parallel PASV session on the first connection's transcript as events
 * prefixed like this (see src/probe/steps/pasvOnSecondConnection.ts).
 */
const SECOND_CONNECTION_PREFIX = 'second connection';

function isSecondConnection(entry: TranscriptEntry): boolean {
  return (
    entry.channel === 'control' &&
    entry.direction === 'event' &&
    entry.text.startsWith(SECOND_CONNECTION_PREFIX)
  );
}

/**
 * waitSpans: from each command sent on the control connection to the first reply after it. The
 * gaps are where the probe waited on the network and the server.
 */
function waitSpans(
  transcript: readonly TranscriptEntry[],
  connectedAtMs: number,
  bannerEndMs: number | null,
): TimelineSpan[] {
  const spans: TimelineSpan[] = [];
  const greeting = transcript.find((entry) => entry.channel === 'control' && entry.direction === 'received');
  // No greeting at all: the probe waited for one until the banner step gave up.
  const greetingAtMs = greeting?.atMs ?? bannerEndMs;
  if (greetingAtMs !== null && greetingAtMs > connectedAtMs) {
    spans.push({
      startMs: connectedAtMs,
      endMs: greetingAtMs,
      kind: 'wait',
      tone: greeting === undefined ? 'fail' : 'neutral',
      label:
        greeting === undefined
          ? `no greeting within ${greetingAtMs - connectedAtMs} ms`
          : `waited ${greetingAtMs - connectedAtMs} ms for the greeting`,
    });
  }
  let pending: TranscriptEntry | null = null;
  for (const entry of transcript) {
    if (entry.channel !== 'control' || entry.direction === 'event') continue;
    if (entry.direction === 'sent') {
      if (pending === null) pending = entry;
    } else if (pending !== null) {
      const command = pending.text.split(' ')[0] ?? '';
      spans.push({
        startMs: pending.atMs,
        endMs: entry.atMs,
        kind: 'wait',
        tone: 'neutral',
        label: `${command}: waited ${entry.atMs - pending.atMs} ms for the reply`,
      });
      pending = null;
    }
  }
  return spans;
}

function controlRow(probe: ProbeResult): TimelineRow | null {
  const connect = stepRecord(probe, 'connect');
  if (!connect?.ran) return null;
  const failed = connect.data?.failure !== undefined;
  const own = probe.transcript.filter((entry) => entry.channel === 'control' && !isSecondConnection(entry));
  const quit = stepRecord(probe, 'quit');
  const lastSeen = Math.max(endOf(connect), ...own.map((entry) => entry.atMs));
  const endMs = failed ? endOf(connect) : quit?.ran ? Math.max(endOf(quit), lastSeen) : lastSeen;
  const spans: TimelineSpan[] = [];
  if (!failed) {
    spans.push({
      startMs: endOf(connect),
      endMs,
      kind: 'open',
      tone: 'neutral',
      label: 'control connection open',
    });
  }
  spans.push({
    startMs: connect.startedAtMs,
    endMs: endOf(connect),
    kind: 'connect',
    tone: failed ? 'fail' : 'ok',
    label: failed
      ? `connect failed after ${connect.durationMs} ms`
      : `TCP connect${connect.data?.implicitTls ? ' and implicit TLS handshake' : ''}: ${connect.durationMs} ms`,
  });
  const banner = stepRecord(probe, 'banner');
  const bannerEndMs = banner?.ran ? endOf(banner) : null;
  if (!failed) spans.push(...waitSpans(probe.transcript, endOf(connect), bannerEndMs));
  const tls = stepRecord(probe, 'tls');
  if (tls?.ran && tls.data?.handshakeMs != null) {
    // Explicit TLS shakes hands after the AUTH TLS exchange (RFC 4217 §4); implicit TLS at once.
    const authMs = tls.exchanges
      .filter((exchange) => exchange.command?.toUpperCase().startsWith('AUTH ') === true)
      .reduce((sum, exchange) => sum + exchange.durationMs, 0);
    const startMs = tls.startedAtMs + authMs;
    spans.push({
      startMs,
      endMs: startMs + tls.data.handshakeMs,
      kind: 'tls',
      tone: tls.data.failure ? 'fail' : 'ok',
      label: `TLS handshake: ${tls.data.handshakeMs} ms`,
    });
  }
  const address = connect.data ? formatEndpoint(connect.data.address, connect.data.port) : '';
  return {
    group: 'connection',
    label: 'control',
    note: failed ? `failed after ${connect.durationMs} ms` : `${endMs - connect.startedAtMs} ms`,
    ...(address === '' ? {} : { endpoint: address }),
    spans,
  };
}

function secondControlRow(probe: ProbeResult): TimelineRow | null {
  const events = probe.transcript.filter(isSecondConnection);
  const first = events[0];
  const last = events.at(-1);
  if (first === undefined || last === undefined) return null;
  return {
    group: 'connection',
    label: 'control 2',
    note: `${last.atMs - first.atMs} ms, for PASV`,
    spans: [
      {
        startMs: first.atMs,
        endMs: last.atMs,
        kind: 'open',
        tone: 'neutral',
        label: 'second control connection',
      },
    ],
  };
}

function implicitTlsRow(probe: ProbeResult): TimelineRow | null {
  const banner = stepRecord(probe, 'banner');
  const check = banner?.data?.implicitTlsCheck;
  if (!banner?.ran || check === undefined || check.outcome === 'not-tried') return null;
  // The check runs last in the banner step, after the greeting never came.
  const startMs = Math.max(banner.startedAtMs, endOf(banner) - check.durationMs);
  const ok = check.outcome === 'handshake-completed';
  return {
    group: 'connection',
    label: 'TLS check',
    note: `${check.outcome.replace('-', ' ')} (${check.durationMs} ms)`,
    spans: [
      {
        startMs,
        endMs: startMs + check.durationMs,
        kind: 'tls',
        tone: ok ? 'ok' : 'fail',
        label: `implicit TLS check: ${check.outcome}`,
      },
    ],
  };
}

const OUTCOME_NOTES: Readonly<Record<PortTest['outcome'], string>> = {
  open: 'open after',
  closed: 'refused after',
  filtered: 'no answer in',
  unreachable: 'unreachable after',
};

/**
 * portTestStart: when a test-connect began. The probe logs `test-connect host:port` on the data
 * channel as it starts one (src/probe/steps/passiveSteps.ts); without that line the test is
 * placed at the end of its step.
 */
function portTestStart(probe: ProbeResult, test: PortTest, stepEndMs: number): number {
  const marker = `test-connect ${formatEndpoint(test.host, test.port)}`;
  const logged = probe.transcript.find((entry) => entry.channel === 'data' && entry.text.startsWith(marker));
  return logged?.atMs ?? Math.max(0, stepEndMs - test.durationMs);
}

function portTestRow(probe: ProbeResult, label: string, test: PortTest, stepEndMs: number): TimelineRow {
  const startMs = portTestStart(probe, test, stepEndMs);
  const note = `${OUTCOME_NOTES[test.outcome]} ${test.durationMs} ms`;
  return {
    group: 'connection',
    label,
    note,
    endpoint: formatEndpoint(test.host, test.port),
    spans: [
      {
        startMs,
        endMs: startMs + test.durationMs,
        kind: 'data',
        tone: test.outcome === 'open' ? 'ok' : 'fail',
        label: `${label} ${formatEndpoint(test.host, test.port)}: ${note}`,
      },
    ],
  };
}

function dataRows(report: TargetReport): TimelineRow[] {
  const { probe } = report;
  const rows: TimelineRow[] = [];
  const epsv = stepRecord(probe, 'epsv');
  if (epsv?.ran && epsv.data?.portTest)
    rows.push(portTestRow(probe, 'EPSV data', epsv.data.portTest, endOf(epsv)));
  const pasv = stepRecord(probe, 'pasv');
  if (pasv?.ran && pasv.data?.portTest)
    rows.push(portTestRow(probe, 'PASV data', pasv.data.portTest, endOf(pasv)));
  if (pasv?.ran && pasv.data?.advertisedPortTest) {
    rows.push(portTestRow(probe, 'PASV advertised', pasv.data.advertisedPortTest, endOf(pasv)));
  }
  const transfer = stepRecord(probe, 'transfer');
  const listing = transfer?.data;
  if (transfer?.ran && listing && listing.dataConnected !== null) {
    const where =
      listing.dataHost !== null && listing.dataPort !== null
        ? formatEndpoint(listing.dataHost, listing.dataPort)
        : '';
    const failed = listing.failure !== undefined || !listing.dataConnected;
    rows.push({
      group: 'connection',
      label: 'listing data',
      note: `${listing.bytes} bytes${listing.protectedByTls ? ', TLS' : ''}`,
      ...(where === '' ? {} : { endpoint: where }),
      spans: [
        {
          startMs: transfer.startedAtMs,
          endMs: endOf(transfer),
          kind: 'data',
          tone: failed ? 'fail' : 'ok',
          label: `${listing.command ?? 'listing'} ${where}: ${listing.bytes} bytes in ${transfer.durationMs} ms`,
        },
      ],
    });
  }
  const active = stepRecord(probe, 'active');
  if (active?.ran && active.data && active.data.attempts.length > 0) {
    const back = active.data.attempts.filter((attempt) => attempt.connectedBack).length;
    rows.push({
      group: 'connection',
      label: 'active data',
      note: `${back} of ${active.data.attempts.length} connected back`,
      spans: [
        {
          startMs: active.startedAtMs,
          endMs: endOf(active),
          kind: 'data',
          tone: back > 0 ? 'ok' : 'fail',
          label: 'listening for the server to connect back (EPRT/PORT)',
        },
      ],
    });
  }
  const scan = stepRecord(probe, 'scan');
  if (scan?.ran && scan.data) {
    const { low, high } = scan.data.range;
    rows.push({
      group: 'connection',
      label: 'range scan',
      note: `${high - low + 1} ports in ${scan.data.durationMs} ms`,
      spans: [
        {
          startMs: scan.startedAtMs,
          endMs: endOf(scan),
          kind: 'data',
          tone: scan.data.runs.some((run) => run.outcome === 'open') ? 'ok' : 'fail',
          label: `test-connects to ports ${low}-${high}`,
        },
      ],
    });
  }
  return rows;
}

/**
 * buildTimeline lays out one probe on a common time axis (milliseconds since the probe began):
 * one row per step that ran, then one row per connection: the control connection (TCP connect,
 * TLS handshake, each wait for a reply), the parallel second control connection, the implicit-TLS
 * check, and each data connection with its outcome. Pure; drawn by timelineSvg and timelineText.
 */
export function buildTimeline(report: TargetReport): Timeline {
  const { probe } = report;
  const rows: TimelineRow[] = [...stepRows(report)];
  for (const row of [controlRow(probe), implicitTlsRow(probe), secondControlRow(probe)]) {
    if (row !== null) rows.push(row);
  }
  rows.push(...dataRows(report));
  const latest = Math.max(0, ...rows.flatMap((row) => row.spans.map((span) => span.endMs)));
  return { totalMs: Math.max(probe.durationMs, latest, 1), rows };
}
