import { TransportError } from '../../protocol/errors.js';
import { toFailureInfo } from '../failureInfo.js';
import { type MainStep, RUN, type Skipped, skip } from '../pipeline/probeStep.js';
import type { ProbeSession } from '../session.js';
import { StepRecorder } from '../stepRecorder.js';
import type { QuitData } from '../types.js';

/** QUIT_TIMEOUT_MS: a goodbye is not worth waiting long for; the verdict is already known. */
const QUIT_TIMEOUT_MS = 2000;

/**
 * quitStep says goodbye (221) and closes the control connection. It runs after a refused login
 * too, whenever the connection is still open.
 */
export const quitStep: MainStep<'quit', 'quit'> = {
  kind: 'main',
  id: 'quit',
  step: 'quit',
  needs: [],
  runsAfterHalt: true,
  guard: (view) =>
    view.session.control?.isOpen ? RUN : skip(view.halted ?? 'the control connection is gone'),
  run: ({ session, recorder }) => sayGoodbye(session, recorder),
};

/**
 * sayGoodbye sends QUIT and closes the connection whatever the answer. A server that already
 * hung up (vsftpd does after refusing a non-resumed TLS data connection) cannot say goodbye:
 * that is not a failure of QUIT, and the step says so instead.
 */
export async function sayGoodbye(
  session: ProbeSession,
  recorder: StepRecorder<'quit'> = new StepRecorder('quit', session.now),
): Promise<QuitData | Skipped> {
  const timeout = Math.min(QUIT_TIMEOUT_MS, session.options.replyTimeoutMs);
  try {
    return { reply: await session.exchange(recorder, 'QUIT', timeout) };
  } catch (error) {
    if (error instanceof TransportError && (error.failure === 'closed' || error.failure === 'reset')) {
      return skip('the server had already closed the connection');
    }
    return { reply: null, failure: toFailureInfo(error) };
  } finally {
    session.control?.close();
  }
}
