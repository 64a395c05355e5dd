import type { Reply } from '../../protocol/types.js';
import { type Contribution, type MainStep, OMIT, RUN } from '../pipeline/probeStep.js';
import type { FeaturesData } from '../types.js';

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
 * featuresStep asks FEAT and SYST before login, sent together: FEAT tells whether AUTH TLS is
 * offered, and both feed the server fingerprint. A server that refuses either before login is
 * asked again after (featuresAfterLogin).
 */
export const featuresStep: MainStep<'features', 'features'> = {
  kind: 'main',
  id: 'features',
  step: 'features',
  needs: [],
  guard: () => RUN,
  run: async ({ session, recorder }): Promise<FeaturesData> => {
    const [feat = null, syst = null] = await session.exchangeTogether(recorder, ['FEAT', 'SYST']);
    const features = feat ? parseFeatureLines(feat) : [];
    session.features = features;
    session.featOk = feat?.code === 211;
    return {
      feat,
      features,
      featuresAfterLogin: null,
      syst,
      authTlsOffered: session.hasFeature('AUTH TLS'),
      help: null,
    };
  },
};

/**
 * featuresAfterLogin asks FEAT and SYST again once logged in, only when the server would not
 * answer them before (vsftpd answers SYST with 530 until login; some servers hide FEAT the same
 * way). It runs alongside the next commands: their replies come back in order.
 */
export const featuresAfterLogin: Contribution<'features-after-login', 'features'> = {
  kind: 'contribution',
  id: 'features-after-login',
  step: 'features',
  needs: [],
  concurrent: true,
  guard: (view) =>
    view.data('features') && view.data('login')?.loggedIn && view.session.control?.isOpen ? RUN : OMIT,
  run: async ({ session, recorder, view }) => {
    const before = view.data('features');
    const askFeat = !session.featOk;
    const askSyst = before?.syst?.code !== 215;
    const lines = [...(askFeat ? ['FEAT'] : []), ...(askSyst ? ['SYST'] : [])];
    const replies = await session.exchangeTogether(recorder, lines);
    const feat = askFeat ? (replies[0] ?? null) : null;
    const syst = askSyst ? (replies[askFeat ? 1 : 0] ?? null) : null;
    const added: Partial<FeaturesData> = {};
    if (feat) {
      // A server that fails FEAT twice is probed without its feature list.
      session.features = parseFeatureLines(feat);
      session.featOk = feat.code === 211;
      Object.assign(added, { featuresAfterLogin: session.features });
    }
    if (syst) Object.assign(added, { syst });
    return added;
  },
};
