import { describe, expect, it } from 'vitest';
import { GENERIC_FIX_SOURCES } from '../../../src/knowledge/diagnosis/fixes/server/serverFixSources.js';
import type { DeviceFixPath, DeviceSetting } from '../../../src/knowledge/servers/devices/deviceFixPath.js';
import { WINDOWS_SERVER_FIX_PATHS } from '../../../src/knowledge/servers/devices/windowsServerFixPaths.js';
import { GREETING_SIGNATURES } from '../../../src/knowledge/servers/greetingSignatures.js';
import type { SoftwareId } from '../../../src/knowledge/servers/softwareIds.js';
import { documentOf } from '../../../src/knowledge/sources.js';
import { renderHuman } from '../../../src/report/formats/human.js';
import { plainStyle } from '../../../src/report/text/style.js';
import { neutralServer } from '../../support/neutralReplies.js';
import { probeFake } from '../../support/probeHelpers.js';
import { serverFixOf } from './deviceFixCases.js';

// Serv-U and Ability Server document where their connection limits (and, for Ability Server, TLS)
// are set, but not a passive port range or the address in PASV replies. Their recorded greetings,
// replayed with a closed passive port and a private PASV address, must therefore get the generic
// passive advice, and a full server or a missing AUTH TLS must get the product's own setting.

function pathOf(software: SoftwareId): DeviceFixPath {
  const path = WINDOWS_SERVER_FIX_PATHS.find((candidate) => candidate.software.includes(software));
  if (!path) throw new Error(`no fix path for ${software}`);
  return path;
}

function setting(entry: DeviceFixPath[keyof DeviceFixPath]): DeviceSetting {
  if (entry === null || typeof entry !== 'object' || !('where' in entry)) throw new Error('not a setting');
  return entry;
}

/** The recorded greetings of each product, one case per greeting. */
const CASES = (['serv-u', 'ability-ftp'] as const).flatMap((software) =>
  GREETING_SIGNATURES.filter(
    (row) => row.on === 'greeting' && row.weight === 'names' && row.software === software,
  ).map((row) => ({ software, greeting: row.example, path: pathOf(software) })),
);

describe('Serv-U and Ability Server fix paths', () => {
  it('each product has recorded greetings and cites only its vendor documentation', () => {
    expect(CASES.filter((c) => c.software === 'serv-u').length).toBeGreaterThanOrEqual(2);
    expect(CASES.filter((c) => c.software === 'ability-ftp').length).toBeGreaterThanOrEqual(1);
    for (const { path } of CASES) {
      for (const source of path.sources) {
        expect(documentOf(source).kind, source.citation).toBe('documentation');
        expect(documentOf(source).url, source.citation).toMatch(
          /^https:\/\/(documentation|support)\.solarwinds\.com\/|^https:\/\/www\.codecrafters\.com\/|^http:\/\/www\.code-crafters\.com\//,
        );
      }
    }
  });

  describe.each(CASES)('$software, greeting "$greeting"', ({ software, greeting, path }) => {
    it('a closed passive port and a private PASV address get the generic advice, never a made-up menu', async () => {
      const report = await probeFake(
        { ...neutralServer(greeting.split('\n')), dataPort: 'closed', pasvAdvertise: '10.0.0.5' },
        { tls: 'off' },
      );
      expect(report.diagnosis.server.software).toBe(software);
      const range = serverFixOf(report, 'data.port-closed');
      const address = serverFixOf(report, 'pasv.address-private');
      for (const [fix, topic] of [
        [range, 'passive-range'],
        [address, 'passive-address'],
      ] as const) {
        expect(fix.dialect).toBe(software);
        expect(fix.title).not.toContain(path.product);
        expect(fix.sources).toEqual(GENERIC_FIX_SOURCES[topic]);
      }
    });

    it("a login refused at the connection limit names the product's own limit", async () => {
      const report = await probeFake(
        {
          ...neutralServer(greeting.split('\n')),
          replies: { PASS: '421 Too many users are connected, try again later.' },
        },
        { tls: 'off' },
      );
      const fix = serverFixOf(report, 'login.too-many-connections');
      const limit = setting(path.connectionLimit);
      expect(fix.title).toBe(`${path.product}: ${limit.where}`);
      expect(fix.sources).toEqual(path.sources);
      const text = renderHuman(report, { style: plainStyle, verbosity: 0, width: 400, fixDialects: null });
      expect(text).toContain(`${path.product}: ${limit.where}`);
    });
  });

  it('Serv-U: the limit is a "Connection" limit on the domain, and the Global level is named too', async () => {
    const report = await probeFake(
      {
        ...neutralServer(['220 Serv-U FTP Server v15.1.3.25 ready...']),
        replies: { PASS: '421 Too many users are connected, try again later.' },
      },
      { tls: 'off' },
    );
    const fix = serverFixOf(report, 'login.too-many-connections');
    expect(fix.title).toBe('Serv-U: Domain > Limits and Settings, Limits tab');
    expect(fix.text).toContain('Limit Type "Connection"');
    expect(fix.text).toContain('Global > Limits and Settings');
    expect(report.diagnosis.server.version).toBe('15.1.3.25');
  });

  it('Ability Server: no AUTH TLS names "Enable Explicit SSL"; a full server names both connection limits', async () => {
    const greeting = ['220 Welcome to Code-Crafters - Ability Server 2.34.'];
    const plain = await probeFake(neutralServer(greeting), { tls: 'auto' });
    const tls = serverFixOf(plain, 'tls.not-offered');
    expect(tls.title).toBe('Code-Crafters Ability Server: the "FTP" settings page');
    expect(tls.text).toContain('"Enable SSL" and "Enable Explicit SSL"');

    const full = await probeFake(
      { ...neutralServer(greeting), replies: { PASS: '421 Too many users are connected, try again later.' } },
      { tls: 'off' },
    );
    const limit = serverFixOf(full, 'login.too-many-connections');
    expect(limit.text).toContain('"Max Connections"');
    expect(limit.text).toContain('"Max Connections Per IP"');
  });
});
