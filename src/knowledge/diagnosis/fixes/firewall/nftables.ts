import { cite } from '../../../sources.js';
import type { Fix } from '../../../types.js';
import { type CheckedFirewallRequest, portWord, withWarning } from '../firewallRequest.js';

/**
 * nftablesFixes: one `nft add rule` for an existing `inet filter` table with an `input` chain, the
 * layout of Debian's and Fedora's stock /etc/nftables.conf. An inet table covers IPv4 and IPv6 at
 * once, so the family only matters for a source address.
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
      sources: [cite('nft.8', 'add rule / insert rule, ct state, tcp dport')],
      title: `nftables: accept ${portWord(request)} (for an existing table inet filter with chain input)`,
      text: withWarning(request, [
        `nft add rule inet filter input ${source}tcp dport ${dport} ct state new accept`,
        '# A rule added after a final drop or reject never matches: use "nft insert rule" then.',
        '# Add the same rule to /etc/nftables.conf to keep it after a reboot.',
      ]),
    },
  ];
}
