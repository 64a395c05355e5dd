/**
 * The vocabulary for scripting the fake FTP server. Everything here is plain data (plus optional
 * callbacks) so a fault can be written down in one line of a test table.
 */

/**
 * FakeStep is one thing the server does on the control (or, for bodies, data) connection.
 *
 *   { lines: ['220-Hi', '220 Ready'] }     each line sent followed by CRLF
 *   { raw: '220 bare LF\n' }               bytes sent exactly as given (no CRLF added)
 *   { slow: '220 Hi\r\n', bytesPerSecond: 1 } bytes trickled out at the given rate
 *   { delayMs: 500 }                       wait before the next step
 *   { close: 'end' }                       orderly close (FIN)
 *   { close: 'reset' }                     abortive close (RST)
 *   { hang: true }                         stop answering: later commands are read and ignored
 */
export type FakeStep =
  | { readonly lines: readonly string[] }
  | { readonly raw: string | Uint8Array }
  | { readonly slow: string | Uint8Array; readonly bytesPerSecond: number }
  | { readonly delayMs: number }
  | { readonly close: 'end' | 'reset' }
  | { readonly hang: true };

/**
 * FakeReply is what the server sends for one cue (the greeting, or one command).
 *
 * A string is one line and a string array several lines, each sent with CRLF and without any
 * checking, so malformed codes (`2x0`, `22`), duplicate replies and multi-line replies without an
 * end line are all written the same way. `{ steps: [] }` answers nothing at all.
 */
export type FakeReply = string | readonly string[] | FakeStep | { readonly steps: readonly FakeStep[] };

/** FakeSession is what a reply callback may read about the connection it answers. */
export interface FakeSession {
  /** 1 for the first connection the server accepted, 2 for the next, … */
  readonly connectionIndex: number;
  readonly remoteAddress: string;
  /** The name given with USER, if any. */
  readonly user: string | null;
  readonly loggedIn: boolean;
  /** True once the control connection runs over TLS (after AUTH TLS, or from the start if implicit). */
  readonly secure: boolean;
  /** The data-channel protection level set with PROT (C = clear, P = private). */
  readonly protection: 'C' | 'P';
  readonly cwd: string;
  /** Commands received on this connection so far, PASS masked, the current one last. */
  readonly commands: readonly string[];
}

/** FakeCommandContext is handed to a reply callback for one received command. */
export interface FakeCommandContext {
  /** The verb in upper case, e.g. `EPSV`. */
  readonly verb: string;
  /** Everything after the first space, as received. */
  readonly arg: string;
  readonly session: FakeSession;
  /**
   * openPassivePort opens a one-shot data listener (behaving as `dataPort` says) and returns its
   * port, so a callback can write its own malformed 227/229 around a port that really works.
   * A later transfer command uses this listener as if PASV/EPSV had opened it.
   */
  openPassivePort(): Promise<number>;
}

/**
 * FakeReplyCallback computes a reply on the fly. Returning undefined falls back to the default
 * behaviour for the command, so a callback can misbehave on, say, the second call only.
 */
export type FakeReplyCallback = (
  context: FakeCommandContext,
) => FakeReply | undefined | Promise<FakeReply | undefined>;

/**
 * DataPortBehaviour says what happens on the ports that PASV and EPSV advertise.
 * - `normal`: accept one connection and carry the transfer.
 * - `closed`: advertise a port where nothing listens (connecting gets a RST).
 * - `accept-then-reset`: accept, then reset the connection at once.
 * - `accept-silent`: accept and never send or close; a transfer answers 150 and then nothing.
 * - `endless`: accept; a listing never ends (stops after `ENDLESS_LISTING_LIMIT_BYTES` or when the
 *   peer closes).
 * - `stall-midway`: accept, send the first half of the listing, then nothing more and no final
 *   reply, as a transfer looks through a path-MTU black hole.
 */
export type DataPortBehaviour =
  | 'normal'
  | 'closed'
  | 'accept-then-reset'
  | 'accept-silent'
  | 'endless'
  | 'stall-midway';

/** FakeUser is an account: a password, and optionally an account name that ACCT must supply (332). */
export type FakeUser = string | { readonly password: string; readonly account?: string };

/**
 * FakeTlsOptions turns on AUTH TLS (or implicit TLS) with the given PEM certificate and key.
 * - `implicit`: TLS from the first byte, as on port 990; AUTH TLS is then refused.
 * - `requireSessionReuse`: a TLS data connection that did not resume the control connection's
 *   session is refused with `522 SSL connection failed: session reuse required` (vsftpd's
 *   `require_ssl_reuse=YES`).
 * - `refuseResumedSessions`: the reverse, a server that breaks when the client resumes: a TLS data
 *   connection that did resume is refused with `522 SSL connection failed.`
 * - `requireTlsForLogin`: USER on a plain control connection gets 530 (vsftpd's
 *   `force_local_logins_ssl`, applied to every account here, anonymous included).
 * - `handshake`: `normal`; `stall` reads the ClientHello and never answers; `garbage` answers it
 *   with bytes that are not TLS.
 */
