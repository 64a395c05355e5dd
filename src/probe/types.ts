import type { PinnedTlsVersion } from '../protocol/tlsHandshake.js';
import type { AddressFamily, Channel, Reply, TranscriptEntry, TransportFailure } from '../protocol/types.js';

export type { PinnedTlsVersion } from '../protocol/tlsHandshake.js';

/** TlsMode: `auto` uses AUTH TLS when offered; `explicit` requires it; `implicit` speaks TLS first. */
export type TlsMode = 'auto' | 'explicit' | 'implicit' | 'off';

/** Target is one parsed command-line target (`host`, `host:port`, `ftp://user@host:port/path`, …). */
export interface Target {
  /** What the user typed, for reports. Never holds a password (it is stripped when parsing). */
  readonly input: string;
  readonly scheme: 'ftp' | 'ftps' | 'ftpes';
  /** Hostname or IP literal, without IPv6 brackets. */
  readonly host: string;
  readonly port: number;
  readonly user: string | null;
  /** A password given inside the URL (works, but is warned about). */
  readonly urlPassword: string | null;
  /** Directory to list, decoded; null = the login directory. */
  readonly path: string | null;
}

/** ProbeOptions: everything a probe needs besides the target. Plain data; no process access. */
export interface ProbeOptions {
  readonly user: string;
  /** Never printed, never stored in a report. */
  readonly password: string;
  readonly account: string | null;
  readonly tls: TlsMode;
  readonly family: AddressFamily | null;
  readonly connectTimeoutMs: number;
  readonly replyTimeoutMs: number;
  readonly dataTimeoutMs: number;
  /** Overall deadline for one target; every wait is also cut short by it. */
  readonly deadlineMs: number;
  readonly samples: number;
  readonly active: boolean;
  readonly trustPasvAddress: boolean;
  readonly insecure: boolean;
  /** Extra CA certificates (PEM), already read by the CLI. */
  readonly ca: string | null;
  readonly allAddresses: boolean;
  /**
   * --single-connection: never open a second control connection (PASV is then tested on the
   * first, after the listing). For servers that allow one session per address, or admins who do
   * not want two logins in their logs.
   */
  readonly singleConnection?: boolean;
  /** Optional range to map with --scan-range; null = off. */
  readonly scanRange: PortRange | 'inferred' | null;
  /**
   * --fingerprint deep: commands asked before login and again at the end of the session (HELP,
   * STAT, an unknown verb …) only for their wording; the knowledge layer chooses them. None by
   * default, so the default probe sends nothing extra.
   */
  readonly fingerprintQueries?: readonly string[];
  /** --tls-version: offer only this TLS version on control and data connections; absent = any. */
  readonly tlsVersion?: PinnedTlsVersion | null;
  /**
   * --compare-plain: after a TLS session, ask for PASV once more without TLS (logging in with the
   * same credentials in clear text) to find a router that rewrites plain FTP. Anonymous logins
   * are compared without it.
   */
  readonly comparePlain?: boolean;
  /** --write-test: upload, read back and delete a temporary file; absent or null = off. */
  readonly writeTest?: WriteTestOptions | null;
}

/** WriteTestOptions: where to write the temporary file and how big it is. */
export interface WriteTestOptions {
  /** Directory to write into; null = the login directory. */
  readonly directory: string | null;
  readonly sizeBytes: number;
  /** Without it, an anonymous login skips the write test (an anonymous upload area is rare and public). */
  readonly allowAnonymous: boolean;
}

export interface PortRange {
  readonly low: number;
  readonly high: number;
}

/** StepStatus is decided by the diagnosis (the worst finding of the step), not by the probe. */
export type StepStatus = 'ok' | 'warn' | 'fail' | 'skipped';

/** FailureInfo is a caught error flattened to data, keeping the three kinds apart. */
export type FailureInfo =
  | {
      readonly kind: 'refusal';
      readonly command: string;
      readonly replyCode: number;
      readonly message: string;
    }
  | {
      readonly kind: 'protocol';
      readonly violation: string;
      readonly message: string;
      readonly offendingText?: string;
    }
  | {
      readonly kind: 'transport';
      readonly channel: Channel;
      readonly failure: TransportFailure;
      readonly errno?: string;
      readonly message: string;
    }
  | { readonly kind: 'deadline'; readonly message: string };

/** Exchange is one command and the replies it drew (a 1yz preliminary reply, then the final one). */
export interface Exchange {
  /** The command as sent, PASS masked; null for replies nobody asked for (the greeting). */
  readonly command: string | null;
  readonly replies: readonly Reply[];
  readonly durationMs: number;
  readonly failure?: FailureInfo;
}

export type { AddressClass, PortTestOutcome } from '../protocol/types.js';

import type { AddressClass, PortTestOutcome, PortTest as TcpPortTest } from '../protocol/types.js';

