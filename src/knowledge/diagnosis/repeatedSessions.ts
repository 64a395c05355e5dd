import type { PortTestOutcome, ProbeResult, StepDataMap, StepName, StepStatus } from '../../probe/types.js';
import { formatEndpoint } from '../../protocol/address.js';
import type { Reply } from '../../protocol/types.js';
import type { Finding, TargetReport } from '../types.js';
import { DiagnosisContext } from './context.js';
import { verdictOf } from './diagnose.js';
import { finding, observation, replyEvidence } from './findingBuilder.js';
import { singleSourceAddressFixes, stickyBackendFixes } from './fixes/dataChannelFixes.js';

/** SessionFacts: what one session of a --repeat series shows about where its connections went. */
interface SessionFacts {
  readonly number: number;
  readonly exitCode: number;
  readonly failed: boolean;
  readonly greeting: string | null;
  readonly controlPeer: string | null;
  readonly advertised: readonly string[];
  readonly dataPorts: readonly {
    readonly mode: 'EPSV' | 'PASV';
    readonly port: number;
    readonly outcome: PortTestOutcome;
  }[];
  readonly badIp: Reply | null;
  readonly findingIds: ReadonlySet<string>;
}

/** RepeatAggregate: the per-step and per-address record of a --repeat series. */
export interface RepeatAggregate {
  readonly sessions: number;
  readonly failedSessions: readonly number[];
  readonly stepCounts: Readonly<Partial<Record<StepName, Readonly<Record<StepStatus, number>>>>>;
  /** PASV address:port and EPSV ports handed out, in order of first appearance. */
  readonly advertised: readonly string[];
  readonly controlPeers: readonly string[];
  readonly greetings: readonly string[];
  /** When the first session started (ISO 8601). */
  readonly startedAt: string;
  /** From the first session's start to the last one's end: the sessions and the pauses between them. */
  readonly durationMs: number;
}

const BAD_IP = /bad ip connecting/i;

/**
 * combineSessions turns the reports of N sessions of one target into one report: the worst
 * session's steps and findings (each problem saying in how many sessions it occurred), plus
 * findings that only a series can show — an intermittent failure with its success rate, data
 * connections that reach another backend than the control connection, and vsftpd's
 * "425 Security: Bad IP connecting." The verdict is the worst seen.
 */
export function combineSessions(
  reports: readonly TargetReport[],
): TargetReport & { readonly repeat: RepeatAggregate } {
  if (reports.length === 0) throw new Error('combineSessions needs at least one session');
  const facts = reports.map((report, index) => sessionFacts(report, index + 1));
  const total = reports.length;
  // A failure outranks a session a signal or the deadline cut (130/143/11 are larger numbers).
  const rank = (f: SessionFacts): number =>
    f.failed ? 1000 + f.exitCode : f.exitCode > 9 ? 500 : f.exitCode;
  const worstIndex = facts.reduce((worst, f, i) => (rank(f) > rank(facts[worst]!) ? i : worst), 0);
  const worst = reports[worstIndex]!;
  const aggregate = aggregateOf(reports, facts);
  const occurrences = (id: string): number => facts.filter((f) => f.findingIds.has(id)).length;
  const carried = worst.diagnosis.findings.map((f) =>
    f.severity === 'info' || total === 1
      ? f
      : { ...f, detail: `${f.detail} (In ${occurrences(f.id)} of ${total} sessions.)` },
  );
  const cut = reports.find((r) => r.probe.interrupted !== null);
  // The cut session's own note, when another session's findings are the ones shown.
  const cutNote =
    cut && cut !== worst ? cut.diagnosis.findings.filter((f) => f.id === 'probe.interrupted') : [];
  const findings: Finding[] = [...carried, ...seriesFindings(worst.probe, facts, aggregate), ...cutNote];
  const steps = worst.diagnosis.steps.map((step) => {
    const counts = aggregate.stepCounts[step.name];
    if (!counts || counts.skipped === total) return step;
    return { ...step, summary: `${step.summary} [ok in ${counts.ok + counts.warn} of ${total} sessions]` };
  });
  return {
    probe: worst.probe,
    // A series cut short by a signal or the deadline says so, as a single probe would.
    diagnosis: {
      ...worst.diagnosis,
      findings,
      steps,
      verdict: verdictOf(cut?.probe ?? worst.probe, findings),
    },
    repeat: aggregate,
  };
}

function sessionFacts(report: TargetReport, number: number): SessionFacts {
  const steps = report.probe.steps;
  const data = <N extends StepName>(name: N) => {
    const step = steps.find((s) => s.name === name);
    return step?.ran ? (step.data as StepDataMap[N] | null) : null;
  };
  const pasv = data('pasv');
  const epsv = data('epsv');
  const advertised: string[] = [];
  if (pasv?.advertisedHost && pasv.port !== null)
    advertised.push(`PASV ${formatEndpoint(pasv.advertisedHost, pasv.port)}`);
  if (epsv?.port != null) advertised.push(`EPSV port ${epsv.port}`);
  const dataPorts = [
    ...(epsv?.portTest && epsv.port !== null
      ? [{ mode: 'EPSV' as const, port: epsv.port, outcome: epsv.portTest.outcome }]
      : []),
    ...(pasv?.portTest && pasv.port !== null
      ? [{ mode: 'PASV' as const, port: pasv.port, outcome: pasv.portTest.outcome }]
      : []),
  ];
  let badIp: Reply | null = null;
  for (const step of steps) {
    for (const exchange of step.exchanges) {
      for (const reply of exchange.replies)
        if (reply.code === 425 && BAD_IP.test(reply.text)) badIp ??= reply;
    }
  }
  return {
    number,
    exitCode: report.diagnosis.verdict.exitCode,
    failed: report.diagnosis.verdict.status === 'failed',
    greeting: data('banner')?.greeting?.lines[0] ?? null,
    controlPeer: data('connect')?.address ?? null,
    advertised,
    dataPorts,
    badIp,
    findingIds: new Set(report.diagnosis.findings.map((f) => f.id)),
  };
}

