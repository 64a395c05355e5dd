import { cite } from '../../../sources.js';
import type { Fix } from '../../../types.js';
import { type CheckedFirewallRequest, portWord, withWarning } from '../firewallRequest.js';

/**
 * nftablesFixes: one `nft add rule` for an existing `inet filter` table with an `input` chain, the
 * layout of Debian's and Fedora's stock /etc/nftables.conf. An inet table covers IPv4 and IPv6 at
 * once, so the family only matters for a source address. An accept ends only its own chain; a
 * drop in any base chain on the hook still drops the packet (nft(8), VERDICT STATEMENT).
 */
export function nftablesFixes(request: CheckedFirewallRequest): Fix[] {
  const { low, high } = request.ports;
  const dport = low === high ? String(low) : `${low}-${high}`;
  const source =
    request.purpose === 'accept-active-data' && request.serverAddress !== null
      ? `${request.family === 6 ? 'ip6' : 'ip'} saddr ${request.serverAddress} `
      : '';
  return [
    {
      audience: request.purpose === 'accept-active-data' ? 'client' : 'firewall',
      dialect: 'nftables',
      sources: [
        cite('nft.8', 'add rule / insert rule, ct state, tcp dport'),
        cite('nft.8', 'VERDICT STATEMENT (accept, drop)'),
      ],
      title: `nftables: accept ${portWord(request)} (for an existing table inet filter with chain input)`,
      text: withWarning(request, [
        `nft add rule inet filter input ${source}tcp dport ${dport} ct state new accept`,
        '# A rule added after a final drop or reject never matches: use "nft insert rule" then.',
        '# An accept here does not undo a drop in another table or base chain on the same hook: a drop is final. If another chain drops (nft list ruleset), accept in that chain or change its drop.',
        '# Add the same rule to /etc/nftables.conf to keep it after a reboot.',
      ]),
    },
  ];
}
