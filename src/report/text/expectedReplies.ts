import type { Reply } from '../../protocol/types.js';

/**
 * EXPECTED_REPLIES: the reply each command draws when all goes well (RFC 959 §5.4 command-reply
 * sequences; RFC 2428 §3 for EPSV, RFC 2389 §3.2 for FEAT, RFC 4217 §4 for AUTH, PBSZ and PROT).
 * A default report explains only replies outside this table: a reader needs no note on a 230
 * after PASS, but does on a 530.
 */
const EXPECTED_REPLIES: Readonly<Record<string, readonly number[]>> = {
  USER: [230, 331, 332],
  PASS: [230, 202, 332],
  ACCT: [230, 202],
  FEAT: [211],
  SYST: [215],
  HELP: [211, 214],
  AUTH: [234],
  PBSZ: [200],
  PROT: [200],
  TYPE: [200],
  OPTS: [200, 202],
  EPSV: [229, 200],
  PASV: [227],
  LIST: [125, 150, 226, 250],
  MLSD: [125, 150, 226, 250],
  NLST: [125, 150, 226, 250],
  CWD: [250],
  PWD: [257],
  QUIT: [221],
  NOOP: [200],
};

/** GREETING: what a server says first (RFC 959 §5.4, connection establishment). */
const GREETING = [220];

/** isExpectedReply: the reply is the normal answer to its command (or a 220 greeting). */
export function isExpectedReply(command: string | null, reply: Reply): boolean {
  if (command === null) return GREETING.includes(reply.code);
  const verb = command.trim().split(/\s+/)[0]?.toUpperCase() ?? '';
  return EXPECTED_REPLIES[verb]?.includes(reply.code) ?? false;
}
