import { TransportError } from '../../protocol/errors.js';
import type { Reply } from '../../protocol/types.js';
import { toFailureInfo } from '../failureInfo.js';
import type { ProbeSession } from '../session.js';
import { StepRecorder, skippedStep } from '../stepRecorder.js';
import type { StepRecord } from '../types.js';

/** QUIT_TIMEOUT_MS: a goodbye is not worth waiting long for; the verdict is already known. */
const QUIT_TIMEOUT_MS = 2000;

/**
 * quitStep says goodbye (221) and closes the control connection. With `checkEpsvAll` it first
 * sends EPSV ALL (RFC 2428 §4) in the same packet as QUIT — after EPSV ALL a server must refuse
 * PORT/PASV, so it can only come last — and returns its reply without costing a round trip.
 */
export async function quitStep(
  session: ProbeSession,
  options: { readonly checkEpsvAll: boolean } = { checkEpsvAll: false },
): Promise<{ record: StepRecord<'quit'>; epsvAll: Reply | null }> {
  const recorder = new StepRecorder('quit', session.now);
  const control = session.requireControl();
  const timeout = session.deadline.timeoutFor(Math.min(QUIT_TIMEOUT_MS, session.options.replyTimeoutMs));
  let epsvAll: Reply | null = null;
  try {
    if (options.checkEpsvAll) {
      const started = session.now();
      control.send('EPSV ALL');
      control.send('QUIT');
      try {
        epsvAll = await control.readReply(timeout);
        recorder.record('EPSV ALL', [epsvAll], started);
      } catch (error) {
        recorder.record('EPSV ALL', [], started, toFailureInfo(error));
        throw error;
      }
      const quitStarted = session.now();
      const reply = await control.readReply(timeout);
      recorder.record('QUIT', [reply], quitStarted);
      return { record: recorder.finish({ reply }), epsvAll };
    }
    const reply = await session.exchange(recorder, 'QUIT', timeout);
    return { record: recorder.finish({ reply }), epsvAll };
  } catch (error) {
    // A server that already hung up (vsftpd does after refusing a non-resumed TLS data connection)
    // cannot say goodbye: that is not a failure of QUIT, and the step says so instead.
    if (
      error instanceof TransportError &&
      (error.failure === 'closed' || error.failure === 'reset') &&
      epsvAll === null
    ) {
      return {
        record: skippedStep('quit', 'the server had already closed the connection', session.now()),
        epsvAll,
      };
    }
    return { record: recorder.finish({ reply: null, failure: toFailureInfo(error) }), epsvAll };
  } finally {
    control.close();
  }
}
