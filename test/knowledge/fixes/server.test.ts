import { describe, expect, it } from 'vitest';
import { FixInputError } from '../../../src/knowledge/diagnosis/fixes/fixValues.js';
import {
  SERVER_DIALECTS,
  SERVER_FIX_TOPICS,
  type ServerFixContext,
  serverFixes,
} from '../../../src/knowledge/diagnosis/fixes/server.js';

const MAIN_SOFTWARE = [
  'vsftpd',
  'proftpd',
  'pure-ftpd',
  'filezilla-server',
  'iis',
  'pyftpdlib',
  'unknown',
] as const;

const observed: ServerFixContext = {
  software: 'vsftpd',
  passiveRange: { low: 40000, high: 40099 },
  publicAddress: '198.51.100.7',
};

describe('serverFixes', () => {
  it('has at least one fix for every topic and main software, with no undefined, null or NaN', () => {
    for (const software of MAIN_SOFTWARE) {
      for (const topic of SERVER_FIX_TOPICS) {
        for (const context of [
          { ...observed, software },
          { software, passiveRange: null, publicAddress: null },
          {
            software,
            passiveRange: { low: 40012, high: 40012 },
            publicAddress: '2001:db8::7',
            anonymous: 'enable' as const,
          },
        ]) {
          const fixes = serverFixes(topic, context);
          expect(fixes.length, `${software} ${topic}`).toBeGreaterThan(0);
          for (const fix of fixes) {
            expect(fix.audience).toBe('server');
            expect(fix.title.length).toBeGreaterThan(0);
            expect(`${fix.title}\n${fix.text}`, `${software} ${topic}`).not.toMatch(
              /undefined|null|NaN|\[object/,
            );
          }
        }
      }
    }
  });

  const dialectTable: { title: string; input: ServerFixContext; expected: string[] }[] = [
    { title: 'a detected product gets its own dialect', input: observed, expected: ['vsftpd'] },
    {
      title: 'an unknown server gets generic advice first, then every product',
      input: { ...observed, software: 'unknown' },
      expected: ['generic', 'vsftpd', 'proftpd', 'pure-ftpd', 'filezilla-server', 'iis', 'pyftpdlib'],
    },
    {
      title: 'a product without a dialect gets generic advice',
      input: { ...observed, software: 'glftpd' },
      expected: ['generic'],
    },
    {
      title: 'an explicit dialect list wins, in the standard order',
      input: { ...observed, dialects: ['iis', 'proftpd', 'nonsense'] },
      expected: ['proftpd', 'iis'],
    },
  ];
  for (const { title, input, expected } of dialectTable) {
    it(title, () => {
      expect([...new Set(serverFixes('passive-range', input).map((fix) => fix.dialect))]).toEqual(expected);
    });
  }

  it('writes the observed range and address into the configuration lines', () => {
    const text = (software: ServerFixContext['software'], topic: 'passive-range' | 'passive-address') =>
      serverFixes(topic, { ...observed, software })
        .map((fix) => fix.text)
        .join('\n');
    expect(text('vsftpd', 'passive-range')).toMatch(/^pasv_min_port=40000\npasv_max_port=40099$/m);
    expect(text('vsftpd', 'passive-address')).toMatch(/^pasv_address=198\.51\.100\.7$/m);
    expect(text('proftpd', 'passive-range')).toMatch(/^PassivePorts 40000 40099$/m);
    expect(text('proftpd', 'passive-address')).toMatch(/^MasqueradeAddress 198\.51\.100\.7$/m);
    expect(text('pure-ftpd', 'passive-range')).toMatch(
      /^echo '40000 40099' > \/etc\/pure-ftpd\/conf\/PassivePortRange$/m,
    );
    expect(text('pure-ftpd', 'passive-range')).toMatch(/-p 40000:40099/);
    expect(text('pure-ftpd', 'passive-range')).toMatch(/FTP_PASSIVE_PORTS: "40000:40099"/);
    expect(text('pure-ftpd', 'passive-address')).toMatch(
      /^echo '198\.51\.100\.7' > \/etc\/pure-ftpd\/conf\/ForcePassiveIP$/m,
    );
    expect(text('iis', 'passive-range')).toMatch(
      /\/lowDataChannelPort:40000 \/highDataChannelPort:40099 \/commit:apphost$/m,
    );
    expect(text('iis', 'passive-address')).toMatch(
      /\/ftpServer\.firewallSupport\.externalIp4Address:198\.51\.100\.7$/m,
    );
    expect(text('pyftpdlib', 'passive-range')).toMatch(/^handler\.passive_ports = range\(40000, 40100\)$/m);
    expect(text('filezilla-server', 'passive-range')).toMatch(/Use custom port range", set 40000 to 40099/);
  });

  it('says the range is a suggestion when none was observed, or a single port only', () => {
    for (const passiveRange of [null, { low: 40012, high: 40012 }]) {
      for (const software of [
        'vsftpd',
        'proftpd',
        'pure-ftpd',
        'iis',
        'pyftpdlib',
        'filezilla-server',
        'unknown',
      ] as const) {
        const fixes = serverFixes('passive-range', { software, passiveRange, publicAddress: null });
        const all = fixes.map((fix) => fix.text).join('\n');
        expect(all, software).toContain('50000–50100 is a suggested range');
        expect(all, software).not.toContain('40012');
      }
    }
  });

  it('says the range is inferred when the caller says so', () => {
    const fixes = serverFixes('passive-range', { ...observed, rangeConfidence: 'inferred' });
    expect(fixes[0]!.text).toContain('# 40000–40099 is inferred from the ports seen');
  });

  it('writes a placeholder, never an IPv6 address, into PASV address settings', () => {
    for (const publicAddress of [null, '2001:db8::7', 'bad host; reboot']) {
      for (const software of [
        'vsftpd',
        'proftpd',
        'pure-ftpd',
        'iis',
        'pyftpdlib',
        'filezilla-server',
      ] as const) {
        const all = serverFixes('passive-address', { ...observed, software, publicAddress })
          .map((fix) => `${fix.title}\n${fix.text}`)
          .join('\n');
        expect(all, software).toContain('PUBLIC_IP');
        expect(all, software).toContain('Replace PUBLIC_IP');
        if (publicAddress) expect(all, software).not.toContain(publicAddress);
      }
    }
  });

  it('accepts a host name for vsftpd only with pasv_addr_resolve=YES', () => {
    const text = serverFixes('passive-address', { ...observed, publicAddress: 'ftp.example.com' })[0]!.text;
    expect(text).toMatch(/^pasv_address=ftp\.example\.com\npasv_addr_resolve=YES$/m);
  });

  it('turns anonymous access off by default and on when asked', () => {
    const off = serverFixes('anonymous-access', observed)[0]!.text;
    const on = serverFixes('anonymous-access', { ...observed, anonymous: 'enable' })[0]!.text;
    expect(off).toMatch(/^anonymous_enable=NO$/m);
    expect(on).toMatch(/^anonymous_enable=YES$/m);
  });

  it('rejects an impossible passive range', () => {
    expect(() =>
      serverFixes('passive-range', { ...observed, passiveRange: { low: 40100, high: 40000 } }),
    ).toThrow(FixInputError);
  });

  it('matches the reviewed texts for every product and topic', () => {
    for (const software of SERVER_DIALECTS) {
      const all = SERVER_FIX_TOPICS.flatMap((topic) =>
        serverFixes(topic, { ...observed, dialects: [software] }).map(
          (fix) => `## ${topic}: ${fix.title}\n${fix.text}`,
        ),
      ).join('\n\n');
      expect(all).toMatchSnapshot(software);
    }
  });
});
