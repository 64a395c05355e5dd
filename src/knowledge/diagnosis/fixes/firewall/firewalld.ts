import { cite } from '../../../sources.js';
import type { Fix } from '../../../types.js';
import { type CheckedFirewallRequest, portWord, withWarning } from '../firewallRequest.js';

/**
 * firewalldFixes: `--permanent` changes only the stored configuration, hence the `--reload`.
 * Port 21 uses firewalld's predefined `ftp` service, which also attaches the FTP conntrack helper.
 */
export function firewalldFixes(request: CheckedFirewallRequest): Fix[] {
  const { low, high } = request.ports;
  const ports = low === high ? String(low) : `${low}-${high}`;
  let change: string;
  if (request.purpose === 'open-control-port' && low === 21) {
    change = 'firewall-cmd --permanent --add-service=ftp';
  } else if (request.purpose === 'accept-active-data' && request.serverAddress !== null) {
    const family = request.family === 6 ? 'ipv6' : 'ipv4';
    change = `firewall-cmd --permanent --add-rich-rule='rule family="${family}" source address="${request.serverAddress}" port port="${ports}" protocol="tcp" accept'`;
  } else {
    change = `firewall-cmd --permanent --add-port=${ports}/tcp`;
  }
  return [
    {
      audience: request.purpose === 'accept-active-data' ? 'client' : 'firewall',
      dialect: 'firewalld',
      sources: [cite('firewall-cmd.1', '--add-port, --permanent, --reload')],
      title: `firewalld: allow ${portWord(request)} in the default zone`,
      text: withWarning(request, [change, 'firewall-cmd --reload']),
    },
  ];
}
