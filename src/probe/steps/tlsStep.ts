import type { TlsSessionInfo } from '../../protocol/tlsSession.js';
import type { Reply } from '../../protocol/types.js';
import { toFailureInfo } from '../failureInfo.js';
import type { ProbeSession } from '../session.js';
import { StepRecorder } from '../stepRecorder.js';
import type { CertificateInfo, StepRecord, TlsData } from '../types.js';

const DAY_MS = 86_400_000;

/**
 * tlsStep secures the control channel: with implicit TLS by a handshake right after connecting,
 * otherwise by AUTH TLS (RFC 4217 §4) when the server offers it, or when the user requires it.
 * In `auto` mode a server whose FEAT works but lists no AUTH TLS is not asked: it does not offer
 * TLS, and the diagnosis warns that credentials travel in clear.
 */
export async function tlsStep(
  session: ProbeSession,
): Promise<{ record: StepRecord<'tls'>; secured: boolean }> {
  const recorder = new StepRecorder('tls', session.now);
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
  if (mode === 'auto' && session.featOk && !offered) {
    return { record: recorder.finish(base), secured: false };
  }
  let authReply: Reply | null = null;
  if (mode !== 'implicit') {
    try {
      authReply = await session.exchange(recorder, 'AUTH TLS');
    } catch (error) {
      return {
        record: recorder.finish({ ...base, attempted: true, failure: toFailureInfo(error) }),
        secured: false,
      };
    }
    if (authReply.code !== 234) {
      return { record: recorder.finish({ ...base, attempted: true, authReply }), secured: false };
    }
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
    return { record: recorder.finish({ ...base, attempted: true, authReply, failure }), secured: false };
  }
  const data: TlsData = {
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
  return { record: recorder.finish(data), secured: true };
}

/**
 * protectDataChannel sends PBSZ 0 and PROT P (RFC 4217 §9) so listings travel encrypted. Some
 * servers only accept them after login; the caller runs this after login for that reason.
 */
export async function protectDataChannel(
  session: ProbeSession,
  record: StepRecord<'tls'>,
): Promise<StepRecord<'tls'>> {
  const recorder = new StepRecorder('tls', session.now);
  let pbszReply: Reply | null = null;
  let protReply: Reply | null = null;
  try {
    pbszReply = await session.exchange(recorder, 'PBSZ 0');
    if (pbszReply.code < 400) protReply = await session.exchange(recorder, 'PROT P');
  } catch {
    // Recorded in the exchange.
  }
  const extra = recorder.finish(record.data!);
  session.dataProtected = protReply !== null && protReply.code >= 200 && protReply.code < 300;
  return {
    ...record,
    durationMs: record.durationMs + extra.durationMs,
    exchanges: [...record.exchanges, ...extra.exchanges],
    data: {
      ...record.data!,
      pbszReply,
      protReply,
      dataProtection: session.dataProtected ? 'private' : 'clear',
    },
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
