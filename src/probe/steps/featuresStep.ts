import type { Reply } from '../../protocol/types.js';
import type { ProbeSession } from '../session.js';
import { StepRecorder } from '../stepRecorder.js';
import type { FeaturesData, StepRecord } from '../types.js';

/**
 * parseFeatureLines reads a 211 FEAT reply (RFC 2389 §3.2): one feature per inner line, each
 * starting with a space. The keyword is upper-cased; its parameters are kept as sent.
 */
export function parseFeatureLines(reply: Reply): string[] {
  if (reply.code !== 211 || reply.lines.length < 3) return [];
  return reply.lines
    .slice(1, -1)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^211[ -]/.test(line))
    .map((line) => {
      const space = line.indexOf(' ');
      return space < 0
        ? line.toUpperCase()
        : `${line.slice(0, space).toUpperCase()} ${line.slice(space + 1)}`;
    });
}

/**
 * featuresStep asks FEAT and SYST before login: FEAT tells whether AUTH TLS is offered, and both
 * feed the server fingerprint. A server that refuses either before login is asked again after.
 */
export async function featuresStep(session: ProbeSession): Promise<StepRecord<'features'>> {
  const recorder = new StepRecorder('features', session.now);
  let feat: Reply | null = null;
  let syst: Reply | null = null;
  try {
    feat = await session.exchange(recorder, 'FEAT');
  } catch {
    // Recorded; a server without FEAT is still probed.
  }
  const features = feat ? parseFeatureLines(feat) : [];
  session.features = features;
  session.featOk = feat?.code === 211;
  if (session.requireControl().isOpen) {
    try {
      syst = await session.exchange(recorder, 'SYST');
    } catch {
      // Recorded.
    }
  }
  const data: FeaturesData = {
    feat,
    features,
    featuresAfterLogin: null,
    syst,
    authTlsOffered: session.hasFeature('AUTH TLS'),
    help: null,
  };
  return recorder.finish(data);
}
