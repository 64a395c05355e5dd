import type { TargetReport } from '../types.js';
import { finding, observation } from './findingBuilder.js';

function addressOf(report: TargetReport): string {
  const resolve = report.probe.steps.find((s) => s.name === 'resolve');
  return resolve?.name === 'resolve' && resolve.data?.chosen ? resolve.data.chosen : '?';
}

/**
 * compareAddressReports (--all-addresses): when the addresses of one name do not all give the same
 * verdict, each worse one gets a finding naming the addresses that work, because clients pick an
 * address by their own rules (IPv6 first, usually) and some of them will land on the broken one.
 */
export function compareAddressReports(reports: readonly TargetReport[]): TargetReport[] {
  if (reports.length < 2) return [...reports];
  const best = Math.min(...reports.map((r) => r.diagnosis.verdict.exitCode));
  const working = reports.filter((r) => r.diagnosis.verdict.exitCode === best).map(addressOf);
  const summary = reports.map((r) => `${addressOf(r)}: ${r.diagnosis.verdict.headline}`).join('; ');
  return reports.map((report) => {
    if (report.diagnosis.verdict.exitCode === best) return report;
    const address = addressOf(report);
    const family = address.includes(':') ? 'IPv6' : 'IPv4';
    const added = finding('dns.addresses-differ', {
      step: 'resolve',
      title: `${address} behaves differently from ${working.join(', ')}`,
      detail: `"${report.probe.target.host}" has several addresses and they do not behave alike: ${working.join(', ')} ${working.length === 1 ? 'works' : 'work'} better than ${address} (${family}). Clients choose an address on their own, so some users hit the broken one. Fix ${address} or stop publishing it.`,
      evidence: [observation(summary)],
    });
    return { ...report, diagnosis: { ...report.diagnosis, findings: [...report.diagnosis.findings, added] } };
  });
}
