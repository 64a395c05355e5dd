import { describe, expect, it } from 'vitest';
import {
  FIREWALL_DIALECTS,
  type FirewallRequest,
  firewallFixes,
} from '../../../src/knowledge/diagnosis/fixes/firewall.js';
import { FixInputError } from '../../../src/knowledge/diagnosis/fixes/fixValues.js';

const dataPorts: FirewallRequest = {
  purpose: 'open-data-ports',
  ports: { low: 40000, high: 40099 },
  family: 4,
  serverAddress: '198.51.100.7',
};

describe('firewallFixes', () => {
  it('gives every dialect for passive data ports, in order', () => {
    const dialects = [...new Set(firewallFixes(dataPorts).map((fix) => fix.dialect))];
    expect(dialects).toEqual([...FIREWALL_DIALECTS]);
  });

  it('keeps only the dialects asked for', () => {
    const fixes = firewallFixes({ ...dataPorts, dialects: ['ufw', 'nftables', 'no-such-firewall'] });
    expect(fixes.map((fix) => fix.dialect)).toEqual(['nftables', 'ufw']);
  });

  const table: { title: string; input: FirewallRequest; dialect: string; expected: RegExp }[] = [
    {
      title: 'iptables uses conntrack NEW and lo:hi',
      input: dataPorts,
      dialect: 'iptables',
      expected: /^iptables -I INPUT -p tcp --dport 40000:40099 -m conntrack --ctstate NEW -j ACCEPT$/m,
    },
    {
      title: 'IPv6 switches to ip6tables',
      input: { ...dataPorts, family: 6, serverAddress: '2001:db8::7' },
      dialect: 'iptables',
      expected: /^ip6tables -I INPUT /m,
    },
    {
      title: 'nftables is one complete nft add rule',
      input: dataPorts,
      dialect: 'nftables',
      expected: /^nft add rule inet filter input tcp dport 40000-40099 ct state new accept$/m,
    },
    {
      title: 'ufw names the protocol of a range',
      input: dataPorts,
      dialect: 'ufw',
      expected: /^ufw allow 40000:40099\/tcp$/m,
    },
    {
      title: 'firewalld adds the port permanently and reloads',
      input: dataPorts,
      dialect: 'firewalld',
      expected: /^firewall-cmd --permanent --add-port=40000-40099\/tcp\nfirewall-cmd --reload$/m,
    },
    {
      title: 'firewalld uses the ftp service for port 21',
      input: { purpose: 'open-control-port', ports: { low: 21, high: 21 }, family: 4 },
      dialect: 'firewalld',
      expected: /^firewall-cmd --permanent --add-service=ftp$/m,
    },
    {
      title: 'Windows gets a New-NetFirewallRule with a port range',
      input: dataPorts,
      dialect: 'windows',
      expected: /-Direction Inbound -Protocol TCP -LocalPort 40000-40099 -Action Allow$/m,
    },
    {
      title: 'AWS opens IPv4 to everyone with a warning',
      input: dataPorts,
      dialect: 'aws',
      expected: /FromPort=40000,ToPort=40099,IpRanges=\[\{CidrIp=0\.0\.0\.0\/0\}\]'$/m,
    },
    {
      title: 'AWS on IPv6 uses Ipv6Ranges',
      input: { ...dataPorts, family: 6 },
      dialect: 'aws',
      expected: /Ipv6Ranges=\[\{CidrIpv6=::\/0\}\]'$/m,
    },
    {
      title: 'the client side accepts active data only from the server',
      input: {
        purpose: 'accept-active-data',
        ports: { low: 50000, high: 50010 },
        family: 4,
        serverAddress: '198.51.100.7',
      },
      dialect: 'nftables',
      expected:
        /^nft add rule inet filter input ip saddr 198\.51\.100\.7 tcp dport 50000-50010 ct state new accept$/m,
    },
    {
      title: 'the conntrack helper is attached with an explicit rule',
      input: dataPorts,
      dialect: 'conntrack',
      expected: /^iptables -t raw -A PREROUTING -p tcp --dport 21 -j CT --helper ftp$/m,
    },
  ];
  for (const { title, input, dialect, expected } of table) {
    it(title, () => {
      const texts = firewallFixes({ ...input, dialects: [dialect] }).map((fix) => fix.text);
      expect(texts.join('\n')).toMatch(expected);
    });
  }

  it('warns when the range is inferred, a single port or a suggestion', () => {
    const text = (confidence: 'inferred' | 'single' | 'suggested') =>
      firewallFixes({ ...dataPorts, dialects: ['ufw'], rangeConfidence: confidence })[0]!.text;
    expect(text('inferred')).toMatch(/^# 40000–40099 is inferred/);
    expect(text('single')).toMatch(/^# Only port 40000–40099 was seen/);
    expect(text('suggested')).toMatch(/^# 40000–40099 is a suggestion/);
    expect(firewallFixes({ ...dataPorts, dialects: ['ufw'] })[0]!.text).not.toMatch(/^#/);
  });

  it('lists each passive port in a Kubernetes Service, and refuses a huge range', () => {
    const small = firewallFixes({
      ...dataPorts,
      ports: { low: 30000, high: 30009 },
      dialects: ['kubernetes'],
    })[0]!;
    expect(small.text.match(/- name: pasv-/g)).toHaveLength(10);
    expect(small.text).toContain('sessionAffinity: ClientIP');
    const big = firewallFixes({ ...dataPorts, dialects: ['kubernetes'] })[0]!;
    expect(big.text).toContain('hostNetwork: true');
    expect(big.text).not.toContain('kind: Service');
  });

  it('never writes an address that is not a plain IP literal of the family', () => {
    for (const serverAddress of ['1.2.3.4; rm -rf /', '$(reboot)', 'fe80::1%eth0', '2001:db8::1']) {
      const fixes = firewallFixes({
        purpose: 'accept-active-data',
        ports: { low: 5000, high: 5010 },
        family: 4,
        serverAddress,
      });
      for (const fix of fixes) expect(fix.text).not.toContain(serverAddress);
    }
  });

  it('rejects ports and families out of range', () => {
    expect(() => firewallFixes({ ...dataPorts, ports: { low: 0, high: 10 } })).toThrow(FixInputError);
    expect(() => firewallFixes({ ...dataPorts, ports: { low: 50, high: 40 } })).toThrow(FixInputError);
    expect(() => firewallFixes({ ...dataPorts, ports: { low: 1, high: 65536 } })).toThrow(FixInputError);
    expect(() => firewallFixes({ ...dataPorts, family: 5 as 4 })).toThrow(FixInputError);
  });

  it('never prints undefined, null or NaN', () => {
    for (const purpose of ['open-data-ports', 'open-control-port', 'accept-active-data'] as const) {
      for (const family of [4, 6] as const) {
        for (const serverAddress of [undefined, family === 4 ? '198.51.100.7' : '2001:db8::7']) {
          const fixes = firewallFixes({
            purpose,
            family,
            ports: purpose === 'open-control-port' ? { low: 2121, high: 2121 } : { low: 40000, high: 40020 },
            ...(serverAddress ? { serverAddress } : {}),
          });
          expect(fixes.length).toBeGreaterThan(0);
          for (const fix of fixes) expect(`${fix.title}\n${fix.text}`).not.toMatch(/undefined|null|NaN/);
        }
      }
    }
  });

  it('matches the reviewed texts', () => {
    const cases: Record<string, FirewallRequest> = {
      'data ports, IPv4, inferred': { ...dataPorts, rangeConfidence: 'inferred' },
      'control port 2121, IPv6': {
        purpose: 'open-control-port',
        ports: { low: 2121, high: 2121 },
        family: 6,
      },
      'active data on the client': {
        purpose: 'accept-active-data',
        ports: { low: 50000, high: 50010 },
        family: 4,
        serverAddress: '198.51.100.7',
      },
    };
    for (const [name, request] of Object.entries(cases)) {
      expect(
        firewallFixes(request)
          .map((fix) => `## ${fix.dialect}: ${fix.title}\n${fix.text}`)
          .join('\n\n'),
      ).toMatchSnapshot(name);
    }
  });
});
