import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/knowledge/diagnosis/diagnose.js';
import { serverFixes } from '../../src/knowledge/diagnosis/fixes/server.js';
import type { Finding } from '../../src/knowledge/types.js';
import type { ProbeResult } from '../../src/probe/types.js';
import { healthyVsftpd, reply, withEpsvRefused } from '../report/fixtures.js';

/** vsftpdWithEpsvDenied: the healthy vsftpd probe, EPSV answered as `cmds_denied=EPSV` answers it. */
function vsftpdWithEpsvDenied(): ProbeResult {
  return withEpsvRefused(healthyVsftpd.probe, reply('550 Permission denied.'));
}

function epsvRefused(): Finding {
  const diagnosis = diagnose(vsftpdWithEpsvDenied(), {
    insecure: false,
    now: new Date('2025-02-08T00:00:00Z'),
  });
  const found = diagnosis.findings.find((f) => f.id === 'epsv.refused');
  if (!found) throw new Error(`no epsv.refused in ${diagnosis.findings.map((f) => f.id)}`);
  return found;
}

describe('EPSV refused while PASV works', () => {
  it('vsftpd: the fix is cmds_denied/cmds_allowed, not pasv_enable, which PASV shows is on', () => {
    const finding = epsvRefused();
    const vsftpd = finding.fixes.find((fix) => fix.dialect === 'vsftpd')!;
    expect(vsftpd.title).toBe('vsftpd: remove EPSV from cmds_denied (or add it to cmds_allowed)');
    expect(vsftpd.text).not.toContain('pasv_enable=YES');
    expect(vsftpd.text).toContain('cmds_denied');
    expect(vsftpd.text).toContain('cmds_allowed');
  });

  it('the detail names the EPSV cause, not the unrelated write switches of the same message', () => {
    const { detail } = epsvRefused();
    expect(detail).toContain('cmds_denied');
    expect(detail).not.toMatch(/write_enable|anon_upload_enable|pasv_enable=NO/);
  });

  it('other servers do not name a cause PASV working rules out', () => {
    const context = { software: 'unknown' as const, passiveRange: null, publicAddress: null };
    const all = serverFixes('enable-epsv', context);
    const pure = all.find((fix) => fix.dialect === 'pure-ftpd')!;
    expect(pure.text).not.toContain('NATmode');
    for (const fix of all) expect(fix.text).not.toMatch(/^pasv_enable=YES$/m);
  });
});
