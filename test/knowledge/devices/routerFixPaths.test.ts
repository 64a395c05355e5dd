import { describe, expect, it } from 'vitest';
import { serverFixes } from '../../../src/knowledge/diagnosis/fixes/server.js';
import type { DeviceFixPath } from '../../../src/knowledge/servers/devices/deviceFixPath.js';
import { NETWORK_DEVICE_FIX_PATHS } from '../../../src/knowledge/servers/devices/networkDeviceFixPaths.js';
import { fixPathTableTests, greetingCases, OBSERVED } from './deviceFixCases.js';

/** BusyBox ftpd never names itself; its fixed greeting wording is what recognises it. */
const CASES = greetingCases(NETWORK_DEVICE_FIX_PATHS, ['names', 'distinctive']);

function rowFor(software: string): DeviceFixPath {
  const row = NETWORK_DEVICE_FIX_PATHS.find((path) => path.software.some((id) => id === software));
  if (row === undefined) throw new Error(`no fix path for ${software}`);
  return row;
}

describe('router and embedded-device fix paths', () => {
  fixPathTableTests(NETWORK_DEVICE_FIX_PATHS, CASES);
});

describe('DrayTek Vigor', () => {
  const vigor = rowFor('draytek');

  it('says the FTP service is an unencrypted management interface and points to HTTPS or SSH', () => {
    const [fix] = serverFixes('tls-enable', { software: 'draytek', ...OBSERVED });
    expect(fix!.title).toBe('DrayTek Vigor: no setting for FTPS');
    expect(fix!.text).toContain('[System Maintenance] > [Management]');
    expect(fix!.text).toContain(
      'FTP, with HTTP and Telnet, among the management interfaces that offer no encryption',
    );
    expect(fix!.text).toContain('over its HTTPS or SSH interface instead');
    expect(fix!.sources.map((source) => source.document)).toEqual([
      'draytek-management-options',
      'draytek-management-interfaces',
    ]);
  });

  it('keeps the generic advice for the passive range, the PASV address and the connection limit', () => {
    expect(vigor.passiveRange).toBeNull();
    expect(vigor.externalAddress).toBeNull();
    expect(vigor.connectionLimit).toBeNull();
    for (const topic of ['passive-range', 'passive-address', 'connection-limits'] as const) {
      for (const fix of serverFixes(topic, { software: 'draytek', ...OBSERVED })) {
        expect(fix.title, topic).not.toMatch(/DrayTek/);
      }
    }
  });
});

describe('ASUS router (ASUSWRT)', () => {
  const asus = rowFor('asus-router');

  it('raises the FTP Share page connection limit, with the firmware ranges and the Samba side effect', () => {
    const [fix] = serverFixes('connection-limits', { software: 'asus-router', ...OBSERVED });
    expect(fix!.title).toBe('ASUS router (ASUSWRT): USB Application > FTP Share');
    expect(fix!.text).toContain('Raise "Maximum number of concurrent connections"');
    expect(fix!.text).toContain('also limits Network Neighborhood (Samba)');
    expect(fix!.text).toContain('takes 1 to 10 and defaults to 5');
    expect(fix!.sources.map((source) => source.document)).toEqual([
      'asuswrt-ftp-share-page',
      'asuswrt-vsftpd-config',
      'asuswrt-ax57m-ftp-share-page',
    ]);
  });

  it('keeps the generic advice for the passive range, the PASV address and FTPS, which vary by firmware', () => {
    expect(asus.passiveRange).toBeNull();
    expect(asus.externalAddress).toBeNull();
    expect(asus.tls).toBeNull();
  });
});
