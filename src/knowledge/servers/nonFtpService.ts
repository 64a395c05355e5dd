/**
 * Recognising a service that is not FTP from the first bytes it sends, so that a wrong port gets
 * a useful diagnosis ("this is SSH: you want SFTP") instead of "malformed reply".
 */

export type NonFtpServiceKind =
  | 'ssh'
  | 'http'
  | 'smtp'
  | 'pop3'
  | 'imap'
  | 'tls'
  | 'telnet'
  | 'unknown-binary';

/** NonFtpService: what answered instead of FTP, and what to do about it. */
export interface NonFtpService {
  readonly service: NonFtpServiceKind;
  /** Human name, e.g. 'SSH (OpenSSH_9.2p1)'. */
  readonly name: string;
  readonly advice: string;
}

/** Where the probe connected; only used to make the advice copy-pasteable. */
export interface NonFtpTarget {
  readonly host: string;
  readonly port: number;
}

/** MAX_NAME_DETAIL bounds the piece of server text copied into a name. */
const MAX_NAME_DETAIL = 40;

/** printable keeps a short, safe piece of untrusted text for a name. */
function printable(text: string): string {
  return text
    .replace(/[^\x20-\x7e]+/g, ' ')
    .trim()
    .slice(0, MAX_NAME_DETAIL);
}

function hostPart(target: NonFtpTarget | undefined): string {
  if (!target) return 'HOST';
  return target.host.includes(':') ? `[${target.host}]` : target.host;
}

function portPart(target: NonFtpTarget | undefined): string {
  return target ? String(target.port) : 'PORT';
}

const SMTP_PRODUCTS = /\b(Postfix|Exim|Sendmail|Microsoft ESMTP MAIL Service|OpenSMTPD|qmail)\b/i;
const SMTP_MARKERS = /\b(E?SMTP|Postfix|Exim|Sendmail|MAIL Service|Mail Server)\b/i;

/** What a detector looks at: the first bytes, their first line, and the target for the advice. */
interface Greeting {
  readonly firstBytes: string;
  readonly firstLine: string;
  readonly host: string;
  readonly port: string;
}

/** A detector names one service from a greeting, or returns null when the greeting is not its. */
type Detector = (greeting: Greeting) => NonFtpService | null;

/** A TLS record: handshake (0x16) or alert (0x15), then major version 3. */
function implicitTls({ firstBytes, host, port }: Greeting): NonFtpService | null {
  if (!/^[\x15\x16]\x03/.test(firstBytes)) return null;
  return {
    service: 'tls',
    name: 'TLS (implicit TLS / FTPS)',
    advice: `The server started a TLS handshake before any FTP greeting: this port expects TLS from the first byte (implicit FTPS, usually port 990). Probe it as ftps://${host}:${port}; use ftp:// or ftpes:// only for ports that greet in plain text.`,
  };
}

/**
 * Telnet option negotiation: IAC (0xff) then WILL/WONT/DO/DONT. A UTF-8 decoder turns 0xff
 * into U+FFFD, so accept that too.
 */
function telnet({ firstBytes }: Greeting): NonFtpService | null {
  if (!/^[\xff\ufffd][\xfb-\xfe\ufffd]/.test(firstBytes)) return null;
  return {
    service: 'telnet',
    name: 'Telnet',
    advice: `A Telnet service answered (it opened with option negotiation). This is a remote-login port, not FTP; the FTP server normally listens on port 21. Check the port number.`,
  };
}

function ssh({ firstLine, host, port }: Greeting): NonFtpService | null {
  const version = /^SSH-(\d+\.\d+)-([\x21-\x7e]*)/.exec(firstLine);
  if (!version) return null;
  const software = printable(version[2] ?? '');
  return {
    service: 'ssh',
    name: software ? `SSH (${software})` : 'SSH',
    advice: `This port speaks SSH, not FTP: you probably want SFTP, file transfer over SSH, which is a different protocol with its own clients. Try \`sftp -P ${port} USER@${host}\`, or choose SFTP (not FTP or FTPS) in FileZilla or WinSCP. If you do need FTP, its server listens on another port, usually 21.`,
  };
}

