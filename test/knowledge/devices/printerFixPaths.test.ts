import { describe, expect, it } from 'vitest';
import { serverFixes } from '../../../src/knowledge/diagnosis/fixes/server.js';
import type { ServerFixTopic } from '../../../src/knowledge/diagnosis/fixes/serverContext.js';
import type { DeviceEntry, DeviceFixPath } from '../../../src/knowledge/servers/devices/deviceFixPath.js';
import { PRINTER_FIX_PATHS } from '../../../src/knowledge/servers/devices/printerFixPaths.js';
import { GREETING_SIGNATURES } from '../../../src/knowledge/servers/greetingSignatures.js';
import { neutralServer } from '../../support/neutralReplies.js';
import { probeFake } from '../../support/probeHelpers.js';

const observed = { passiveRange: { low: 50010, high: 50020 }, publicAddress: '203.0.113.7' } as const;

/** The recorded greetings of each printer with a fix path, one case per greeting. */
const CASES = PRINTER_FIX_PATHS.flatMap((path) =>
  GREETING_SIGNATURES.filter(
    (row) => row.on === 'greeting' && row.weight === 'names' && path.software.includes(row.software),
  ).map((row) => ({ product: path.product, greeting: row.example, software: row.software, path })),
);

/** What a fix for `entry` must say: the setting's place in its title, or the documented absence. */
function expectFixFor(
  path: DeviceFixPath,
  entry: DeviceEntry,
  what: string,
  fix: { title: string; text: string },
) {
  expect(fix.title.startsWith(`${path.product}: `), fix.title).toBe(true);
  if (entry === null) return;
  if ('cannot' in entry) {
    expect(fix.title).toBe(`${path.product}: no setting for ${what}`);
    expect(fix.text).toContain(entry.cannot);
  } else {
    expect(fix.title).toBe(`${path.product}: ${entry.where}`);
  }
}

describe('printer fix paths', () => {
  it('every printer row has a recorded greeting to be recognised by', () => {
    for (const path of PRINTER_FIX_PATHS) {
      expect(
        CASES.some((entry) => entry.path === path),
        path.product,
      ).toBe(true);
    }
  });

  it.each(CASES)(
    '$product: the greeting "$greeting" with a closed passive port gives the printer\'s own fix',
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
      expect(range!.sources.map((source) => source.document)).toEqual(
        path.sources.map((source) => source.document),
      );
    },
  );

  const TOPICS: readonly [
    keyof Pick<DeviceFixPath, 'passiveRange' | 'externalAddress' | 'tls' | 'connectionLimit'>,
    ServerFixTopic,
    string,
  ][] = [
    ['passiveRange', 'passive-range', 'the passive port range'],
    ['externalAddress', 'passive-address', 'the address in PASV replies'],
    ['tls', 'tls-enable', 'FTPS'],
    ['connectionLimit', 'connection-limits', 'the connection limit'],
  ];

  it.each(
    PRINTER_FIX_PATHS.flatMap((path) =>
      TOPICS.map(([key, topic, what]) => ({ product: path.product, path, key, topic, what })),
    ),
  )(
    '$product, $topic: the fix names the product and says what its documentation says',
    ({ path, key, topic, what }) => {
      for (const software of path.software) {
        const [fix] = serverFixes(topic, { software, ...observed });
        expect(fix).toBeDefined();
        if (path[key] === null) {
          expect(fix!.title.startsWith(`${path.product}: `)).toBe(false);
        } else {
          expectFixFor(path, path[key], what, fix!);
        }
      }
    },
  );
});