/**
 * PortTest: one test-connect of a data port. `cutShort` is set when the deadline or a signal
 * ended the wait with no answer so far: the outcome is then 'filtered' and `durationMs` says how
 * long the port stayed silent.
 */
export interface PortTest extends TcpPortTest {
  readonly cutShort?: Interruption;
}

export interface ResolveData {
  readonly host: string;
  readonly addresses: readonly { readonly address: string; readonly family: AddressFamily }[];
  /** The address this probe connected to. */
  readonly chosen: string | null;
  readonly failure?: FailureInfo;
}

export interface ConnectData {
  readonly address: string;
  readonly port: number;
  readonly family: AddressFamily;
  readonly localAddress?: string;
  readonly failure?: FailureInfo;
  /** Implicit TLS: the handshake happens as part of connecting. */
  readonly implicitTls: boolean;
}

export interface BannerData {
  /** 120 "ready in N minutes" replies seen before the final greeting. */
  readonly preliminary: readonly Reply[];
  readonly greeting: Reply | null;
  /** Text read when the bytes were not FTP at all (an SSH or HTTP banner, a TLS record). */
  readonly nonFtpText?: string;
  /** Set when no greeting came at all: whether a TLS handshake was tried on a second connection. */
  readonly implicitTlsCheck?: ImplicitTlsCheck;
  readonly failure?: FailureInfo;
}

/**
 * ImplicitTlsCheck: an implicit-FTPS port stays silent until the client starts TLS, so after a
 * silent banner the probe opens a second connection and tries a TLS handshake right away.
 * `handshake-completed` means the port speaks implicit FTPS; `not-tried` says why it was skipped.
 */
export interface ImplicitTlsCheck {
  readonly outcome: 'handshake-completed' | 'handshake-failed' | 'connect-failed' | 'not-tried';
  /** Why the check did not run (e.g. '--tls off'); null when it ran. */
  readonly notTriedReason: string | null;
  readonly protocol: string | null;
  readonly handshakeMs: number | null;
  /** Time for the whole check: connect plus handshake. */
  readonly durationMs: number;
  /**
   * After a completed handshake: the first line received inside TLS (untrusted), or null when
   * nothing came. An implicit-FTPS server greets at once; an HTTPS server waits for the client.
   */
  readonly greetingOverTls?: string | null;
  readonly failure?: FailureInfo;
}

export interface FeaturesData {
  readonly feat: Reply | null;
  /** Feature lines, trimmed, upper-cased keyword first (e.g. 'AUTH TLS', 'EPSV', 'MLST type*;size*;'). */
  readonly features: readonly string[];
  readonly featuresAfterLogin: readonly string[] | null;
  readonly syst: Reply | null;
  readonly authTlsOffered: boolean;
  /** HELP reply, when asked (it helps fingerprinting servers with bland banners). */
  readonly help: Reply | null;
}

export interface CertificateInfo {
  readonly subject: string;
  readonly subjectAltNames: readonly string[];
  readonly issuer: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly daysLeft: number;
  readonly selfSigned: boolean;
  readonly fingerprint256: string;
}

export interface TlsData {
  readonly mode: TlsMode;
  readonly attempted: boolean;
  readonly authReply: Reply | null;
  readonly protocol: string | null;
  readonly cipher: string | null;
  readonly handshakeMs: number | null;
  readonly certificate: CertificateInfo | null;
  /** Chain verified against the trust store (plus --ca). */
  readonly trusted: boolean | null;
  readonly trustError: string | null;
  readonly nameMatches: boolean | null;
  readonly pbszReply: Reply | null;
  readonly protReply: Reply | null;
  /** 'private' after PROT P was accepted. */
  readonly dataProtection: 'private' | 'clear';
  /**
   * TLS auto mode only: the server refused the anonymous login over TLS (vsftpd's default
   * allow_anon_ssl=NO), so the probe started again without TLS; this is that refusal.
   */
  readonly anonymousLoginRefused?: Reply;
  readonly failure?: FailureInfo;
}

export interface LoginData {
  readonly user: string;
  readonly anonymous: boolean;
  readonly loggedIn: boolean;
  /** The reply that decided the outcome (230, 530, …). */
  readonly finalReply: Reply | null;
  /** The greeting itself logged the session in (230): no USER or PASS was sent. */
  readonly preauthenticated?: boolean;
  readonly failure?: FailureInfo;
}

export interface PassiveSample {
  readonly reply: Reply | null;
  readonly port: number | null;
}

export interface EpsvData {
  readonly reply: Reply | null;
  readonly port: number | null;
  readonly parseError: string | null;
  readonly portTest: PortTest | null;
  readonly samples: readonly PassiveSample[];
  /** EPSV ALL support, when checked. */
  readonly epsvAll: Reply | null;
  readonly failure?: FailureInfo;
}

