import { describe, expect, it } from 'vitest';
import type { TargetReport } from '../../src/knowledge/types.js';
import { findingIds, probeFake } from '../support/probeHelpers.js';

// A known message explains the words of the server that says them. vsftpd's
// "550 Permission denied." means a switched-off command; the same words from another server
// must not be explained with vsftpd's settings.

function detail(report: TargetReport, id: string): string {
  const found = report.diagnosis.findings.find((f) => f.id === id);
  if (!found) throw new Error(`no ${id} among ${findingIds(report).join(', ')}`);
  return found.detail;
}

const DENIED = { EPSV: '550 Permission denied.', PASV: '550 Permission denied.' };

describe('known messages follow the detected software', () => {
  it('vsftpd (from its banner): "550 Permission denied." to EPSV and PASV is pasv_enable=NO', async () => {
    const report = await probeFake({ greeting: '220 (vsFTPd 3.0.3)', replies: DENIED });
    expect(report.diagnosis.server.software).toBe('vsftpd');
    expect(detail(report, 'passive.none')).toMatch(/pasv_enable=NO/);
  });

  it('ProFTPD saying the same words: no vsftpd setting is blamed', async () => {
    const report = await probeFake({ greeting: '220 ProFTPD Server (Debian) [127.0.0.1]', replies: DENIED });
    expect(report.diagnosis.server.software).toBe('proftpd');
    const text = detail(report, 'passive.none');
    expect(text).not.toMatch(/vsftpd|pasv_enable/);
    expect(text).toMatch(/Passive mode is disabled or broken in the server/);
  });

  it('vsftpd refusing EPRT/PORT with "550 Permission denied." (--active): port_enable=NO', async () => {
    const report = await probeFake(
      {
        greeting: '220 (vsFTPd 3.0.3)',
        replies: { EPRT: '550 Permission denied.', PORT: '550 Permission denied.' },
      },
      { active: true },
    );
    expect(detail(report, 'active.refused')).toMatch(/PORT with port_enable=NO/);
  });
});
