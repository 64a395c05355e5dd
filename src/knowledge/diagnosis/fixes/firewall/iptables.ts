import { cite } from '../../../sources.js';
import type { Fix } from '../../../types.js';
import { type CheckedFirewallRequest, portWord, withWarning } from '../firewallRequest.js';

/**
 * iptablesFixes: one `-I INPUT` rule accepting new TCP connections. Inserted rather than appended
 * because many stock rule sets end INPUT with a catch-all REJECT that an appended rule never reaches.
 * iptables-nft keeps its rules in base chains of its own: an ACCEPT there does not override a drop
 * in another nftables base chain on the same hook (nft(8), VERDICT STATEMENT).
 */
export function iptablesFixes(request: CheckedFirewallRequest): Fix[] {
  const tool = request.family === 6 ? 'ip6tables' : 'iptables';
  const { low, high } = request.ports;
  const dport = low === high ? String(low) : `${low}:${high}`;
  const source =
    request.purpose === 'accept-active-data' && request.serverAddress !== null
      ? ` -s ${request.serverAddress}`
      : '';
  const rulesFile = request.family === 6 ? 'rules.v6' : 'rules.v4';
  return [
    {
      audience: request.purpose === 'accept-active-data' ? 'client' : 'firewall',
      dialect: 'iptables',
      sources: [
        cite('iptables.8', '-I (insert)'),
        cite('iptables-extensions.8', 'conntrack (--ctstate), tcp (--dport)'),
        cite('nft.8', 'VERDICT STATEMENT (accept, drop)'),
      ],
      title: `${tool}: accept ${portWord(request)} (inserted at the top of INPUT)`,
      text: withWarning(request, [
        `${tool} -I INPUT -p tcp${source} --dport ${dport} -m conntrack --ctstate NEW -j ACCEPT`,
        '# With nftables rules loaded too (nft list ruleset), this ACCEPT does not undo a drop in their base chain on the same hook: a drop is final. Accept in that chain, or change its drop.',
        `# Keep it across reboots: netfilter-persistent save (Debian/Ubuntu, saves /etc/iptables/${rulesFile}), or service ${tool} save (RHEL with ${tool}-services).`,
      ]),
    },
  ];
}