function aggregateOf(reports: readonly TargetReport[], facts: readonly SessionFacts[]): RepeatAggregate {
  const stepCounts: Partial<Record<StepName, Record<StepStatus, number>>> = {};
  for (const report of reports) {
    for (const step of report.diagnosis.steps) {
      const counts = stepCounts[step.name] ?? { ok: 0, warn: 0, fail: 0, skipped: 0 };
      counts[step.status] += 1;
      stepCounts[step.name] = counts;
    }
  }
  const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))];
  return {
    sessions: reports.length,
    failedSessions: facts.filter((f) => f.failed).map((f) => f.number),
    stepCounts,
    advertised: distinct(facts.flatMap((f) => f.advertised)),
    controlPeers: distinct(facts.map((f) => f.controlPeer)),
    greetings: distinct(facts.map((f) => f.greeting)),
    ...seriesSpan(reports),
  };
}

/** seriesSpan: when the series started and how long it ran, pauses included. */
function seriesSpan(reports: readonly TargetReport[]): { startedAt: string; durationMs: number } {
  const starts = reports.map((report) => Date.parse(report.probe.startedAt));
  const ends = reports.map((report, index) => (starts[index] ?? 0) + report.probe.durationMs);
  const first = Math.min(...starts);
  return {
    startedAt: reports[starts.indexOf(first)]?.probe.startedAt ?? '',
    durationMs: Math.max(0, Math.round(Math.max(...ends) - first)),
  };
}

function seriesFindings(
  worst: ProbeResult,
  facts: readonly SessionFacts[],
  aggregate: RepeatAggregate,
): Finding[] {
  const total = facts.length;
  const failed = facts.filter((f) => f.failed);
  const findings: Finding[] = [];
  const stepLine = Object.entries(aggregate.stepCounts)
    .filter(([, counts]) => counts.skipped < total)
    .map(([name, counts]) => `${name} ${counts.ok + counts.warn}/${total}`)
    .join(', ');
  findings.push(
    finding('repeat.summary', {
      title: `${total} sessions: ${total - failed.length} passed, ${failed.length} failed`,
      detail: `Steps that worked, per session: ${stepLine}. Passive ports handed out: ${aggregate.advertised.join(', ') || 'none'}. Control connections answered at ${aggregate.controlPeers.join(', ') || 'no address'}${aggregate.greetings.length > 1 ? `, with ${aggregate.greetings.length} different greetings` : ''}.`,
      evidence: aggregate.greetings.map((greeting) => observation(`greeting: ${greeting}`)),
    }),
  );
  if (failed.length > 0 && failed.length < total) {
    const rate = Math.round(((total - failed.length) / total) * 100);
    const worstExit = Math.max(...failed.map((f) => f.exitCode));
    findings.push(
      finding('repeat.intermittent', {
        detail: `${failed.length} of ${total} sessions failed and ${total - failed.length} passed (success rate ${rate}%): the same check gives different answers from one connection to the next. Failing sessions: ${failed.map((f) => `#${f.number}`).join(', ')}. A single probe can miss this.`,
        evidence: failed.slice(0, 5).map((f) => observation(`session #${f.number}: exit ${f.exitCode}`)),
        exitCode: worstExit as Finding['exitCode'],
      }),
    );
  }
  const refusedPorts = facts.flatMap((f) =>
    f.dataPorts.filter((p) => p.outcome === 'closed').map((p) => ({ ...p, session: f.number })),
  );
  const openSessions = facts.filter((f) => f.dataPorts.some((p) => p.outcome === 'open'));
  const backends = Math.max(aggregate.greetings.length, 1);
  if (refusedPorts.length > 0 && (openSessions.length > 0 || backends > 1)) {
    const inSessions = new Set(refusedPorts.map((p) => p.session)).size;
    findings.push(
      finding('repeat.other-backend', {
        detail: `In ${inSessions} of ${total} sessions a passive port the server had just handed out refused the connection, while ${openSessions.length > 0 ? `in ${openSessions.length} sessions the same kind of port answered` : 'the sessions were answered by different servers'}. A port that its own server has just opened does not refuse: the data connection reached another machine than the control connection — a load balancer, Kubernetes Service or NAT rule that picks a backend per connection.${aggregate.greetings.length > 1 ? ` ${aggregate.greetings.length} different servers greeted: ${aggregate.greetings.map((g) => `"${g}"`).join(', ')}.` : ''}`,
        evidence: refusedPorts
          .slice(0, 5)
          .map((p) => observation(`session #${p.session}: ${p.mode} port ${p.port} refused (closed)`)),
        fixes: stickyBackendFixes(),
      }),
    );
  }
  const badIp = facts.filter((f) => f.badIp !== null);
  if (badIp.length > 0) {
    const ctx = new DiagnosisContext(worst, { insecure: false, now: new Date() });
    findings.push(
      finding('repeat.bad-ip', {
        detail: `In ${badIp.length} of ${total} sessions the server refused a data connection with "425 Security: Bad IP connecting.": vsftpd accepts a passive data connection only from the address of the control connection, and this one came from another. The client's connections leave through more than one address (a NAT pool, a proxy, or a load balancer that rewrites the source).`,
        evidence: [replyEvidence('LIST', badIp[0]!.badIp!)],
        fixes: [...singleSourceAddressFixes(), ...ctx.serverFixes('allow-data-from-other-ip')],
      }),
    );
  }
  return findings;
}
