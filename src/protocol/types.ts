/**
 * Reply is one complete FTP reply (RFC 959 §4.2), single- or multi-line.
 *
 *   220-Welcome          lines[0] = '220-Welcome'
 *    to the server       lines[1] = ' to the server'
 *   220 Ready            lines[2] = '220 Ready'   code = 220, text = 'Welcome\n to the server\nReady'
 */
export interface Reply {
  readonly code: number;
  /** Raw lines as received, without line terminators; still untrusted server text. */
  readonly lines: readonly string[];
  /** The human text: the first line without `NNN-`, inner lines as they are, the last without `NNN `. */
  readonly text: string;
  /** Set when the reply was longer than ftp-doctor keeps (limits.ts): what was received in full. */
  readonly cut?: ReplyCut;
}

/**
 * ReplyCut describes a reply that was cut to the kept limits: the sizes as received, so the
 * diagnosis can say which clients would struggle with it.
 */
export interface ReplyCut {
  /** Characters of the longest line, terminator excluded. */
  readonly longestLine: number;
  /** Lines received, the kept ones included. */
  readonly lines: number;
  /** Characters received, terminators included. */
  readonly chars: number;
}

/** Channel names the connection whose transport failed: part of the diagnosis. */
export type Channel = 'control' | 'data';

/**
 * TransportFailure tells apart how a TCP (or TLS) connection failed, because each one points at a
 * different culprit: `refused` = RST (nothing listens, or a firewall REJECTs with tcp-reset),
 * `timeout` = silence (a DROP rule, a dead host), `unreachable` = ICMP error (a REJECT with an ICMP
 * type, no route), `reset` = RST after the connection was up, `closed` = orderly close by the peer.
 */
export type TransportFailure =
  | 'dns'
  | 'refused'
  | 'timeout'
  | 'unreachable'
  | 'reset'
  | 'closed'
  | 'tls'
  | 'other';

/** Direction of a transcript line, seen from ftp-doctor. */
export type TranscriptDirection = 'sent' | 'received' | 'event';

/**
 * TranscriptEntry is one line of the control-channel conversation. Sent `PASS` lines are stored
 * already masked (`PASS ****`): the password never enters a transcript.
 */
export interface TranscriptEntry {
  readonly direction: TranscriptDirection;
  readonly text: string;
  /** Milliseconds since the probe of this target started. */
  readonly atMs: number;
  readonly channel: Channel;
}

/** AddressFamily as node:net names it. */
export type AddressFamily = 4 | 6;

/**
 * PortTestOutcome: what a plain TCP connect to a data port showed.
 * open = handshake completed; closed = RST (refused); filtered = no answer before the data timeout;
 * unreachable = ICMP error (EHOSTUNREACH / ENETUNREACH / EACCES from a REJECT rule).
 */
export type PortTestOutcome = 'open' | 'closed' | 'filtered' | 'unreachable';

export interface PortTest {
  readonly host: string;
  readonly port: number;
  readonly outcome: PortTestOutcome;
  readonly errno?: string;
  readonly durationMs: number;
}

/** AddressClass: how a PASV-advertised address relates to the control connection's peer. */
export type AddressClass =
  | 'same'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'docker-bridge' /* 172.17.0.0/16, Docker's default bridge: a container's own address */
  | 'link-local'
  | 'shared' /* 100.64.0.0/10 carrier-grade NAT */
  | 'different-public';
