import type { PortRange } from '../../../probe/types.js';
import { cite } from '../../sources.js';
import type { Fix } from '../../types.js';
import { formatRange } from './passiveRange.js';

/** PACKET_FILTER_DIALECT: the dialect of advice that fits every Linux packet filter alike. */
export const PACKET_FILTER_DIALECT = 'packet-filter';

/**
 * BlockingKind: how a filter answered for a port the server had just announced. 'reject' is a
 * reset or ICMP port-unreachable (an iptables REJECT, nftables `reject`), 'drop' is silence,
 * 'icmp' another ICMP error such as admin-prohibited (a REJECT with --reject-with).
 */
export type BlockingKind = 'reject' | 'drop' | 'icmp';

const WHAT: Record<BlockingKind, { readonly verb: string; readonly nft: string; readonly iptables: string }> =
  {
    reject: { verb: 'rejects', nft: 'reject', iptables: 'REJECT' },
    drop: { verb: 'drops', nft: 'drop', iptables: 'DROP' },
    icmp: { verb: 'rejects', nft: 'reject', iptables: 'REJECT' },
  };

/**
 * findBlockingRuleFix: the first step when a filter answers for a passive port: find the rule.
 * An accept rule alone may not help. In nftables every base chain on a hook sees the packet and
 * an accept only ends the chain it is in, so a drop in another base chain on the same hook still
 * drops it, while a drop ends evaluation at once (nft(8), VERDICT STATEMENT); the rules iptables-nft
 * makes live in base chains of their own, next to those of /etc/nftables.conf.
 * `iptables -S` lists the rules as commands (iptables(8)), `firewall-cmd --list-all` the ports and
 * services of firewalld's zone (firewall-cmd(1)).
 */
export function findBlockingRuleFix(kind: BlockingKind, ports: PortRange): Fix {
  const what = WHAT[kind];
  const nftPorts = ports.low === ports.high ? `${ports.low}` : `${ports.low}-${ports.high}`;
  const iptablesPorts = ports.low === ports.high ? `${ports.low}` : `${ports.low}:${ports.high}`;
  return {
    audience: 'firewall',
    dialect: PACKET_FILTER_DIALECT,
    title: `Find the firewall rule that ${what.verb} the passive ports, then accept ${formatRange(ports)} there`,
    sources: [
      cite('nft.8', 'VERDICT STATEMENT (accept, drop)'),
      cite('iptables.8', '-S (list-rules)'),
      cite('firewall-cmd.1', '--list-all'),
    ],
    text: [
      '# Servers listen on a passive port before announcing it, so a refusal or silence there most often comes from a packet filter. Find the rule:',
      ...aligned([
        [`nft list ruleset | grep -n ${what.nft}`, '# nftables, iptables-nft'],
        [`iptables -S | grep ${what.iptables}`, '# iptables (IPv6: ip6tables)'],
        ['firewall-cmd --list-all', '# firewalld zone'],
      ]),
      `# Accept ${formatRange(ports)} before that rule, in its chain, or change it (nftables: FAMILY TABLE CHAIN as nft list ruleset names them, e.g. inet filter input; firewalld: use firewall-cmd instead):`,
      `nft insert rule FAMILY TABLE CHAIN tcp dport ${nftPorts} accept`,
      `iptables -I CHAIN -p tcp --dport ${iptablesPorts} -j ACCEPT`,
      '# An accept in another table or base chain does not help: in nftables a drop in any base chain on the same hook is final.',
    ].join('\n'),
  };
}

/** aligned: commands with their comments in one column. */
function aligned(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([command]) => command.length)) + 2;
  return rows.map(([command, comment]) => `${command.padEnd(width)}${comment}`);
}
