import { cite, rfc, type Source, type Sources, uniqueSources } from '../sources.js';
import { type ExplainedCode, explainCode, GREETING } from './replyCodes.js';
import { type DigitExplanation, InvalidReplyCodeError, isReplyCode } from './replyDigits.js';
import type { ComparePhrases, PairText, ReferenceTranslation } from './translation.js';

/** ComparedCode: one side of a comparison, in the words a person needs. */
export interface ComparedCode {
  readonly code: number;
  readonly title: string;
  /** What the code means. */
  readonly meaning: string;
  /** When you meet it. */
  readonly whenYouMeetIt: string;
  /** What to do about it. */
  readonly whatToDo: readonly string[];
  /** The commands it answers (GREETING for the greeting). */
  readonly answers: readonly string[];
  /** False when no standard or known server defines the code and it is read by its digits. */
  readonly catalogued: boolean;
  readonly digits: DigitExplanation;
  readonly sources: Sources;
}

/** Comparison: two codes side by side, with what sets them apart and what to do in each case. */
export interface Comparison {
  readonly a: ComparedCode;
  readonly b: ComparedCode;
  readonly summary: string;
  readonly keyDifferences: readonly string[];
  /** What to do when you meet one or the other. */
  readonly whenToUseWhich: readonly string[];
  /** The pair's own sources (curated notes) followed by both codes' sources, without repeats. */
  readonly sources: Sources;
  /** True when the notes were written by hand for a pair people often confuse. */
  readonly curated: boolean;
}

/** PairNote: the hand-written notes of a pair, with where their claims come from. */
interface PairNote extends PairText {
  readonly sources: Sources;
}

/** pairKey makes the lookup order-insensitive: 'low-high'. */
export function pairKey(a: number, b: number): string {
  return a < b ? `${a}-${b}` : `${b}-${a}`;
}

