import { describe, expect, it } from 'vitest';
import { diagnose, verdictFor } from '../../src/knowledge/diagnosis/diagnose.js';
import { leadingWarning, warningImpact } from '../../src/knowledge/diagnosis/warningOrder.js';
import type { Finding } from '../../src/knowledge/types.js';
import type { AnyStepRecord, ProbeResult } from '../../src/probe/types.js';
import { renderQuiet } from '../../src/report/formats/human.js';
import { mainFinding, sortFindings } from '../../src/report/text/findingOrder.js';
import { plainStyle } from '../../src/report/text/style.js';
import { pasvFiltered, reply, withEpsvRefused } from '../report/fixtures.js';

/** The plain-FTP vsftpd fixture with EPSV refused (cmds_denied=EPSV) and PASV working. */
function noTlsEpsvRefused(): ProbeResult {
  const refused = withEpsvRefused(pasvFiltered.probe, reply('550 Permission denied.'));
  const steps = refused.steps.map((step): AnyStepRecord => {
    if (step.name === 'pasv' && step.data) {
      const { failure: _failure, ...data } = step.data;
      return {
        ...step,
        data: { ...data, portTest: { ...step.data.portTest!, outcome: 'open', durationMs: 20 } },
      };
    }
    return step;
  });
  return { ...refused, steps } as ProbeResult;
}

function warning(id: string): Finding {
  return {
    id,
    severity: 'warning',
    title: id,
    detail: '',
    evidence: [],
    fixes: [],
    sources: [],
    step: 'tls',
    exitCode: 0,
  } as unknown as Finding;
}

describe('which warning leads', () => {
  it('a data-path warning leads over "TLS is not offered" in the headline, the -q line and the list', () => {
    const probe = noTlsEpsvRefused();
    const diagnosis = diagnose(probe, { insecure: false, now: new Date('2025-02-08T00:00:00Z') });
    const ids = diagnosis.findings.map((f) => f.id);
    expect(ids).toContain('tls.not-offered');
    expect(ids).toContain('epsv.refused');
    // The rules write TLS first (the step order); the headline must not follow that order.
    expect(ids.indexOf('tls.not-offered')).toBeLessThan(ids.indexOf('epsv.refused'));
    expect(diagnosis.verdict.status).toBe('warning');
    expect(diagnosis.verdict.headline).toMatch(/^WORKS WITH WARNINGS: The server refused EPSV/);
    expect(mainFinding(diagnosis.findings)?.id).toBe('epsv.refused');
    expect(sortFindings(diagnosis.findings).filter((f) => f.severity === 'warning')[0]!.id).toBe(
      'epsv.refused',
    );
    const quiet = renderQuiet({ probe, diagnosis }, plainStyle);
    expect(quiet).toContain('The server refused EPSV');
  });

  it('orders the groups: data path, then TLS clients cannot use, then quirks, then exposure', () => {
    const order = ['pasv.address-private', 'tls.protection-refused', 'banner.delayed', 'tls.not-offered'];
    expect(order.map(warningImpact)).toEqual([0, 1, 2, 3]);
    const shuffled = [...order].reverse().map(warning);
    expect(leadingWarning(shuffled)?.id).toBe('pasv.address-private');
    expect(verdictFor(shuffled).headline).toMatch(/^WORKS WITH WARNINGS: pasv\.address-private/);
    // Equals keep the order the rules wrote.
    expect(leadingWarning([warning('epsv.refused'), warning('pasv.address-private')])?.id).toBe(
      'epsv.refused',
    );
  });
});
