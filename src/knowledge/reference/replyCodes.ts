import { cite, rfc, type Sources } from '../sources.js';
import { type DigitExplanation, explainByDigits, isReplyCode } from './replyDigits.js';
import { type ReferenceTranslation, translateDigits } from './translation.js';

/**
 * GREETING is the pseudo-command used in `afterCommands` for a reply nobody asked for:
 * the greeting (or refusal) a server sends as soon as the control connection opens.
 */
export const GREETING = '(greeting)';

/** TRANSFER_COMMANDS open a data connection and answer 1yz first when it works. */
export const TRANSFER_COMMANDS: readonly string[] = ['RETR', 'STOR', 'STOU', 'APPE', 'LIST', 'NLST', 'MLSD'];

/** ReplyCodeContext: what a code means when it answers one of the listed commands. */
export interface ReplyCodeContext {
  /** Upper-case command verbs, or GREETING for the unsolicited greeting. */
  readonly afterCommands: readonly string[];
  /** One line, true for every server that answers these commands with this code. */
  readonly meaning: string;
}

/**
 * ReplyCodeEntry is everything ftp-doctor knows about one reply code. `description` opens with a
 * sentence that stands alone: it is the one-line explanation shown beside a reply in a report.
 */
export interface ReplyCodeEntry {
  readonly code: number;
  readonly title: string;
  readonly description: string;
  readonly whenYouSeeIt: string;
  /** The commands this code answers (GREETING for the unsolicited greeting), per RFC 959 §5.4 and the servers' sources. */
  readonly answers: readonly string[];
  readonly howToResolve: readonly string[];
  /**
   * Where each claim of the entry can be checked: the RFC sections that define the code and the
   * server manuals or sources behind the server-specific remarks. At least one.
   */
  readonly sources: Sources;
  readonly contexts?: readonly ReplyCodeContext[];
}

const NO_ACTION = 'Nothing to fix: this is a normal reply.';

