import { type ClientMove, nextMove } from '../../protocol/replySequences.js';
import type { Reply } from '../../protocol/types.js';
import { toFailureInfo } from '../failureInfo.js';
import { type MainStep, RUN } from '../pipeline/probeStep.js';
import type { ProbeSession } from '../session.js';
import type { StepRecorder } from '../stepRecorder.js';
import type { FailureInfo, LoginData } from '../types.js';

const ANONYMOUS = new Set(['anonymous', 'ftp']);

/**
 * loginStep runs the USER → PASS → ACCT sequence, each reply's next move taken from the
 * conformance table (src/protocol/replySequences.ts): 2xx at any point means logged in (and no
 * PASS follows a 2xx to USER), 331 asks for PASS, 332 for ACCT, a refusal is the final word.
 * Without a login only the goodbye follows.
 */
export const loginStep: MainStep<'login', 'login'> = {
  kind: 'main',
  id: 'login',
  step: 'login',
  needs: [],
  guard: () => RUN,
  run: ({ session, recorder, view }) => {
    const greeting = view.data('banner')?.greeting ?? null;
    // A 230 greeting: the server authenticated the client by address or certificate; curl then
    // sends no USER, and neither does the probe.
    if (greeting && nextMove('greeting', greeting.code).move === 'logged-in') {
      const user = session.options.user;
      return Promise.resolve({
        user,
        anonymous: ANONYMOUS.has(user.toLowerCase()),
        loggedIn: true,
        finalReply: greeting,
        preauthenticated: true,
      });
    }
    return logIn(session, recorder);
  },
  halts: (record) => (record.data?.loggedIn ? null : 'not logged in'),
};

async function logIn(session: ProbeSession, recorder: StepRecorder<'login'>): Promise<LoginData> {
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
  return failure
    ? { user, anonymous, loggedIn: false, finalReply: reply, failure }
    : { user, anonymous, loggedIn, finalReply: reply };
}
