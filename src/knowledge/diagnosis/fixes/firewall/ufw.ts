import { cite } from '../../../sources.js';
import type { Fix } from '../../../types.js';
import { type CheckedFirewallRequest, portWord, withWarning } from '../firewallRequest.js';

/** ufwFixes: ufw needs the protocol whenever it is given a port range (`40000:40099/tcp`). */
export function ufwFixes(request: CheckedFirewallRequest): Fix[] {
  const { low, high } = request.ports;
  const ports = low === high ? String(low) : `${low}:${high}`;
  const rule =
    request.purpose === 'accept-active-data' && request.serverAddress !== null
      ? `ufw allow proto tcp from ${request.serverAddress} to any port ${ports}`
      : `ufw allow ${ports}/tcp`;
  return [
    {
      audience: request.purpose === 'accept-active-data' ? 'client' : 'firewall',
      dialect: 'ufw',
      sources: [cite('ufw.8', 'allow PORT:PORT/tcp')],
      title: `ufw: allow ${portWord(request)}`,
      text: withWarning(request, [rule]),
    },
  ];
}
