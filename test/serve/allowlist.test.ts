import { describe, expect, it } from 'vitest';
import { Allowlist } from '../../src/serve/allowlist.js';

describe('Allowlist', () => {
  const allowlist = Allowlist.of([
    'ftp.example.com',
    '*.ftp.example.net',
    'ftp-*.example.org',
    '192.0.2.0/24',
    '198.51.100.7',
    '2001:db8::/32',
  ]);

  it.each([
    ['ftp.example.com', true],
    ['FTP.Example.COM.', true],
    ['www.example.com', false],
    ['eu.ftp.example.net', true],
    ['ftp.example.net', false],
    ['a.b.ftp.example.net', false],
    ['ftp-eu1.example.org', true],
    ['ftp.example.org', false],
    ['192.0.2.255', true],
    ['192.0.3.1', false],
    ['198.51.100.7', true],
    ['198.51.100.8', false],
    ['2001:db8:1::21', true],
    ['2001:db9::1', false],
    ['::ffff:192.0.2.1', false],
  ])('%s → %s', (host, allowed) => {
    expect(allowlist.allows(host)).toBe(allowed);
  });

  it('never matches an IP address against a name pattern, nor a name against a CIDR range', () => {
    expect(Allowlist.of(['*.*.*.*']).allows('10.0.0.1')).toBe(false);
    expect(Allowlist.of(['0.0.0.0/0']).allows('internal.example.com')).toBe(false);
    expect(Allowlist.of(['0.0.0.0/0']).allows('10.0.0.1')).toBe(true);
    expect(Allowlist.of(['::/0']).allows('10.0.0.1')).toBe(false);
  });
});