export interface PasvData {
  readonly reply: Reply | null;
  readonly advertisedHost: string | null;
  readonly port: number | null;
  readonly addressClass: AddressClass | null;
  readonly parseError: string | null;
  /** Test-connect of the port on the control connection's address. */
  readonly portTest: PortTest | null;
  /** Test-connect of the advertised address; only with --trust-pasv-address. */
  readonly advertisedPortTest: PortTest | null;
  readonly samples: readonly PassiveSample[];
  /**
   * When PASV was tested on a second control connection: that connection's first greeting line.
   * Another greeting than the first connection's means another server behind the same address.
   */
  readonly greetingOnSecondConnection?: string;
  readonly failure?: FailureInfo;
}

export interface TransferData {
  readonly command: string | null;
  readonly via: 'epsv' | 'pasv' | null;
  readonly dataHost: string | null;
  readonly dataPort: number | null;
  readonly preliminaryReply: Reply | null;
  readonly finalReply: Reply | null;
  readonly bytes: number;
  readonly entries: number;
  /** First few listing lines (untrusted). */
  readonly preview: readonly string[];
  readonly protectedByTls: boolean;
  /** False when the TCP connect to the listing's data port failed; null when not tried. */
  readonly dataConnected: boolean | null;
  /** Whether the data connection resumed the control connection's TLS session. */
  readonly tlsSessionReused: boolean | null;
  /** Whether a second data connection that did NOT resume the TLS session was refused (null = not checked). */
  readonly reuseRequired: boolean | null;
  /**
   * Set when the resumed listing failed after TCP connected: true when a listing over a new TLS
   * session (no resumption) then worked — the server breaks with clients that resume.
   */
  readonly resumptionRefused?: boolean;
  readonly failure?: FailureInfo;
}

export interface ActiveData {
  readonly attempts: readonly {
    readonly command: 'EPRT' | 'PORT';
    readonly reply: Reply | null;
    readonly listenAddress: string;
    readonly listenPort: number;
    /** Whether the server connected back before the data timeout. */
    readonly connectedBack: boolean;
    readonly connectedFrom: string | null;
    readonly transferReply: Reply | null;
  }[];
  readonly failure?: FailureInfo;
}

export interface ScanData {
  readonly range: PortRange;
  readonly host: string;
  /** Compact runs of ports with the same outcome, in port order. */
  readonly runs: readonly {
    readonly low: number;
    readonly high: number;
    readonly outcome: PortTestOutcome;
  }[];
  readonly durationMs: number;
}

export interface QuitData {
  readonly reply: Reply | null;
  readonly failure?: FailureInfo;
}

/**
 * StepDataMap: each report step's name and the data its record carries. The steps below are the
 * core ones; a step defined in a module of its own adds its row from there (`declare module
 * '../types.js' { interface StepDataMap { … } }`, as src/probe/steps/middleboxStep.ts does), so a
 * new step does not edit this file. Every table keyed by step name (the step table's report
 * order, the diagnosis's step knowledge) then fails to compile until it has the new row.
 */
export interface StepDataMap {
  resolve: ResolveData;
  connect: ConnectData;
  banner: BannerData;
  features: FeaturesData;
  tls: TlsData;
  login: LoginData;
  epsv: EpsvData;
  pasv: PasvData;
  transfer: TransferData;
  active: ActiveData;
  scan: ScanData;
  quit: QuitData;
}

/** StepName: a report step, one per row of StepDataMap. */
export type StepName = Extract<keyof StepDataMap, string>;

/** StepRecord is what the probe measured for one step; the status comes later from the diagnosis. */
export interface StepRecord<N extends StepName = StepName> {
  readonly name: N;
  readonly ran: boolean;
  /** Why the step did not run (e.g. 'login failed', 'not requested'). */
  readonly skippedReason?: string;
  readonly startedAtMs: number;
  readonly durationMs: number;
  readonly exchanges: readonly Exchange[];
  readonly data: StepDataMap[N] | null;
  /**
   * Set when the overall deadline or a signal ended the step before it finished: the exchanges
   * are what it saw until then, and `data` is null unless the step could still say what it found.
   */
  readonly cutShort?: Interruption;
}

/** Interruption: what stopped a probe early, the overall deadline (--deadline) or a signal. */
export type Interruption = 'deadline' | 'signal';

export type AnyStepRecord = { [N in StepName]: StepRecord<N> }[StepName];

/** ProbeResult is the raw evidence one probe of one address collected. */
export interface ProbeResult {
  readonly target: Target;
  readonly options: Omit<ProbeOptions, 'password'>;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly steps: readonly AnyStepRecord[];
  readonly transcript: readonly TranscriptEntry[];
  /** Set when the overall deadline or a signal cut the probe short. */
  readonly interrupted: Interruption | null;
  /** Which signal, when one interrupted the probe and the caller named it. */
  readonly interruptedBy?: 'SIGINT' | 'SIGTERM';
}

/** Type-safe accessor for a step's record. */
export function findStep<N extends StepName>(result: ProbeResult, name: N): StepRecord<N> | undefined {
  return result.steps.find((step) => step.name === name) as StepRecord<N> | undefined;
}
