import type {
  FakeCommandContext,
  FakeReply,
  FakeReplyCallback,
  FakeServerScript,
} from '../../src/fakeServer/fakeServerScript.js';
import type { FindingId } from '../../src/knowledge/diagnosis/findingCatalog.js';

/**
 * The fault matrix: every way a hostile or broken server misbehaves that ftp-doctor
 * recognises, with the finding it must report and the exit code of docs/architecture.md, "Exit codes". The same rows
 * drive test/faults/faultMatrix.test.ts and docs/fault-matrix.md (scripts/fault-matrix.mjs).
 */

/** FaultArea groups the rows in the documentation, in probe order. */
export type FaultArea = 'connection' | 'greeting' | 'framing' | 'session' | 'passive' | 'data' | 'tls';

export const AREA_TITLES: Readonly<Record<FaultArea, string>> = {
  connection: 'Connection',
  greeting: 'Greeting',
  framing: 'Reply framing and encoding',
  session: 'Replies out of turn',
  passive: 'EPSV and PASV replies',
  data: 'Data connections',
  tls: 'TLS',
};

/** FaultRow is one misbehaviour of the fake server and what the probe must make of it. */
export interface FaultRow {
  /** Stable slug, used in test names. */
  readonly id: string;
  readonly area: FaultArea;
  /** What the server does, in a sentence for the documentation. */
  readonly misbehaviour: string;
  /** The fake server's script; a function when the row needs fresh state per run. */
  readonly script: () => FakeServerScript;
  /** CLI flags added to the fast timeouts (e.g. `--tls explicit`). */
  readonly args?: readonly string[];
  /** The URL scheme to probe with; `ftp` (plain `host:port`) when absent. */
  readonly scheme?: 'ftps' | 'ftpes';
  /** The finding that must be reported, or null for a probe that must come out healthy. */
  readonly finding: FindingId | null;
  readonly exitCode: number;
  /** Findings that must not be reported (a misdiagnosis this row guards against). */
  readonly absent?: readonly FindingId[];
  /** Wall-clock budget for the whole CLI run, in ms; the default covers the 1 s timeouts twice. */
  readonly maxMs?: number;
  /** Runs in-process (runProbe + diagnose) instead of through the CLI subprocess. */
  readonly inProcess?: boolean;
}

/** Text that tries to take over a terminal: CSI colour and clear, OSC title and hyperlink, C1 CSI. */
export const ESCAPES =
  '\x1b[31mred\x1b[0m \x1b[2J\x1b]0;owned title\x07 \x1b]8;;http://x.invalid/\x1b\\link\x1b]8;;\x1b\\ \u009b1m';
/** Bidi overrides and isolates that make `exe.txt` read as `txt.exe`. */
export const BIDI =
  'invoice\u202Etxt.exe\u202C \u2066isolate\u2069 \u202Aembed\u202C \u202Bembed\u202C \u202Doverride\u202C';
/** Backspaces that would overwrite `admin` with `guest` on a terminal, and a NUL. */
export const BACKSPACES = 'admin\b\b\b\b\bguest\u0000end';
/** Everything above in one string. */
export const HOSTILE = `${ESCAPES} ${BIDI} ${BACKSPACES}`;

function p1p2(port: number): string {
  return `${Math.floor(port / 256)},${port % 256}`;
}

/** pasvReply answers PASV with a text built around a port that really listens. */
function pasvReply(text: (port: number) => string): FakeReplyCallback {
  return async (ctx: FakeCommandContext): Promise<FakeReply> => text(await ctx.openPassivePort());
}

/** epsvReply answers EPSV with a text built around a port that really listens. */
function epsvReply(text: (port: number) => string): FakeReplyCallback {
  return async (ctx: FakeCommandContext): Promise<FakeReply> => text(await ctx.openPassivePort());
}

/** onlyWhen answers a verb with `reply` the first time only; later calls behave normally. */
function firstTimeOnly(reply: FakeReply): FakeReplyCallback {
  let used = false;
  return () => {
    if (used) return undefined;
    used = true;
    return reply;
  };
}

const LONG_LINE = `220 ${'A'.repeat(1024 * 1024)}`;
const MANY_LINES = [
  '220-Welcome',
  ...Array.from({ length: 9_998 }, (_, i) => `220-line ${i}`),
  '220 End of the longest greeting ever',
];

