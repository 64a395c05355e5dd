import { type Contribution, OMIT, RUN } from '../pipeline/probeStep.js';
import type { ProbeSession } from '../session.js';

/**
 * FINGERPRINT_QUERY_TIMEOUT_MS: these replies only name the software; a server that stays silent
 * to one of them is not worth the full reply timeout.
 */
const FINGERPRINT_QUERY_TIMEOUT_MS = 3000;

function queries(session: ProbeSession): readonly string[] {
  return session.options.fingerprintQueries ?? [];
}

function timeout(session: ProbeSession): number {
  return Math.min(FINGERPRINT_QUERY_TIMEOUT_MS, session.options.replyTimeoutMs);
}

/**
 * fingerprintBeforeLogin (--fingerprint deep) asks the fingerprint queries right after FEAT and
 * SYST, before TLS and login: what a server answers an unauthenticated client differs most between
 * products (vsftpd refuses almost everything with 530). Not concurrent, so AUTH TLS never goes out
 * with replies still pending. Omitted unless asked for.
 */
export const fingerprintBeforeLogin: Contribution<'fingerprint-before-login', 'features'> = {
  kind: 'contribution',
  id: 'fingerprint-before-login',
  step: 'features',
  needs: [],
  guard: (view) =>
    queries(view.session).length > 0 && view.data('features') && view.session.control?.isOpen ? RUN : OMIT,
  run: async ({ session, recorder }) => {
    await session.exchangeTogether(recorder, queries(session), timeout(session));
    return {};
  },
};

/**
 * fingerprintAfterLogin (--fingerprint deep) asks the same queries once more at the end of the
 * session, after every data-channel test and before QUIT, so that a server upset by an unknown
 * command cannot spoil the diagnosis. The first query's reply (HELP) is kept as the step's `help`.
 */
export const fingerprintAfterLogin: Contribution<'fingerprint-after-login', 'features'> = {
  kind: 'contribution',
  id: 'fingerprint-after-login',
  step: 'features',
  needs: [],
  guard: (view) =>
    queries(view.session).length > 0 && view.data('login')?.loggedIn && view.session.control?.isOpen
      ? RUN
      : OMIT,
  run: async ({ session, recorder }) => {
    const [first = null] = await session.exchangeTogether(recorder, queries(session), timeout(session));
    return queries(session)[0] === 'HELP' ? { help: first } : {};
  },
};
