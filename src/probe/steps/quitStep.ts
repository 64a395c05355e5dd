import { toFailureInfo } from '../failureInfo.js';
import type { ProbeSession } from '../session.js';
import { StepRecorder } from '../stepRecorder.js';
import type { StepRecord } from '../types.js';

/** QUIT_TIMEOUT_MS: a goodbye is not worth waiting long for; the verdict is already known. */
const QUIT_TIMEOUT_MS = 2000;

/** quitStep says goodbye (221) and closes the control connection. */
export async function quitStep(session: ProbeSession): Promise<StepRecord<'quit'>> {
  const recorder = new StepRecorder('quit', session.now);
  try {
    const reply = await session.exchange(
      recorder,
      'QUIT',
      Math.min(QUIT_TIMEOUT_MS, session.options.replyTimeoutMs),
    );
    return recorder.finish({ reply });
  } catch (error) {
    return recorder.finish({ reply: null, failure: toFailureInfo(error) });
  } finally {
    session.control?.close();
  }
}