/** PAIR_NOTES: hand-written notes for pairs that are easy to mix up; the texts name both codes. */
const PAIR_NOTES: ReadonlyMap<string, PairNote> = new Map<string, PairNote>([
  [
    pairKey(220, 229),
    {
      summary:
        '220 is the greeting that says the server is ready for a login; 229 is the answer to EPSV that gives the port for a data connection. They only look alike because both start with 22.',
      keyDifferences: [
        'When: 220 comes once, right after connecting (or after REIN/HOST); 229 comes only after the client sends EPSV, usually once per transfer.',
        'What it carries: 220 carries free text (the banner, often the server name and version); 229 carries a port number in the form (|||port|).',
        'What happens next: after 220 the client logs in (USER/PASS); after 229 the client opens a data connection to that port on the server’s address.',
        'When it goes wrong: a missing 220 means the server (or something in front of it) does not greet; a 229 whose port cannot be reached means a firewall blocks the passive port range.',
      ],
      whenToUseWhich: [
        'On 220: log in. If it never comes, look at what answers on the port: a firewall or load balancer that accepts and stays silent, or an implicit-TLS port (990) that waits for a TLS handshake.',
        'On 229: connect to the given port on the address of the control connection. If that fails, open the server’s passive port range in every firewall on the way.',
      ],
      sources: [
        rfc(959, '4.2.2'),
        rfc(959, '5.4'),
        rfc(2428, '3'),
        cite('curl.1', 'ftps:// (implicit TLS, port 990)'),
      ],
    },
  ],
  [
    pairKey(227, 229),
    {
      summary:
        '227 (PASV) and 229 (EPSV) both open a passive data port, but 227 also names an IPv4 address, which is often wrong behind NAT, while 229 names only the port and means "same address as the control connection".',
      keyDifferences: [
        'Command: 227 answers PASV (RFC 959); 229 answers EPSV (RFC 2428).',
        'Contents: 227 gives h1,h2,h3,h4,p1,p2 (IPv4 address and port p1×256+p2); 229 gives only the port, as (|||port|).',
        'NAT: a server behind NAT may put its private address into 227, and clients that follow it fail; 229 cannot carry a wrong address.',
        'IPv6: 227 cannot describe an IPv6 address, so on IPv6 only EPSV/229 works.',
        "Clients: curl tries EPSV first; FileZilla and Python's ftplib use PASV on IPv4 — so both must work for all users.",
        'Same cure for a blocked port: open the passive port range in the firewall, whichever of the two announced it.',
      ],
      whenToUseWhich: [
        'As a client: send EPSV first and fall back to PASV only when EPSV is refused, as curl does; on IPv6 use EPSV only.',
        'As a server administrator: make both work. Set the public address that 227 announces (vsftpd pasv_address, ProFTPD MasqueradeAddress, Pure-FTPd -P) and open the passive port range for both.',
      ],
      sources: [
        rfc(959, '4.1.2'),
        rfc(1123, '4.1.2.6'),
        rfc(2428, '3'),
        cite('curl.1', '--disable-epsv'),
        cite('filezilla-network-wiki', 'Passive mode'),
      ],
    },
  ],
  [
    pairKey(227, 228),
    {
      summary:
        '227 answers PASV with an IPv4 address and port; 228 answers LPSV, the "long" passive command of RFC 1639, with an address family and length-prefixed address and port. LPSV was an experiment that EPSV (229) replaced in practice.',
      keyDifferences: [
        'Command: 227 answers PASV (RFC 959); 228 answers LPSV (RFC 1639, an experimental RFC).',
        'Contents: 227 gives six numbers, h1,h2,h3,h4,p1,p2 (IPv4 only); 228 gives the address family, the address length and bytes, then the port length and bytes, so it can carry IPv6.',
        'Support: every server answers PASV; few servers know LPSV, and clients hardly send it.',
      ],
      whenToUseWhich: [
        'For IPv4 passive mode use PASV (227), or better EPSV (229).',
        'Do not rely on LPSV (228): for IPv6 or NAT use EPSV (229), which every current server supports.',
      ],
      sources: [rfc(959, '4.1.2'), rfc(1639, 'LPSV'), rfc(2428, '3')],
    },
  ],
  [
    pairKey(228, 229),
    {
      summary:
        '228 (LPSV) and 229 (EPSV) both describe a passive port in a way that works beyond IPv4; 228 spells out the full address, 229 only the port. EPSV (RFC 2428) is what servers and clients use; LPSV (RFC 1639) stayed an experiment.',
      keyDifferences: [
        'Command: 228 answers LPSV (RFC 1639); 229 answers EPSV (RFC 2428).',
        'Contents: 228 gives family, address and port as length-prefixed byte lists; 229 gives only the port, as (|||port|), to be used on the control connection’s address.',
        'NAT: an address inside 228 can be wrong behind NAT, as in PASV; 229 carries no address, so it cannot be.',
        'Support: EPSV is implemented by vsftpd, ProFTPD, Pure-FTPd, FileZilla Server and IIS; LPSV by few servers.',
      ],
      whenToUseWhich: ['Use EPSV (229) for IPv6 and through NAT; treat LPSV (228) as historical.'],
      sources: [rfc(1639, 'LPSV'), rfc(2428, '3'), rfc(2428, '4')],
    },
  ],
  [
    pairKey(425, 426),
    {
      summary:
        '425 means the data connection never came up; 426 means it came up and then broke in the middle of the transfer.',
      keyDifferences: [
        'Timing: 425 arrives instead of, or right after, the 150 — no data flowed; 426 arrives after data started to flow.',
        'Usual cause of 425: the passive port is blocked by a firewall, the PASV address is wrong (NAT), in active mode the server cannot connect back to the client, or with FTPS the data connection did not resume the control connection’s TLS session.',
        'Usual cause of 426: the network dropped, a firewall or NAT dropped the idle control connection during a long transfer, the client aborted (ABOR), or TLS on the data connection was shut down badly.',
      ],
      whenToUseWhich: [
        'After 425: fix reachability — open the passive range, set the public address, or (FTPS, "not resumed") use a client that resumes TLS sessions on data connections.',
        'After 426: retry; if long transfers keep failing, keep the control connection alive (TCP keepalive in the client) or raise the idle timeouts of the NAT or firewall, then look at the server’s stall timeout.',
      ],
      sources: [
        rfc(959, '4.1.3'),
        rfc(959, '4.2.2'),
        rfc(4217, '10.2'),
        rfc(9293, '3.8.4'),
        cite('commons-net-408', 'FileZilla Server: 425 TLS session of data connection not resumed'),
        cite('filezilla-network-wiki', 'Timeouts on large files'),
      ],
    },
  ],
  [
    pairKey(425, 450),
    {
      summary:
        '425 says the data connection could not be opened; 450 says the file action was not taken because the file is unavailable for now (busy or locked). Both are transient (4yz), but one is about the network, the other about the file.',
      keyDifferences: [
        'Subject: 425 belongs to the connection group (x2z); 450 to the file-system group (x5z).',
        'Cause of 425: a blocked or unreachable data port, a wrong PASV address, or (FTPS) a data connection that did not resume the TLS session.',
        'Cause of 450: the file is in use, locked or temporarily unreachable on the server; the network worked.',
        'FileZilla Server: 0.9.x answered a data connection that did not resume the TLS session with 450; 1.x answers it with 425.',
      ],
      whenToUseWhich: [
        'After 425: test the data port and fix the firewall, NAT address or TLS session resumption.',
        'After 450: wait until the file is free and retry; nothing in the network needs changing.',
      ],
      sources: [
        rfc(959, '4.2.1'),
        rfc(959, '4.2.2'),
        cite('commons-net-408', 'FileZilla Server: TLS session resumption on data connections'),
      ],
    },
  ],
  [
    pairKey(426, 450),
    {
      summary:
        '426 says a transfer started and was cut off; 450 says the file action was not even started because the file is unavailable for now. Both are transient (4yz).',
      keyDifferences: [
        'Timing: 426 comes after a 150/125 once data has flowed; 450 usually comes instead of the 150, before any data.',
        'Subject: 426 belongs to the connection group (x2z): the data or control connection broke; 450 to the file-system group (x5z): the file is busy or locked.',
      ],
      whenToUseWhich: [
        'After 426: retry; if long transfers keep breaking, look at keepalive and idle timeouts between client and server.',
        'After 450: retry once the file is no longer in use.',
      ],
      sources: [rfc(959, '4.2.1'), rfc(959, '4.2.2'), rfc(959, '5.4')],
    },
  ],
  [
    pairKey(421, 530),
    {
      summary:
        '421 means the server is closing the connection for now (a limit, a timeout, a shutdown), so trying again later may work; 530 means the login was refused (or is required), which stays so until the credentials or the server settings change.',
      keyDifferences: [
        'Class: 421 is transient (4yz): retry later; 530 is permanent (5yz): retrying the same login fails again.',
        'Connection: after 421 the server closes the control connection; after 530 it usually stays open for another attempt.',
        'Typical causes of 421: too many users or too many connections from one address (vsftpd, Pure-FTPd), idle or login timeout, server shutdown, a failed TLS handshake; Pure-FTPd also uses it when TLS is required.',
        'Typical causes of 530: wrong user name or password, a user not allowed to use FTP, anonymous login disabled, TLS required before login (vsftpd, FileZilla Server), or a command sent before logging in.',
        'Exception: ProFTPD reports its client limits (MaxClients, MaxClientsPerHost) with 530, not 421, and closes connections beyond MaxInstances without any reply — read the text.',
      ],
      whenToUseWhich: [
        'After 421: wait and retry, or free a slot (close stale sessions, raise vsftpd max_clients/max_per_ip or Pure-FTPd -c/-C); the text names the limit.',
        'After 530: do not retry unchanged. Fix the user name or password, allow the account, or connect with explicit FTPS when the text asks for encryption.',
      ],
      sources: [
        rfc(959, '4.2.2'),
        cite('vsftpd.conf.5', 'max_clients, max_per_ip, force_local_logins_ssl'),
        cite('pure-ftpd.8', '-c, -C, --tls'),
        cite('proftpd-mod_auth', 'MaxClients, MaxClientsPerHost'),
        cite('proftpd-source', 'src/main.c (MaxInstances: connection closed without reply)'),
      ],
    },
  ],
  [
    pairKey(530, 534),
    {
      summary:
        '530 says "not logged in" (wrong credentials, a refused user, or a login required), 534 says "denied by security policy" — on IIS typically that TLS is required before USER. Both can mean "use FTPS", depending on the server.',
      keyDifferences: [
        'Group: 530 belongs to login and accounting (RFC 959); 534 comes from the security extensions (RFC 2228) and refuses something the server’s security policy does not allow.',
        'TLS required: vsftpd and FileZilla Server say 530 ("… must use encryption", "… use FTP over TLS"), IIS says 534 ("Policy requires SSL."), ProFTPD says 550 and Pure-FTPd 421.',
        'Other uses of 534: refusing an AUTH mechanism, a PROT level (such as PROT C when encrypted data is required), or CCC.',
      ],
      whenToUseWhich: [
        'After 530: check the user name, the password and whether the account may use FTP; if the text mentions encryption or TLS, connect with explicit FTPS.',
        'After 534: connect with explicit FTPS (AUTH TLS, PBSZ 0, PROT P), or relax the server’s TLS policy if clear text is acceptable.',
      ],
      sources: [
        rfc(959, '4.2.2'),
        rfc(2228, '5.1'),
        cite('vsftpd.conf.5', 'force_local_logins_ssl'),
        cite('iis-ftp-docs', 'security/ssl (controlChannelPolicy)'),
        cite('proftpd-mod_tls', 'TLSRequired'),
      ],
    },
  ],
  [
    pairKey(530, 532),
    {
      summary:
        '530 says the session is not logged in (the login was refused, or a command came before login); 532 says the login worked but storing files needs an account (ACCT) as well.',
      keyDifferences: [
        'When: 530 answers USER, PASS or any command sent before logging in; 532 answers STOR, STOU, APPE or RNTO in a logged-in session.',
        'What is missing: after 530, a valid login; after 532, only the ACCT command with an account name.',
        'Where: 530 happens on every server; 532 only on the rare servers (often mainframes) that bill uploads to accounts.',
      ],
      whenToUseWhich: [
        'After 530: fix the user name or password (or the account’s right to use FTP), then log in again.',
        'After 532: send ACCT with the account name your administrator gave you (ftp-doctor: --account), then repeat the upload.',
      ],
      sources: [rfc(959, '4.1.1'), rfc(959, '4.2.2'), rfc(959, '5.4')],
    },
  ],
  [
    pairKey(331, 332),
    {
      summary:
        '331 and 332 both mean "the login is not finished yet": 331 asks for the password (PASS), 332 for an account name (ACCT).',
      keyDifferences: [
        'Next command: after 331 send PASS; after 332 send ACCT.',
        'When: 331 answers USER, on nearly every server (often even for unknown users); 332 answers USER or PASS on servers that need an account to complete the login.',
        'Rarity: 331 is part of every ordinary login; 332 is rare outside mainframe systems.',
      ],
      whenToUseWhich: [
        'After 331: send the password with PASS.',
        'After 332: send ACCT with the account name (ftp-doctor: --account); a client that cannot send ACCT cannot log in there.',
      ],
      sources: [rfc(959, '4.1.1'), rfc(959, '4.2.2'), rfc(959, '5.4')],
    },
  ],
  [
    pairKey(120, 421),
    {
      summary:
        '120 and 421 can both come instead of the greeting. 120 says "not ready yet, a 220 will follow in N minutes" and keeps the connection; 421 refuses the session and closes the connection.',
      keyDifferences: [
        'Class: 120 is a positive preliminary reply (1yz) — another reply follows; 421 is transient negative (4yz) — this session is over.',
        'Connection: after 120 the connection stays open and the client waits; after 421 the server closes it.',
        'Causes: 120 comes from a server that is starting up or doing maintenance; 421 from a connection limit, a ban, a timeout or a shutdown.',
      ],
      whenToUseWhich: [
        'After 120: keep the connection open and wait for the 220 (give the client a long enough greeting timeout).',
        'After 421: connect again later, or remove the cause the text names (for example a connection limit).',
      ],
      sources: [rfc(959, '4.2.2'), rfc(959, '5.4')],
    },
  ],
  [
    pairKey(226, 250),
    {
      summary:
        '226 and 250 both report success. 226 says the transfer is done and the server closes the data connection; 250 says a file action (CWD, DELE, RNTO, MLST …) is done, and some servers also end a transfer with it.',
      keyDifferences: [
        'Data connection: 226 says the server closes it (it ends RETR, STOR, LIST, NLST, MLSD, and ABOR). Most 250s answer commands that use no data connection (CWD, DELE, RNTO); when 250 ends a stream-mode RETR or STOR, the data connection was closed as well, since in stream mode closing it is what marks the end of the file.',
        'Commands: 226 answers transfers and ABOR; 250 answers CWD, CDUP, DELE, RMD, RNTO and MLST, and RFC 959 also allows it at the end of RETR or STOR.',
        'Subject: 226 belongs to the connection group (x2z); 250 to the file-system group (x5z).',
      ],
      whenToUseWhich: [
        'Nothing to fix after either. A script that checks whether a transfer succeeded should accept both 226 and 250.',
        'A missing 226 after a transfer (a hang after the data arrived) points at the control connection: often a NAT or firewall dropped it while it was idle.',
      ],
      sources: [rfc(959, '3.4.1'), rfc(959, '4.2.1'), rfc(959, '4.2.2'), rfc(959, '5.4')],
    },
  ],
  [
    pairKey(500, 502),
    {
      summary:
        '500 says the server did not understand the command (unknown, garbled or too long); 502 says it knows the command but does not implement it. Both are permanent: repeating the command fails again.',
      keyDifferences: [
        'Meaning: 500 is "syntax error, command unrecognized"; 502 is "command not implemented".',
        'In practice: many servers answer any command they lack with 500 (Pure-FTPd says "500 Unknown command", even for EPSV switched off with -b); 502 usually means a known command that is left out or switched off.',
        'vsftpd: "500 OOPS: …" is not about the command at all but a fatal server error, after which vsftpd closes the session.',
      ],
      whenToUseWhich: [
        'After 500: check the command is spelled right and that no proxy mangles it; for an extension the server lacks, use the alternative (PASV instead of EPSV). On vsftpd, "500 OOPS:" names the setting or system call to fix.',
        'After 502: use the alternative command, or enable the command on the server.',
      ],
      sources: [
        rfc(959, '4.2.2'),
        cite('pure-ftpd-source', 'src/ftp_parser.c (EPSV refused under -b / -N)'),
        cite('vsftpd-source', 'utility.c bug(), called by die() ("500 OOPS:")'),
      ],
    },
  ],
  [
    pairKey(550, 553),
    {
      summary:
        '550 means the file or directory is unavailable (missing or no access); 553 means the file name itself is not allowed, typically for an upload or a rename target.',
      keyDifferences: [
        'Commands: 550 answers RETR, CWD, DELE, MKD, RMD, SIZE, MDTM, MLSD and others on a path that does not exist or may not be used; 553 answers STOR, STOU, APPE and RNTO.',
        'Cause: 550 is about the object (not found, permission denied, or on vsftpd a command switched off in the configuration); 553 is about the name (forbidden characters, outside the allowed area, or no right to create files there).',
        'MKD: a directory that cannot be created gets 550, not 553 (RFC 959 §5.4).',
      ],
      whenToUseWhich: [
        'After 550: check the path (case matters on Unix servers) and the permissions on it.',
        'After 553: try a simpler name and check write permission on the target directory.',
      ],
      sources: [rfc(959, '4.2.2'), rfc(959, '5.4'), cite('vsftpd.conf.5', 'cmds_denied, write_enable')],
    },
  ],
  [
    pairKey(125, 150),
    {
      summary:
        '125 and 150 both say "the transfer is starting"; 150 means the server is about to open or accept the data connection, 125 that it was already open. Both are normal and are followed by 226 (or an error).',
      keyDifferences: [
        '150: the data connection is not up yet; the server is about to open it (active) or accept it (passive).',
        '125: the data connection was already up, because the client connected to the passive port before sending the command; the transfer starts on it at once.',
        'Which one you see depends on the server and client timing (IIS often says 125, Unix servers 150); neither is a problem.',
      ],
      whenToUseWhich: [
        'Nothing to do for either: wait for the final reply.',
        'If a transfer hangs after 150, the data connection is being blocked: test the data port. After 125 it had already connected, so look for a later break instead.',
      ],
      sources: [rfc(959, '4.2.2'), rfc(959, '5.4')],
    },
  ],
]);