function http({ firstBytes, firstLine }: Greeting): NonFtpService | null {
  if (!/^HTTP\/\d(\.\d)? \d{3}/.test(firstLine) && !/^\s*<(!DOCTYPE|html)/i.test(firstBytes)) return null;
  const status = printable(firstLine.replace(/^HTTP\/\d(\.\d)? /, ''));
  return {
    service: 'http',
    name: /^HTTP/.test(firstLine) && status ? `HTTP (${status})` : 'HTTP',
    advice:
      'A web server answered. HTTP servers say nothing until they receive a request, so this one probably answered our FTP command (or the silence) with an error: the port belongs to a web server, not to FTP. Use the FTP server’s port (usually 21), or fetch the file with an http:// or https:// URL if it is served over the web.',
  };
}

function smtp({ firstLine }: Greeting): NonFtpService | null {
  if (!/^220[ -]/.test(firstLine) || !SMTP_MARKERS.test(firstLine)) return null;
  const smtpProduct = SMTP_PRODUCTS.exec(firstLine)?.[1];
  return {
    service: 'smtp',
    name: smtpProduct ? `SMTP (${smtpProduct})` : 'SMTP',
    advice:
      'A mail server (SMTP) answered. Its greeting starts with 220 just like FTP’s, but it names SMTP/ESMTP: this is a mail port (25, 465, 587), not FTP. Use the FTP server’s port, usually 21.',
  };
}

function pop3({ firstLine }: Greeting): NonFtpService | null {
  if (!/^\+OK\b/.test(firstLine)) return null;
  return {
    service: 'pop3',
    name: 'POP3',
    advice:
      'A POP3 mail server answered ("+OK"): this is a mailbox port (110 or 995), not FTP. Use the FTP server’s port, usually 21.',
  };
}

function imap({ firstLine }: Greeting): NonFtpService | null {
  if (!/^\* (OK|PREAUTH|BYE)\b/.test(firstLine)) return null;
  return {
    service: 'imap',
    name: 'IMAP',
    advice:
      'An IMAP mail server answered ("* OK"): this is a mailbox port (143 or 993), not FTP. Use the FTP server’s port, usually 21.',
  };
}

/**
 * Binary data that is neither a reply code nor text: some other protocol (a database, RDP,
 * a VPN). Text that does not look like FTP is left to the reply parser, which reports it.
 */
function unknownBinary({ firstBytes }: Greeting): NonFtpService | null {
  const sample = firstBytes.slice(0, 64);
  if (sample.length === 0 || /^[1-6]\d\d/.test(sample) || !/[\x00-\x08\x0e-\x1f\x7f-\xff\ufffd]/.test(sample))
    return null;
  return {
    service: 'unknown-binary',
    name: 'unknown binary protocol',
    advice:
      'The server sent binary data instead of an FTP greeting: some other service listens on this port. Check the port number; the FTP server normally listens on 21 (990 for implicit FTPS).',
  };
}

/** DETECTORS: tried in this order; the byte-level signatures come before the text greetings. */
const DETECTORS: readonly Detector[] = [implicitTls, telnet, ssh, http, smtp, pop3, imap, unknownBinary];

/**
 * detectNonFtpService looks at the first bytes a server sent (decoded as latin1 so that every
 * byte stays one character; UTF-8 decoding also works for the text services) and returns what
 * service it is when it is clearly not FTP, or null when it may well be FTP.
 *
 *   'SSH-2.0-OpenSSH_9.2p1'            → ssh (the user probably wants SFTP)
 *   'HTTP/1.1 400 Bad Request'         → http
 *   '220 mail.example.com ESMTP …'     → smtp (its greeting also starts with 220)
 *   '+OK …' / '* OK …'                 → pop3 / imap
 *   '\x16\x03…'                        → tls (implicit TLS, e.g. FTPS on 990)
 *   '\xff\xfd…'                        → telnet option negotiation
 */
export function detectNonFtpService(firstBytes: string, target?: NonFtpTarget): NonFtpService | null {
  const greeting: Greeting = {
    firstBytes,
    firstLine: firstBytes.split(/\r?\n/, 1)[0] ?? '',
    host: hostPart(target),
    port: portPart(target),
  };
  for (const detect of DETECTORS) {
    const service = detect(greeting);
    if (service) return service;
  }
  return null;
}