/** REPLY_CODES: the catalog, one entry per code, in code order. */
const REPLY_CODES: readonly ReplyCodeEntry[] = [
  {
    code: 110,
    title: 'Restart marker reply',
    description:
      'The server reports a restart marker so that an interrupted transfer can later resume from that point. The text has the fixed form "MARK yyyy = mmmm": the client-side marker, then the server-side one.',
    whenYouSeeIt:
      'Only during block- or compressed-mode transfers (MODE B / MODE C). Ordinary stream-mode clients practically never meet it.',
    answers: ['RETR', 'STOR', 'STOU', 'APPE', 'LIST', 'NLST', 'MLSD'],
    howToResolve: [
      NO_ACTION,
      'If a client chokes on it, switch the client back to stream mode (MODE S), which every server supports.',
    ],
    sources: [rfc(959, '4.2.2')],
  },
  {
    code: 120,
    title: 'Service ready in N minutes',
    description:
      'The server accepted the connection but is not ready yet; it gives an estimate in minutes and will send a 220 greeting when it is. The client should keep the connection open and wait.',
    whenYouSeeIt:
      'As the first reply after connecting (before the 220 greeting), or after REIN, typically while a server starts up or is under maintenance.',
    answers: [GREETING, 'REIN'],
    howToResolve: [
      'Wait for the 220 that should follow; clients with a short greeting timeout may give up too early.',
      'If it never becomes ready, look at the server: it may be stuck starting up, or waiting on a slow backend (authentication, storage).',
    ],
    sources: [rfc(959, '4.2.2')],
    contexts: [
      {
        afterCommands: [GREETING],
        meaning: 'The server is not ready yet and asks the client to wait; a 220 greeting should follow.',
      },
    ],
  },
  {
    code: 125,
    title: 'Data connection already open; transfer starting',
    description:
      'The data connection was already open, so the server starts the transfer on it right away. A final 226 or 250 (or an error) follows when the transfer ends.',
    whenYouSeeIt:
      'In reply to RETR, STOR, STOU, APPE, LIST, NLST or MLSD when the client had connected to the passive port before sending the command (some servers, IIS among them, say 125 where others say 150).',
    answers: ['RETR', 'STOR', 'STOU', 'APPE', 'LIST', 'NLST', 'MLSD'],
    howToResolve: [NO_ACTION],
    sources: [rfc(959, '4.2.2')],
  },
  {
    code: 150,
    title: 'File status okay; about to open data connection',
    description:
      'The server accepted the transfer and is about to open (active mode) or accept (passive mode) the data connection. A final 226 or 250 (or an error such as 425 or 426) follows.',
    whenYouSeeIt:
      'In reply to RETR, STOR, STOU, APPE, LIST, NLST or MLSD. If a transfer hangs right after 150, look at the data connection first: a firewall or NAT may block the data port, or the connection opened and then carried nothing. On a long transfer, a NAT device or firewall may instead have dropped the idle control connection, so the final reply never arrives.',
    answers: ['RETR', 'STOR', 'STOU', 'APPE', 'LIST', 'NLST', 'MLSD'],
    howToResolve: [
      NO_ACTION,
      'If nothing follows the 150, test the data port: open the passive port range on every firewall between client and server, or fix the address the server advertises in PASV.',
    ],
    sources: [rfc(959, '4.2.2'), rfc(959, '3.2'), rfc(9293, '3.8.4')],
  },
  {
    code: 200,
    title: 'Command okay',
    description:
      'The command succeeded; it is the generic success reply for commands that return no data. It answers TYPE, MODE, STRU, PORT, EPRT, NOOP, PBSZ, PROT, OPTS and others.',
    whenYouSeeIt: 'After setup commands such as TYPE I, PORT/EPRT, PBSZ 0, PROT P, OPTS UTF8 ON or NOOP.',
    answers: ['TYPE', 'MODE', 'STRU', 'PORT', 'EPRT', 'PBSZ', 'PROT', 'OPTS', 'NOOP'],
    howToResolve: [NO_ACTION],
    sources: [rfc(959, '4.2.2'), rfc(2389, '4'), rfc(2428, '2'), rfc(2228, '3'), rfc(4217, '9')],
    contexts: [
      {
        afterCommands: ['PORT', 'EPRT'],
        meaning:
          'The server accepted the active-mode address; it will connect back to it when a transfer starts (that connection can still fail later).',
      },
      {
        afterCommands: ['PBSZ'],
        meaning:
          'Protection buffer size accepted (TLS always uses PBSZ 0); the client can now send PROT P to encrypt data connections.',
      },
      {
        afterCommands: ['PROT'],
        meaning:
          'Data-connection protection level accepted: after PROT P, listings and files travel over TLS too.',
      },
      {
        afterCommands: ['OPTS'],
        meaning: 'The server recognised the OPTS option and applied it.',
      },
    ],
  },
  {
    code: 202,
    title: 'Command not implemented, superfluous at this site',
    description:
      'The server accepts the command but has nothing to do for it, so it is ignored. It is a success, not an error.',
    whenYouSeeIt:
      'After ALLO, ACCT or SITE on servers that need none of them, and after PASS when no password was needed.',
    answers: ['ALLO', 'ACCT', 'SITE', 'PASS'],
    howToResolve: [NO_ACTION],
    sources: [rfc(959, '4.2.2'), rfc(959, '5.4')],
  },
  {
    code: 211,
    title: 'System status, or feature list',
    description:
      'The server sends a status report or, in answer to FEAT, the list of extensions it supports. A FEAT list is multi-line: "211-" first, one feature per line each starting with a space, then "211 End".',
    whenYouSeeIt: 'After FEAT, STAT without arguments, or HELP on some servers.',
    answers: ['FEAT', 'STAT', 'HELP'],
    howToResolve: [NO_ACTION],
    sources: [rfc(959, '4.2.2'), rfc(2389, '3.2')],
    contexts: [
      {
        afterCommands: ['FEAT'],
        meaning:
          'The list of extensions this server supports (AUTH TLS, EPSV, MLST, UTF8 …); a one-line 211 means it supports none.',
      },
      {
        afterCommands: ['STAT'],
        meaning: 'A status report about the server and this session.',
      },
    ],
  },
  {
    code: 212,
    title: 'Directory status',
    description: 'The server sends status information about a directory.',
    whenYouSeeIt: 'After STAT with a directory name as its argument.',
    answers: ['STAT'],
    howToResolve: [NO_ACTION],
    sources: [rfc(959, '4.2.2')],
  },
  {
    code: 213,
    title: 'File status',
    description:
      'The server sends status information about a file; for SIZE and MDTM it is a single value. SIZE answers with the size in bytes for the current TYPE, MDTM with the UTC modification time as YYYYMMDDHHMMSS, optionally followed by a fraction of a second (YYYYMMDDHHMMSS.sss).',
    whenYouSeeIt: 'After SIZE, MDTM, or STAT with a file name.',
    answers: ['SIZE', 'MDTM', 'STAT'],
    howToResolve: [NO_ACTION],
    sources: [rfc(959, '4.2.2'), rfc(3659, '2.3'), rfc(3659, '3'), rfc(3659, '4')],
    contexts: [
      {
        afterCommands: ['SIZE'],
        meaning: 'The size of the file in bytes, as it would be transferred in the current TYPE.',
      },
      {
        afterCommands: ['MDTM'],
        meaning:
          'The file’s last modification time in UTC, written YYYYMMDDHHMMSS, possibly with a fraction of a second after a dot.',
      },
    ],
  },
  {
    code: 214,
    title: 'Help message',
    description:
      'The server sends help text about itself or about one command. It is written for a person; programs should not parse it (FEAT exists for that).',
    whenYouSeeIt: 'After HELP, HELP <command> or SITE HELP.',
    answers: ['HELP', 'SITE'],
    howToResolve: [NO_ACTION],
    sources: [rfc(959, '4.2.2')],
  },
  {
    code: 215,
    title: 'System type',
    description:
      'The server names its operating-system type. Most Unix servers answer "UNIX Type: L8" whatever they run on; IIS answers "Windows_NT".',
    whenYouSeeIt: 'After SYST. Clients use the answer to guess how directory listings are formatted.',
    answers: ['SYST'],
    howToResolve: [NO_ACTION],
    sources: [
      rfc(959, '4.1.3'),
      rfc(959, '4.2.2'),
      cite('vsftpd-source', 'ftpcodes.h / postlogin.c (SYST: UNIX Type: L8)'),
    ],
  },
  {
    code: 220,
    title: 'Service ready for new user',
    description:
      'The server is ready and waits for the client to log in; this is the normal greeting (banner) right after connecting. It is often multi-line and often names the server software.',
    whenYouSeeIt:
      'As the first reply on a new control connection, after REIN, after HOST (RFC 7151), and after a 120 "ready in N minutes".',
    answers: [GREETING, 'REIN', 'HOST'],
    howToResolve: [
      NO_ACTION,
      'If the banner reveals software and version and you would rather not advertise them, set your own text (vsftpd ftpd_banner, ProFTPD ServerIdent on "text" or ServerIdent off). Pure-FTPd never shows its version; with a fortunes file (-F / FortunesFile) it greets with a line from that file instead of its "Welcome to Pure-FTPd" banner.',
    ],
    sources: [
      rfc(959, '4.2.2'),
      rfc(959, '5.4'),
      rfc(7151, '3'),
      cite('vsftpd.conf.5', 'ftpd_banner'),
      cite('proftpd-mod_core', 'ServerIdent'),
      cite('pure-ftpd-source', 'ChangeLog 1.0.23 (--without-banner removed; -F replaces the banner)'),
    ],
    contexts: [
      {
        afterCommands: [GREETING],
        meaning: 'The server greets the client and is ready for login.',
      },
      {
        afterCommands: ['HOST'],
        meaning: 'The virtual host was accepted; the text is often that host’s own welcome message.',
      },
      {
        afterCommands: ['REIN'],
        meaning: 'The session was reset to the state right after connecting; log in again.',
      },
    ],
  },
  {
    code: 221,
    title: 'Service closing control connection',
    description: 'The server says goodbye and closes the control connection, logging the user out.',
    whenYouSeeIt: 'After QUIT (when a transfer is still running, only once it has finished).',
    answers: ['QUIT'],
    howToResolve: [NO_ACTION],
    sources: [rfc(959, '4.1.1'), rfc(959, '4.2.2')],
  },
  {
    code: 225,
    title: 'Data connection open; no transfer in progress',
    description:
      'A data connection is open and stays open, but nothing is being transferred on it. Unlike 226, the server does not close the data connection.',
    whenYouSeeIt:
      'After ABOR when no transfer is running. RFC 959 lists 225 and 226 among the replies to ABOR (§5.4) and describes 226 for this case (§4.1.3), but servers differ: vsftpd 3.0.3 answers every such ABOR with "225 No transfer to ABOR.", whether or not a data connection is open, so 225 is common there; ProFTPD 1.3.8 answers 226. Pure-FTPd also answers its own ESTA/ESTP commands with 225.',
    answers: ['ABOR', 'ESTA', 'ESTP'],
    howToResolve: [NO_ACTION],
    sources: [
      rfc(959, '4.1.3'),
      rfc(959, '4.2.2'),
      rfc(959, '5.4'),
      cite('vsftpd-source', 'postlogin.c handle_abor() ("225 No transfer to ABOR.")'),
      cite('pure-ftpd-source', 'src/ftpd.c doesta()/doestp()'),
    ],
  },
  {
    code: 226,
    title: 'Closing data connection; transfer complete',
    description:
      'The transfer (or listing) finished successfully and the server is closing the data connection. It is the normal end of RETR, STOR, LIST, NLST and MLSD.',
    whenYouSeeIt:
      'After a 150 or 125, at the end of a transfer; also after ABOR: on its own when no transfer was running (RFC 959 §4.1.3; ProFTPD does so, vsftpd answers 225 instead), or following a 426 for the aborted transfer.',
    answers: ['RETR', 'STOR', 'STOU', 'APPE', 'LIST', 'NLST', 'MLSD', 'ABOR'],
    howToResolve: [NO_ACTION],
    sources: [rfc(959, '4.1.3'), rfc(959, '4.2.2')],
    contexts: [
      {
        afterCommands: ['ABOR'],
        meaning:
          'The abort was carried out; if a transfer was running, it was answered with 426 before this.',
      },
    ],
  },
  {
    code: 227,
    title: 'Entering Passive Mode',
    description:
      'The server opened a data port and tells the client where to connect, as six numbers h1,h2,h3,h4,p1,p2: IPv4 address h1.h2.h3.h4, port p1×256+p2. The address is only as good as the server’s configuration: behind NAT it is often a private address clients cannot reach.',
    whenYouSeeIt:
      'After PASV. If the address differs from the one you connected to (a private 10.x/172.16–31.x/192.168.x address, 0.0.0.0, or another public one), the server is behind NAT or misconfigured.',
    answers: ['PASV'],
    howToResolve: [
      'Check that the advertised address is the one clients connect to; if not, set the public address in the server (vsftpd pasv_address, ProFTPD MasqueradeAddress, Pure-FTPd -P / ForcePassiveIP, FileZilla Server: the public IP in its passive-mode settings).',
      'Make sure the port is reachable: open the server’s passive port range in every firewall and security group between client and server.',
      'Prefer EPSV (229), which carries only the port and so cannot advertise a wrong address.',
    ],
    sources: [
      rfc(959, '4.1.2'),
      rfc(959, '4.2.2'),
      rfc(1123, '4.1.2.6'),
      rfc(1918, '3'),
      cite('vsftpd.conf.5', 'pasv_address'),
      cite('proftpd-mod_core', 'MasqueradeAddress'),
      cite('pure-ftpd.8', '-P (forcepassiveip)'),
    ],
    contexts: [
      {
        afterCommands: ['PASV'],
        meaning:
          'Passive mode: the server listens on the address and port encoded as h1,h2,h3,h4,p1,p2 (port = p1×256+p2).',
      },
    ],
  },
  {
    code: 228,
    title: 'Entering Long Passive Mode',
    description:
      'The server entered long passive mode and reports address family, address and port as length-prefixed lists of bytes. LPSV was an experiment that EPSV replaced; almost no client uses it.',
    whenYouSeeIt: 'After LPSV, on old servers only.',
    answers: ['LPSV'],
    howToResolve: [NO_ACTION, 'Use EPSV instead of LPSV.'],
    sources: [rfc(1639, 'LPSV')],
  },
  {
    code: 229,
    title: 'Entering Extended Passive Mode',
    description:
      'The server opened a data port and gives only its number, as in "(|||40012|)"; the client connects to that port on the same address it used for the control connection. Because no address is sent, EPSV works through NAT and over IPv6.',
    whenYouSeeIt:
      'After EPSV. If a transfer then hangs or fails with 425, the port given here is blocked by a firewall between client and server.',
    answers: ['EPSV'],
    howToResolve: [
      NO_ACTION,
      'If the data connection then fails, open the server’s passive port range (the ports seen in 229 replies) in every firewall and security group on the way.',
    ],
    sources: [rfc(2428, '3'), rfc(2428, '4')],
    contexts: [
      {
        afterCommands: ['EPSV'],
        meaning: 'Extended passive mode: connect to the given port on the control connection’s own address.',
      },
    ],
  },
  {
    code: 230,
    title: 'User logged in, proceed',
    description: 'The login succeeded; the session may now list and transfer files.',
    whenYouSeeIt:
      'After PASS (the usual case), after USER when the account needs no password, or after ACCT.',
    answers: ['USER', 'PASS', 'ACCT'],
    howToResolve: [NO_ACTION],
    sources: [rfc(959, '4.2.2'), rfc(959, '5.4')],
    contexts: [
      {
        afterCommands: ['USER'],
        meaning: 'Logged in without a password: this account (or the server) does not ask for one.',
      },
    ],
  },
  {
    code: 231,
    title: 'User logged out (obsolete)',
    description:
      'An obsolete reply meaning the user was logged out and the service ended. It comes from the 1974 reply codes (RFC 640); RFC 959 does not list it, and modern servers answer QUIT with 221.',
    whenYouSeeIt: 'Only from very old servers, after BYE or QUIT.',
    answers: ['BYE', 'QUIT'],
    howToResolve: [NO_ACTION],
    sources: [rfc(640, 'reply 231'), rfc(959, '4.2.2')],
  },
  {
    code: 232,
    title: 'User logged in, authorized by security data exchange',
    description:
      'The login was accepted on the strength of the identity proven during the security exchange (a Kerberos ticket or a TLS client certificate), so no password is asked. In the 1974 reply codes (RFC 640), 232 meant a deferred logout instead.',
    whenYouSeeIt:
      'After USER, following AUTH/ADAT or AUTH TLS with a client certificate the server accepted.',
    answers: ['USER'],
    howToResolve: [NO_ACTION],
    sources: [rfc(2228, '4'), rfc(2228, '5.1'), rfc(4217, '12.2'), rfc(640, 'reply 232')],
    contexts: [
      {
        afterCommands: ['USER'],
        meaning:
          'Logged in by the identity proven during AUTH (for TLS, the client certificate); no password needed.',
      },
    ],
  },
  {
    code: 234,
    title: 'Security mechanism accepted (AUTH)',
    description:
      'The server accepts the security mechanism named in AUTH and needs no more data for it. After "AUTH TLS" this means the TLS handshake starts immediately on the control connection.',
    whenYouSeeIt: 'After AUTH TLS (or AUTH SSL). It is the only correct answer that lets TLS begin.',
    answers: ['AUTH'],
    howToResolve: [
      NO_ACTION,
      'If the TLS handshake fails right after this reply, check the server certificate and the TLS versions and ciphers the server allows.',
    ],
    sources: [rfc(2228, '3'), rfc(4217, '4.1')],
    contexts: [
      {
        afterCommands: ['AUTH'],
        meaning: 'The server agrees to TLS; the handshake starts right after this line.',
      },
    ],
  },
  {
    code: 235,
    title: 'Security data exchange complete (ADAT)',
    description:
      'The security data exchange finished successfully; the text may carry final data for the client as "ADAT=<base64>".',
    whenYouSeeIt: 'After ADAT, with mechanisms such as GSSAPI/Kerberos. Never with TLS.',
    answers: ['ADAT'],
    howToResolve: [NO_ACTION],
    sources: [rfc(2228, '3')],
  },
  {
    code: 250,
    title: 'Requested file action okay, completed',
    description:
      'The file action succeeded: a directory change, a deletion, a rename, or the end of a transfer. After MLST it carries the facts about one file in a multi-line reply.',
    whenYouSeeIt: 'After CWD, DELE, RMD, RNTO, MLST, or at the end of a transfer on some servers.',
    answers: ['CWD', 'CDUP', 'DELE', 'RMD', 'RNTO', 'MLST', 'RETR', 'STOR'],
    howToResolve: [NO_ACTION],
    sources: [rfc(959, '4.2.2'), rfc(959, '5.4'), rfc(3659, '7.2')],
    contexts: [
      {
        afterCommands: ['MLST'],
        meaning: 'Machine-readable facts (type, size, modify …) about the named file, on the middle line.',
      },
      {
        afterCommands: ['CWD', 'CDUP'],
        meaning: 'The working directory was changed.',
      },
    ],
  },
  {
    code: 257,
    title: 'Pathname reply ("PATHNAME" created / current directory)',
    description:
      'Success, with a path in double quotes: the current directory after PWD, or the new directory after MKD. Quotes inside the path are doubled.',
    whenYouSeeIt: 'After PWD or MKD (and their old forms XPWD, XMKD).',
    answers: ['PWD', 'MKD', 'XPWD', 'XMKD'],
    howToResolve: [NO_ACTION],
    sources: [rfc(959, '4.2.2'), rfc(959, 'Appendix II')],
  },
  {
    code: 331,
    title: 'User name okay, need password',
    description: 'The server accepted the user name and now expects PASS with the password.',
    whenYouSeeIt:
      'After USER. Many servers say 331 even for users that do not exist, so that nobody can probe for valid names; the verdict comes after PASS.',
    answers: ['USER'],
    howToResolve: [NO_ACTION],
    sources: [rfc(959, '4.2.2'), rfc(959, '5.4')],
  },
  {
    code: 332,
    title: 'Need account for login',
    description: 'The server needs an account name (ACCT) before it completes the login.',
    whenYouSeeIt: 'After USER or PASS, on servers (often mainframes) that bill or separate work by account.',
    answers: ['USER', 'PASS'],
    howToResolve: [
      'Send ACCT with the account name the server administrator gave you (ftp-doctor: --account).',
    ],
    sources: [rfc(959, '4.1.1'), rfc(959, '4.2.2'), rfc(959, '5.4')],
  },
  {
    code: 334,
    title: 'Security mechanism accepted, security data required (ADAT)',
    description:
      'The server accepts the AUTH mechanism but needs security data first, sent with ADAT; the text may carry "ADAT=<base64>". This is right for GSSAPI/Kerberos, but it is a wrong answer to AUTH TLS, which must get 234.',
    whenYouSeeIt: 'After AUTH GSSAPI or similar mechanisms.',
    answers: ['AUTH'],
    howToResolve: [
      'For Kerberos/GSSAPI clients: nothing, continue with ADAT.',
      'If a server answers AUTH TLS with 334, it does not follow RFC 4217; TLS clients will fail against it. Upgrade or reconfigure the server.',
    ],
    sources: [rfc(2228, '3'), rfc(4217, '4.1')],
    contexts: [
      {
        afterCommands: ['AUTH'],
        meaning:
          'The mechanism needs an ADAT exchange (GSSAPI/Kerberos); as an answer to AUTH TLS it breaks RFC 4217, which requires 234.',
      },
    ],
  },
  {
    code: 335,
    title: 'Security data acceptable, more required',
    description: 'The server accepted the security data but needs more ADAT exchanges to finish.',
    whenYouSeeIt: 'After ADAT, in the middle of a GSSAPI/Kerberos exchange.',
    answers: ['ADAT'],
    howToResolve: [NO_ACTION],
    sources: [rfc(2228, '3')],
  },
  {
    code: 336,
    title: 'User name okay, need password; challenge is …',
    description:
      'The user name is accepted and a password is required; the text carries a challenge from which the password (a one-time password or a challenge response) is computed.',
    whenYouSeeIt: 'After USER, on servers with one-time passwords or challenge-response login.',
    answers: ['USER'],
    howToResolve: [
      'Compute the response from the challenge with the token or tool your site uses, then send it with PASS.',
    ],
    sources: [rfc(2228, '4')],
  },
  {
    code: 350,
    title: 'Requested file action pending further information',
    description:
      'The command was accepted and waits for the next one to complete it: RNTO after RNFR, or RETR/STOR after REST.',
    whenYouSeeIt: 'After RNFR (send RNTO with the new name) or REST <offset> (send RETR or STOR to resume).',
    answers: ['RNFR', 'REST'],
    howToResolve: [NO_ACTION],
    sources: [rfc(959, '4.2.2'), rfc(3659, '5.3')],
    contexts: [
      {
        afterCommands: ['RNFR'],
        meaning: 'The file to rename exists; send RNTO with the new name.',
      },
      {
        afterCommands: ['REST'],
        meaning: 'The restart offset was stored; the next RETR or STOR resumes from it.',
      },
    ],
  },
  {
    code: 421,
    title: 'Service not available, closing control connection',
    description:
      'The server refuses to continue and closes the control connection. It can answer any command, and it can replace the greeting.',
    whenYouSeeIt:
      'Instead of the 220 greeting when a connection limit, ban or shutdown is in effect; after an idle or login timeout; after AUTH, before any TLS negotiation, when the service is not available (RFC 2228 lists 421 among the replies to AUTH); on Pure-FTPd, when TLS is required and the client logs in without it.',
    answers: [
      GREETING,
      'USER',
      'PASS',
      'AUTH',
      'HOST',
      'RETR',
      'STOR',
      'STOU',
      'APPE',
      'LIST',
      'NLST',
      'MLSD',
    ],
    howToResolve: [
      'Read the text: it usually says which limit was hit (too many users, too many connections from one address, idle timeout).',
      'For connection limits: close stale sessions, or raise the limit (vsftpd max_clients / max_per_ip, Pure-FTPd -c / -C). ProFTPD does not answer its limits with 421: MaxClients and MaxClientsPerHost refuse the login with 530, and MaxInstances closes new connections without any reply.',
      'Clients that open many parallel connections (FileZilla, sync tools) hit per-address limits first; lower their connection count.',
      'It is transient: the same connection attempt may succeed later.',
    ],
    sources: [
      rfc(959, '4.2.2'),
      rfc(959, '5.4'),
      rfc(2228, '3'),
      rfc(4217, '10.1'),
      rfc(7151, '3'),
      cite('vsftpd.conf.5', 'max_clients, max_per_ip'),
      cite('pure-ftpd.8', '-c, -C'),
      cite('proftpd-mod_core', 'MaxInstances'),
      cite('proftpd-mod_auth', 'MaxClients'),
    ],
    contexts: [
      {
        afterCommands: [GREETING],
        meaning:
          'The server refuses new sessions right now: a connection limit (total or per address), a ban, or a shutdown.',
      },
      {
        afterCommands: ['AUTH'],
        meaning:
          'The server answers AUTH itself, before any TLS negotiation: the service is not available right now (a shutdown or a limit), and it closes the connection. A failed TLS handshake comes after a 234 instead.',
      },
      {
        afterCommands: ['USER'],
        meaning:
          'The server refuses the session at login and closes the connection: a user limit was reached, or (Pure-FTPd) logins over a plain connection are refused and AUTH TLS is required first.',
      },
      {
        afterCommands: ['PASS'],
        meaning:
          'The server refuses the session after the password and closes the connection: most often a limit on users or on sessions per account or address was reached.',
      },
      {
        afterCommands: ['HOST'],
        meaning: 'The virtual host exists but is temporarily unavailable; the server closes the connection.',
      },
    ],
  },
  {
    code: 425,
    title: "Can't open data connection",
    description:
      'The server could not set up the data connection for the transfer. Usually a firewall or NAT blocks the data port: in passive mode the client never arrived at the data port, in active mode the server could not connect back to the client. With FTPS, the data connection may have arrived but been refused because it did not resume the control connection’s TLS session.',
    whenYouSeeIt:
      'After LIST, NLST, MLSD, RETR or STOR following PASV/EPSV/PORT/EPRT. Over FTPS, FileZilla Server 1.x answers 425 "TLS session of data connection not resumed" when the client opens a fresh TLS session on the data connection. Some servers also use 425 for a refused PASV over IPv6 (Pure-FTPd) or a data connection from an unexpected address (vsftpd "Security: Bad IP connecting.").',
    answers: ['RETR', 'STOR', 'STOU', 'APPE', 'LIST', 'NLST', 'MLSD', 'PASV', 'EPSV'],
    howToResolve: [
      'Passive mode: open the server’s passive port range in every firewall and security group between client and server, and set the same range in the server (vsftpd pasv_min_port/pasv_max_port, ProFTPD PassivePorts, Pure-FTPd -p).',
      'Passive mode behind NAT: make the server advertise its public address (vsftpd pasv_address, ProFTPD MasqueradeAddress, Pure-FTPd -P), or use EPSV.',
      'Active mode: the client’s firewall or NAT blocks the server’s connection back; switch the client to passive mode.',
      'A connection tracking helper (nf_conntrack_ftp) cannot see inside TLS; with FTPS, open the passive range explicitly.',
      'FTPS with "TLS session … not resumed" in the text: opening ports does not help. Use a client that resumes the control connection’s TLS session on data connections (FileZilla and curl do). FileZilla Server 1.x requires the resumption in every version and has no setting to relax it; ProFTPD (which also answers 425) relaxes it with TLSOptions NoSessionReuseRequired, at the cost of the protection against data-connection theft.',
    ],
    sources: [
      rfc(959, '4.2.2'),
      rfc(2428, '3'),
      rfc(4217, '10.2'),
      cite('commons-net-408', 'FileZilla Server: 425 TLS session of data connection not resumed'),
      cite('proftpd-mod_tls', 'TLSOptions NoSessionReuseRequired'),
      cite('vsftpd.conf.5', 'pasv_min_port, pasv_max_port, pasv_address, pasv_promiscuous'),
      cite('proftpd-mod_core', 'PassivePorts, MasqueradeAddress'),
      cite('pure-ftpd-source', 'src/ftpd.c dopasv()'),
      cite('linux-conntrack-ftp', 'nf_conntrack_ftp.c'),
    ],
    contexts: [
      {
        afterCommands: TRANSFER_COMMANDS,
        meaning:
          'The data connection could not be established: the passive port is blocked or the advertised address unreachable (active mode: the server could not connect back); with FTPS, the TLS session may not have been resumed.',
      },
      {
        afterCommands: ['PASV'],
        meaning:
          'PASV refused: Pure-FTPd answers this way on IPv6 connections, where only EPSV can work; otherwise no passive port could be opened.',
      },
      {
        afterCommands: ['EPSV'],
        meaning: 'The server could not open a passive port (its passive range may be exhausted or unusable).',
      },
    ],
  },
  {
    code: 426,
    title: 'Connection closed; transfer aborted',
    description:
      'The data connection opened and the transfer started, but it broke before the end. Unlike 425, the data path worked at first.',
    whenYouSeeIt:
      'During a transfer when the network dropped, TLS on the data connection failed mid-way, a firewall or NAT cut a connection, or the client aborted (ABOR gets 426 for the transfer, then 226). On long transfers the usual culprit is the control connection: it carries nothing while the data flows, and a NAT or firewall that forgets idle connections drops it.',
    answers: ['RETR', 'STOR', 'STOU', 'APPE', 'LIST', 'NLST', 'MLSD', 'ABOR'],
    howToResolve: [
      'Retry: it is transient.',
      'If long transfers keep failing, keep the idle control connection alive: turn on TCP keepalive in the client (curl sends keepalives by default, --keepalive-time sets the interval) or raise the idle timeout of the NAT or firewall on the way (Linux conntrack: nf_conntrack_tcp_timeout_established).',
      'If the transfer itself stalls, check the server’s stall timeout (vsftpd data_connection_timeout, ProFTPD TimeoutStalled).',
      'With FTPS, check that the client closes the data connection with a proper TLS shutdown; some servers report 426 when it does not.',
    ],
    sources: [
      rfc(959, '4.1.3'),
      rfc(959, '4.2.2'),
      rfc(9293, '3.8.4'),
      cite('curl.1', '--keepalive-time'),
      cite('filezilla-network-wiki', 'Timeouts on large files'),
      cite('vsftpd.conf.5', 'data_connection_timeout'),
      cite('proftpd-mod_core', 'TimeoutStalled'),
    ],
  },
  {
    code: 430,
    title: 'Invalid username or password (non-standard)',
    description:
      'A few servers use 430 for a wrong user name or password. No RFC defines it; standard servers say 530.',
    whenYouSeeIt: 'After PASS, on a small number of servers.',
    answers: ['PASS'],
    howToResolve: ['Check the user name and password; treat it like 530.'],
    sources: [rfc(959, '4.2.2'), cite('wikipedia-ftp-codes', '430')],
  },
  {
    code: 431,
    title: 'Need some unavailable resource to process security',
    description:
      'The server cannot process the security request right now because a resource it needs is missing (a key, a certificate, a backend).',
    whenYouSeeIt: 'After AUTH or PROT.',
    answers: ['AUTH', 'PROT'],
    howToResolve: [
      'Retry later: it is transient.',
      'Server side: check that the TLS certificate and key files are readable and valid and that the security module is loaded.',
    ],
    sources: [rfc(2228, '3'), rfc(2228, '5.1')],
  },
  {
    code: 434,
    title: 'Requested host unavailable (non-standard)',
    description:
      'Some pre-standard implementations of the HOST command answered 434 for an unavailable virtual host. The final standard, RFC 7151, uses 421 or 504 instead.',
    whenYouSeeIt: 'After HOST, on implementations of early drafts.',
    answers: ['HOST'],
    howToResolve: ['Check the host name sent with HOST against the virtual hosts the server defines.'],
    sources: [rfc(7151, '3'), cite('wikipedia-ftp-codes', '434')],
  },
  {
    code: 450,
    title: 'Requested file action not taken: file unavailable',
    description:
      'The file action was not carried out because the file is temporarily unavailable, for example busy or locked. Trying again later may work.',
    whenYouSeeIt:
      'After RETR, STOR, DELE, RNFR, LIST or NLST. The old FileZilla Server 0.9.x also answered 450 when the data connection did not resume the control connection’s TLS session (FileZilla Server 1.x says 425 for that).',
    answers: ['RETR', 'STOR', 'DELE', 'RNFR', 'LIST', 'NLST'],
    howToResolve: [
      'Retry once the file is no longer in use.',
      'FileZilla Server 0.9.x with FTPS: use a client that resumes the TLS session on data connections (FileZilla and curl do); 0.9.x, unlike 1.x, can also stop requiring it (FTP over TLS settings).',
    ],
    sources: [
      rfc(959, '4.2.2'),
      rfc(959, '5.4'),
      cite('commons-net-408', 'FileZilla Server: TLS session resumption on data connections'),
      cite('filezilla-wiki-ftp-over-tls', 'Server Setup (0.9.x FTP over TLS settings)'),
    ],
    contexts: [
      {
        afterCommands: TRANSFER_COMMANDS,
        meaning:
          'The file or listing is temporarily unavailable; with FTPS on FileZilla Server 0.9.x, the data connection did not resume the control connection’s TLS session.',
      },
    ],
  },
  {
    code: 451,
    title: 'Requested action aborted: local error in processing',
    description: 'The server hit an internal error (such as a disk or I/O problem) and aborted the action.',
    whenYouSeeIt: 'During or right after STOR, RETR, APPE, LIST or NLST; occasionally after OPTS.',
    answers: ['STOR', 'RETR', 'APPE', 'LIST', 'NLST', 'OPTS'],
    howToResolve: [
      'Retry: it is transient.',
      'Server side: check the server’s log, free disk space, file system health and permissions on the target directory.',
    ],
    sources: [rfc(959, '4.2.2'), rfc(959, '5.4'), rfc(2389, '4')],
  },
  {
    code: 452,
    title: 'Requested action not taken: insufficient storage space',
    description: 'The server does not have enough storage space to accept the upload right now.',
    whenYouSeeIt: 'After STOR, STOU or APPE.',
    answers: ['STOR', 'STOU', 'APPE'],
    howToResolve: ['Free disk space on the server, or upload to another location; then retry.'],
    sources: [rfc(959, '4.2.2'), rfc(959, '5.4')],
  },
  {
    code: 500,
    title: 'Syntax error, command unrecognized',
    description:
      'The server did not understand the command: it does not know it, or the line was garbled or too long. On vsftpd, "500 OOPS: …" is something else: a fatal error, after which vsftpd closes the session.',
    whenYouSeeIt:
      'After commands the server does not implement (EPSV, FEAT, AUTH, HOST on old or minimal servers), after mangled commands (a proxy or a TLS mix-up), after a refused PORT/EPRT (vsftpd "500 Illegal PORT command.", "500 Bad EPRT command.", and "500 Bad EPRT protocol." for EPRT |2| on an IPv4-only vsftpd; ProFTPD "500 Illegal PORT command" for an address other than the client’s or a port below 1024), and as vsftpd’s "500 OOPS:" on configuration or privilege errors.',
    answers: [GREETING, 'EPSV', 'EPRT', 'FEAT', 'AUTH', 'HOST', 'PASV', 'PORT', 'PASS'],
    howToResolve: [
      'For an unknown extension: use the alternative (PASV instead of EPSV) or upgrade the server.',
      'For "500 OOPS:": read the reason after OOPS; it names the vsftpd setting or system call that failed. Fix it in vsftpd.conf or on the system, then restart vsftpd.',
      'If every command gets 500, something between client and server rewrites the traffic (an FTP-aware proxy or firewall), or the client speaks a protocol the port does not expect.',
    ],
    sources: [
      rfc(959, '4.2.2'),
      rfc(2428, '2'),
      rfc(2428, '3'),
      rfc(2389, '3'),
      cite('vsftpd-source', 'utility.c bug(), called by die() ("500 OOPS:")'),
      cite(
        'vsftpd-source',
        'postlogin.c handle_port(), handle_eprt() ("500 Illegal PORT command.", "500 Bad EPRT …")',
      ),
      cite('proftpd-source', 'modules/mod_core.c core_port() ("Illegal PORT command")'),
      cite(
        'pure-ftpd-source',
        'src/ftp_parser.c (EPSV/PASV under -N, EPSV on IPv4 under -b: 500 Unknown command)',
      ),
    ],
    contexts: [
      {
        afterCommands: ['EPSV'],
        meaning:
          'The server does not know EPSV/EPRT: it predates RFC 2428 (1998) or a proxy filters the command. Use PASV/PORT, and upgrade the server for IPv6 and NAT-friendly transfers.',
      },
      {
        afterCommands: ['AUTH'],
        meaning:
          'The server does not know AUTH: it has no TLS support (or it is switched off); credentials will travel in clear text.',
      },
      {
        afterCommands: ['FEAT'],
        meaning: 'The server does not implement FEAT (RFC 2389); it cannot list its extensions.',
      },
      {
        afterCommands: ['PASV'],
        meaning:
          'The command was refused or is unknown; on an IPv6 connection PASV and PORT cannot work (they carry IPv4 addresses), so use EPSV/EPRT.',
      },
      {
        afterCommands: [GREETING, 'PASS'],
        meaning:
          'The server failed right at the start of the session; on vsftpd "500 OOPS: <reason>" names the setting or system call that failed.',
      },
      {
        afterCommands: ['PORT', 'EPRT'],
        meaning:
          'Active-mode address refused (vsftpd, ProFTPD: not the client’s own address, the usual cause behind NAT, or a port below 1024; vsftpd: malformed), or EPRT or its address family unknown (vsftpd "Bad EPRT protocol.").',
      },
    ],
  },
  {
    code: 501,
    title: 'Syntax error in parameters or arguments',
    description: 'The server knows the command but rejects its argument as malformed or not allowed.',
    whenYouSeeIt:
      'After PORT/EPRT with a bad address, TYPE/MODE with a bad letter, REST with a bad offset, MLSD on a file, FEAT with arguments. ProFTPD answers a denied EPSV with 501.',
    answers: ['PORT', 'EPRT', 'TYPE', 'MODE', 'REST', 'MLSD', 'MLST', 'FEAT', 'EPSV', 'HOST'],
    howToResolve: [
      'Check the argument the client sends; with PORT/EPRT, check that a NAT device is not rewriting it.',
      'If the server denies a command by policy this way (ProFTPD <Limit EPSV> DenyAll), allow the command in the server configuration or let clients use the alternative.',
    ],
    sources: [
      rfc(959, '4.2.2'),
      rfc(959, '5.4'),
      rfc(3659, '7.2.1'),
      rfc(7151, '3'),
      cite('proftpd-mod_core', '<Limit>'),
      cite('proftpd-source', 'modules/mod_core.c core_port() ("501 Illegal PORT command")'),
    ],
    contexts: [
      {
        afterCommands: ['EPSV'],
        meaning:
          'EPSV refused: its argument was invalid, or the server denies EPSV by configuration (ProFTPD <Limit EPSV> DenyAll answers 501).',
      },
      {
        afterCommands: ['MLSD', 'MLST'],
        meaning: 'The argument is invalid, or MLSD was given something that is not a directory.',
      },
      {
        afterCommands: ['PORT', 'EPRT'],
        meaning:
          'The active-mode address was rejected as malformed (ProFTPD 1.3.8: "501 Illegal PORT command"; vsftpd answers a malformed or foreign address with 500 instead).',
      },
      {
        afterCommands: ['HOST'],
        meaning: 'The host name is malformed (for example it has a port number appended).',
      },
    ],
  },
  {
    code: 502,
    title: 'Command not implemented',
    description: 'The server recognises the command but does not implement it.',
    whenYouSeeIt:
      'After optional commands (PASV, REST, SYST, STAT, HELP) or extensions (FEAT, EPSV, AUTH, CCC) the server or its configuration leaves out.',
    answers: ['PASV', 'EPSV', 'REST', 'SYST', 'STAT', 'HELP', 'FEAT', 'AUTH', 'CCC'],
    howToResolve: [
      'Use an alternative: PASV when EPSV is missing, EPSV when PASV is missing, LIST when MLSD is missing.',
      'To get the feature, upgrade or reconfigure the server.',
    ],
    sources: [rfc(959, '4.2.2')],
    contexts: [
      {
        afterCommands: ['EPSV'],
        meaning:
          'EPSV is not implemented here; clients must fall back to PASV (IPv4 only, and sensitive to NAT).',
      },
      {
        afterCommands: ['PASV'],
        meaning: 'PASV is not implemented (or disabled); clients must use EPSV or active mode.',
      },
      {
        afterCommands: ['AUTH'],
        meaning: 'The server has no TLS support enabled; credentials will travel in clear text.',
      },
      {
        afterCommands: ['FEAT'],
        meaning: 'The server does not implement FEAT (RFC 2389); it cannot list its extensions.',
      },
    ],
  },
  {
    code: 503,
    title: 'Bad sequence of commands',
    description: 'The command came at the wrong moment, because a command that must precede it was not sent.',
    whenYouSeeIt:
      'PASS without USER, RNTO without RNFR, PBSZ/PROT before AUTH TLS, PROT before PBSZ, HOST after login.',
    answers: ['PASS', 'RNTO', 'PBSZ', 'PROT', 'HOST'],
    howToResolve: [
      'Send the commands in order (USER then PASS; AUTH TLS, then PBSZ 0, then PROT P); it points at a client bug.',
    ],
    sources: [rfc(959, '4.2.2'), rfc(959, '5.4'), rfc(2228, '3'), rfc(7151, '3')],
    contexts: [
      {
        afterCommands: ['PBSZ', 'PROT'],
        meaning:
          'Data protection was asked for before TLS was set up (send AUTH TLS first, then PBSZ 0, then PROT).',
      },
      {
        afterCommands: ['PASS'],
        meaning: 'PASS came without an accepted USER before it.',
      },
      {
        afterCommands: ['RNTO'],
        meaning: 'RNTO came without a successful RNFR before it.',
      },
      {
        afterCommands: ['HOST'],
        meaning: 'HOST must come before login; the user is already authenticated.',
      },
    ],
  },
  {
    code: 504,
    title: 'Command not implemented for that parameter',
    description: 'The command exists, but the server does not support the value it was given.',
    whenYouSeeIt:
      'TYPE/MODE/STRU with an unsupported value, AUTH with an unknown mechanism, PROT with an unknown level, HOST with a host the server does not serve, LANG with an unsupported language.',
    answers: ['TYPE', 'MODE', 'STRU', 'AUTH', 'PROT', 'HOST', 'LANG'],
    howToResolve: ['Use a value the server supports (FEAT lists AUTH mechanisms and LANG tags).'],
    sources: [rfc(959, '4.2.2'), rfc(959, '5.4'), rfc(2228, '3'), rfc(2640, '4.1'), rfc(7151, '3')],
    contexts: [
      {
        afterCommands: ['AUTH'],
        meaning:
          'The server does not support this AUTH mechanism (for TLS, try AUTH TLS rather than AUTH SSL or the reverse).',
      },
      {
        afterCommands: ['PROT'],
        meaning: 'The server does not know this protection level; TLS uses only C (clear) and P (private).',
      },
      {
        afterCommands: ['HOST'],
        meaning: 'No virtual host by that name on this server.',
      },
    ],
  },
  {
    code: 520,
    title: 'ESTA/ESTP refused (Pure-FTPd, non-standard)',
    description:
      'Pure-FTPd uses this non-standard code to refuse its own ESTA and ESTP commands, which report the address of an established data connection: ESTA works only in active mode and ESTP only in passive mode.',
    whenYouSeeIt:
      'After ESTA or ESTP on Pure-FTPd, when the session is in the other data-connection mode. Ordinary clients never send these commands; PORT, EPRT, PASV and EPSV are not answered with 520.',
    answers: ['ESTA', 'ESTP'],
    howToResolve: [
      'Send ESTA only after PORT/EPRT and ESTP only after PASV/EPSV, or leave these Pure-FTPd-specific commands out.',
    ],
    sources: [cite('pure-ftpd-source', 'src/ftpd.c doesta()/doestp()'), rfc(959, '4.2.1')],
    contexts: [
      {
        afterCommands: ['ESTA'],
        meaning:
          'ESTA needs active mode (PORT/EPRT); this session is passive (Pure-FTPd: "Active mode is disabled").',
      },
      {
        afterCommands: ['ESTP'],
        meaning:
          'ESTP needs passive mode (PASV/EPSV); this session is active (Pure-FTPd: "Unable to open a passive connection").',
      },
    ],
  },
  {
    code: 521,
    title: 'Data connection cannot be opened with this PROT setting',
    description:
      'The server refuses the transfer because the data connection would not be protected as it requires: it insists on PROT P (TLS on data connections). With LPRT/LPSV the same code instead means the address family is not supported.',
    whenYouSeeIt:
      'After LIST, NLST, MLSD, RETR or STOR on an FTPS server that requires encrypted data, when the client did not send PROT P (Pure-FTPd, FileZilla Server).',
    answers: ['RETR', 'STOR', 'STOU', 'APPE', 'LIST', 'NLST', 'MLSD', 'LPRT', 'LPSV'],
    howToResolve: [
      'Client: send PBSZ 0 and PROT P after AUTH TLS (in FileZilla, choose "Require explicit FTP over TLS"; curl does it with --ssl-reqd).',
      'Server: only if clear-text data is acceptable, stop requiring protected data connections.',
    ],
    sources: [
      rfc(4217, '10.2'),
      rfc(1639, 'LPSV'),
      cite('pure-ftpd-source', 'src/ftpd.c (521 with --tls=3)'),
    ],
    contexts: [
      {
        afterCommands: TRANSFER_COMMANDS,
        meaning:
          'The server requires an encrypted data connection: send PBSZ 0 and PROT P before transferring.',
      },
      {
        afterCommands: ['LPRT', 'LPSV'],
        meaning: 'The address family is not supported; the text lists the families the server knows.',
      },
    ],
  },
  {
    code: 522,
    title: 'Network protocol not supported / TLS on the data connection failed',
    description:
      'Either the server does not support the requested network protocol (after EPRT/EPSV), or TLS on the data connection failed (on a transfer). The command it answers tells the two apart: after EPRT or EPSV <proto> the address family (IPv4/IPv6) is unsupported; on a transfer the TLS negotiation on the data connection failed or was not acceptable, often because the client did not resume the control connection’s TLS session.',
    whenYouSeeIt:
      'After EPSV 2 or EPRT |2|… on an IPv4-only server (ProFTPD answers both with 522; vsftpd answers EPSV 2 with 522 but EPRT |2| with "500 Bad EPRT protocol."). Over FTPS, on a transfer command: instead of the 150 when the server requires PROT P and the client did not send it (vsftpd force_local_data_ssl, ProFTPD TLSRequired); after the 150 when the TLS handshake on the data connection fails, for instance on vsftpd with require_ssl_reuse=YES and a client that opens a fresh TLS session ("522 SSL connection failed: session reuse required").',
    answers: ['EPRT', 'EPSV', 'RETR', 'STOR', 'STOU', 'APPE', 'LIST', 'NLST', 'MLSD'],
    howToResolve: [
      'After EPRT/EPSV: use the address family the server lists in parentheses, e.g. "(1)" = IPv4 only, "(1,2)" = both.',
      'On a transfer: use a client that resumes the TLS session on data connections (FileZilla and curl do), send PROT P if the server demands encrypted data, or, on vsftpd, set require_ssl_reuse=NO (this weakens protection against data-connection hijacking).',
    ],
    sources: [
      rfc(2428, '2'),
      rfc(2428, '3'),
      rfc(4217, '10.2'),
      rfc(4217, '11.4'),
      cite('vsftpd.conf.5', 'require_ssl_reuse, force_local_data_ssl'),
      cite(
        'vsftpd-source',
        'postlogin.c data_transfer_checks_ok() (522 before the 150), ftpdataio.c (522 after a failed data handshake)',
      ),
      cite('proftpd-mod_tls', 'TLSRequired'),
      cite('pure-ftpd-source', 'src/ftpd.c doeprt() (522 and the family list)'),
    ],
    contexts: [
      {
        afterCommands: ['EPRT', 'EPSV'],
        meaning:
          'The server does not support the requested network protocol (IPv4/IPv6); the numbers in parentheses are the families it supports (1 = IPv4, 2 = IPv6).',
      },
      {
        afterCommands: TRANSFER_COMMANDS,
        meaning:
          'TLS on the data connection was refused or failed: without PROT P where it is required, 522 replaces the 150; when the data connection’s TLS handshake fails (no session resumption, vsftpd require_ssl_reuse), it follows the 150.',
      },
    ],
  },
  {
    code: 530,
    title: 'Not logged in',
    description:
      'The login was refused, or the command needs a logged-in user. Servers also use it to say that TLS is required before logging in.',
    whenYouSeeIt:
      'After PASS with a wrong password; after USER when the user is not allowed (anonymous disabled, user list, TLS required first: vsftpd force_local_logins_ssl, FileZilla Server); after any file command sent before logging in; on ProFTPD when a client limit is reached.',
    answers: [
      'USER',
      'PASS',
      'ACCT',
      'CWD',
      'PWD',
      'TYPE',
      'PASV',
      'EPSV',
      'PORT',
      'EPRT',
      'RETR',
      'STOR',
      'STOU',
      'APPE',
      'LIST',
      'NLST',
      'MLSD',
    ],
    howToResolve: [
      'Read the text: "Login incorrect." = wrong user name or password; "must use encryption" / "TLS required" = connect with explicit FTPS (AUTH TLS) first.',
      'Check the user name and password, and that the account is allowed to use FTP (vsftpd userlist_file and /etc/ftpusers, a valid shell in /etc/shells for local users, ProFTPD <Limit LOGIN>).',
      'For anonymous logins: the server may not allow them (vsftpd anonymous_enable=NO); use a real account.',
      'For commands before login: log in first.',
    ],
    sources: [
      rfc(959, '4.2.2'),
      rfc(959, '5.4'),
      cite('vsftpd.conf.5', 'force_local_logins_ssl, anonymous_enable, userlist_enable'),
      cite('proftpd-mod_auth', 'MaxClients, RequireValidShell'),
      cite('proftpd-mod_core', '<Limit>'),
    ],
    contexts: [
      {
        afterCommands: ['USER'],
        meaning:
          'The user name was refused before a password was asked: this user (or anonymous) may not log in, or the server requires TLS first (send AUTH TLS).',
      },
      {
        afterCommands: ['PASS', 'ACCT'],
        meaning:
          'Login refused: wrong user name or password, the account may not use FTP, or a server limit was reached.',
      },
      {
        afterCommands: ['EPSV', 'PASV', 'PORT', 'EPRT', 'CWD', 'PWD', 'TYPE', ...TRANSFER_COMMANDS],
        meaning: 'This command needs a logged-in session; log in first.',
      },
    ],
  },
  {
    code: 532,
    title: 'Need account for storing files',
    description: 'Uploading needs an account (ACCT) on this server, in addition to the login.',
    whenYouSeeIt: 'After STOR, STOU, APPE or RNTO.',
    answers: ['STOR', 'STOU', 'APPE', 'RNTO'],
    howToResolve: ['Send ACCT with your account name before uploading (ftp-doctor: --account).'],
    sources: [rfc(959, '4.2.2')],
  },
  {
    code: 533,
    title: 'Command protection level denied for policy reasons',
    description:
      'The server refuses the command at its current protection level; for CCC, it means the control connection is not protected by TLS in the first place.',
    whenYouSeeIt:
      'After CCC without TLS, or after plain commands on servers that demand integrity-protected ones.',
    answers: ['CCC'],
    howToResolve: ['Protect the control connection with AUTH TLS first, or do not send CCC.'],
    sources: [rfc(2228, '3'), rfc(4217, '5')],
    contexts: [
      {
        afterCommands: ['CCC'],
        meaning: 'CCC refused: the control connection is not protected by TLS, so there is nothing to clear.',
      },
    ],
  },
  {
    code: 534,
    title: 'Request denied for policy reasons',
    description:
      'The server’s security policy does not allow the request. Depending on the command, it refuses a security mechanism, a protection level, dropping TLS, or a login without TLS.',
    whenYouSeeIt:
      'After USER on IIS when its SSL policy requires TLS ("Policy requires SSL."); after AUTH TLS on IIS without a certificate; after PROT C on servers that require encrypted data; after CCC.',
    answers: ['USER', 'PASS', 'AUTH', 'PROT', 'CCC', 'RETR', 'STOR', 'STOU', 'APPE', 'LIST', 'NLST', 'MLSD'],
    howToResolve: [
      'Client: connect with explicit FTPS (AUTH TLS, then PBSZ 0 and PROT P) — in curl use --ssl-reqd, in FileZilla "Require explicit FTP over TLS".',
      'IIS: the FTP SSL policy of the site requires TLS; to allow plain FTP, set the SSL policy to "Allow SSL connections"; to allow TLS, bind a server certificate to the FTP site.',
    ],
    sources: [
      rfc(2228, '3'),
      rfc(2228, '5.1'),
      rfc(4217, '5'),
      cite('iis-ftp-docs', 'security/ssl (controlChannelPolicy, dataChannelPolicy)'),
    ],
    contexts: [
      {
        afterCommands: ['USER', 'PASS'],
        meaning:
          'Login without TLS is refused by policy (IIS: "Policy requires SSL."): connect with AUTH TLS first.',
      },
      {
        afterCommands: ['AUTH'],
        meaning:
          'The server refuses this security mechanism; on IIS, "Local policy on server does not allow TLS" means no certificate is configured.',
      },
      {
        afterCommands: ['PROT'],
        meaning:
          'This data protection level is not allowed; servers that demand encrypted data refuse PROT C.',
      },
      {
        afterCommands: ['CCC'],
        meaning: 'The server will not drop TLS from the control connection.',
      },
      {
        afterCommands: TRANSFER_COMMANDS,
        meaning: 'The data protection level does not meet the server’s policy; send PROT P.',
      },
    ],
  },
  {
    code: 535,
    title: 'Failed security check',
    description:
      'A security check failed: a checksum, sequence number or decoding of protected data did not verify.',
    whenYouSeeIt: 'After ADAT, MIC, CONF or ENC, or on a transfer whose data-channel protection failed.',
    answers: ['ADAT', 'MIC', 'CONF', 'ENC'],
    howToResolve: [
      'Retry; if it persists, check the security mechanism set-up (keys, tickets) on both sides.',
    ],
    sources: [rfc(2228, '3'), rfc(2228, '6')],
  },
  {
    code: 536,
    title: 'Requested PROT level not supported by mechanism',
    description:
      'The security mechanism in use cannot provide the data protection level asked for; with TLS only C (clear) and P (private) exist.',
    whenYouSeeIt: 'After PROT S or PROT E on a TLS session.',
    answers: ['PROT'],
    howToResolve: ['Use PROT P (encrypted) or PROT C (clear) with TLS.'],
    sources: [rfc(2228, '3')],
  },
  {
    code: 537,
    title: 'Command protection level not supported by security mechanism',
    description: 'The security mechanism in use cannot protect commands at the level asked for.',
    whenYouSeeIt: 'After MIC, CONF or ENC.',
    answers: ['MIC', 'CONF', 'ENC'],
    howToResolve: [
      'Use a command protection level the mechanism supports; TLS clients never send these commands.',
    ],
    sources: [rfc(2228, '3')],
  },
  {
    code: 550,
    title: 'Requested action not taken: file unavailable',
    description:
      'The action failed because the file or directory does not exist or the user has no access to it. Some servers use it more widely for "permission denied".',
    whenYouSeeIt:
      'After RETR, CWD, DELE, MKD, RMD, RNFR, SIZE, MDTM, MLSD on a missing or forbidden path. Also: ProFTPD answers USER/PASS with 550 when TLS is required (TLSRequired), and vsftpd answers PASV/EPSV with 550 when passive mode is disabled (pasv_enable=NO) or the command is listed in cmds_denied.',
    answers: [
      'RETR',
      'CWD',
      'DELE',
      'MKD',
      'RMD',
      'RNFR',
      'SIZE',
      'MDTM',
      'MLST',
      'MLSD',
      'USER',
      'PASS',
      'PASV',
      'EPSV',
    ],
    howToResolve: [
      'Check the path (case matters on Unix servers) and that the user may read or write it.',
      'Server side: check ownership and permissions of the file and its directories, and chroot settings.',
      'If USER gets 550 on ProFTPD: TLS is required; connect with explicit FTPS.',
    ],
    sources: [
      rfc(959, '4.2.2'),
      rfc(959, '5.4'),
      rfc(3659, '3.2'),
      rfc(3659, '4.2'),
      rfc(3659, '7.2.1'),
      cite('vsftpd.conf.5', 'pasv_enable, cmds_denied'),
      cite('proftpd-mod_tls', 'TLSRequired'),
      cite('proftpd-source', 'modules/mod_core.c (SIZE not allowed in ASCII mode)'),
    ],
    contexts: [
      {
        afterCommands: ['USER', 'PASS'],
        meaning:
          'Login refused before it began: ProFTPD says "SSL/TLS required on the control channel" when TLSRequired is on (send AUTH TLS first).',
      },
      {
        afterCommands: ['PASV', 'EPSV'],
        meaning:
          'Passive mode refused by configuration (vsftpd answers this when pasv_enable=NO, or when cmds_denied lists the command).',
      },
      {
        afterCommands: ['SIZE', 'MDTM', 'MLST'],
        meaning:
          'No such file, or its size/time/facts are not available to this user (ProFTPD refuses SIZE in ASCII mode).',
      },
      {
        afterCommands: ['CWD'],
        meaning: 'The directory does not exist or the user may not enter it.',
      },
    ],
  },
  {
    code: 551,
    title: 'Requested action aborted: page type unknown',
    description:
      'The upload was aborted because the page type is unknown; it only concerns page-structured files (STRU P), which nobody uses today.',
    whenYouSeeIt: 'After STOR, STOU or APPE with STRU P.',
    answers: ['STOR', 'STOU', 'APPE'],
    howToResolve: ['Use the default file structure (STRU F).'],
    sources: [rfc(959, '4.2.2')],
  },
  {
    code: 552,
    title: 'Requested file action aborted: exceeded storage allocation',
    description: 'The upload was aborted because the user’s or directory’s quota is used up.',
    whenYouSeeIt: 'After STOR, STOU or APPE.',
    answers: ['STOR', 'STOU', 'APPE'],
    howToResolve: ['Delete files or ask the server administrator to raise the quota.'],
    sources: [rfc(959, '4.2.2')],
  },
  {
    code: 553,
    title: 'Requested action not taken: file name not allowed',
    description:
      'The server refuses the file name: it contains characters the server forbids, points outside the allowed area, or the user may not create files there.',
    whenYouSeeIt:
      'After STOR, STOU, APPE or RNTO. A refused MKD is answered with 550 (RFC 959 lists no 553 for MKD).',
    answers: ['STOR', 'STOU', 'APPE', 'RNTO'],
    howToResolve: [
      'Use a simpler name (no path separators, no leading dot on servers that hide dot files).',
      'Check that the user may write into the target directory (vsftpd write_enable=YES, anonymous uploads need anon_upload_enable=YES and a writable directory).',
    ],
    sources: [rfc(959, '4.2.2'), rfc(959, '5.4'), cite('vsftpd.conf.5', 'write_enable, anon_upload_enable')],
  },
  {
    code: 554,
    title: 'Requested action not taken: invalid REST parameter',
    description:
      'The server cannot resume the transfer at the offset a preceding REST asked for, usually because the offset lies beyond the end of the file. RFC 1123 names this reply for that case; ProFTPD, for one, sends it.',
    whenYouSeeIt:
      'After RETR, STOR or APPE following a REST with an offset the file cannot be positioned to.',
    answers: ['RETR', 'STOR', 'APPE'],
    howToResolve: [
      'Restart the transfer from the beginning, or with an offset within the file’s current size.',
    ],
    sources: [rfc(1123, '4.1.3.4'), cite('proftpd-source', 'modules/mod_xfer.c (R_554)')],
  },
  {
    code: 555,
    title: 'Requested action not taken: type or stru mismatch (non-standard)',
    description:
      'Some servers say 555 when TYPE or STRU does not fit the requested action. It is not in RFC 959’s list of replies; lists of FTP codes give it beside 554 for restarts.',
    whenYouSeeIt: 'After REST, RETR or STOR on a few servers.',
    answers: ['REST', 'RETR', 'STOR'],
    howToResolve: ['Set TYPE I (binary) before resuming transfers, and keep STRU F.'],
    sources: [rfc(959, '4.2.2'), cite('wikipedia-ftp-codes', '555')],
  },
  {
    code: 631,
    title: 'Integrity protected reply',
    description:
      'The real reply is wrapped in base64 and protected for integrity by the RFC 2228 security mechanism; the client decodes it to read the reply inside.',
    whenYouSeeIt: 'After commands sent as MIC in a GSSAPI/Kerberos session. TLS sessions never use it.',
    answers: ['MIC'],
    howToResolve: [NO_ACTION],
    sources: [rfc(2228, '5.2')],
  },
  {
    code: 632,
    title: 'Confidentiality and integrity protected reply',
    description:
      'The real reply is wrapped in base64 and protected for both privacy and integrity by the RFC 2228 security mechanism.',
    whenYouSeeIt: 'After commands sent as ENC in a GSSAPI/Kerberos session. TLS sessions never use it.',
    answers: ['ENC'],
    howToResolve: [NO_ACTION],
    sources: [rfc(2228, '5.2')],
  },
  {
    code: 633,
    title: 'Confidentiality protected reply',
    description:
      'The real reply is wrapped in base64 and protected for privacy by the RFC 2228 security mechanism.',
    whenYouSeeIt: 'After commands sent as CONF in a GSSAPI/Kerberos session. TLS sessions never use it.',
    answers: ['CONF'],
    howToResolve: [NO_ACTION],
    sources: [rfc(2228, '5.2')],
  },
];

