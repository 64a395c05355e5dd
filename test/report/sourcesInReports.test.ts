import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/knowledge/diagnosis/diagnose.js';
import type { TargetReport } from '../../src/knowledge/types.js';
import { renderHuman } from '../../src/report/formats/human.js';
import { buildJsonReport } from '../../src/report/formats/json.js';
import { plainStyle } from '../../src/report/text/style.js';
import { pasvFiltered } from './fixtures.js';

/** A real diagnosis of the filtered-passive-port probe, so findings and fixes carry their real sources. */
const report: TargetReport = {
  probe: pasvFiltered.probe,
  diagnosis: diagnose(pasvFiltered.probe, { insecure: false, now: new Date('2026-01-01T00:00:00Z') }),
};

describe('sources in probe reports', () => {
  it('every finding and every fix of a real diagnosis names at least one source', () => {
    expect(report.diagnosis.findings.length).toBeGreaterThan(0);
    for (const finding of report.diagnosis.findings) {
      expect(finding.sources.length, finding.id).toBeGreaterThan(0);
      for (const fix of finding.fixes)
        expect(fix.sources.length, `${finding.id} ${fix.title}`).toBeGreaterThan(0);
    }
  });

  it('-v shows the sources of each finding and fix; the default report does not', () => {
    const finding = report.diagnosis.findings.find((candidate) => candidate.id === 'data.port-filtered');
    expect(finding).toBeDefined();
    // Wide enough that each citation list stays on one line.
    const verbose = renderHuman(report, { style: plainStyle, verbosity: 1, width: 300, fixDialects: null });
    const plain = renderHuman(report, { style: plainStyle, verbosity: 0, fixDialects: null });
    expect(verbose).toContain(`    Sources: ${finding!.sources.map((source) => source.citation).join('; ')}`);
    expect(verbose).toMatch(
      /\n {6}Source: nft\(8\): add rule \/ insert rule, ct state, tcp dport; nft\(8\): VERDICT STATEMENT \(accept, drop\)\n/,
    );
    expect(plain).not.toMatch(/\n\s+Sources?: /);
  });

  it('the JSON report carries the citation and address of each source', () => {
    const json = buildJsonReport([report], {
      toolVersion: 'test',
      exitCode: 8,
      generatedAt: '2026-01-01T00:00:00Z',
    });
    const [finding] = json.targets[0]!.findings.filter((candidate) => candidate.id === 'data.port-filtered');
    expect(finding?.sources[0]).toMatchObject({
      document: 'iptables.8',
      citation: 'iptables(8): TARGETS (DROP)',
      url: 'https://ipset.netfilter.org/iptables.man.html',
    });
    expect(finding?.fixes.every((fix) => fix.sources.every((source) => source.url.startsWith('http')))).toBe(
      true,
    );
  });
});
