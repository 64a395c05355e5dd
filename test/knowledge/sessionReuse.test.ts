import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/knowledge/diagnosis/diagnose.js';
import { healthyVsftpd } from '../report/fixtures.js';

describe('a server that requires the TLS data connection to resume the session', () => {
  const diagnosis = diagnose(healthyVsftpd.probe, { insecure: false, now: new Date('2025-02-08T00:00:00Z') });
  const reuse = diagnosis.findings.find((f) => f.id === 'transfer.tls-session-reuse');

  it('is information under a healthy verdict', () => {
    expect(diagnosis.verdict.status).toBe('healthy');
    expect(reuse?.severity).toBe('info');
  });

  it('offers no server change that weakens the check, only a note on clients that resume', () => {
    const fixes = reuse!.fixes;
    expect(fixes.map((fix) => fix.audience)).toEqual(['client']);
    const text = fixes.map((fix) => fix.text).join('\n');
    expect(text).not.toMatch(/require_ssl_reuse=NO|NoSessionReuseRequired|brokenclientscompatibility/i);
    expect(text).toContain('curl');
    expect(text).toContain('FileZilla');
  });
});
