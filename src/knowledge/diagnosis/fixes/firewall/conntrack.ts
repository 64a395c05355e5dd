import { cite } from '../../../sources.js';
import type { Fix } from '../../../types.js';
import type { CheckedFirewallRequest } from '../firewallRequest.js';

/**
 * WHAT_THE_HELPER_DOES: shared preamble. Facts: nf_conntrack_ftp reads the PORT/EPRT commands and
 * the PASV/EPSV replies in the control stream and expects the data connection they announce, which then shows up as RELATED;
 * kernels since 4.7 default nf_conntrack_helper to 0 and 6.0 removed the switch, so only an explicit
 * rule attaches the helper; encrypted control traffic (FTPS) is opaque to it.
 */
const WHAT_THE_HELPER_DOES = [
  `# The kernel's FTP helper (nf_conntrack_ftp) reads the PASV/EPSV replies and the PORT/EPRT commands on the control connection and lets the one data connection they announce through as "related".`,
  '# Linux no longer attaches helpers by itself (off by default since 4.7, the switch is gone since 6.0), so a rule has to attach it to the control port.',
  '# It cannot read an encrypted control connection: with FTPS (AUTH TLS, implicit TLS) open the passive range explicitly instead.',
];

/**
 * conntrackFixes: attach the FTP helper to the control port, in nftables and in iptables form, and
 * accept what it marks as related. On a NAT gateway nf_nat_ftp also rewrites the 227 address.
 * On a client (`accept-active-data`) the control connection is outgoing, so the helper is attached
 * where locally made connections pass: the output chain, or iptables' raw OUTPUT.
 */
export function conntrackFixes(request: CheckedFirewallRequest): Fix[] {
  const control = request.purpose === 'open-control-port' ? request.ports.low : request.controlPort;
  const tool = request.family === 6 ? 'ip6tables' : 'iptables';
  const client = request.purpose === 'accept-active-data';
  const audience = client ? 'client' : 'firewall';
  const nftChain = client ? 'output' : 'input';
  const rawChain = client ? 'OUTPUT' : 'PREROUTING';
  const nat = client
    ? []
    : [
        '# On a NAT gateway in front of the server, also load nf_nat_ftp: it rewrites the address in PASV replies.',
      ];
  return [
    {
      audience,
      dialect: 'conntrack',
      sources: [
        cite('linux-conntrack-ftp', 'nf_conntrack_ftp.c'),
        cite('nft.8', 'CT HELPER / ct helper set'),
      ],
      title: `conntrack FTP helper on control port ${control}, nftables (existing table inet filter with chain ${nftChain})`,
      text: [
        ...WHAT_THE_HELPER_DOES,
        ...nat,
        `# "insert" puts the rules first in their chain: an earlier "tcp dport ${control} accept" or a final drop would otherwise match before them, and the helper would never be attached.`,
        `nft add ct helper inet filter ftp-${control} '{ type "ftp" protocol tcp; }'`,
        `nft insert rule inet filter ${nftChain} tcp dport ${control} ct helper set "ftp-${control}"`,
        'nft insert rule inet filter input ct state established,related accept',
      ].join('\n'),
    },
    {
      audience,
      dialect: 'conntrack',
      sources: [
        cite('linux-conntrack-ftp', 'nf_conntrack_ftp.c'),
        cite('iptables-extensions.8', 'CT target (--helper), helper match'),
      ],
      title: `conntrack FTP helper on control port ${control}, ${tool}`,
      text: [
        ...WHAT_THE_HELPER_DOES,
        ...nat,
        'modprobe nf_conntrack_ftp',
        `${tool} -t raw -A ${rawChain} -p tcp --dport ${control} -j CT --helper ftp`,
        `${tool} -I INPUT -p tcp -m conntrack --ctstate RELATED -m helper --helper ftp -j ACCEPT`,
      ].join('\n'),
    },
  ];
}