/** CURATED_PAIRS lists the pairs with hand-written notes, smaller code first. */
export const CURATED_PAIRS: readonly (readonly [number, number])[] = [...PAIR_NOTES.keys()].map((key) => {
  const [low, high] = key.split('-').map(Number);
  return [low!, high!] as const;
});

/** curatedPairSources returns the sources of a curated pair, for tests and reviews. */
export function curatedPairSources(a: number, b: number): Sources | undefined {
  return PAIR_NOTES.get(pairKey(a, b))?.sources;
}

/** ENGLISH: the sentences of a comparison without curated notes. */
const ENGLISH: ComparePhrases = {
  greeting: 'the greeting',
  clientAction: {
    1: 'wait for the final reply that will follow',
    2: 'go on with the next command',
    3: 'send the next command of the sequence',
    4: 'try again later, unchanged',
    5: 'do not send the same command again unchanged (the fix below says what to change)',
    6: 'decode the protected reply inside',
  },
  summarySide: (code, title, classLabel, groupLabel) =>
    `${code} (${title}) is a ${classLabel.toLowerCase()} reply about ${groupLabel}`,
  summaryJoin: (a, b) => `${a}; ${b}.`,
  sameCode: (code, title) => `Both sides are ${code} (${title}); there is nothing to compare.`,
  outcomeDiffers: (a, aLabel, b, bLabel) =>
    `Outcome: ${a} is a ${aLabel.toLowerCase()} reply, ${b} a ${bLabel.toLowerCase()} reply.`,
  outcomeSame: (label) => `Outcome: both are ${label.toLowerCase()} replies.`,
  retry: (transient, permanent) =>
    `Retrying: the same command may succeed later after ${transient}; after ${permanent} it fails again until something changes.`,
  subjectDiffers: (a, aLabel, b, bLabel) => `Subject: ${a} is about ${aLabel}, ${b} about ${bLabel}.`,
  subjectSame: (label, a, aTitle, b, bTitle) =>
    `Subject: both are about ${label}; ${a} says “${aTitle}”, ${b} says “${bTitle}”.`,
  commands: (a, aCommands, b, bCommands) => `Commands: ${a} answers ${aCommands}; ${b} answers ${bCommands}.`,
  commandsShared: (shared, a, aOnly, b, bOnly) =>
    `Commands: both can answer ${shared}; only ${a} answers ${aOnly}, only ${b} ${bOnly}.`,
  commandsAlso: (shared, code, more) => `Commands: both can answer ${shared}; ${code} also answers ${more}.`,
  commandsSame: (shared) => `Commands: both answer the same ones (${shared}).`,
  whenSide: (code, when) => `When you see ${code}: ${when}`,
  doSide: (code, todo) => `After ${code}: ${todo}`,
  nextStepBoth: (action) => `Next step for the client, in both cases: ${action}.`,
  nextStep: (a, aAction, b, bAction) =>
    `Next step for the client: after ${a}, ${aAction}; after ${b}, ${bAction}.`,
  notDefined: (codes) => `No standard defines ${codes.join(' or ')}; it is read here by its digits only.`,
  uncataloguedMeaning: (line, classMeaning) => `${line} ${classMeaning}`,
  uncataloguedWhen: 'Only on servers that invent their own codes; read the text that comes with it.',
  uncataloguedToDo: (classLabel, action) => `As for any ${classLabel.toLowerCase()} reply: ${action}.`,
};