export const FAULT_ROWS: readonly FaultRow[] = [
  // Connection
  {
    id: 'close-after-accept',
    area: 'connection',
    misbehaviour: 'Accepts the TCP connection and closes it at once (FIN)',
    script: () => ({ greeting: { close: 'end' } }),
    finding: 'banner.closed',
    exitCode: 4,
  },
  {
    id: 'reset-after-accept',
    area: 'connection',
    misbehaviour: 'Accepts the TCP connection and resets it at once (RST)',
    script: () => ({ greeting: { close: 'reset' } }),
    finding: 'banner.closed',
    exitCode: 4,
  },

  // Greeting
  {
    id: 'banner-never-sent',
    area: 'greeting',
    misbehaviour: 'Never sends a greeting',
    script: () => ({ greeting: { steps: [] } }),
    finding: 'banner.missing',
    exitCode: 4,
  },
  {
    id: 'banner-one-byte-per-second',
    area: 'greeting',
    misbehaviour: 'Sends a short, valid greeting (`220`) one byte per second: slow, but within the timeouts',
    script: () => ({ greeting: { slow: '220\r\n', bytesPerSecond: 1 } }),
    args: ['--reply-timeout', '8s', '--deadline', '20s'],
    finding: null,
    exitCode: 0,
    // Five bytes take four seconds; the bound leaves room for a second control connection.
    maxMs: 12_000,
  },
  {
    id: 'banner-mib-line',
    area: 'greeting',
    misbehaviour: 'Sends a 1 MiB greeting line with no line end',
    script: () => ({ greeting: { raw: LONG_LINE } }),
    finding: 'banner.malformed',
    exitCode: 4,
  },
  {
    id: 'banner-10000-lines',
    area: 'greeting',
    misbehaviour: 'Sends a 10,000-line multi-line greeting',
    script: () => ({ greeting: MANY_LINES }),
    // curl 7.88 and lftp 4.9 log in behind a 20,000-line greeting (src/protocol/limits.ts).
    finding: 'reply.oversized',
    exitCode: 0,
  },
  {
    id: 'banner-code-2x0',
    area: 'greeting',
    misbehaviour: 'Greets with a code that is not three digits: `2x0 Hello`',
    script: () => ({ greeting: '2x0 Hello' }),
    finding: 'banner.malformed',
    exitCode: 4,
  },
  {
    id: 'banner-code-22',
    area: 'greeting',
    misbehaviour: 'Greets with a two-digit code: `22 Hello`',
    script: () => ({ greeting: '22 Hello' }),
    finding: 'banner.malformed',
    exitCode: 4,
  },
  {
    id: 'banner-code-2200',
    area: 'greeting',
    misbehaviour: 'Greets with a four-digit code: `2200 Hello`',
    script: () => ({ greeting: '2200 Hello' }),
    finding: 'banner.malformed',
    exitCode: 4,
  },
  {
    id: 'banner-multiline-no-end',
    area: 'greeting',
    misbehaviour: 'Starts a multi-line greeting (`220-`) and never sends its last line',
    script: () => ({
      greeting: { steps: [{ lines: ['220-Welcome', '220-still talking'] }, { hang: true }] },
    }),
    finding: 'banner.malformed',
    exitCode: 4,
  },
  {
    id: 'banner-120-then-220',
    area: 'greeting',
    misbehaviour: 'Answers 120 ("ready in a minute"), then 220 a moment later',
    script: () => ({
      greeting: {
        steps: [{ lines: ['120 Service ready in 1 minute.'] }, { delayMs: 300 }, { lines: ['220 Ready.'] }],
      },
    }),
    finding: 'banner.delayed',
    exitCode: 0,
  },
  {
    id: 'banner-120-forever',
    area: 'greeting',
    misbehaviour: 'Answers 120 and never becomes ready',
    script: () => ({
      greeting: { steps: [{ lines: ['120 Service ready in 10 minutes.'] }, { hang: true }] },
    }),
    finding: 'banner.not-ready',
    exitCode: 4,
  },
  {
    id: 'banner-421-close',
    area: 'greeting',
    misbehaviour: 'Greets with 421 and closes the connection',
    script: () => ({ greeting: { steps: [{ lines: ['421 Too many users.'] }, { close: 'end' }] } }),
    finding: 'banner.service-unavailable',
    exitCode: 4,
  },
  {
    id: 'banner-reset-mid-reply',
    area: 'greeting',
    misbehaviour: 'Resets the connection in the middle of the greeting',
    script: () => ({
      greeting: { steps: [{ raw: '220-Welcome\r\n220-half a li' }, { delayMs: 50 }, { close: 'reset' }] },
    }),
    finding: 'banner.closed',
    exitCode: 4,
  },
  {
    id: 'banner-530',
    area: 'greeting',
    misbehaviour: 'Greets with a final reply other than 220 (530 with terminal escapes in its text)',
    script: () => ({ greeting: `530 ${HOSTILE}` }),
    finding: 'banner.unexpected-reply',
    exitCode: 4,
  },
  {
    id: 'not-ftp-ssh',
    area: 'greeting',
    misbehaviour: 'Is not an FTP server at all: an SSH banner',
    script: () => ({ greeting: { raw: 'SSH-2.0-OpenSSH_9.6\r\n' } }),
    finding: 'banner.not-ftp',
    exitCode: 4,
  },

  // Framing and encoding
  {
    id: 'crlf-split',
    area: 'framing',
    misbehaviour: 'Splits CR and LF of its replies across TCP segments',
    script: () => ({
      greeting: {
        steps: [
          { raw: '220-Split\r' },
          { delayMs: 30 },
          { raw: '\n220 Ready\r' },
          { delayMs: 30 },
          { raw: '\n' },
        ],
      },
      replies: { SYST: { steps: [{ raw: '215 UNIX\r' }, { delayMs: 30 }, { raw: '\n' }] } },
    }),
    finding: null,
    exitCode: 0,
  },
  {
    id: 'bare-lf',
    area: 'framing',
    misbehaviour: 'Ends its reply lines with a bare LF instead of CRLF',
    script: () => ({
      greeting: { raw: '220-Bare\n220 LF only\n' },
      replies: { SYST: { raw: '215-UNIX\n215 Type: L8\n' } },
    }),
    finding: null,
    exitCode: 0,
  },
  {
    id: 'nul-invalid-utf8',
    area: 'framing',
    misbehaviour: 'Puts NUL bytes and invalid UTF-8 into the greeting and the SYST reply',
    script: () => ({
      greeting: { raw: Buffer.from('220 Hello\x00 caf\xe9 \xff\xfe\xc3(\r\n', 'latin1') },
      replies: { SYST: { raw: Buffer.from('215 UNIX\x00\xc0\xaf Type: L8\r\n', 'latin1') } },
    }),
    finding: 'reply.unusual-characters',
    exitCode: 0,
  },
  {
    id: 'escapes-in-banner',
    area: 'framing',
    misbehaviour: 'Puts ANSI/OSC escape sequences, bidi overrides and backspaces into the greeting',
    script: () => ({ greeting: [`220-${ESCAPES}`, `220-${BIDI}`, `220 ${BACKSPACES}`] }),
    finding: 'reply.unusual-characters',
    exitCode: 0,
  },
  {
    id: 'escapes-in-syst',
    area: 'framing',
    misbehaviour: 'Puts escape sequences, bidi overrides and backspaces into the SYST reply',
    script: () => ({ replies: { SYST: `215 ${HOSTILE}` } }),
    finding: 'reply.unusual-characters',
    exitCode: 0,
  },
  {
    id: 'syst-silent',
    area: 'framing',
    misbehaviour: 'Never answers SYST (the probe goes on without it)',
    script: () => ({ replies: { SYST: { steps: [] } } }),
    finding: null,
    exitCode: 0,
  },
  {
    id: 'escapes-in-530',
    area: 'framing',
    misbehaviour:
      'Refuses the login with a 530 whose text carries escape sequences, bidi overrides and backspaces',
    script: () => ({ replies: { PASS: `530 ${HOSTILE}` } }),
    finding: 'login.anonymous-refused',
    exitCode: 6,
  },
  {
    id: 'escapes-in-listing',
    area: 'framing',
    misbehaviour: 'Sends a directory listing whose names carry escape sequences and bidi overrides',
    script: () => ({
      features: ['EPSV', 'PASV', 'UTF8'],
      listing: `-rw-r--r-- 1 ftp ftp 1 Jan 01 2024 ${ESCAPES}\r\n-rw-r--r-- 1 ftp ftp 1 Jan 01 2024 ${BIDI}\r\n-rw-r--r-- 1 ftp ftp 1 Jan 01 2024 ${BACKSPACES}\r\n`,
    }),
    args: ['-v'],
    finding: null,
    exitCode: 0,
  },
  {
    id: 'multiline-feat-no-end',
    area: 'framing',
    misbehaviour: 'Starts a multi-line FEAT reply and never sends its last line',
    script: () => ({ replies: { FEAT: { steps: [{ lines: ['211-Features:', ' EPSV'] }, { hang: true }] } } }),
    finding: 'probe.protocol-violation',
    exitCode: 4,
  },
  {
    id: 'reset-mid-reply',
    area: 'framing',
    misbehaviour: 'Resets the connection in the middle of the reply to USER',
    script: () => ({
      replies: {
        USER: { steps: [{ raw: '331-Password\r\n331 Pass' }, { delayMs: 50 }, { close: 'reset' }] },
      },
    }),
    finding: 'login.failed',
    exitCode: 6,
  },
  {
    id: 'mid-session-malformed-code',
    area: 'framing',
    misbehaviour: 'Answers USER with a line that is no reply (`33x Password`)',
    script: () => ({ replies: { USER: '33x Password' } }),
    finding: 'probe.protocol-violation',
    exitCode: 6,
  },

  // Replies out of turn
  {
    id: 'replies-before-command',
    area: 'session',
    misbehaviour: 'Sends extra replies right after the greeting, before any command',
    script: () => ({ greeting: ['220 Ready.', '200 Unasked.', '331 Also unasked.'] }),
    finding: 'probe.protocol-violation',
    exitCode: 4,
  },
  {
    id: 'duplicate-reply',
    area: 'session',
    misbehaviour: 'Answers USER twice',
    script: () => ({ replies: { USER: ['331 Password required.', '331 Password required.'] } }),
    finding: 'probe.protocol-violation',
    exitCode: 6,
  },
  {
    id: 'reply-flood',
    area: 'session',
    misbehaviour: 'Floods the control connection with 100 unasked replies after the greeting',
    script: () => ({ greeting: ['220 Ready.', ...Array.from({ length: 100 }, (_, i) => `200 spam ${i}`)] }),
    finding: 'probe.protocol-violation',
    exitCode: 4,
  },
  {
    id: 'login-421-close',
    area: 'session',
    misbehaviour: 'Answers PASS with 421 and closes the connection',
    script: () => ({
      replies: {
        PASS: { steps: [{ lines: ['421 Too many connections from your address.'] }, { close: 'end' }] },
      },
    }),
    finding: 'login.too-many-connections',
    exitCode: 6,
  },

  // EPSV and PASV
  {
    id: 'pasv-octet-over-255',
    area: 'passive',
    misbehaviour: 'Answers PASV with an address octet over 255: `(127,0,0,300,p1,p2)`',
    script: () => ({
      replies: { PASV: pasvReply((port) => `227 Entering Passive Mode (127,0,0,300,${p1p2(port)}).`) },
    }),
    finding: 'pasv.malformed',
    exitCode: 0,
  },
  {
    id: 'pasv-port-over-65535',
    area: 'passive',
    misbehaviour: 'Answers PASV with a port over 65535: `(127,0,0,1,256,1)`',
    script: () => ({ replies: { PASV: '227 Entering Passive Mode (127,0,0,1,256,1).' } }),
    finding: 'pasv.malformed',
    exitCode: 0,
  },
  {
    id: 'pasv-port-0',
    area: 'passive',
    misbehaviour: 'Answers PASV with port 0: `(127,0,0,1,0,0)`',
    script: () => ({ replies: { PASV: '227 Entering Passive Mode (127,0,0,1,0,0).' } }),
    finding: 'pasv.malformed',
    exitCode: 0,
  },
  {
    id: 'pasv-numbers-missing',
    area: 'passive',
    misbehaviour: 'Answers PASV with five numbers instead of six',
    script: () => ({ replies: { PASV: '227 Entering Passive Mode (127,0,0,1,200).' } }),
    finding: 'pasv.malformed',
    exitCode: 0,
  },
  {
    id: 'pasv-negative',
    area: 'passive',
    misbehaviour: 'Answers PASV with negative numbers: `(127,0,0,1,-4,1)`',
    script: () => ({ replies: { PASV: '227 Entering Passive Mode (127,0,0,1,-4,1).' } }),
    finding: 'pasv.malformed',
    exitCode: 0,
  },
  {
    id: 'pasv-text-only',
    area: 'passive',
    misbehaviour: 'Answers PASV with 227 and no numbers at all',
    script: () => ({ replies: { PASV: '227 Entering Passive Mode.' } }),
    finding: 'pasv.malformed',
    exitCode: 0,
  },
  {
    id: 'pasv-extra-text',
    area: 'passive',
    misbehaviour: 'Answers PASV with extra text and numbers around the six (tolerated: RFC 1123 §4.1.2.6)',
    script: () => ({
      replies: {
        PASV: pasvReply(
          (port) => `227 Mode 2 of 3: go to (127,0,0,1,${p1p2(port)}) within 30 seconds, 1 try.`,
        ),
      },
    }),
    finding: null,
    exitCode: 0,
  },
  {
    id: 'pasv-no-parentheses',
    area: 'passive',
    misbehaviour: 'Answers PASV without parentheses (tolerated: RFC 1123 §4.1.2.6)',
    script: () => ({
      replies: { PASV: pasvReply((port) => `227 Entering passive mode 127,0,0,1,${p1p2(port)}`) },
    }),
    finding: null,
    exitCode: 0,
  },
  {
    id: 'epsv-mixed-delimiters',
    area: 'passive',
    misbehaviour: 'Answers EPSV with mixed delimiters: `(|!|port|)`',
    script: () => ({
      replies: { EPSV: epsvReply((port) => `229 Entering Extended Passive Mode (|!|${port}|)`) },
    }),
    finding: 'epsv.malformed',
    exitCode: 0,
  },
  {
    id: 'epsv-port-0',
    area: 'passive',
    misbehaviour: 'Answers EPSV with port 0',
    script: () => ({ replies: { EPSV: '229 Entering Extended Passive Mode (|||0|)' } }),
    finding: 'epsv.malformed',
    exitCode: 0,
  },
  {
    id: 'epsv-port-70000',
    area: 'passive',
    misbehaviour: 'Answers EPSV with port 70000',
    script: () => ({ replies: { EPSV: '229 Entering Extended Passive Mode (|||70000|)' } }),
    finding: 'epsv.malformed',
    exitCode: 0,
  },
  {
    id: 'epsv-text-only',
    area: 'passive',
    misbehaviour: 'Answers EPSV with 229 and no port at all',
    script: () => ({ replies: { EPSV: '229 Entering Extended Passive Mode' } }),
    finding: 'epsv.malformed',
    exitCode: 0,
  },
  {
    id: 'both-malformed',
    area: 'passive',
    misbehaviour: 'Answers both EPSV and PASV with replies that cannot be parsed',
    script: () => ({
      replies: {
        EPSV: '229 Entering Extended Passive Mode (|||0|)',
        PASV: '227 Entering Passive Mode (1,2,3).',
      },
    }),
    finding: 'passive.none',
    exitCode: 7,
  },
  {
    id: 'both-refused',
    area: 'passive',
    misbehaviour: 'Refuses both EPSV and PASV',
    script: () => ({ replies: { EPSV: '500 Unknown command.', PASV: '550 Permission denied.' } }),
    finding: 'passive.none',
    exitCode: 7,
  },
  {
    id: 'pasv-silent',
    area: 'passive',
    misbehaviour: 'Refuses EPSV and never answers PASV',
    script: () => ({ replies: { EPSV: '500 Unknown command.', PASV: { steps: [] } } }),
    finding: 'passive.none',
    exitCode: 7,
  },

  // Data connections
  {
    id: 'data-port-closed',
    area: 'data',
    misbehaviour: 'Advertises passive ports where nothing listens',
    script: () => ({ dataPort: 'closed' }),
    finding: 'data.port-closed',
    exitCode: 8,
  },
  {
    id: 'data-accept-then-reset',
    area: 'data',
    misbehaviour: 'Accepts the data connection, then resets it (and answers the listing with 425)',
    script: () => ({ dataPort: 'accept-then-reset' }),
    finding: 'transfer.refused',
    absent: ['data.port-closed'],
    exitCode: 9,
  },
  {
    id: 'data-accept-silent',
    area: 'data',
    misbehaviour: 'Accepts the data connection and never sends anything on it',
    script: () => ({ dataPort: 'accept-silent' }),
    finding: 'transfer.data-timeout',
    exitCode: 9,
  },
  {
    id: 'data-stall-midway',
    area: 'data',
    misbehaviour: 'Sends the first half of the listing, then nothing more and no final reply',
    script: () => ({ dataPort: 'stall-midway' }),
    finding: 'transfer.data-timeout',
    exitCode: 9,
  },
  {
    id: 'transfer-150-silence',
    area: 'data',
    misbehaviour: 'Sends 150 and the listing, then never sends the final 226',
    script: () => ({ transferReplies: { completion: { steps: [] } } }),
    finding: 'transfer.data-timeout',
    exitCode: 9,
  },
  {
    id: 'transfer-silent',
    area: 'data',
    misbehaviour: 'Never answers the listing command at all',
    script: () => ({ replies: { MLSD: { steps: [] }, LIST: { steps: [] } } }),
    finding: 'transfer.data-timeout',
    exitCode: 9,
  },
  {
    id: 'listing-never-ends',
    area: 'data',
    misbehaviour: 'Sends a listing that never ends (ftp-doctor stops reading at 1 MiB)',
    script: () => ({ dataPort: 'endless' }),
    finding: 'transfer.truncated',
    exitCode: 0,
  },
  {
    id: 'transfer-426',
    area: 'data',
    misbehaviour: 'Sends the listing, then 426 instead of 226',
    script: () => ({ transferReplies: { completion: '426 Connection closed; transfer aborted.' } }),
    finding: 'transfer.failed',
    exitCode: 9,
  },

  // TLS
  {
    id: 'tls-handshake-stall',
    area: 'tls',
    misbehaviour: 'Accepts AUTH TLS, then never answers the ClientHello',
    script: () => ({ tls: { handshake: 'stall' } }),
    args: ['--tls', 'explicit'],
    finding: 'tls.handshake-failed',
    exitCode: 5,
  },
  {
    id: 'tls-handshake-garbage',
    area: 'tls',
    misbehaviour: 'Accepts AUTH TLS, then answers the ClientHello with bytes that are not TLS',
    script: () => ({ tls: { handshake: 'garbage' } }),
    args: ['--tls', 'explicit'],
    finding: 'tls.handshake-failed',
    exitCode: 5,
  },
  {
    id: 'tls-plaintext-after-234',
    area: 'tls',
    misbehaviour: 'Sends more plain text right after 234 (the STARTTLS injection pattern)',
    script: () => ({
      tls: { handshake: 'stall' },
      replies: { AUTH: firstTimeOnly(['234 AUTH TLS OK.', '230 Injected.']) },
    }),
    args: ['--tls', 'explicit'],
    finding: 'tls.handshake-failed',
    exitCode: 5,
  },
  {
    id: 'tls-implicit-on-plain-port',
    area: 'tls',
    misbehaviour: 'Is a plain FTP port probed with implicit TLS (ftps://)',
    script: () => ({}),
    scheme: 'ftps',
    finding: 'tls.plain-port',
    exitCode: 5,
  },
  {
    id: 'tls-implicit-stall',
    area: 'tls',
    misbehaviour: 'Is an implicit-TLS port that never answers the ClientHello',
    script: () => ({ tls: { implicit: true, handshake: 'stall' } }),
    scheme: 'ftps',
    finding: 'tls.handshake-failed',
    exitCode: 5,
  },
  {
    id: 'tls-auth-refused-required',
    area: 'tls',
    misbehaviour: 'Refuses AUTH TLS while TLS is required (ftpes://)',
    script: () => ({ features: ['EPSV', 'PASV', 'AUTH TLS'], replies: { AUTH: '502 Not today.' } }),
    scheme: 'ftpes',
    finding: 'tls.auth-refused',
    exitCode: 5,
  },
];
