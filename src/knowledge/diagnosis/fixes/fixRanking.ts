import type { Finding, Fix, FixAudience } from '../../types.js';
import { PACKET_FILTER_DIALECT } from './filterRule.js';
import { FIREWALL_DIALECTS } from './firewall.js';

/** RankingFacts: what the probe saw that makes one fix more likely to help than another. */
export interface RankingFacts {
  /** The control connection went to a loopback address: no firewall or cloud sits in between. */
  readonly loopback: boolean;
  /** The detected server software ('unknown' when unsure). */
  readonly software: string;
  /**
   * The passive ports handed out spread too wide for a configured range: the server takes any free
   * port, so no firewall rule can match them until the server is given a range.
   */
  readonly passivePortsScattered?: boolean;
}

/**
 * AUDIENCE_LIKELIHOOD: for findings whose cause the probe narrows down, who most likely has to act,
 * most likely first. A TCP reset on the control port nearly always means nothing listens there
 * (a REJECT rule answering with a reset is the rarer cause), while silence means a DROP rule or a
 * security group. A refused data port is different: the server opens its passive socket before it
 * announces the port (vsftpd, ProFTPD and Pure-FTPd listen, then send 227/229), so the reset comes
 * from a REJECT rule or a forward to the wrong host, and the firewall comes first. For every data
 * port the server's own passive range setting comes next: it names the range every firewall and
 * forward on the path has to pass. For findings not listed, audiences keep the order their rule first wrote them in.
 */
const AUDIENCE_LIKELIHOOD: Readonly<Record<string, readonly FixAudience[]>> = {
  'connect.refused': ['server', 'firewall', 'network', 'client'],
  'connect.timeout': ['firewall', 'network', 'server', 'client'],
  'connect.unreachable': ['firewall', 'network', 'server', 'client'],
  'data.port-filtered': ['firewall', 'server', 'network', 'client'],
  'data.port-unreachable': ['firewall', 'server', 'network', 'client'],
  'data.port-closed': ['firewall', 'server', 'network', 'client'],
};

/**
 * FIREWALL_LIKELIHOOD: firewall dialects by how often a Linux FTP host runs them. The Linux packet
 * filters first, led by finding the rule that blocks (advice that fits them all), then iptables
 * (its commands also drive nftables through iptables-nft), then the helper and container layers,
 * then Windows and cloud rules, which only apply where the host lives there.
 */
const FIREWALL_LIKELIHOOD: readonly string[] = [
  PACKET_FILTER_DIALECT,
  'iptables',
  'nftables',
  'ufw',
  'firewalld',
  'conntrack',
  'docker',
  'kubernetes',
  'windows',
  'aws',
];

/** NOT_ON_LOOPBACK: who cannot be the cause when client and server talk over loopback. */
const NOT_ON_LOOPBACK: ReadonlySet<FixAudience> = new Set(['firewall', 'network']);

/**
 * LOCAL_FILTER_PROOF: findings that, on loopback, only the host's own packet filter can cause.
 * A closed port on loopback answers with a reset at once, so silence (a DROP rule), an ICMP error
 * (a REJECT rule) or a scanned range split into reachable and filtered ports proves a local rule;
 * so does a reset from a data port the server had just announced, because the server listens on it
 * before announcing it (see AUDIENCE_LIKELIHOOD): a REJECT rule answered. The fix is the host's
 * firewall, and never a cloud, cluster or Windows rule.
 */
const LOCAL_FILTER_PROOF: ReadonlySet<string> = new Set([
  'connect.timeout',
  'connect.unreachable',
  'data.port-closed',
  'data.port-filtered',
  'data.port-unreachable',
  'scan.partly-blocked',
]);

/** LOCAL_FIREWALLS: the packet filters of the host itself. */
const LOCAL_FIREWALLS: ReadonlySet<string> = new Set([
  PACKET_FILTER_DIALECT,
  'iptables',
  'nftables',
  'ufw',
  'firewalld',
]);

/** fitsLoopback: a fix that can apply when the client talks to the server over loopback. */
function fitsLoopback(findingId: string, fix: Fix): boolean {
  if (!NOT_ON_LOOPBACK.has(fix.audience)) return true;
  return LOCAL_FILTER_PROOF.has(findingId) && fix.audience === 'firewall' && LOCAL_FIREWALLS.has(fix.dialect);
}

function dialectRank(fix: Fix, software: string): number {
  if (fix.audience === 'firewall' || fix.audience === 'network') {
    const index = FIREWALL_LIKELIHOOD.indexOf(fix.dialect);
    return index === -1 ? FIREWALL_LIKELIHOOD.length + FIREWALL_DIALECTS.length : index;
  }
  // The detected product's own setting first, then advice that fits any server, then the rest.
  if (fix.dialect === software) return 0;
  if (fix.dialect === 'generic') return 1;
  return 2;
}

/**
 * rankFixes orders a finding's fixes by how likely each is to help, given what the probe saw, and
 * drops the ones that cannot apply: a loopback target gets no firewall, cloud or container advice,
 * except the host's own packet filter where the probe proved one (see LOCAL_FILTER_PROOF).
 * Audiences come in the order the finding's cause makes likely (see AUDIENCE_LIKELIHOOD), dialects
 * within an audience by the detected software and by how common the product is; ties keep the
 * order the rule wrote. Every format prints fixes in this order.
 */
export function rankFixes(finding: Finding, facts: RankingFacts): Finding {
  const kept = facts.loopback ? finding.fixes.filter((fix) => fitsLoopback(finding.id, fix)) : finding.fixes;
  const written = kept.map((fix, index) => ({ fix, index }));
  const audiences = audienceOrder(finding.id, facts) ?? firstSeenAudiences(kept);
  const audienceRank = (fix: Fix): number => {
    const index = audiences.indexOf(fix.audience);
    return index === -1 ? audiences.length : index;
  };
  written.sort(
    (a, b) =>
      audienceRank(a.fix) - audienceRank(b.fix) ||
      dialectRank(a.fix, facts.software) - dialectRank(b.fix, facts.software) ||
      a.index - b.index,
  );
  return { ...finding, fixes: written.map((entry) => entry.fix) };
}

/** DATA_PORT_FINDINGS: findings about a passive port the client could not reach. */
const DATA_PORT_FINDINGS: ReadonlySet<string> = new Set([
  'data.port-filtered',
  'data.port-unreachable',
  'data.port-closed',
]);

/**
 * audienceOrder: who acts first for this finding. For an unreachable data port of a server that
 * takes any free port, the server comes first: a firewall can only open the range once the server
 * is pinned to one.
 */
function audienceOrder(findingId: string, facts: RankingFacts): readonly FixAudience[] | undefined {
  if (facts.passivePortsScattered && DATA_PORT_FINDINGS.has(findingId)) {
    return ['server', 'firewall', 'network', 'client'];
  }
  return AUDIENCE_LIKELIHOOD[findingId];
}

/** firstSeenAudiences: the audiences in the order the rule first wrote them. */
function firstSeenAudiences(fixes: readonly Fix[]): FixAudience[] {
  return [...new Set(fixes.map((fix) => fix.audience))];
}
