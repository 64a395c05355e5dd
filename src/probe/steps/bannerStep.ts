import { ProtocolViolationError } from '../../protocol/errors.js';
import type { Reply } from '../../protocol/types.js';
import { toFailureInfo } from '../failureInfo.js';
import type { ProbeSession } from '../session.js';
import { StepRecorder } from '../stepRecorder.js';
import type { BannerData, StepRecord } from '../types.js';

/** MAX_PRELIMINARY_GREETINGS bounds how many "120 ready in N minutes" replies are waited through. */
const MAX_PRELIMINARY_GREETINGS = 5;

/**
 * bannerStep reads the greeting. A 120 reply means "wait": the step keeps reading until a final
 * reply, within the reply timeout for each and the overall deadline for all. Bytes that are not
 * an FTP reply are kept (`nonFtpText`) so the diagnosis can say what the port speaks instead.
 */
export async function bannerStep(session: ProbeSession): Promise<StepRecord<'banner'>> {
  const recorder = new StepRecorder('banner', session.now);
  const control = session.requireControl();
  const preliminary: Reply[] = [];
  const started = session.now();
  try {
    for (;;) {
      const reply = await control.readReply(session.deadline.timeoutFor(session.options.replyTimeoutMs));
      if (reply.code === 120 && preliminary.length < MAX_PRELIMINARY_GREETINGS) {
        preliminary.push(reply);
        recorder.record(null, [reply], started);
        continue;
      }
      recorder.record(null, [reply], started);
      const data: BannerData = { preliminary, greeting: reply };
      return recorder.finish(data);
    }
  } catch (error) {
    const failure = toFailureInfo(error);
    recorder.record(null, [], started, failure);
    if (error instanceof ProtocolViolationError && preliminary.length === 0) {
      return recorder.finish({ preliminary, greeting: null, nonFtpText: error.offendingText ?? '', failure });
    }
    return recorder.finish({ preliminary, greeting: null, failure });
  }
}
