import type { AnyStepRecord } from '../../probe/types.js';
import type { Reply } from '../../protocol/types.js';
import { isExpectedReply } from './expectedReplies.js';

/**
 * ReplyPlace: where a reply was read — the step, which exchange of it, and what the probe knew
 * then (whether FEAT had offered AUTH TLS). A reply's meaning depends on its place as much as on
 * its code: 530 to SYST before login is vsftpd's normal answer, 550 to SIZE before an upload is the
 * answer the probe hopes for.
 */
export interface ReplyPlace {
  readonly record: AnyStepRecord;
  readonly exchangeIndex: number;
  readonly authTlsOffered: boolean | null;
}

/**
 * ReplyReading: whether the reply is normal in its place (a default report then leaves it out),
 * and the meaning to print when the place says more than the code's general one (null: use the
 * reply-code catalog's).
 */
export interface ReplyReading {
  readonly expected: boolean;
  readonly meaning: string | null;
}

function verbOf(command: string | null): string {
  return command === null ? '' : (command.trim().split(/\s+/)[0]?.toUpperCase() ?? '');
}

function argumentOf(command: string | null): string {
  return command === null ? '' : command.trim().split(/\s+/).slice(1).join(' ');
}

/** askedAgainLater: the same command appears later in the step (the features step re-asks after login). */
function askedAgainLater(place: ReplyPlace, verb: string): boolean {
  return place.record.exchanges.slice(place.exchangeIndex + 1).some((e) => verbOf(e.command) === verb);
}

/** storedLater: a STOR of the same name follows in the step: this SIZE was the check before upload. */
function storedLater(place: ReplyPlace, name: string): boolean {
  return place.record.exchanges
    .slice(place.exchangeIndex + 1)
    .some((e) => verbOf(e.command) === 'STOR' && argumentOf(e.command) === name);
}

/**
 * readReplyInPlace reads one reply where it stands in the probe's conversation:
 * - 530 ("not logged in", RFC 959 §4.2) to FEAT or SYST in the features step, which asks before
 *   login: the server answers that command only after login (vsftpd does so for SYST: prelogin.c
 *   answers every command it does not handle before login with 530), and the probe asks again
 *   after login;
 * - a refused AUTH after FEAT listed AUTH TLS: the server knows the command (RFC 2389 §3: FEAT
 *   lists what it supports) and refuses to start TLS, so "does not know AUTH" would be wrong;
 * - EPSV ALL, listed under EPSV though it went out last, with QUIT;
 * - 550 to SIZE before the write test's STOR of that name: the name is not taken, which is what
 *   the check wants (RFC 3659 §4: SIZE of a file that does not exist is an error reply).
 * Everything else keeps its general reading (expectedReplies.ts and the reply-code catalog).
 */
export function readReplyInPlace(command: string | null, reply: Reply, place: ReplyPlace): ReplyReading {
  const verb = verbOf(command);
  const step = place.record.name;
  if (step === 'features' && (verb === 'SYST' || verb === 'FEAT') && reply.code === 530) {
    const again = askedAgainLater(place, verb)
      ? '; the probe asked again after login'
      : '; it was not asked again, as no login succeeded';
    return { expected: true, meaning: `This server answers ${verb} only after login${again}.` };
  }
  if (step === 'tls' && verb === 'AUTH' && reply.code >= 500 && place.authTlsOffered === true) {
    return {
      expected: false,
      meaning:
        'FEAT listed AUTH TLS, so the server knows the command, yet it refuses to start TLS: TLS is built in but not enabled or not usable here.',
    };
  }
  if (step === 'write' && verb === 'SIZE' && reply.code === 550 && storedLater(place, argumentOf(command))) {
    return {
      expected: true,
      meaning: 'The name is not taken yet: the answer this check expects before the upload.',
    };
  }
  if (step === 'epsv' && command?.trim().toUpperCase() === 'EPSV ALL') {
    return { expected: isExpectedReply(command, reply), meaning: epsvAllMeaning(reply) };
  }
  return { expected: isExpectedReply(command, reply), meaning: null };
}

/**
 * epsvAllMeaning: the check is listed under EPSV but was sent last, with QUIT, because a server
 * that accepts it must refuse PORT, EPRT and PASV for the rest of the session (RFC 2428 §4).
 */
function epsvAllMeaning(reply: Reply): string {
  const when = 'Sent last, together with QUIT, after the PASV and listing checks';
  if (reply.code >= 200 && reply.code < 300) {
    return `${when}: the server accepts EPSV ALL, so it would refuse PORT, EPRT and PASV for the rest of the session (RFC 2428 §4).`;
  }
  return `${when}: the server does not accept EPSV ALL, the form of EPSV by which a client promises to use only EPSV (RFC 2428 §4).`;
}
