import { cite } from '../../../sources.js';
import type { Fix } from '../../../types.js';
import { type CheckedFirewallRequest, portWord, withWarning } from '../firewallRequest.js';

/**
 * awsFixes: an EC2 security-group ingress rule via the AWS CLI shorthand syntax. The whole
 * `--ip-permissions` value is single-quoted because `[` and `{` mean something to the shell.
 */
export function awsFixes(request: CheckedFirewallRequest): Fix[] {
  const { low, high } = request.ports;
  const knownSource = request.purpose === 'accept-active-data' && request.serverAddress !== null;
  const ranges =
    request.family === 6
      ? `Ipv6Ranges=[{CidrIpv6=${knownSource ? `${request.serverAddress}/128` : '::/0'}}]`
      : `IpRanges=[{CidrIp=${knownSource ? `${request.serverAddress}/32` : '0.0.0.0/0'}}]`;
  const everyone = request.family === 6 ? '::/0' : '0.0.0.0/0';
  return [
    {
      audience: request.purpose === 'accept-active-data' ? 'client' : 'network',
      dialect: 'aws',
      sources: [cite('aws-security-groups', 'Security group rules (inbound, port ranges)')],
      title: `AWS security group: allow ${portWord(request)}`,
      text: withWarning(request, [
        "# Replace sg-REPLACE_ME with the instance's security group id.",
        ...(knownSource
          ? []
          : [`# ${everyone} lets everyone in: narrow it to your FTP clients' networks where you can.`]),
        `aws ec2 authorize-security-group-ingress --group-id sg-REPLACE_ME --ip-permissions 'IpProtocol=tcp,FromPort=${low},ToPort=${high},${ranges}'`,
      ]),
    },
  ];
}
