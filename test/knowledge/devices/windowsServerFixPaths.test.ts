import { describe, expect, it } from 'vitest';
import type { FakeServerScript } from '../../../src/fakeServer/fakeServerScript.js';
import { GENERIC_FIX_SOURCES } from '../../../src/knowledge/diagnosis/fixes/server/serverFixSources.js';
import type { ServerFixTopic } from '../../../src/knowledge/diagnosis/fixes/serverContext.js';
import type { DeviceEntry, DeviceFixPath } from '../../../src/knowledge/servers/devices/deviceFixPath.js';
import { WINDOWS_SERVER_FIX_PATHS } from '../../../src/knowledge/servers/devices/windowsServerFixPaths.js';
import { SIGNAL_ROWS } from '../../../src/knowledge/servers/fingerprint.js';
import { SOFTWARE } from '../../../src/knowledge/servers/softwareIds.js';
import { documentOf } from '../../../src/knowledge/sources.js';
import type { Fix, TargetReport } from '../../../src/knowledge/types.js';
import { findingIds, probeFake } from '../../support/probeHelpers.js';

// Each Windows server is recognised from a greeting it really sends (the examples of the
// signature table), and a fault the fake server plays after that greeting must be answered with
// that product's own setting: the menu path in the title, the vendor's names in the text.

/** FAULTS: a failure the fake server plays, the finding it causes, and the fix topic it asks for. */
const FAULTS: readonly {
  readonly name: string;
  readonly script: FakeServerScript;
  readonly finding: string;
  readonly entry: (path: DeviceFixPath) => DeviceEntry;
  readonly topic: ServerFixTopic;
}[] = [
  {
    name: 'passive data ports closed',
    script: { dataPort: 'closed' },
    finding: 'data.port-closed',
    entry: (path) => path.passiveRange,
    topic: 'passive-range',
  },
  {
    name: 'PASV announces a private address',
    script: { pasvAdvertise: '10.0.0.5' },
    finding: 'pasv.address-private',
    entry: (path) => path.externalAddress,
    topic: 'passive-address',
  },
  {
    name: 'login refused at the connection limit',
    script: { replies: { PASS: '421 Too many users are connected, try again later.' } },
    finding: 'login.too-many-connections',
    entry: (path) => path.connectionLimit,
    topic: 'connection-limits',
  },
  {
    name: 'no AUTH TLS offered',
    script: {},
    finding: 'tls.not-offered',
    entry: (path) => path.tls,
    topic: 'tls-enable',
  },
];

const CASES = WINDOWS_SERVER_FIX_PATHS.flatMap((path) =>
  path.software.flatMap((software) =>
    SIGNAL_ROWS.filter((row) => row.software === software && row.on === 'greeting').map((row) => ({
      product: path.product,
      software,
      greeting: row.example,
      path,
    })),
  ),
);

function serverFix(report: TargetReport, findingId: string, software: string): Fix {
  const finding = report.diagnosis.findings.find((f) => f.id === findingId);
  if (!finding) throw new Error(`no ${findingId} among ${findingIds(report).join(', ')}`);
  const fix = finding.fixes.find((f) => f.audience === 'server');
  if (!fix) throw new Error(`${findingId} has no server fix`);
  expect(fix.dialect).toBe(software);
  return fix;
}

