import type { Fix } from '../../types.js';
import { awsFixes } from './firewall/aws.js';
import { conntrackFixes } from './firewall/conntrack.js';
import { dockerFixes } from './firewall/docker.js';
import { firewalldFixes } from './firewall/firewalld.js';
import { iptablesFixes } from './firewall/iptables.js';
import { kubernetesFixes } from './firewall/kubernetes.js';
import { nftablesFixes } from './firewall/nftables.js';
import { ufwFixes } from './firewall/ufw.js';
import { windowsFixes } from './firewall/windows.js';
import {
  type CheckedFirewallRequest,
  checkFirewallRequest,
  type FirewallRequest,
} from './firewallRequest.js';

export type { FirewallPurpose, FirewallRequest, RangeConfidence } from './firewallRequest.js';

/** FIREWALL_DIALECTS: every firewall dialect, in the order fixes are listed. */
export const FIREWALL_DIALECTS = [
  'iptables',
  'nftables',
  'ufw',
  'firewalld',
  'windows',
  'aws',
  'kubernetes',
  'docker',
  'conntrack',
] as const;
export type FirewallDialect = (typeof FIREWALL_DIALECTS)[number];

const GENERATORS: Record<FirewallDialect, (request: CheckedFirewallRequest) => Fix[]> = {
  iptables: iptablesFixes,
  nftables: nftablesFixes,
  ufw: ufwFixes,
  firewalld: firewalldFixes,
  windows: windowsFixes,
  aws: awsFixes,
  kubernetes: kubernetesFixes,
  docker: dockerFixes,
  conntrack: conntrackFixes,
};

/**
 * firewallFixes writes the firewall changes that let `request.ports` through, one or more Fix per
 * dialect, in FIREWALL_DIALECTS order. Unknown names in `request.dialects` are ignored; a dialect
 * with nothing to say for the purpose (Kubernetes for a client) yields no fix.
 *
 * @throws FixInputError when the ports or the family are out of range.
 */
export function firewallFixes(request: FirewallRequest): Fix[] {
  const checked = checkFirewallRequest(request);
  const wanted = request.dialects === undefined ? null : new Set(request.dialects);
  return FIREWALL_DIALECTS.filter((dialect) => wanted === null || wanted.has(dialect)).flatMap((dialect) =>
    GENERATORS[dialect](checked),
  );
}
