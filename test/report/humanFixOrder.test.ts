import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/knowledge/diagnosis/diagnose.js';
import { rankFixes } from '../../src/knowledge/diagnosis/fixes/fixRanking.js';
import { rfc } from '../../src/knowledge/sources.js';
import type { Finding, Fix, TargetReport } from '../../src/knowledge/types.js';
import type { ProbeResult } from '../../src/probe/types.js';
import { renderGithub, renderGithubSummary } from '../../src/report/formats/github.js';
import { renderHuman } from '../../src/report/formats/human.js';
import { renderJson } from '../../src/report/formats/json.js';
import { renderJunit } from '../../src/report/formats/junit.js';
import { plainStyle } from '../../src/report/text/style.js';
import { connectionRefused } from './fixtures.js';

/** withAddress: the same probe as if the control connection had gone to `address`. */
function withAddress(probe: ProbeResult, address: string): ProbeResult {
  return {
    ...probe,
    steps: probe.steps.map((step) =>
      step.name === 'connect' && step.data
        ? ({ ...step, data: { ...step.data, address } } as typeof step)
        : step,
    ),
  } as ProbeResult;
}

function report(address: string): TargetReport {
  const probe = withAddress(connectionRefused.probe, address);
  return { probe, diagnosis: diagnose(probe, { insecure: false, now: new Date('2025-02-08T00:00:00Z') }) };
}

function refusedFinding(target: TargetReport): Finding {
  return target.diagnosis.findings.find((finding) => finding.id === 'connect.refused')!;
}

const key = (fix: Pick<Fix, 'audience' | 'dialect'>): string => `${fix.audience}/${fix.dialect}`;

describe('fix ranking', () => {
  it('connection refused: first "is the service running and listening", then the firewall', () => {
    const fixes = refusedFinding(report('192.0.2.50')).fixes;
    expect(fixes[0]).toMatchObject({ audience: 'server', dialect: 'generic' });
    expect(fixes[0]!.text).toContain("ss -ltnp 'sport = :2121'");
    expect(fixes[0]!.text).toContain('systemctl status');
    expect(fixes.slice(1).every((fix) => fix.audience !== 'server')).toBe(true);
    expect(fixes[1]!.dialect).toBe('iptables');
    // Windows and cloud rules come after the Linux packet filters.
    const dialects = fixes.map((fix) => fix.dialect);
    expect(dialects.indexOf('aws')).toBeGreaterThan(dialects.indexOf('firewalld'));
  });

  it('a loopback target gets no firewall, cloud or container advice', () => {
    for (const address of ['127.0.0.1', '127.3.4.5', '::1']) {
      const fixes = refusedFinding(report(address)).fixes;
      expect(fixes.map(key)).toEqual(['server/generic']);
    }
  });

  it('on loopback, silence proves a local packet filter: its rule, but no cloud or cluster advice', () => {
    const finding = refusedFinding(report('192.0.2.50'));
    const filtered = rankFixes(
      { ...finding, id: 'data.port-filtered' },
      { loopback: true, software: 'unknown' },
    );
    expect(filtered.fixes.map((fix) => fix.dialect)).toEqual([
      'iptables',
      'nftables',
      'ufw',
      'firewalld',
      'generic',
    ]);
  });

  it('silence (a timeout) puts the firewall first; unlisted findings keep the order their rule wrote', () => {
    const finding = refusedFinding(report('192.0.2.50'));
    const timeout = rankFixes(
      { ...finding, id: 'connect.timeout' },
      { loopback: false, software: 'unknown' },
    );
    expect(timeout.fixes[0]!.audience).toBe('firewall');
    // Not in the likelihood table: audiences keep the order the rule first wrote them in.
    const reversed = [...finding.fixes].reverse();
    const unlisted = rankFixes(
      { ...finding, id: 'tls.not-offered', fixes: reversed },
      { loopback: false, software: 'unknown' },
    );
    const audiences = (fixes: readonly Fix[]) => [...new Set(fixes.map((fix) => fix.audience))];
    expect(audiences(unlisted.fixes)).toEqual(audiences(reversed));
  });

  it('a data port of a server that takes any free port: pin the range on the server first, then the firewall', () => {
    const finding = { ...refusedFinding(report('192.0.2.50')), id: 'data.port-closed' };
    const facts = { loopback: false, software: 'unknown' };
    expect(rankFixes(finding, facts).fixes[0]!.audience).toBe('firewall');
    const scattered = rankFixes(finding, { ...facts, passivePortsScattered: true }).fixes;
    expect(scattered[0]!.audience).toBe('server');
    expect(scattered.slice(1).some((fix) => fix.audience === 'firewall')).toBe(true);
    // Only data-port findings change order.
    const control = rankFixes(
      { ...finding, id: 'connect.timeout' },
      { ...facts, passivePortsScattered: true },
    );
    expect(control.fixes[0]!.audience).toBe('firewall');
  });

  it('the detected server’s own dialect comes before generic advice and other products', () => {
    const fixes: Fix[] = ['proftpd', 'generic', 'vsftpd'].map((dialect) => ({
      audience: 'server',
      dialect,
      title: dialect,
      text: dialect,
      sources: [rfc(959, '4.1.2')],
    }));
    const finding: Finding = { ...refusedFinding(report('192.0.2.50')), id: 'data.port-closed', fixes };
    const ranked = rankFixes(finding, { loopback: false, software: 'vsftpd' });
    expect(ranked.fixes.map((fix) => fix.dialect)).toEqual(['vsftpd', 'generic', 'proftpd']);
  });
});