function compared(code: number, phrases: ComparePhrases, translation?: ReferenceTranslation): ComparedCode {
  const entry: ExplainedCode = explainCode(code, translation);
  const { digits } = entry;
  if (entry.catalogued) {
    return {
      code,
      title: entry.title,
      meaning: entry.description,
      whenYouMeetIt: entry.whenYouSeeIt,
      whatToDo: entry.howToResolve,
      answers: entry.answers,
      catalogued: true,
      digits,
      sources: entry.sources,
    };
  }
  return {
    code,
    title: entry.title,
    meaning: phrases.uncataloguedMeaning(firstSentence(entry.description), digits.first.meaning),
    whenYouMeetIt: phrases.uncataloguedWhen,
    whatToDo: [phrases.uncataloguedToDo(digits.first.label, phrases.clientAction[digits.first.digit] ?? '')],
    answers: [],
    catalogued: false,
    digits,
    sources: entry.sources,
  };
}

function firstSentence(text: string): string {
  const match = /^.*?[.!?](?=\s+[A-ZÀ-Ý("'«])/su.exec(text);
  return match ? match[0] : text;
}

function commandWords(commands: readonly string[], phrases: ComparePhrases): string {
  return commands.map((command) => (command === GREETING ? phrases.greeting : command)).join(', ');
}

/**
 * composedNotes writes a comparison from the two entries' facts: class and retry behaviour (first
 * digit), subject (second digit, or the titles when it is shared), the commands each answers,
 * when each appears, and what to do after each.
 */
function composedNotes(a: ComparedCode, b: ComparedCode, phrases: ComparePhrases): PairText {
  const differences: string[] = [];
  const [fa, fb] = [a.digits.first, b.digits.first];
  const [sa, sb] = [a.digits.second, b.digits.second];
  if (fa.digit !== fb.digit) {
    differences.push(phrases.outcomeDiffers(a.code, fa.label, b.code, fb.label));
    if (fa.digit >= 4 && fb.digit >= 4 && fa.digit <= 5 && fb.digit <= 5) {
      const [transient, permanent] = fa.digit === 4 ? [a, b] : [b, a];
      differences.push(phrases.retry(transient.code, permanent.code));
    }
  } else {
    differences.push(phrases.outcomeSame(fa.label));
  }
  differences.push(
    sa.digit !== sb.digit
      ? phrases.subjectDiffers(a.code, sa.label, b.code, sb.label)
      : phrases.subjectSame(sa.label, a.code, a.title, b.code, b.title),
  );
  if (a.answers.length > 0 && b.answers.length > 0) {
    const shared = a.answers.filter((command) => b.answers.includes(command));
    const aOnly = a.answers.filter((command) => !shared.includes(command));
    const bOnly = b.answers.filter((command) => !shared.includes(command));
    const words = (commands: readonly string[]) => commandWords(commands, phrases);
    if (shared.length === 0)
      differences.push(phrases.commands(a.code, words(a.answers), b.code, words(b.answers)));
    else if (aOnly.length === 0 && bOnly.length === 0) differences.push(phrases.commandsSame(words(shared)));
    else if (aOnly.length === 0) differences.push(phrases.commandsAlso(words(shared), b.code, words(bOnly)));
    else if (bOnly.length === 0) differences.push(phrases.commandsAlso(words(shared), a.code, words(aOnly)));
    else differences.push(phrases.commandsShared(words(shared), a.code, words(aOnly), b.code, words(bOnly)));
  }
  // The page shows each code's whole "when you see it"; the difference needs only its first sentence.
  differences.push(
    phrases.whenSide(a.code, firstSentence(a.whenYouMeetIt)),
    phrases.whenSide(b.code, firstSentence(b.whenYouMeetIt)),
  );
  if (!a.catalogued || !b.catalogued) {
    differences.push(phrases.notDefined([a, b].filter((side) => !side.catalogued).map((side) => side.code)));
  }
  const action = (side: ComparedCode) => phrases.clientAction[side.digits.first.digit] ?? '';
  const whenToUseWhich = [
    fa.digit === fb.digit
      ? phrases.nextStepBoth(action(a))
      : phrases.nextStep(a.code, action(a), b.code, action(b)),
    phrases.doSide(a.code, a.whatToDo[0] ?? ''),
    phrases.doSide(b.code, b.whatToDo[0] ?? ''),
  ];
  const summary = phrases.summaryJoin(
    phrases.summarySide(a.code, a.title, fa.label, sa.label),
    phrases.summarySide(b.code, b.title, fb.label, sb.label),
  );
  return { summary, keyDifferences: differences, whenToUseWhich };
}

function joinSources(first: readonly Source[], ...rest: (readonly Source[])[]): Sources {
  const all = uniqueSources([...first, ...rest.flat()]);
  return all as unknown as Sources;
}

/**
 * compareCodes puts two reply codes side by side. Pairs people often confuse get hand-written
 * notes (CURATED_PAIRS, in either order); any other pair gets notes composed from the two
 * entries' facts. With a translation, every word comes from it. Throws InvalidReplyCodeError for
 * a number outside 100–699.
 */
export function compareCodes(a: number, b: number, translation?: ReferenceTranslation): Comparison {
  for (const code of [a, b]) {
    if (!isReplyCode(code)) throw new InvalidReplyCodeError(String(code), { kind: 'range' });
  }
  const phrases = translation?.compare ?? ENGLISH;
  const left = compared(a, phrases, translation);
  const right = compared(b, phrases, translation);
  if (a === b) {
    return {
      a: left,
      b: right,
      summary: phrases.sameCode(a, left.title),
      keyDifferences: [],
      whenToUseWhich: [...left.whatToDo],
      sources: left.sources,
      curated: false,
    };
  }
  const note = PAIR_NOTES.get(pairKey(a, b));
  if (note) {
    const text = translation?.pairs[pairKey(a, b)] ?? note;
    return {
      a: left,
      b: right,
      summary: text.summary,
      keyDifferences: text.keyDifferences,
      whenToUseWhich: text.whenToUseWhich,
      sources: joinSources(note.sources, left.sources, right.sources),
      curated: true,
    };
  }
  return {
    a: left,
    b: right,
    ...composedNotes(left, right, phrases),
    sources: joinSources(left.sources, right.sources),
    curated: false,
  };
}
