import type { Reply } from '../../protocol/types.js';
import { toFailureInfo } from '../failureInfo.js';
import { type MainStep, RUN } from '../pipeline/probeStep.js';
import type { ProbeSession } from '../session.js';
import type { StepRecorder } from '../stepRecorder.js';
import type { FailureInfo, LoginData } from '../types.js';

const ANONYMOUS = new Set(['anonymous', 'ftp']);

/**
 * loginStep runs the USER → PASS → ACCT sequence of RFC 959 §5.4: 230 at any point means logged
 * in, 331 asks for PASS, 332 for ACCT, anything else is the final word. Without a login only the
 * goodbye follows.
 */
export const loginStep: MainStep<'login', 'login'> = {
  kind: 'main',
  id: 'login',
  step: 'login',
  needs: [],
  guard: () => RUN,
  run: ({ session, recorder }) => logIn(session, recorder),
  halts: (record) => (record.data?.loggedIn ? null : 'not logged in'),
};

/** logIn sends the credentials on session's control connection (also the second one's). */
export async function logIn<N extends 'login' | 'pasv'>(
  session: ProbeSession,
  recorder: StepRecorder<N>,
): Promise<LoginData> {
  const { user, password, account } = session.options;
  const anonymous = ANONYMOUS.has(user.toLowerCase());
  let reply: Reply | null = null;
  let failure: FailureInfo | undefined;
  try {
    reply = await session.exchange(recorder, `USER ${user}`);
    if (reply.code === 331) reply = await session.exchange(recorder, `PASS ${password}`);
    if (reply.code === 332 && account !== null) reply = await session.exchange(recorder, `ACCT ${account}`);
  } catch (error) {
    failure = toFailureInfo(error);
  }
  const loggedIn = reply !== null && (reply.code === 230 || reply.code === 202);
  return failure
    ? { user, anonymous, loggedIn: false, finalReply: reply, failure }
    : { user, anonymous, loggedIn, finalReply: reply };
}