export interface FakeTlsOptions {
  readonly cert?: string;
  readonly key?: string;
  readonly implicit?: boolean;
  readonly requireSessionReuse?: boolean;
  /** The opposite fault: a data connection that resumed the control session is refused with 522. */
  readonly refuseResumedSessions?: boolean;
  readonly requireTlsForLogin?: boolean;
  readonly handshake?: 'normal' | 'stall' | 'garbage';
}

/**
 * FakeServerScript describes one fake FTP server. Every field is optional: `{}` is a healthy,
 * RFC-conformant anonymous server on 127.0.0.1 at a free port.
 *
 *   { replies: { EPSV: '500 Unknown command.' } }            EPSV refused, PASV still works
 *   { pasvAdvertise: '10.0.0.5' }                            227 names a private address
 *   { greeting: { steps: [] } }                              banner never sent
 *   { greeting: { slow: '220 Hi\r\n', bytesPerSecond: 1 } }  banner one byte per second
 *   { dataPort: 'closed' }                                   EPSV and PASV ports refuse connections
 *   { transferReplies: { completion: { steps: [] } } }       150, data, then silence on control
 */
export interface FakeServerScript {
  /** Address to listen on: loopback (default `127.0.0.1`, or `::1`) or a test-namespace address. */
  readonly host?: string;
  /** Port to listen on; 0 (default) picks a free one. */
  readonly port?: number;
  /** What to send on accept; default a multi-line 220. */
  readonly greeting?: FakeReply;
  /** Lines listed by FEAT (without the leading space); null makes FEAT answer 502. */
  readonly features?: readonly string[] | null;
  /** Per-verb overrides (keys in upper case, e.g. `EPSV`, `AUTH`, `PASS`). */
  readonly replies?: Readonly<Record<string, FakeReply | FakeReplyCallback>>;
  /** Address written into 227 replies instead of the listening address; never connected to. */
  readonly pasvAdvertise?: string;
  /** Behaviour of passive data ports, for both modes or per mode. */
  readonly dataPort?:
    | DataPortBehaviour
    | { readonly epsv?: DataPortBehaviour; readonly pasv?: DataPortBehaviour };
  /** Replies around a transfer: `opening` replaces the 150, `completion` the 226. */
  readonly transferReplies?: { readonly opening?: FakeReply; readonly completion?: FakeReply };
  /** Files in the (single, flat) directory; default one small `readme.txt`. */
  readonly files?: Readonly<Record<string, string>>;
  /**
   * What STOR does: `refused` (default) answers 550; `stored` keeps the upload in memory, where
   * SIZE, RETR and DELE find it; `stored-ascii` too, but sends it back with every LF as CR LF,
   * like a server that converts line ends whatever TYPE the client chose.
   */
  readonly uploads?: 'refused' | 'stored' | 'stored-ascii';
  /** Raw body for LIST, replacing the one generated from `files`. */
  readonly listing?: string | Uint8Array;
  /** Accounts by user name. */
  readonly users?: Readonly<Record<string, FakeUser>>;
  /**
   * Wording of the login replies, keeping the login itself working: `userOk` replaces the text of
   * the 331 to USER, `loggedIn` the text of the 230 (default: vsftpd's wording).
   */
  readonly loginWording?: { readonly userOk?: string; readonly loggedIn?: string };
  /** Whether `anonymous` and `ftp` may log in with any password; default true. */
  readonly anonymous?: boolean;
  readonly tls?: FakeTlsOptions;
  /** Connections beyond this many at once get `421` and are closed. */
  readonly maxConnections?: number;
  /** How long a passive listener waits for its connection, and a transfer for its data peer. */
  readonly dataTimeoutMs?: number;
  /** A control connection with no command for this long is closed with 421; default 60 s. */
  readonly idleTimeoutMs?: number;
}

/** FakeFtpServer is a running fake server. */
/**
 * FakeServerEvent: what the server announces as it happens, so a test can act at a precise
 * moment of a probe (deliver a signal when the client sends PASV, or when it connects to a data
 * port). Commands are announced when they arrive, before any reply.
 */
export type FakeServerEvent =
  | { readonly kind: 'connection'; readonly connection: number }
  | { readonly kind: 'command'; readonly connection: number; readonly command: string }
  | { readonly kind: 'data-connection' };

export interface FakeFtpServer {
  readonly host: string;
  readonly port: number;
  /** onEvent calls `listener` for every event from now on; the returned function stops it. */
  onEvent(listener: (event: FakeServerEvent) => void): () => void;
  /** Sockets the server holds open now (control and data), for tests that look for leaks. */
  readonly openSockets: number;
  /** Number of control connections accepted so far. */
  readonly connections: number;
  /** Every command received on any connection, in order, with the PASS argument masked. */
  readonly commandsSeen: readonly string[];
  /** Number of data connections accepted on passive ports (and made for active mode). */
  readonly dataConnectionsAccepted: number;
  /** close stops listening and destroys every socket and timer; it never rejects. */
  close(): Promise<void>;
}

/** ENDLESS_LISTING_LIMIT_BYTES bounds an `endless` listing so a broken client cannot fill a disk. */
export const ENDLESS_LISTING_LIMIT_BYTES = 64 * 1024 * 1024;
