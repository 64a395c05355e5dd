import { cite } from '../../../sources.js';
import type { Fix } from '../../../types.js';
import { type CheckedFirewallRequest, portWord, withWarning } from '../firewallRequest.js';

/**
 * dockerFixes: publish the control port and the passive range with identical host and container
 * numbers, because the server announces its own port numbers; it must also announce the host's
 * public address, not the container's.
 */
export function dockerFixes(request: CheckedFirewallRequest): Fix[] {
  if (request.purpose === 'accept-active-data') return [];
  const { low, high } = request.ports;
  const control = request.purpose === 'open-control-port' ? low : request.controlPort;
  const mappings = [`${control}:${control}`];
  if (request.purpose === 'open-data-ports')
    mappings.push(low === high ? `${low}:${low}` : `${low}-${high}:${low}-${high}`);
  const address = request.serverAddress ?? 'the public address';
  return [
    {
      audience: 'network',
      dialect: 'docker',
      sources: [
        cite('docker-networking', 'Publishing ports (-p, port ranges)'),
        cite('vsftpd.conf.5', 'pasv_address, pasv_min_port, pasv_max_port'),
      ],
      title: `Docker: publish ${portWord(request)} with the same numbers on the host`,
      text: withWarning(request, [
        `# docker run … ${mappings.map((mapping) => `-p ${mapping}`).join(' ')} … or in compose.yaml, under the FTP service:`,
        'ports:',
        ...mappings.map((mapping) => `  - "${mapping}"`),
        ...(request.purpose === 'open-data-ports'
          ? [
              `# The server inside must announce ${address} in PASV replies (its masquerade / public-address setting).`,
            ]
          : []),
      ]),
    },
  ];
}