const BY_CODE: ReadonlyMap<number, ReplyCodeEntry> = new Map(REPLY_CODES.map((entry) => [entry.code, entry]));

/** ALL_REPLY_CODES lists every catalogued code, ascending. */
export const ALL_REPLY_CODES: readonly number[] = REPLY_CODES.map((entry) => entry.code);

/** lookupReplyCode returns the catalog entry for a code, or undefined when no entry exists. */
export function lookupReplyCode(code: number): ReplyCodeEntry | undefined {
  return BY_CODE.get(code);
}

/** allReplyCodeEntries returns the catalog in code order. */
export function allReplyCodeEntries(): readonly ReplyCodeEntry[] {
  return REPLY_CODES;
}

/**
 * commandVerb extracts the upper-case verb of a command line as sent ('PASS ****' → 'PASS');
 * null (a reply nobody asked for) becomes GREETING.
 */
export function commandVerb(command: string | null | undefined): string | undefined {
  if (command === null) return GREETING;
  if (command === undefined) return undefined;
  const verb = command.trim().split(/\s+/)[0];
  return verb ? verb.toUpperCase() : undefined;
}

/** contextFor returns the context note of an entry that applies after a command, if any. */
export function contextFor(
  entry: ReplyCodeEntry,
  command: string | null | undefined,
): ReplyCodeContext | undefined {
  const verb = commandVerb(command);
  if (verb === undefined) return undefined;
  return entry.contexts?.find((context) => context.afterCommands.includes(verb));
}

