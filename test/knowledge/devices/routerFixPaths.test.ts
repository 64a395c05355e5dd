import { describe, expect, it } from 'vitest';
import { serverFixes } from '../../../src/knowledge/diagnosis/fixes/server.js';
import type { DeviceFixPath } from '../../../src/knowledge/servers/devices/deviceFixPath.js';
import { NETWORK_DEVICE_FIX_PATHS } from '../../../src/knowledge/servers/devices/networkDeviceFixPaths.js';
import { neutralServer } from '../../support/neutralReplies.js';
import { probeFake } from '../../support/probeHelpers.js';
import { DEVICE_TOPICS, expectFixFor, greetingCases, OBSERVED } from './deviceFixCases.js';

/** BusyBox ftpd never names itself; its fixed greeting wording is what recognises it. */
const CASES = greetingCases(NETWORK_DEVICE_FIX_PATHS, ['names', 'distinctive']);

function rowFor(software: string): DeviceFixPath {
  const row = NETWORK_DEVICE_FIX_PATHS.find((path) => path.software.some((id) => id === software));
  if (row === undefined) throw new Error(`no fix path for ${software}`);
  return row;
}

describe('router and embedded-device fix paths', () => {
  it('every row has a recorded greeting to be recognised by', () => {
    for (const path of NETWORK_DEVICE_FIX_PATHS) {
      expect(
        CASES.some((entry) => entry.path === path),
        path.product,
      ).toBe(true);
    }
  });

  it.each(CASES)(
    '$product: the greeting "$greeting" with a closed passive port gives the device\'s own fix',
    async ({ path, greeting, software }) => {
      const report = await probeFake(
        { ...neutralServer(greeting.split('\n')), dataPort: 'closed' },
        { tls: 'off' },
      );
      expect(report.diagnosis.server.software).toBe(software);
      const fixes = report.diagnosis.findings
        .flatMap((finding) => finding.fixes)
        .filter((fix) => fix.audience === 'server');
      const range = fixes.find(
        (fix) => fix.title.includes('passive port range') || fix.title.includes(path.product),
      );
      expect(range, fixes.map((fix) => fix.title).join('\n')).toBeDefined();
      expectFixFor(path, path.passiveRange, 'the passive port range', range!);
      if (path.passiveRange !== null) {
        expect(range!.sources.map((source) => source.document)).toEqual(
          path.sources.map((source) => source.document),
        );
      }
    },
  );

  it.each(
    NETWORK_DEVICE_FIX_PATHS.flatMap((path) =>
      DEVICE_TOPICS.map(([key, topic, what]) => ({ product: path.product, path, key, topic, what })),
    ),
  )(
    '$product, $topic: the fix names the product and says what its documentation says',
    ({ path, key, topic, what }) => {
      for (const software of path.software) {
        const [fix] = serverFixes(topic, { software, ...OBSERVED });
        expect(fix).toBeDefined();
        expectFixFor(path, path[key], what, fix!);
      }
    },
  );
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
