import { describe, expect, it } from 'vitest';
import { passiveRangeSetting, whereRangeIsSet } from '../../../src/knowledge/diagnosis/fixes/passiveRange.js';
import { DEVICE_FIX_PATHS } from '../../../src/knowledge/servers/devices/deviceFixes.js';
import { neutralServer } from '../../support/neutralReplies.js';
import { offLoopback, probeFake } from '../../support/probeHelpers.js';

// A report's "the real range is set in …" sentence must agree with the product's own fix path:
// an appliance with a menu path is sent there, one that has no range is never told to set one.
describe('where a report says the passive range is set', () => {
  const withPath = DEVICE_FIX_PATHS.filter((path) => path.passiveRange && 'where' in path.passiveRange);
  const without = DEVICE_FIX_PATHS.filter((path) => path.passiveRange && 'cannot' in path.passiveRange);

  it('the table has both kinds, so both branches below are exercised', () => {
    expect(withPath.length).toBeGreaterThan(0);
    expect(without.length).toBeGreaterThan(0);
  });

  it.each(withPath.map((path) => ({ product: path.product, path })))(
    '$product: its own menu path',
    ({ path }) => {
      const where = (path.passiveRange as { where: string }).where;
      for (const id of path.software) {
        expect(passiveRangeSetting(id)).toBe(where);
        expect(whereRangeIsSet(id)).toBe(`The real range is set in ${where}.`);
        expect(whereRangeIsSet(id, true)).toBe(`Give the server one in ${where}.`);
      }
    },
  );

  it.each(without.map((path) => ({ product: path.product, path })))(
    '$product: says it has no range setting',
    ({ path }) => {
      for (const id of path.software) {
        expect(passiveRangeSetting(id)).toBeNull();
        expect(whereRangeIsSet(id)).toBe(
          `The ${path.product} documentation checked shows no passive port range setting; its fix below says what to do instead.`,
        );
      }
    },
  );

  it('a daemon keeps its configuration key; an unknown server gets the generic pointer', () => {
    expect(passiveRangeSetting('vsftpd')).toMatch(/^pasv_min_port and pasv_max_port/);
    expect(whereRangeIsSet('unknown')).toMatch(
      /^The real range is set in the passive \(PASV\) port range setting/,
    );
  });
});

describe('firewall fixes for an appliance that takes any free data port', () => {
  // Routed, not loopback: only then does a report give firewall advice at all.
  const closedPorts = async (greeting: string) =>
    offLoopback(await probeFake({ ...neutralServer([greeting]), dataPort: 'closed' }, { tls: 'off' }));

  it('a Xerox printer (no passive range) gets the FTP helper, never a rule for a made-up range', async () => {
    const report = await closedPorts('220 Xerox WorkCentre 6605DN');
    expect(report.diagnosis.server.software).toBe('xerox-printer');
    const closed = report.diagnosis.findings.find((f) => f.id === 'data.port-closed')!;
    const firewall = closed.fixes.filter((fix) => fix.audience === 'firewall');
    expect(firewall.length).toBeGreaterThan(0);
    expect(new Set(firewall.map((fix) => fix.dialect))).toEqual(new Set(['conntrack']));
    expect(closed.fixes.some((fix) => /50000/.test(fix.text))).toBe(false);
  });

  it('a product with a passive range setting still gets the range rules', async () => {
    const report = await closedPorts('220 DiskStation FTP server ready.');
    expect(report.diagnosis.server.software).toBe('synology-dsm');
    const closed = report.diagnosis.findings.find((f) => f.id === 'data.port-closed')!;
    const dialects = new Set(
      closed.fixes.filter((fix) => fix.audience === 'firewall').map((fix) => fix.dialect),
    );
    expect(dialects.has('iptables')).toBe(true);
  });
});
