import type { Finding } from '../types.js';
import type { DiagnosisContext } from './context.js';
import { finding, firstLine, observation, replyEvidence } from './findingBuilder.js';
import { firewallFixes } from './fixes/firewall.js';
import { formatRange } from './fixes/passiveRange.js';

/** scanFindings: the map of the passive range drawn by --scan-range, and the rule that opens its gaps. */
export function scanFindings(ctx: DiagnosisContext): Finding[] {
  const scan = ctx.data('scan');
  if (!scan || scan.runs.length === 0) return [];
  const described = scan.runs
    .map((run) => `${formatRange(run)} ${run.outcome === 'open' ? 'reach the server' : run.outcome}`)
    .join('; ');
  const blocked = scan.runs.filter((run) => run.outcome !== 'open');
  const evidence = [
    observation(
      `TCP connects to ${scan.host}, ports ${formatRange(scan.range)}: ${described} (${scan.durationMs} ms)`,
    ),
  ];
  if (blocked.length === 0) {
    return [
      finding('scan.all-reachable', {
        detail: `Every port of ${formatRange(scan.range)} reaches the server (a connection or a reset came back): no firewall between here and the server blocks this range.`,
        evidence,
      }),
    ];
  }
  const fixes = blocked.flatMap((run) =>
    firewallFixes({
      purpose: 'open-data-ports',
      ports: { low: run.low, high: run.high },
      family: ctx.family,
      rangeConfidence: 'observed',
      controlPort: ctx.result.target.port,
      ...(ctx.controlAddress ? { serverAddress: ctx.controlAddress } : {}),
    }),
  );
  const all = blocked.length === scan.runs.length;
  return [
    finding(all ? 'scan.all-blocked' : 'scan.partly-blocked', {
      detail: all
        ? `No port of ${formatRange(scan.range)} reaches the server: ${described}. A firewall blocks the whole range.`
        : `Only part of ${formatRange(scan.range)} reaches the server: ${described}. A firewall opens part of the passive range, so transfers fail whenever the server picks a port from the blocked part — the "works sometimes" failure. The rules below open exactly the blocked ports.`,
      evidence,
      fixes,
    }),
  ];
}

/** epsvAllFindings: whether the server supports EPSV ALL (RFC 2428 §4), which NAT devices rely on. */
export function epsvAllFindings(ctx: DiagnosisContext): Finding[] {
  const reply = ctx.data('epsv')?.epsvAll;
  if (!reply || reply.code < 400) return [];
  return [
    finding('epsv.all-unsupported', {
      detail: `EPSV ALL was answered with ${reply.code} ("${firstLine(reply)}"). Clients send it to promise they will only use EPSV, so that NAT devices and firewalls need not rewrite PORT/PASV; servers should accept it (RFC 2428 §4). Most clients never send it, so this rarely matters.`,
      evidence: [replyEvidence('EPSV ALL', reply)],
    }),
  ];
}

/** ipv6Findings: what an IPv6 control connection means for the passive commands. */
export function ipv6Findings(ctx: DiagnosisContext): Finding[] {
  if (ctx.family !== 6) return [];
  const epsv = ctx.data('epsv');
  if (!epsv || epsv.port !== null || !epsv.reply) return [];
  return [
    finding('ipv6.epsv-required', {
      detail: `Over IPv6 only EPSV can set up a passive data connection (PASV's reply has room for an IPv4 address only), and this server refused EPSV (${epsv.reply.code}). IPv6 clients cannot list or transfer. Enable EPSV in the server, or publish no AAAA record for it.`,
      evidence: [replyEvidence('EPSV', epsv.reply)],
      fixes: ctx.serverFixes('enable-epsv'),
    }),
  ];
}
