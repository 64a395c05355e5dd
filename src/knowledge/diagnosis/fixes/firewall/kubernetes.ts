import { cite } from '../../../sources.js';
import type { Fix } from '../../../types.js';
import { type CheckedFirewallRequest, portWord, withWarning } from '../firewallRequest.js';
import { rangeSize } from '../fixValues.js';
import { formatRange } from '../passiveRange.js';

/** MAX_LISTED_PORTS: beyond this a Service listing every passive port gets unwieldy. */
export const MAX_LISTED_PORTS = 32;

/**
 * kubernetesFixes: a Service port entry forwards exactly one port, so every passive port needs an
 * entry of its own, with the same number inside and outside because the server announces its own
 * port number in the 227/229 reply. `sessionAffinity: ClientIP` keeps a client's data connection
 * on the pod that holds its control connection.
 */
export function kubernetesFixes(request: CheckedFirewallRequest): Fix[] {
  if (request.purpose === 'accept-active-data') return [];
  const ports: string[] = [];
  const controlPort = request.purpose === 'open-control-port' ? request.ports.low : request.controlPort;
  ports.push(`    - name: ftp-control`, `      port: ${controlPort}`, `      targetPort: ${controlPort}`);
  if (request.purpose === 'open-data-ports') {
    if (rangeSize(request.ports) > MAX_LISTED_PORTS) return [tooManyPorts(request)];
    for (let port = request.ports.low; port <= request.ports.high; port++) {
      ports.push(`    - name: pasv-${port}`, `      port: ${port}`, `      targetPort: ${port}`);
    }
  }
  return [
    {
      audience: 'network',
      dialect: 'kubernetes',
      sources: [cite('kubernetes-services', 'Service ports, NodePort, externalTrafficPolicy')],
      title: `Kubernetes: a LoadBalancer Service publishing ${portWord(request)}`,
      text: withWarning(request, [
        "# A Service cannot forward a port range in one entry: each passive port is listed with the same number outside and inside. Keep the range small, and make the FTP server announce the load balancer's address in its PASV replies (its masquerade / public-address setting).",
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        '  name: ftp',
        'spec:',
        '  type: LoadBalancer',
        '  sessionAffinity: ClientIP',
        '  selector:',
        '    app: ftp # the labels of your FTP pods',
        '  ports:',
        ...ports,
      ]),
    },
  ];
}

function tooManyPorts(request: CheckedFirewallRequest): Fix {
  return {
    audience: 'network',
    dialect: 'kubernetes',
    sources: [cite('kubernetes-services', 'Service ports, NodePort, externalTrafficPolicy')],
    title: `Kubernetes: ${formatRange(request.ports)} is too many ports for a Service; shrink it or use hostNetwork`,
    text: withWarning(request, [
      `# ${formatRange(request.ports)} is ${rangeSize(request.ports)} ports. A Service forwards one port per entry, so either shrink the FTP server's passive range to about 10–${MAX_LISTED_PORTS} ports and publish each one, or let the pod use the node's network, so every port the server opens is reachable directly:`,
      'spec:',
      '  template:',
      '    spec:',
      '      hostNetwork: true',
      '      dnsPolicy: ClusterFirstWithHostNet',
    ]),
  };
}
