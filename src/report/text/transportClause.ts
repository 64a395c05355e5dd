import { transportFailureWords } from '../../protocol/transportError.js';
import type { Channel, TransportFailure } from '../../protocol/types.js';

/** PREDICATES: what happened to a connection, as the verb of one clause. */
const PREDICATES: Readonly<Record<TransportFailure, string>> = {
  dns: 'failed',
  refused: 'refused',
  timeout: 'timed out',
  unreachable: 'unreachable',
  reset: 'reset by the other end',
  closed: 'closed',
  tls: 'failed in TLS',
  other: 'failed',
};

/** NODE_SYSCALL: Node's own wording of a socket error, `connect ECONNREFUSED 127.0.0.1:9`. */
const NODE_SYSCALL = /^(?:connect|read|write|getaddrinfo|query\w*) (E[A-Z_]+)(?: (\S+))?$/;

/** TransportFacts: a transport failure as the probe recorded it. */
export interface TransportFacts {
  readonly channel: Channel;
  /** A TransportFailure; evidence carries it as a plain string. */
  readonly failure: string;
  readonly errno?: string;
  readonly message: string;
}

/**
 * transportClause says a transport failure in one clause, naming the channel and the errno once:
 * `control connection to 127.0.0.1:9 refused (ECONNREFUSED)`, `data connection timed out
 * (ETIMEDOUT): no answer from 198.51.100.7:40140`. The recorded message repeats the channel and
 * the failure words (`control connection: connection refused (connect ECONNREFUSED …)`); those
 * parts are dropped rather than said twice. The result holds untrusted text.
 */
export function transportClause(facts: TransportFacts): string {
  const subject = `${facts.channel} connection`;
  let rest = facts.message.trim();
  for (const prefix of [`${subject}: `, `${subject} `])
    if (rest.startsWith(prefix)) rest = rest.slice(prefix.length);
  const known = facts.failure in PREDICATES ? (facts.failure as TransportFailure) : 'other';
  const words = transportFailureWords(known);
  if (rest.startsWith(`${words} (`) && rest.endsWith(')')) rest = rest.slice(words.length + 2, -1);
  else if (rest === words) rest = '';
  let errno = facts.errno;
  let where = '';
  const syscall = NODE_SYSCALL.exec(rest);
  if (syscall) {
    errno = errno ?? syscall[1];
    where = syscall[2] === undefined ? '' : ` to ${syscall[2]}`;
    rest = '';
  }
  const predicate = PREDICATES[known];
  // A failed lookup happens before any connection exists: the lookup is the subject.
  if (known === 'dns') {
    if (/lookup/i.test(rest)) return `${rest}${errnoNoteFor(rest, errno)}`;
    return `name lookup failed${errnoNoteFor(rest, errno)}${rest === '' ? '' : `: ${rest}`}`;
  }
  const errnoNote = errnoNoteFor(rest, errno);
  // "closed by the server" already says what happened: no "closed: closed by …".
  if (rest.startsWith(`${predicate} `) || rest.startsWith(`${words} `)) {
    return `${subject}${where} ${rest}${errnoNote}`;
  }
  return `${subject}${where} ${predicate}${errnoNote}${rest === '' ? '' : `: ${rest}`}`;
}

function errnoNoteFor(rest: string, errno: string | undefined): string {
  return errno === undefined || rest.includes(errno) ? '' : ` (${errno})`;
}