/** firstSentence cuts a description at the end of its first sentence (a full stop before a capital). */
function firstSentence(text: string): string {
  const match = /^.*?[.!?](?=\s+[A-Z("'])/s.exec(text);
  return match ? match[0] : text;
}

/**
 * describeReply gives the title and a one-line explanation of a reply code, as shown beside every
 * reply in a probe report. `command` is the command the reply answered ('EPSV', 'USER anonymous');
 * null means the reply was unsolicited (the greeting); undefined means unknown. A context note that
 * matches the command wins over the general meaning; an uncatalogued code is read by its digits.
 */
export function describeReply(code: number, command?: string | null): { title: string; line: string } {
  const entry = lookupReplyCode(code);
  if (entry) {
    const context = contextFor(entry, command);
    return { title: entry.title, line: context ? context.meaning : firstSentence(entry.description) };
  }
  if (!isReplyCode(code)) {
    return {
      title: 'Not an FTP reply code',
      line: `${code} is outside 100–699, so it cannot be an FTP reply code (five-digit numbers such as 10060 are Windows socket errors shown by clients).`,
    };
  }
  const digits = explainByDigits(code);
  return {
    title: `Non-standard ${digits.first.label.toLowerCase()} reply`,
    line: `No standard defines ${code}; by its digits it is a ${digits.summary.charAt(0).toLowerCase()}${digits.summary.slice(1)}`,
  };
}

/** ExplainedCode: a catalog entry, or a reading by digits for a code nobody defines, plus its digits. */
export interface ExplainedCode extends ReplyCodeEntry {
  /** False when the code is not in the catalog and the text comes from its digits alone. */
  readonly catalogued: boolean;
  readonly digits: DigitExplanation;
}

/** NEXT_STEP_BY_CLASS: what a client should do after a reply of each first digit. */
const NEXT_STEP_BY_CLASS: Readonly<Record<number, string>> = {
  1: 'Wait for the final reply that follows; nothing to do yet.',
  2: 'Nothing to fix: the command succeeded.',
  3: 'Send the next command of the sequence the server is waiting for.',
  4: 'Retry later; read the text for what was temporarily unavailable.',
  5: 'Do not retry unchanged: read the text and change the name, credentials or server setting it points at.',
  6: 'Decode the base64 text with the security mechanism in use to read the real reply.',
};

/**
 * explainCode returns everything known about a code for `ftp-doctor explain`: the catalog entry
 * when there is one, otherwise an entry built from the digits (RFC 959 §4.2.1). With a
 * translation, the words come from it; codes, commands and sources stay as they are.
 * Throws InvalidReplyCodeError for a number outside 100–699.
 */
export function explainCode(code: number, translation?: ReferenceTranslation): ExplainedCode {
  const english = explainInEnglish(code);
  return translation ? translateExplained(english, translation) : english;
}

function explainInEnglish(code: number): ExplainedCode {
  const digits = explainByDigits(code);
  const entry = lookupReplyCode(code);
  if (entry) return { ...entry, catalogued: true, digits };
  return {
    code,
    title: describeReply(code).title,
    description: `No standard or well-known server defines ${code}. By its digits it is a ${digits.first.label.toLowerCase()} reply (${digits.first.meaning.charAt(0).toLowerCase()}${digits.first.meaning.slice(1).replace(/\.$/, '')}) ${digits.second.name === 'undefined' ? `and its second digit, ${digits.second.digit}, belongs to no defined group.` : `about ${digits.second.label}.`}`,
    whenYouSeeIt:
      'Only from servers that invent their own codes; the text that comes with it is the best clue.',
    answers: [],
    howToResolve: [NEXT_STEP_BY_CLASS[digits.first.digit] ?? 'Read the text that comes with the code.'],
    sources: [rfc(959, '4.2.1')],
    catalogued: false,
    digits,
  };
}

function translateExplained(entry: ExplainedCode, translation: ReferenceTranslation): ExplainedCode {
  const digits = translateDigits(entry.digits, translation);
  const text = translation.replyCodes[entry.code];
  if (entry.catalogued && text) {
    const { contexts } = entry;
    return {
      ...entry,
      digits,
      title: text.title,
      description: text.description,
      whenYouSeeIt: text.whenYouSeeIt,
      howToResolve: text.howToResolve,
      ...(contexts
        ? {
            contexts: contexts.map((context, index) => ({
              ...context,
              meaning: text.contexts?.[index] ?? context.meaning,
            })),
          }
        : {}),
    };
  }
  const phrases = translation.explain;
  return {
    ...entry,
    digits,
    title: phrases.uncataloguedTitle(digits.first.label),
    description: phrases.uncataloguedDescription(entry.code, digits),
    whenYouSeeIt: phrases.uncataloguedWhen,
    howToResolve: [phrases.nextStepByClass[digits.first.digit] ?? phrases.fallbackStep],
  };
}
