import { type ClientMove, nextMove } from '../../protocol/replySequences.js';
import type { Reply } from '../../protocol/types.js';
import { toFailureInfo } from '../failureInfo.js';
import type { ProbeSession } from '../session.js';
import { StepRecorder } from '../stepRecorder.js';
import type { FailureInfo, LoginData, StepRecord } from '../types.js';

const ANONYMOUS = new Set(['anonymous', 'ftp']);

/**
 * loginStep runs the USER → PASS → ACCT sequence, each reply's next move taken from the
 * conformance table (src/protocol/replySequences.ts): 2xx at any point means logged in (and no
 * PASS follows a 2xx to USER), 331 asks for PASS, 332 for ACCT, a refusal is the final word.
 */
export async function loginStep(session: ProbeSession): Promise<StepRecord<'login'>> {
  const recorder = new StepRecorder('login', session.now);
  const { user, password, account } = session.options;
  const anonymous = ANONYMOUS.has(user.toLowerCase());
  let reply: Reply | null = null;
  let failure: FailureInfo | undefined;
  let move: ClientMove = 'refused';
  try {
    reply = await session.exchange(recorder, `USER ${user}`);
    move = nextMove('USER', reply.code).move;
    if (move === 'send-password') {
      reply = await session.exchange(recorder, `PASS ${password}`);
      move = nextMove('PASS', reply.code).move;
    }
    if (move === 'send-account' && account !== null) {
      reply = await session.exchange(recorder, `ACCT ${account}`);
      move = nextMove('ACCT', reply.code).move;
    }
  } catch (error) {
    failure = toFailureInfo(error);
  }
  const loggedIn = reply !== null && move === 'logged-in';
  const data: LoginData = failure
    ? { user, anonymous, loggedIn: false, finalReply: reply, failure }
    : { user, anonymous, loggedIn, finalReply: reply };
  return recorder.finish(data);
}
