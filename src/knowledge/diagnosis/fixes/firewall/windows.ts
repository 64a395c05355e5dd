import { cite } from '../../../sources.js';
import type { Fix } from '../../../types.js';
import { type CheckedFirewallRequest, portWord, withWarning } from '../firewallRequest.js';

/** windowsFixes: a Windows Defender Firewall rule, in PowerShell run as Administrator. */
export function windowsFixes(request: CheckedFirewallRequest): Fix[] {
  const { low, high } = request.ports;
  const ports = low === high ? String(low) : `${low}-${high}`;
  const name =
    request.purpose === 'open-control-port'
      ? 'FTP control port'
      : request.purpose === 'open-data-ports'
        ? 'FTP passive data ports'
        : 'FTP active-mode data';
  const remote =
    request.purpose === 'accept-active-data' && request.serverAddress !== null
      ? ` -RemoteAddress ${request.serverAddress}`
      : '';
  return [
    {
      audience: request.purpose === 'accept-active-data' ? 'client' : 'firewall',
      dialect: 'windows',
      sources: [cite('windows-firewall-docs', 'New-NetFirewallRule -LocalPort')],
      title: `Windows Firewall (PowerShell as Administrator): allow ${portWord(request)}`,
      text: withWarning(request, [
        `New-NetFirewallRule -DisplayName "${name}" -Direction Inbound -Protocol TCP -LocalPort ${ports}${remote} -Action Allow`,
      ]),
    },
  ];
}
