import type { Reply } from '../../protocol/types.js';
import { toFailureInfo } from '../failureInfo.js';
import type { ProbeSession } from '../session.js';
import { StepRecorder } from '../stepRecorder.js';
import type { FailureInfo, LoginData, StepRecord } from '../types.js';

const ANONYMOUS = new Set(['anonymous', 'ftp']);

/**
 * loginStep runs the USER → PASS → ACCT sequence of RFC 959 §5.4: 230 at any point means logged
 * in, 331 asks for PASS, 332 for ACCT, anything else is the final word.
 */
export async function loginStep(session: ProbeSession): Promise<StepRecord<'login'>> {
  const recorder = new StepRecorder('login', session.now);
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
  const data: LoginData = failure
    ? { user, anonymous, loggedIn: false, finalReply: reply, failure }
    : { user, anonymous, loggedIn, finalReply: reply };
  return recorder.finish(data);
}
