import { nextMove } from '../../protocol/replySequences.js';
import type { TlsSessionInfo } from '../../protocol/tlsSession.js';
import type { Reply } from '../../protocol/types.js';
import { toFailureInfo } from '../failureInfo.js';
import { type Contribution, type MainStep, OMIT, RUN, skip } from '../pipeline/probeStep.js';
import type { ProbeSession } from '../session.js';
import type { StepRecorder } from '../stepRecorder.js';
import type { CertificateInfo, TlsData } from '../types.js';

const DAY_MS = 86_400_000;

/**
 * implicitTlsStep: with implicit TLS (ftps://, port 990) the handshake comes right after the TCP
 * connect, before the greeting; without it nothing else can be said.
 */
export const implicitTlsStep: MainStep<'tls-implicit', 'tls'> = {
  kind: 'main',
  id: 'tls-implicit',
  step: 'tls',
  needs: [],
  guard: (view) => (view.session.options.tls === 'implicit' ? RUN : OMIT),
  run: ({ session, recorder }) => secureControl(session, recorder),
  halts: (_record, view) => (view.session.control?.isTls ? null : 'implicit TLS handshake failed'),
};

/**
 * tlsStep secures the control channel after FEAT: by AUTH TLS (RFC 4217 §4) when the server
 * offers it, or when the user requires it. In `auto` mode a server whose FEAT works but lists no
 * AUTH TLS is not asked: it does not offer TLS, and the diagnosis warns that credentials travel
 * in clear. A failed handshake, or TLS required but not had, ends the probe.
 */
export const tlsStep: MainStep<'tls', 'tls'> = {
  kind: 'main',
  id: 'tls',
  step: 'tls',
  needs: [],
  guard: (view) => {
    const mode = view.session.options.tls;
    if (mode === 'implicit') return OMIT;
    return mode === 'off' ? skip('TLS disabled (--tls off)') : RUN;
  },
  run: async ({ session, recorder }) => {
    const data = await secureControl(session, recorder);
    if (tlsStopReason(data, session) !== null) session.control?.close();
    return data;
  },
  halts: (record, view) => (record.data ? tlsStopReason(record.data, view.session) : null),
};

/** tlsStopReason: why the probe cannot go on after the explicit TLS step, or null. */
function tlsStopReason(data: TlsData, session: ProbeSession): string | null {
  const secured = session.control?.isTls === true;
  const required = session.options.tls === 'explicit';
  if (required && !secured) return 'TLS was required but is not available';
  const failedHard = data.failure !== undefined && data.authReply != null && startsTls(data.authReply);
  if (failedHard || !session.control?.isOpen) return 'TLS failed';
  // A server that cannot prove who it is gets no user name or password, as curl and lftp refuse
  // it too; --insecure goes on (and the report still says the certificate was not verified).
  if (secured && !session.options.insecure && (data.trusted === false || data.nameMatches === false))
    return 'the certificate could not be verified, so no credentials were sent (--insecure goes on)';
  return null;
}

/**
 * protectDataChannel sends PBSZ 0 and PROT P (RFC 4217 §9) so listings travel encrypted. Some
 * servers only accept them after login, so this runs after login.
 */
export const protectDataChannel: Contribution<'tls-protect', 'tls'> = {
  kind: 'contribution',
  id: 'tls-protect',
  step: 'tls',
  needs: [],
  guard: (view) => (view.session.control?.isTls && view.data('login')?.loggedIn ? RUN : OMIT),
  run: async ({ session, recorder }) => {
    let pbszReply: Reply | null = null;
    let protReply: Reply | null = null;
    try {
      pbszReply = await session.exchange(recorder, 'PBSZ 0');
      if (pbszReply.code < 400) protReply = await session.exchange(recorder, 'PROT P');
    } catch {
      // Recorded in the exchange.
    }
    session.dataProtected = protReply !== null && protReply.code >= 200 && protReply.code < 300;
    return { pbszReply, protReply, dataProtection: session.dataProtected ? 'private' : 'clear' };
  },
};

/** secureControl runs AUTH TLS (unless implicit) and the handshake, and describes the session. */
async function secureControl(session: ProbeSession, recorder: StepRecorder<'tls'>): Promise<TlsData> {
  const mode = session.options.tls;
  const base: TlsData = {
    mode,
    attempted: false,
    authReply: null,
    protocol: null,
    cipher: null,
    handshakeMs: null,
    certificate: null,
    trusted: null,
    trustError: null,
    nameMatches: null,
    pbszReply: null,
    protReply: null,
    dataProtection: 'clear',
  };
  const offered = session.hasFeature('AUTH TLS');
  if (mode === 'auto' && session.featOk && !offered) return base;
  let authReply: Reply | null = null;
  if (mode !== 'implicit') {
    try {
      authReply = await session.exchange(recorder, 'AUTH TLS');
    } catch (error) {
      return { ...base, attempted: true, failure: toFailureInfo(error) };
    }
    if (!startsTls(authReply)) return { ...base, attempted: true, authReply };
  }
  const started = session.now();
  let info: TlsSessionInfo;
  try {
    info = await session.requireControl().upgradeToTls({
      servername: session.servername,
      rejectUnauthorized: false,
      timeoutMs: session.deadline.timeoutFor(session.options.replyTimeoutMs),
      ...(session.options.ca ? { ca: session.options.ca } : {}),
      ...(session.options.tlsVersion ? { version: session.options.tlsVersion } : {}),
    });
    recorder.record(null, [], started);
  } catch (error) {
    const failure = toFailureInfo(error);
    recorder.record(null, [], started, failure);
    return { ...base, attempted: true, authReply, failure };
  }
  return {
    ...base,
    attempted: true,
    authReply,
    protocol: info.protocol,
    cipher: info.cipher?.name ?? null,
    handshakeMs: info.handshakeMs,
    certificate: certificateInfo(info, session.now),
    trusted: info.authorized,
    trustError: info.authorizationError,
    nameMatches: info.nameMatches,
  };
}

function certificateInfo(info: TlsSessionInfo, now: () => number): CertificateInfo | null {
  const cert = info.certificate;
  if (!cert) return null;
  const validTo = cert.validTo ?? '';
  const expires = Date.parse(validTo);
  const wallClock = Date.now();
  void now;
  return {
    subject: cert.subject,
    subjectAltNames: cert.subjectAltNames,
    issuer: cert.issuer,
    validFrom: cert.validFrom ?? '',
    validTo,
    daysLeft: Number.isNaN(expires) ? 0 : Math.floor((expires - wallClock) / DAY_MS),
    selfSigned: cert.selfSigned,
    fingerprint256: cert.fingerprint256,
  };
}

/** startsTls: AUTH TLS drew a reply after which clients start the handshake (234, or curl's 334). */
function startsTls(reply: Reply): boolean {
  return nextMove('AUTH', reply.code).move === 'start-tls';
}
