import { describe, expect, it } from 'vitest';
import { SERVER_DIALECTS, serverFixes } from '../../src/knowledge/diagnosis/fixes/server.js';
import { SERVER_FIX_TOPICS } from '../../src/knowledge/diagnosis/fixes/serverContext.js';
import { DEVICE_DIALECTS, DEVICE_FIX_PATHS } from '../../src/knowledge/servers/devices/deviceFixes.js';
import { SIGNAL_ROWS } from '../../src/knowledge/servers/fingerprint.js';
import { runCli } from '../support/runCli.js';

const observed = { passiveRange: { low: 50010, high: 50020 }, publicAddress: '203.0.113.7' } as const;

describe('device fix paths', () => {
  it('name each product once, and only products the fingerprint can recognise', () => {
    expect(new Set(DEVICE_DIALECTS).size).toBe(DEVICE_DIALECTS.length);
    for (const id of DEVICE_DIALECTS) {
      expect((SERVER_DIALECTS as readonly string[]).includes(id), id).toBe(false);
      expect(
        SIGNAL_ROWS.some((row) => row.software === id),
        `${id} has no signature`,
      ).toBe(true);
    }
  });

  it.each(DEVICE_FIX_PATHS.map((path) => ({ product: path.product, path })))(
    '$product: every topic gives a fix in its dialect, with the range and address filled in',
    ({ path }) => {
      expect(path.sources.length).toBeGreaterThan(0);
      for (const software of path.software) {
        for (const topic of SERVER_FIX_TOPICS) {
          const fixes = serverFixes(topic, { software, ...observed });
          expect(fixes.length, `${software} ${topic}`).toBeGreaterThan(0);
          for (const fix of fixes) {
            expect(fix.dialect).toBe(software);
            expect(`${fix.title}\n${fix.text}`).not.toMatch(/\{(?:low|high|range|address)\}|undefined|null/);
          }
        }
        const range = serverFixes('passive-range', { software, ...observed })[0]!;
        if (path.passiveRange !== null) expect(range.sources).toEqual(path.sources);
        if (path.passiveRange !== null && !('cannot' in path.passiveRange)) {
          expect(range.title).toContain(path.passiveRange.where);
          expect(range.text).toMatch(/50010/);
          expect(range.text).toMatch(/50020/);
        }
        if (path.passiveRange !== null && 'cannot' in path.passiveRange) {
          expect(range.title).toMatch(/no setting for the passive port range/);
          expect(range.text).not.toMatch(/50010/);
        }
        const address = serverFixes('passive-address', { software, ...observed })[0]!;
        if (
          path.externalAddress !== null &&
          !('cannot' in path.externalAddress) &&
          path.externalAddress.how.includes('{address}')
        )
          expect(address.text).toContain('203.0.113.7');
      }
    },
  );

  it('an unknown public address becomes the placeholder, never an IPv6 literal', () => {
    const text = serverFixes('passive-address', {
      software: 'synology-dsm',
      passiveRange: null,
      publicAddress: '2001:db8::7',
    })[0]!.text;
    expect(text).toContain('PUBLIC_IP');
    expect(text).not.toContain('2001:db8::7');
  });

  it('--fix-for may ask for a device dialect explicitly', () => {
    const fixes = serverFixes('passive-range', { software: 'unknown', ...observed, dialects: ['truenas'] });
    expect(fixes.map((fix) => fix.dialect)).toEqual(['truenas']);
    expect(fixes[0]!.text).toContain('Minimum Passive Port');
  });

  it('the CLI accepts a device dialect in --fix-for, and still refuses an unknown one', async () => {
    const device = await runCli(['127.0.0.1:1', '--fix-for', 'truenas,synology-dsm']);
    expect(device.code, device.stderr).toBe(3);
    const bogus = await runCli(['127.0.0.1:1', '--fix-for', 'no-such-nas']);
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toMatch(/no-such-nas/);
  });
});
