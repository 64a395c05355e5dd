import { describe, expect, it } from 'vitest';
import { GENERIC_FIX_SOURCES } from '../../../src/knowledge/diagnosis/fixes/server/serverFixSources.js';
import { serverFixes } from '../../../src/knowledge/diagnosis/fixes/server.js';
import { PRINTER_FIX_PATHS } from '../../../src/knowledge/servers/devices/printerFixPaths.js';
import { neutralServer } from '../../support/neutralReplies.js';
import { findingIds, probeFake } from '../../support/probeHelpers.js';
import { fixPathTableTests, greetingCases, OBSERVED, serverFixOf } from './deviceFixCases.js';

const CASES = greetingCases(PRINTER_FIX_PATHS);

describe('printer fix paths', () => {
  fixPathTableTests(PRINTER_FIX_PATHS, CASES);

  it('Xerox: a closed passive port says what the FTP server is for and which settings Xerox documents', async () => {
    const report = await probeFake({ ...neutralServer(['220 Xerox WorkCentre 6605DN']), dataPort: 'closed' });
    const fix = serverFixOf(report, 'data.port-closed', 'xerox-printer');
    expect(fix.title).toBe('Xerox printer: no setting for the passive port range');
    expect(fix.text).toContain('takes print-ready files');
    expect(fix.text).toContain(
      'The Xerox guides checked (ColorQube 8570/8870, DocuPrint M455, ColorQube 9301/9302/9303; not every model',
    );
    expect(fix.text).toContain(
      'an On/Off switch and a login password, or a connection time-out and a password',
    );
    // The Passive/Active mode Xerox admins find in CentreWare IS is the printer's client side.
    expect(fix.text).toContain('it only sets how the printer connects out when it files scans');
    expect(fix.text).toContain("a port forward of a fixed range cannot match the printer's random ports");
    expect(fix.sources.map((source) => source.document)).toEqual([
      'xerox-colorqube-8570-ftp',
      'xerox-colorqube-8570-ftp-settings',
      'fujixerox-docuprint-m455-ftp',
      'xerox-colorqube-9301-ftp-mode',
    ]);
  });

  it('Xerox: a private PASV address gets the documented absence of an address setting', async () => {
    const report = await probeFake({
      ...neutralServer(['220 Xerox WorkCentre 6605DN']),
      pasvAdvertise: '10.0.0.5',
    });
    const fix = serverFixOf(report, 'pasv.address-private', 'xerox-printer');
    expect(fix.title).toBe('Xerox printer: no setting for the address in PASV replies');
    expect(fix.text).toContain('from its own network or over a VPN into it');
  });

  it('Xerox: FTPS says the login and print files travel in clear text and how to switch FTP off', () => {
    const [fix] = serverFixes('tls-enable', { software: 'xerox-printer', ...OBSERVED });
    expect(fix!.title).toBe('Xerox printer: no setting for FTPS');
    expect(fix!.text).toContain('have no FTPS (TLS) option');
    expect(fix!.text).toContain('set FTP to Off in CentreWare IS (ColorQube 8570/8870)');
  });

  it('Xerox: the connection limit is left to the generic advice (no Xerox page documents one)', async () => {
    const report = await probeFake({
      ...neutralServer(['220 Xerox WorkCentre 6605DN']),
      replies: { PASS: '421 Too many users are connected, try again later.' },
    });
    const finding = report.diagnosis.findings.find((f) => f.id === 'login.too-many-connections');
    if (!finding) throw new Error(`no login.too-many-connections among ${findingIds(report).join(', ')}`);
    const fix = finding.fixes.find((f) => f.audience === 'server');
    expect(fix?.title).not.toContain('Xerox');
    expect(fix?.sources).toEqual(GENERIC_FIX_SOURCES['connection-limits']);
  });
});
