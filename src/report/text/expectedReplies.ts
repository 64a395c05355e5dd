import { nextMove, type SequenceCommand } from '../../protocol/replySequences.js';
import type { Reply } from '../../protocol/types.js';

/** SEQUENCE_COMMANDS: the commands the protocol's conformance table (replySequences.ts) covers. */
const SEQUENCE_COMMANDS: ReadonlySet<string> = new Set([
  'USER',
  'PASS',
  'ACCT',
  'AUTH',
  'PBSZ',
  'PROT',
  'QUIT',
]);

/**
 * DATA_AND_INFO_REPLIES: the normal answer to the commands the conformance table leaves out, which
 * do not steer the login (RFC 959 §5.4 for PASV, LIST, NLST, TYPE, CWD, PWD, NOOP, SYST, HELP, STOR,
 * RETR and DELE; RFC 2428 §3 for EPSV and EPSV ALL; RFC 2389 §3.2 for FEAT; RFC 3659 §4.2 and §3.2
 * for SIZE and MDTM, §7.2 for MLSD).
 */
const DATA_AND_INFO_REPLIES: Readonly<Record<string, readonly number[]>> = {
  FEAT: [211],
  SYST: [215],
  HELP: [211, 214],
  TYPE: [200],
  OPTS: [200],
  EPSV: [229, 200],
  PASV: [227],
  LIST: [125, 150, 226, 250],
  MLSD: [125, 150, 226, 250],
  NLST: [125, 150, 226, 250],
  CWD: [250],
  PWD: [257],
  NOOP: [200],
  STOR: [125, 150, 226, 250],
  RETR: [125, 150, 226, 250],
  DELE: [250],
  SIZE: [213],
  MDTM: [213],
};

/**
 * isExpectedReply: the reply is the normal answer to its command (a 220 greeting, 331 to USER,
 * 227 to PASV …), so a default report needs no note on it. Replies a client merely tolerates are
 * not normal: they are worth a line.
 */
export function isExpectedReply(command: string | null, reply: Reply): boolean {
  const verb = command === null ? 'greeting' : (command.trim().split(/\s+/)[0]?.toUpperCase() ?? '');
  if (verb === 'greeting' || SEQUENCE_COMMANDS.has(verb)) {
    const step = nextMove(verb as SequenceCommand, reply.code);
    return step.conformance === 'rfc' && step.move !== 'refused' && step.move !== 'wait';
  }
  return DATA_AND_INFO_REPLIES[verb]?.includes(reply.code) ?? false;
}
