/**
 * The control-channel conformance table: for each command the probe sends (and the greeting),
 * which replies a server may send and what a client does next. It follows RFC 959 §5.4 (command-
 * reply sequences) and §6 (state diagrams), with RFC 2228 and RFC 4217 for AUTH, PBSZ and PROT.
 * Where a reply is outside those lists but a common client still goes on (curl 7.88, lftp 4.9,
 * Python's ftplib, checked against the fake server), the row says so and is marked `tolerated`:
 * the probe goes on as that client would, and the diagnosis may warn, but never fails the server
 * for it. The steps of the probe look up their next move here instead of comparing codes.
 */

/** ClientMove: what a client does after a reply. */
export type ClientMove =
  /** Greeting: the server is ready for USER. */
  | 'ready'
  /** A preliminary reply (120 to the greeting): wait for the next one. */
  | 'wait'
  /** Logged in: no further login command is sent. */
  | 'logged-in'
  | 'send-password'
  | 'send-account'
  /** AUTH accepted: start the TLS handshake. */
  | 'start-tls'
  /** The command did what it should. */
  | 'accepted'
  /** The server said no (or is not available): the sequence ends here. */
  | 'refused';

/** SequenceCommand: the greeting, and the commands whose replies decide how a session goes on. */
export type SequenceCommand = 'greeting' | 'USER' | 'PASS' | 'ACCT' | 'AUTH' | 'PBSZ' | 'PROT' | 'QUIT';

interface SequenceRow {
  readonly command: SequenceCommand;
  /** An exact code, or a class written `2xx`. Exact codes win over classes. */
  readonly reply: number | `${1 | 2 | 3 | 4 | 5}xx`;
  readonly move: ClientMove;
  /** In the RFC's list for this command (`rfc`), or outside it but completed by real clients. */
  readonly conformance: 'rfc' | 'tolerated';
  /** Where the row comes from: an RFC section, or the client behaviour that makes it tolerated. */
  readonly source: string;
}