describe('every format prints the fixes in the same order', () => {
  const target = report('192.0.2.50');
  const expected = refusedFinding(target).fixes.map(key);

  it('JSON', () => {
    const json = JSON.parse(renderJson([target], { toolVersion: '0.0.0-test', exitCode: 3 })) as {
      targets: { findings: { id: string; fixes: Fix[] }[] }[];
    };
    const finding = json.targets[0]!.findings.find((f) => f.id === 'connect.refused')!;
    expect(finding.fixes.map(key)).toEqual(expected);
  });

  it('JUnit', () => {
    const xml = renderJunit([target]);
    const order = [...xml.matchAll(/\[(firewall|server|network|client) \/ ([\w-]+)\]/g)].map(
      (m) => `${m[1]}/${m[2]}`,
    );
    expect([...new Set(order)]).toEqual([...new Set(expected)]);
  });

  it('GitHub annotations and summary', () => {
    const annotation = renderGithub([target]);
    const shown = [...annotation.matchAll(/Fix \((firewall|server|network|client), ([\w-]+)\)/g)].map(
      (m) => `${m[1]}/${m[2]}`,
    );
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).toEqual(expected.filter((k) => shown.includes(k)));
    const summary = renderGithubSummary([target]);
    const names: Record<string, string> = {
      Firewall: 'firewall',
      'FTP server': 'server',
      Network: 'network',
      Client: 'client',
    };
    const inSummary = [...summary.matchAll(/\*\*(Firewall|FTP server|Network|Client)\*\* · ([\w-]+) —/g)].map(
      (m) => `${names[m[1]!]}/${m[2]}`,
    );
    expect(inSummary).toEqual(expected);
  });

  it('human, default and -v', () => {
    const pattern =
      /Fix \d+ (?:on the firewall|on the FTP server|on the network \(NAT, load balancer, cluster\)|in the client) \(([\w-]+)\)/g;
    const audienceOf = (text: string) =>
      text.includes('firewall')
        ? 'firewall'
        : text.includes('FTP server')
          ? 'server'
          : text.includes('network')
            ? 'network'
            : 'client';
    for (const verbosity of [0, 1] as const) {
      const out = renderHuman(target, { style: plainStyle, verbosity, fixDialects: null });
      const shown = [...out.matchAll(pattern)].map((m) => `${audienceOf(m[0])}/${m[1]}`);
      expect(shown.length).toBeGreaterThan(0);
      expect(shown).toEqual(verbosity === 1 ? expected : expected.slice(0, shown.length));
    }
  });
});
