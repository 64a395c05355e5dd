import { expect, it } from 'vitest';
import type { FakeServerScript } from '../../../src/fakeServer/fakeServerScript.js';
import { serverFixes } from '../../../src/knowledge/diagnosis/fixes/server.js';
import type { ServerFixTopic } from '../../../src/knowledge/diagnosis/fixes/serverContext.js';
import type { DeviceEntry, DeviceFixPath } from '../../../src/knowledge/servers/devices/deviceFixPath.js';
import { GREETING_SIGNATURES } from '../../../src/knowledge/servers/greetingSignatures.js';
import type { SignalWeight } from '../../../src/knowledge/servers/serverFingerprint.js';
import type { SoftwareId } from '../../../src/knowledge/servers/softwareIds.js';
import type { Fix, TargetReport } from '../../../src/knowledge/types.js';
import { neutralServer } from '../../support/neutralReplies.js';
import { findingIds, probeFake } from '../../support/probeHelpers.js';

/*
 * What every device fix-path test shares: the faults the fake server plays after a recorded
 * greeting, the four topics of a fix path, and what a fix must say for an entry.
 */

/** OBSERVED: a passive range and a public address as a probe would have seen them. */
export const OBSERVED = { passiveRange: { low: 50010, high: 50020 }, publicAddress: '203.0.113.7' } as const;

/** DeviceFault: a failure the fake server plays, the finding it causes, and the fix topic it asks for. */
export interface DeviceFault {
  readonly name: string;
  readonly script: Partial<FakeServerScript>;
  readonly finding: string;
  readonly entry: (path: DeviceFixPath) => DeviceEntry;
  readonly topic: ServerFixTopic;
}

export const DEVICE_FAULTS: readonly DeviceFault[] = [
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

/** DEVICE_TOPICS: each entry of a fix path, the fix topic that reads it, and its words in a title. */
export const DEVICE_TOPICS: readonly [
  keyof Pick<DeviceFixPath, 'passiveRange' | 'externalAddress' | 'tls' | 'connectionLimit'>,
  ServerFixTopic,
  string,
][] = [
  ['passiveRange', 'passive-range', 'the passive port range'],
  ['externalAddress', 'passive-address', 'the address in PASV replies'],
  ['tls', 'tls-enable', 'FTPS'],
  ['connectionLimit', 'connection-limits', 'the connection limit'],
];

/** GreetingCase: one recorded greeting of a product with a fix path. */
export interface GreetingCase {
  readonly product: string;
  readonly software: SoftwareId;
  readonly greeting: string;
  readonly path: DeviceFixPath;
}

/** greetingCases: one case per recorded greeting (a signature row's example) of each path's products. */
export function greetingCases(
  paths: readonly DeviceFixPath[],
  weights: readonly SignalWeight[] = ['names'],
): GreetingCase[] {
  return paths.flatMap((path) =>
    GREETING_SIGNATURES.filter(
      (row) => row.on === 'greeting' && weights.includes(row.weight) && path.software.includes(row.software),
    ).map((row) => ({ product: path.product, software: row.software, greeting: row.example, path })),
  );
}

/** serverFixOf: the first server-side fix of a finding the report must hold; with `software`, that product's own. */
export function serverFixOf(report: TargetReport, findingId: string, software?: string): Fix {
  const finding = report.diagnosis.findings.find((f) => f.id === findingId);
  if (!finding) throw new Error(`no ${findingId} among ${findingIds(report).join(', ')}`);
  const fix = finding.fixes.find((f) => f.audience === 'server');
  if (!fix) throw new Error(`${findingId} has no server fix`);
  if (software !== undefined) expect(fix.dialect).toBe(software);
  return fix;
}

/**
 * expectFixFor: what a fix for `entry` must say — the setting's place in its title, or the
 * documented absence; for a null entry, the generic advice, never a title in the product's name.
 */
export function expectFixFor(
  path: DeviceFixPath,
  entry: DeviceEntry,
  what: string,
  fix: { title: string; text: string },
): void {
  if (entry === null) {
    expect(fix.title.startsWith(`${path.product}: `), fix.title).toBe(false);
    return;
  }
  expect(fix.title.startsWith(`${path.product}: `), fix.title).toBe(true);
  if ('cannot' in entry) {
    expect(fix.title).toBe(`${path.product}: no setting for ${what}`);
    expect(fix.text).toContain(entry.cannot);
  } else {
    expect(fix.title).toBe(`${path.product}: ${entry.where}`);
  }
}

/**
 * fixPathTableTests registers, inside the caller's describe, the tests every table of fix paths
 * owes: each row has a recorded greeting; each greeting replayed with closed passive ports is
 * recognised and answered with the row's passive-range entry; and each entry of each row reaches
 * the fix for its topic.
 */
export function fixPathTableTests(paths: readonly DeviceFixPath[], cases: readonly GreetingCase[]): void {
  it('every row has a recorded greeting to be recognised by', () => {
    for (const path of paths) {
      expect(
        cases.some((entry) => entry.path === path),
        path.product,
      ).toBe(true);
    }
  });

  it.each(cases)(
    '$product: the greeting "$greeting" with a closed passive port gives the row\'s own fix',
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
    paths.flatMap((path) =>
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
}