export const REPLY_SEQUENCES: readonly SequenceRow[] = [
  {
    command: 'greeting',
    reply: 220,
    move: 'ready',
    conformance: 'rfc',
    source: 'RFC 959 §5.4, connection establishment',
  },
  {
    command: 'greeting',
    reply: 120,
    move: 'wait',
    conformance: 'rfc',
    source: 'RFC 959 §5.4: 120, then 220',
  },
  { command: 'greeting', reply: 421, move: 'refused', conformance: 'rfc', source: 'RFC 959 §5.4' },
  {
    command: 'greeting',
    reply: 230,
    move: 'logged-in',
    conformance: 'tolerated',
    source:
      'servers that authenticate by address or certificate; curl takes a 230 greeting as logged in (lib/ftp.c)',
  },
  {
    command: 'greeting',
    reply: '2xx',
    move: 'ready',
    conformance: 'tolerated',
    source: "lftp and Python's ftplib accept any positive greeting and send USER; curl refuses (exit 8)",
  },
  { command: 'greeting', reply: '4xx', move: 'refused', conformance: 'rfc', source: 'RFC 959 §4.2' },
  { command: 'greeting', reply: '5xx', move: 'refused', conformance: 'rfc', source: 'RFC 959 §4.2' },

  { command: 'USER', reply: 230, move: 'logged-in', conformance: 'rfc', source: 'RFC 959 §5.4, USER' },
  {
    command: 'USER',
    reply: 232,
    move: 'logged-in',
    conformance: 'rfc',
    source: 'RFC 2228 §5 (logged in, authorised by security data exchange)',
  },
  {
    command: 'USER',
    reply: '2xx',
    move: 'logged-in',
    conformance: 'tolerated',
    source: "curl and Python's ftplib take any 2xx to USER as logged in and send no PASS",
  },
  { command: 'USER', reply: 331, move: 'send-password', conformance: 'rfc', source: 'RFC 959 §5.4, USER' },
  { command: 'USER', reply: 332, move: 'send-account', conformance: 'rfc', source: 'RFC 959 §5.4, USER' },
  {
    command: 'USER',
    reply: 336,
    move: 'send-password',
    conformance: 'rfc',
    source: 'RFC 2228 §5 (user name okay, need password, challenge given)',
  },
  {
    command: 'USER',
    reply: '3xx',
    move: 'send-password',
    conformance: 'tolerated',
    source: "Python's ftplib sends PASS after any 3xx to USER",
  },
  { command: 'USER', reply: '4xx', move: 'refused', conformance: 'rfc', source: 'RFC 959 §5.4, USER' },
  { command: 'USER', reply: '5xx', move: 'refused', conformance: 'rfc', source: 'RFC 959 §5.4, USER' },

  { command: 'PASS', reply: 230, move: 'logged-in', conformance: 'rfc', source: 'RFC 959 §5.4, PASS' },
  { command: 'PASS', reply: 202, move: 'logged-in', conformance: 'rfc', source: 'RFC 959 §5.4, PASS' },
  {
    command: 'PASS',
    reply: '2xx',
    move: 'logged-in',
    conformance: 'tolerated',
    source: "Python's ftplib takes any 2xx to PASS as logged in",
  },
  { command: 'PASS', reply: 332, move: 'send-account', conformance: 'rfc', source: 'RFC 959 §5.4, PASS' },
  {
    command: 'PASS',
    reply: '3xx',
    move: 'send-account',
    conformance: 'tolerated',
    source: "Python's ftplib sends ACCT after any 3xx to PASS",
  },
  { command: 'PASS', reply: '4xx', move: 'refused', conformance: 'rfc', source: 'RFC 959 §5.4, PASS' },
  { command: 'PASS', reply: '5xx', move: 'refused', conformance: 'rfc', source: 'RFC 959 §5.4, PASS' },

  { command: 'ACCT', reply: 230, move: 'logged-in', conformance: 'rfc', source: 'RFC 959 §5.4, ACCT' },
  { command: 'ACCT', reply: 202, move: 'logged-in', conformance: 'rfc', source: 'RFC 959 §5.4, ACCT' },
  {
    command: 'ACCT',
    reply: '2xx',
    move: 'logged-in',
    conformance: 'tolerated',
    source: "Python's ftplib takes any 2xx to ACCT as logged in",
  },
  { command: 'ACCT', reply: '4xx', move: 'refused', conformance: 'rfc', source: 'RFC 959 §5.4, ACCT' },
  { command: 'ACCT', reply: '5xx', move: 'refused', conformance: 'rfc', source: 'RFC 959 §5.4, ACCT' },

  {
    command: 'AUTH',
    reply: 234,
    move: 'start-tls',
    conformance: 'rfc',
    source: 'RFC 4217 §4.1; RFC 2228 §5',
  },
  {
    command: 'AUTH',
    reply: 334,
    move: 'start-tls',
    conformance: 'tolerated',
    source:
      'RFC 2228 gives 334 for mechanisms that exchange ADAT first; curl starts TLS after 234 or 334 (lib/ftp.c)',
  },
  { command: 'AUTH', reply: '4xx', move: 'refused', conformance: 'rfc', source: 'RFC 2228 §5, AUTH' },
  { command: 'AUTH', reply: '5xx', move: 'refused', conformance: 'rfc', source: 'RFC 2228 §5, AUTH' },

  { command: 'PBSZ', reply: 200, move: 'accepted', conformance: 'rfc', source: 'RFC 4217 §8; RFC 2228 §5' },
  {
    command: 'PBSZ',
    reply: '2xx',
    move: 'accepted',
    conformance: 'tolerated',
    source: "curl and Python's ftplib only look for a 2xx",
  },
  { command: 'PBSZ', reply: '4xx', move: 'refused', conformance: 'rfc', source: 'RFC 2228 §5, PBSZ' },
  { command: 'PBSZ', reply: '5xx', move: 'refused', conformance: 'rfc', source: 'RFC 2228 §5, PBSZ' },

  { command: 'PROT', reply: 200, move: 'accepted', conformance: 'rfc', source: 'RFC 4217 §9; RFC 2228 §5' },
  {
    command: 'PROT',
    reply: '2xx',
    move: 'accepted',
    conformance: 'tolerated',
    source: "curl and Python's ftplib only look for a 2xx",
  },
  { command: 'PROT', reply: '4xx', move: 'refused', conformance: 'rfc', source: 'RFC 2228 §5, PROT' },
  { command: 'PROT', reply: '5xx', move: 'refused', conformance: 'rfc', source: 'RFC 2228 §5, PROT' },

  { command: 'QUIT', reply: 221, move: 'accepted', conformance: 'rfc', source: 'RFC 959 §5.4, QUIT' },
  {
    command: 'QUIT',
    reply: '5xx',
    move: 'accepted',
    conformance: 'tolerated',
    source: 'the session ends either way: curl and lftp close the connection whatever QUIT drew',
  },
];

/** SequenceStep: the move a reply calls for, and whether the RFC lists the reply. */
export interface SequenceStep {
  readonly move: ClientMove;
  readonly conformance: 'rfc' | 'tolerated' | 'unlisted';
  readonly source: string | null;
}

/**
 * nextMove looks up what a client does after `code` in reply to `command`. A reply the table does
 * not list (a 1xx to USER, say) ends the sequence as a refusal: no client goes on after it.
 */
export function nextMove(command: SequenceCommand, code: number): SequenceStep {
  const rows = REPLY_SEQUENCES.filter((row) => row.command === command);
  const exact = rows.find((row) => row.reply === code);
  const byClass = rows.find((row) => row.reply === `${Math.floor(code / 100)}xx`);
  const row = exact ?? byClass;
  if (!row) return { move: 'refused', conformance: 'unlisted', source: null };
  return { move: row.move, conformance: row.conformance, source: row.source };
}