describe('Windows server fix paths', () => {
  it('every row is a Windows server, and every product has a recorded greeting to test with', () => {
    for (const path of WINDOWS_SERVER_FIX_PATHS) {
      for (const software of path.software) {
        expect(SOFTWARE[software].kind, software).toBe('windows-server');
        expect(
          CASES.some((c) => c.software === software),
          software,
        ).toBe(true);
      }
    }
  });

  it('cites only vendor documentation, and each row at least one page', () => {
    for (const path of WINDOWS_SERVER_FIX_PATHS) {
      expect(path.sources.length, path.product).toBeGreaterThan(0);
      for (const source of path.sources) {
        const document = documentOf(source);
        expect(document.kind, source.citation).toBe('documentation');
        // The older Ability Server help survives only on the vendor's former, plain-HTTP site.
        expect(document.url, source.citation).toMatch(/^https:\/\/|^http:\/\/www\.code-crafters\.com\//);
      }
    }
  });

  describe.each(CASES)('$product, greeting "$greeting"', ({ product, software, greeting, path }) => {
    it.each(FAULTS)('$name', async ({ script, finding, entry, topic }) => {
      const report = await probeFake({ greeting: greeting.split('\n'), ...script }, { tls: 'auto' });
      expect(report.diagnosis.server.software).toBe(software);
      const fix = serverFix(report, finding, software);
      const setting = entry(path);
      if (setting === null) {
        // The vendor's pages we found do not say: the generic advice, not a guessed menu path.
        expect(fix.title).not.toContain(product);
        expect(fix.sources).toEqual(GENERIC_FIX_SOURCES[topic]);
      } else if ('cannot' in setting) {
        expect(fix.title).toMatch(new RegExp(`^${product}: no setting for `));
        expect(fix.text).toContain(setting.cannot);
        expect(fix.sources).toEqual(path.sources);
      } else {
        expect(fix.title).toBe(`${product}: ${setting.where}`);
        // The setting's own names, as the vendor writes them, reach the user.
        for (const name of setting.how.match(/"[^"]+"/g) ?? []) expect(fix.text).toContain(name);
        expect(fix.text).not.toMatch(/\{(?:low|high|range|address)\}/);
        expect(fix.sources).toEqual(path.sources);
      }
    });
  });

  it('Globalscape EFT: a closed passive port names the FTP Settings dialog and the observed range', async () => {
    const report = await probeFake({
      greeting: '220 GlobalSCAPE Secure FTP Server (v. 3.0)',
      dataPort: 'closed',
    });
    const fix = serverFix(report, 'data.port-closed', 'globalscape-eft');
    expect(fix.title).toBe("Globalscape EFT (formerly Secure FTP Server): the Site's PASV settings");
    expect(fix.text).toMatch(/FTP Settings dialog box; enter \d+ and \d+ in the "Port Range" boxes/);
    // The greeting names Secure FTP Server 3.0, whose setting is elsewhere: both places are named.
    expect(fix.text).toContain(
      'Secure FTP Server 3.x set the PASV port range on the Site\'s "Site Options" tab',
    );
    expect(fix.text).toContain(
      "Open the same range in every firewall on the way: the server's own, if one is on, and the router or firewall in front of it",
    );
  });

  it('Globalscape EFT: a private PASV address names "Assign PASV mode IP address"', async () => {
    const report = await probeFake({
      greeting: '220 GlobalSCAPE Secure FTP Server (v. 3.0)',
      pasvAdvertise: '10.0.0.5',
    });
    const fix = serverFix(report, 'pasv.address-private', 'globalscape-eft');
    expect(fix.title).toBe("Globalscape EFT (formerly Secure FTP Server): the Site's PASV settings");
    expect(fix.text).toContain('select the "Assign PASV mode IP address" check box');
    // The address clients reached the server on, not the private one it announced.
    expect(fix.text).not.toContain('10.0.0.5');
  });

  it('Cerberus: a closed passive port names the Protocols page and the observed range as Start and End', async () => {
    const report = await probeFake({
      greeting: ['220-Welcome to Cerberus FTP Server', '220 Created by Cerberus, LLC'],
      dataPort: 'closed',
    });
    const fix = serverFix(report, 'data.port-closed', 'cerberus');
    expect(fix.title).toBe('Cerberus FTP Server: Server Manager > Protocols page, FTP/S Settings');
    const range = fix.text.match(/set "Start" to (\d+) and "End" to (\d+)/);
    if (!range) throw new Error(`no Start/End in: ${fix.text}`);
    expect(Number(range[1])).toBeLessThanOrEqual(Number(range[2]));
    expect(fix.text).toContain('Under "Passive Port Range"');
    expect(fix.sources.map((source) => source.document)).toContain('cerberus-protocol-settings');
  });

  it('Cerberus: a private PASV address still gets the generic advice (no documented setting found)', async () => {
    const report = await probeFake({
      greeting: ['220-Welcome to Cerberus FTP Server', '220 Created by Cerberus, LLC'],
      pasvAdvertise: '10.0.0.5',
    });
    const fix = serverFix(report, 'pasv.address-private', 'cerberus');
    expect(fix.title).not.toContain('Cerberus');
    expect(fix.sources).toEqual(GENERIC_FIX_SOURCES['passive-address']);
  });

  it('Globalscape EFT: a login refused at the limit names the Connection Limits dialog box and its version', async () => {
    const report = await probeFake({
      greeting: '220 GlobalSCAPE Secure FTP Server (v. 3.0)',
      replies: { PASS: '421 Too many users are connected, try again later.' },
    });
    const fix = serverFix(report, 'login.too-many-connections', 'globalscape-eft');
    expect(fix.title).toBe(
      'Globalscape EFT (formerly Secure FTP Server): Server tab > the Site > Connections tab > Connection limits (EFT 6 and later)',
    );
    expect(fix.text).toContain('to open the Connection Limits dialog box, raise "Max connections per user"');
    expect(fix.text).toContain('"Max connections from same IP" (sessions from one address)');
    expect(fix.text).toContain("the Site's values cap theirs");
    // The greeting names Secure FTP Server 3.0, which the cited pages do not cover: say so.
    expect(fix.text).toContain(
      'EFT 5 sets "Max connections from same IP" for a user or User Setting Level on its Quota tab',
    );
    expect(fix.text).toContain('do not cover Secure FTP Server 3.x');
    expect(fix.sources.map((source) => source.document)).toEqual(
      expect.arrayContaining([
        'globalscape-eft-connection-limits',
        'globalscape-eft6-connections-per-user',
        'globalscape-eft5-connections-per-ip',
      ]),
    );
  });
  it('CrushFTP: a login refused at the limit names both account limits, the inherited "default" user and the server-wide bypass', async () => {
    const report = await probeFake({
      greeting: ['220-Welcome to CrushFTP7!', '220 CrushFTP Server Ready.'],
      replies: { PASS: '421 Too many users are connected, try again later.' },
    });
    const fix = serverFix(report, 'login.too-many-connections', 'crushftp');
    expect(fix.title).toBe("CrushFTP: User Manager, the account's restrictions");
    expect(fix.text).toContain('Raise "Max simultaneous logins" (sessions one username may hold at once)');
    expect(fix.text).toContain('"Max logins per unique IP" (sessions under that username from one address)');
    expect(fix.text).toContain('the permanent "default" user first');
    expect(fix.text).toContain('"Ignore server\'s max connections"');
    expect(fix.sources.map((source) => source.document)).toEqual([
      'crushftp-user-restrictions',
      'crushftp-inheritance',
    ]);
  });

  it('CrushFTP: closed passive ports and a private PASV address get the generic advice (no vendor page for them found)', async () => {
    const report = await probeFake({
      greeting: '220 CrushFTP Server Ready!',
      dataPort: 'closed',
      pasvAdvertise: '10.0.0.5',
    });
    for (const [finding, topic] of [
      ['data.port-closed', 'passive-range'],
      ['pasv.address-private', 'passive-address'],
    ] as const) {
      const fix = serverFix(report, finding, 'crushftp');
      expect(fix.title).not.toContain('CrushFTP');
      expect(fix.sources).toEqual(GENERIC_FIX_SOURCES[topic]);
    }
  });
});
