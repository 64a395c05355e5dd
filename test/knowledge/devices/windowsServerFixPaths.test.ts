import { describe, expect, it } from 'vitest';
import { GENERIC_FIX_SOURCES } from '../../../src/knowledge/diagnosis/fixes/server/serverFixSources.js';
import { WINDOWS_SERVER_FIX_PATHS } from '../../../src/knowledge/servers/devices/windowsServerFixPaths.js';
import { SOFTWARE } from '../../../src/knowledge/servers/softwareIds.js';
import { documentOf } from '../../../src/knowledge/sources.js';
import { probeFake } from '../../support/probeHelpers.js';
import { DEVICE_FAULTS, greetingCases, serverFixOf } from './deviceFixCases.js';

// Each Windows server is recognised from a greeting it really sends (the examples of the
// signature table), and a fault the fake server plays after that greeting must be answered with
// that product's own setting: the menu path in the title, the vendor's names in the text.

const CASES = greetingCases(WINDOWS_SERVER_FIX_PATHS, ['names', 'distinctive', 'supporting']);

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
    it.each(DEVICE_FAULTS)('$name', async ({ script, finding, entry, topic }) => {
      const report = await probeFake({ greeting: greeting.split('\n'), ...script }, { tls: 'auto' });
      expect(report.diagnosis.server.software).toBe(software);
      const fix = serverFixOf(report, finding, software);
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
    const fix = serverFixOf(report, 'data.port-closed', 'globalscape-eft');
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
    const fix = serverFixOf(report, 'pasv.address-private', 'globalscape-eft');
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
    const fix = serverFixOf(report, 'data.port-closed', 'cerberus');
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
    const fix = serverFixOf(report, 'pasv.address-private', 'cerberus');
    expect(fix.title).not.toContain('Cerberus');
    expect(fix.sources).toEqual(GENERIC_FIX_SOURCES['passive-address']);
  });

  it('Globalscape EFT: a login refused at the limit names the Connection Limits dialog box and its version', async () => {
    const report = await probeFake({
      greeting: '220 GlobalSCAPE Secure FTP Server (v. 3.0)',
      replies: { PASS: '421 Too many users are connected, try again later.' },
    });
    const fix = serverFixOf(report, 'login.too-many-connections', 'globalscape-eft');
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
    const fix = serverFixOf(report, 'login.too-many-connections', 'crushftp');
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
      const fix = serverFixOf(report, finding, 'crushftp');
      expect(fix.title).not.toContain('CrushFTP');
      expect(fix.sources).toEqual(GENERIC_FIX_SOURCES[topic]);
    }
  });
});
