import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/knowledge/diagnosis/diagnose.js';
import {
  describeRangeEstimate,
  estimatePassiveRange,
} from '../../src/knowledge/diagnosis/fixes/passiveRange.js';
import type { Finding } from '../../src/knowledge/types.js';
import type { AnyStepRecord, PortTestOutcome, ProbeResult } from '../../src/probe/types.js';
import { pasvFiltered } from '../report/fixtures.js';

interface Variant {
  /** The address the control connection (and the port tests) went to. */
  readonly address?: string;
  /** How the test-connect of the PASV port ended. */
  readonly outcome: Exclude<PortTestOutcome, 'open'>;
  /** Sampled passive ports, EPSV's and PASV's together; default: the fixture's two. */
  readonly samples?: readonly number[];
}

/**
 * probeWith: the vsftpd fixture (EPSV port open, PASV port blocked) with the PASV port test ending
 * as `outcome`, over `address`, after the given samples.
 */
function probeWith(variant: Variant): ProbeResult {
  const address = variant.address ?? '198.51.100.7';
  const samples = variant.samples?.map((port) => ({ reply: null, port }));
  const steps = pasvFiltered.probe.steps.map((step): AnyStepRecord => {
    if (step.name === 'connect' && step.data) return { ...step, data: { ...step.data, address } };
    if (step.name === 'epsv' && step.data) {
      return {
        ...step,
        data: {
          ...step.data,
          portTest: step.data.portTest && { ...step.data.portTest, host: address },
          ...(samples ? { samples: samples.slice(0, Math.ceil(samples.length / 2)) } : {}),
        },
      };
    }
    if (step.name === 'pasv' && step.data) {
      const portTest = step.data.portTest!;
      return {
        ...step,
        data: {
          ...step.data,
          portTest: {
            ...portTest,
            host: address,
            outcome: variant.outcome,
            errno: variant.outcome === 'closed' ? 'ECONNREFUSED' : portTest.errno,
          },
          ...(samples ? { samples: samples.slice(Math.ceil(samples.length / 2)) } : {}),
        },
      };
    }
    return step;
  });
  return {
    ...pasvFiltered.probe,
    options: { ...pasvFiltered.probe.options, samples: variant.samples?.length ?? 1 },
    steps,
  } as ProbeResult;
}

function portFinding(variant: Variant): Finding {
  const diagnosis = diagnose(probeWith(variant), { insecure: false, now: new Date('2025-02-08T00:00:00Z') });
  const found = diagnosis.findings.find((f) => f.id === `data.port-${variant.outcome}`);
  if (!found) throw new Error(`no data.port-${variant.outcome} in ${diagnosis.findings.map((f) => f.id)}`);
  return found;
}

/** A consistent range: every port of 42000–42009 seen, twice, in 20 samples. */
const FULL_SPAN = Array.from({ length: 20 }, (_, i) => 42000 + (i % 10));

describe('fixes for a passive port a filter answered for', () => {
  it('REJECT (reset): finding the rejecting rule comes first, then the accept rules; no range rewrite', () => {
    const fixes = portFinding({ outcome: 'closed', samples: FULL_SPAN }).fixes;
    expect(fixes[0]!.audience).toBe('firewall');
    expect(fixes[0]!.text).toContain('nft list ruleset | grep -n reject');
    expect(fixes[0]!.text).toContain('iptables -S | grep REJECT');
    expect(fixes[0]!.text).toContain('firewall-cmd --list-all');
    expect(fixes[1]!.dialect).toBe('iptables');
    expect(fixes[1]!.text).toContain('--dport 42000:42009');
    const server = fixes.filter((fix) => fix.audience === 'server');
    expect(server.length).toBeGreaterThan(0);
    // Every server fix comes after every firewall fix, and none rewrites the range.
    const audiences = fixes.map((fix) => fix.audience);
    expect(audiences.indexOf('server')).toBeGreaterThan(audiences.lastIndexOf('firewall'));
    for (const fix of server) expect(fix.text).not.toMatch(/^pasv_m(in|ax)_port=/m);
    expect(server[0]!.text).toContain("grep -E 'pasv_m(in|ax)_port' /etc/vsftpd.conf");
  });

  it('DROP (silence): find the dropping rule first; nftables and iptables say a drop elsewhere is final', () => {
    const fixes = portFinding({ outcome: 'filtered', samples: FULL_SPAN }).fixes;
    expect(fixes[0]!.text).toContain('nft list ruleset | grep -n drop');
    expect(fixes[0]!.text).toContain('iptables -S | grep DROP');
    const nft = fixes.find((fix) => fix.dialect === 'nftables')!;
    expect(nft.text).toContain('does not undo a drop in another table or base chain on the same hook');
    const iptables = fixes.find((fix) => fix.dialect === 'iptables')!;
    expect(iptables.text).toContain('does not undo a drop in their base chain on the same hook');
  });

  it('on loopback a REJECT still gets the local packet-filter advice, and no cloud or Windows rule', () => {
    for (const outcome of ['closed', 'filtered'] as const) {
      const finding = portFinding({ address: '127.0.0.1', outcome, samples: FULL_SPAN });
      const dialects = finding.fixes.filter((fix) => fix.audience === 'firewall').map((fix) => fix.dialect);
      expect(dialects).toEqual(['packet-filter', 'iptables', 'nftables', 'ufw', 'firewalld']);
      expect(finding.fixes[0]!.text).toContain('nft list ruleset');
      expect(finding.detail).not.toContain('cloud security group');
      expect(finding.detail).not.toContain('in front of the server');
      expect(finding.detail).toContain('packet filter on this host');
    }
  });

  it('ports from all over the port space: the server fix sets a range, opened in the firewall alike', () => {
    const scattered = [1025, 9000, 20000, 33000, 47000, 52000, 60000, 61000, 62000, 64000];
    const fixes = portFinding({ outcome: 'closed', samples: scattered }).fixes;
    const vsftpd = fixes.find((fix) => fix.dialect === 'vsftpd')!;
    expect(vsftpd.text).toContain('pasv_min_port=50000');
    expect(fixes.find((fix) => fix.dialect === 'iptables')!.text).toContain('--dport 50000:50100');
  });

  it('every port of a contiguous span seen: the firewall opens that span exactly', () => {
    const finding = portFinding({ outcome: 'filtered', samples: FULL_SPAN });
    expect(finding.detail).toContain('42000–42009');
    expect(finding.detail).not.toMatch(/41999|42010|41998|42011/);
    for (const fix of finding.fixes) expect(fix.text).not.toMatch(/41999|42010|41998|42011/);
  });
});

describe('the range estimate when every port of a span was seen', () => {
  it('is that span; the 95 % bound stays what the span alone supports, and is stated', () => {
    const estimate = estimatePassiveRange(FULL_SPAN);
    expect(estimate.probable).toEqual({ low: 42000, high: 42009 });
    expect(estimate.bound).toEqual({ low: 41998, high: 42011 });
    const text = describeRangeEstimate(estimate);
    expect(text).toContain('every port of 42000–42009 (from 20 samples)');
    expect(text).toContain('with 95 % confidence at most 2 more ports on either side');
    expect(text).not.toContain('probably');
  });

  it('fewer than two samples per port are not enough to call the span the range', () => {
    // 10 samples over 9 ports, as a real ProFTPD with a 10-port range handed out.
    const estimate = estimatePassiveRange([
      29664, 29665, 29666, 29667, 29668, 29669, 29670, 29671, 29672, 29668,
    ]);
    expect(estimate.covered).toBe(false);
    expect(estimate.probable.low).toBeLessThan(29664);
  });
});
