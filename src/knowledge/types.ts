import type { ProbeResult, StepName, StepStatus } from '../probe/types.js';
import type { ServerFingerprint } from './servers/serverFingerprint.js';

/** SEVERITIES lists the severities worst first; it is the one severity order every ranking uses. */
export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** compareSeverity sorts worst first: a negative result puts `a` before `b`. */
export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b);
}

export { EXIT, type ExitCode } from './exitCodes.js';

import type { RepeatAggregate } from './diagnosis/repeatedSessions.js';
import type { ExitCode } from './exitCodes.js';
import type { Sources } from './sources.js';

/** Who acts on a fix: the firewall admin, the FTP server admin, the client's user, the network team. */
export type FixAudience = 'firewall' | 'server' | 'client' | 'network';

/**
 * Fix is one concrete remedy. `dialect` names the product the text is written for:
 * firewalls 'iptables' | 'nftables' | 'ufw' | 'firewalld' | 'windows' | 'aws' | 'kubernetes' | 'conntrack';
 * servers 'vsftpd' | 'proftpd' | 'pure-ftpd' | 'filezilla-server' | 'iis' | 'pyftpdlib' | 'generic';
 * clients 'curl' | 'filezilla' | 'generic'.
 */
export interface Fix {
  readonly audience: FixAudience;
  readonly dialect: string;
  readonly title: string;
  /** Exact text to paste: commands or configuration lines. May be several lines. */
  readonly text: string;
  /** The manual pages, documentation or sources the text follows (src/knowledge/sources.ts). At least one. */
  readonly sources: Sources;
}

/** Evidence: the reply or error that proves a finding. Server text inside stays untrusted. */
export type Evidence =
  | { readonly kind: 'reply'; readonly command: string | null; readonly code: number; readonly text: string }
  | {
      readonly kind: 'error';
      readonly channel: 'control' | 'data';
      readonly failure: string;
      readonly errno?: string;
      readonly message: string;
    }
  | { readonly kind: 'observation'; readonly text: string };

export interface Finding {
  /** Stable id such as 'pasv.address-private' or 'data.port-filtered'. */
  readonly id: string;
  readonly severity: Severity;
  readonly step: StepName;
  readonly title: string;
  /** Plain-words explanation of what is wrong and why it matters. */
  readonly detail: string;
  readonly evidence: readonly Evidence[];
  readonly fixes: readonly Fix[];
  /** Exit code this finding implies when its severity is 'error'. */
  readonly exitCode: ExitCode;
  /** Where the explanation can be checked (from the finding catalog). */
  readonly sources: Sources;
}

export interface StepVerdict {
  readonly name: StepName;
  readonly status: StepStatus;
  /** One line saying what the step showed, e.g. 'EPSV → port 40012, open (1 ms)'. */
  readonly summary: string;
}

export interface Verdict {
  readonly status: 'healthy' | 'warning' | 'failed';
  readonly exitCode: ExitCode;
  /** One line for the top of a report and for `--quiet`. */
  readonly headline: string;
}

/** Diagnosis: the pure judgement over a ProbeResult. */
export interface Diagnosis {
  /** The server software, recognised from banner, SYST, FEAT and HELP (software 'unknown' when unsure). */
  readonly server: ServerFingerprint;
  readonly findings: readonly Finding[];
  readonly steps: readonly StepVerdict[];
  readonly verdict: Verdict;
}

/** TargetReport: what every renderer receives for one target. */
export interface TargetReport {
  readonly probe: ProbeResult;
  readonly diagnosis: Diagnosis;
  /** --repeat: the series this report sums up (probe and diagnosis are its worst session). */
  readonly repeat?: RepeatAggregate;
}
