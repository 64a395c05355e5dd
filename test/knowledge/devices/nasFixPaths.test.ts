import { describe, expect, it } from 'vitest';
import { SUGGESTED_PASSIVE_RANGE } from '../../../src/knowledge/diagnosis/fixes/fixValues.js';
import { GENERIC_FIX_SOURCES } from '../../../src/knowledge/diagnosis/fixes/server/serverFixSources.js';
import { NAS_FIX_PATHS } from '../../../src/knowledge/servers/devices/nasFixPaths.js';
import { SIGNAL_ROWS } from '../../../src/knowledge/servers/fingerprint.js';
import { SOFTWARE, type SoftwareId, type SoftwareInfo } from '../../../src/knowledge/servers/softwareIds.js';
import { documentOf } from '../../../src/knowledge/sources.js';
import { neutralServer } from '../../support/neutralReplies.js';
import { probeFake } from '../../support/probeHelpers.js';
import { DEVICE_FAULTS, serverFixOf } from './deviceFixCases.js';

// Every NAS is recognised from a greeting it really sends (the examples of the signature table).
// A fault the fake server plays after that greeting must be answered with the NAS's own setting
// when its vendor documents one, and with the generic advice when nobody found the vendor's page:
// never with a daemon's configuration file the appliance does not let its owner edit.

const NAS_IDS = (Object.keys(SOFTWARE) as SoftwareId[]).filter((id) => SOFTWARE[id].kind === 'nas');

/** One case per recorded greeting of each NAS, with its fix path when one exists. */
const CASES = NAS_IDS.flatMap((software) =>
  SIGNAL_ROWS.filter(
    (row) => row.software === software && row.on === 'greeting' && row.weight === 'names',
  ).map((row) => ({
    software,
    name: SOFTWARE[software].displayName,
    greeting: row.example,
    path: NAS_FIX_PATHS.find((path) => path.software.includes(software)) ?? null,
  })),
);

describe('NAS fix paths', () => {
  it('every row is a NAS with a recorded greeting to test with', () => {
    for (const path of NAS_FIX_PATHS) {
      for (const software of path.software) {
        expect(SOFTWARE[software].kind, software).toBe('nas');
        expect(
          CASES.some((c) => c.software === software),
          software,
        ).toBe(true);
      }
    }
  });

  it('cites only vendor documentation over HTTPS, and each row at least one page', () => {
    for (const path of NAS_FIX_PATHS) {
      expect(path.sources.length, path.product).toBeGreaterThan(0);
      for (const source of path.sources) {
        const document = documentOf(source);
        expect(document.kind, source.citation).toBe('documentation');
        expect(document.url, source.citation).toMatch(/^https:\/\//);
      }
    }
  });

  describe.each(CASES)('$name, greeting "$greeting"', ({ software, greeting, path }) => {
    it.each(DEVICE_FAULTS)('$name', async ({ script, finding, entry, topic }) => {
      const report = await probeFake({ ...neutralServer(greeting.split('\n')), ...script }, { tls: 'auto' });
      expect(report.diagnosis.server.software).toBe(software);
      const fix = serverFixOf(report, finding);
      const setting = path === null ? null : entry(path);
      if (setting === null) {
        // No vendor page we could check says where: the generic advice, not a guessed menu path,
        // and not the configuration file of the daemon inside the box.
        // The daemon inside (`basedOn`) is configured by the appliance: its own advice must not leak.
        const info: SoftwareInfo = SOFTWARE[software];
        expect(fix.dialect).not.toBe(info.basedOn ?? 'none');
        if (path !== null) expect(fix.title.startsWith(`${path.product}: `)).toBe(false);
        expect(fix.sources).toEqual(GENERIC_FIX_SOURCES[topic]);
      } else if ('cannot' in setting) {
        expect(fix.title.startsWith(`${path!.product}: no setting for `)).toBe(true);
        expect(fix.text).toContain(setting.cannot);
        expect(fix.sources).toEqual(path!.sources);
      } else {
        expect(fix.dialect).toBe(software);
        expect(fix.title).toBe(`${path!.product}: ${setting.where}`);
        // The setting's own names, as the vendor writes them, reach the user.
        for (const name of setting.how.match(/"[^"]+"/g) ?? []) expect(fix.text).toContain(name);
        expect(fix.text).not.toMatch(/\{(?:low|high|range|address)\}/);
        expect(fix.sources).toEqual(path!.sources);
      }
    });
  });
});

describe('NAS fix texts', () => {
  it('TrueNAS, closed passive ports: the two port fields get the range ftp-doctor suggests', async () => {
    const report = await probeFake(
      {
        ...neutralServer(['220 ProFTPD Server (truenas FTP Server) [::ffff:192.0.2.10]']),
        dataPort: 'closed',
      },
      { tls: 'off' },
    );
    const fix = serverFixOf(report, 'data.port-closed');
    expect(fix.title).toBe('TrueNAS: Services > FTP > Advanced Options > Other Options');
    const { low, high } = SUGGESTED_PASSIVE_RANGE;
    expect(fix.text).toContain(`Set "Minimum Passive Port" to ${low} and "Maximum Passive Port" to ${high}`);
  });

  it("QNAP QTS, closed passive ports: the generic advice, never ProFTPD's PassivePorts directive", async () => {
    const report = await probeFake(
      {
        ...neutralServer(['220 NASFTPD Turbo station 1.3.5a Server (ProFTPD) [192.168.1.100]']),
        dataPort: 'closed',
      },
      { tls: 'off' },
    );
    const fix = serverFixOf(report, 'data.port-closed');
    expect(fix.dialect).toBe('generic');
    // The box runs ProFTPD, but its owner sets FTP in the web interface, not in proftpd.conf.
    expect(fix.text).not.toContain('PassivePorts');
    expect(fix.text).not.toContain('proftpd.conf');
  });
});
