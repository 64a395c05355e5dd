import { ProtocolViolationError, TransportError } from '../../protocol/errors.js';
import { nextMove } from '../../protocol/replySequences.js';
import { tcpConnect } from '../../protocol/tcpConnect.js';
import { tlsHandshake } from '../../protocol/tlsHandshake.js';
import type { Reply } from '../../protocol/types.js';
import { toFailureInfo } from '../failureInfo.js';
import { type MainStep, RUN } from '../pipeline/probeStep.js';
import type { ProbeSession } from '../session.js';
import type { StepRecorder } from '../stepRecorder.js';
import type { BannerData, ImplicitTlsCheck } from '../types.js';

/** MAX_PRELIMINARY_GREETINGS bounds how many "120 ready in N minutes" replies are waited through. */
const MAX_PRELIMINARY_GREETINGS = 5;

/** IMPLICIT_TLS_CHECK_TIMEOUT_MS bounds the connect and the handshake of the implicit-TLS check, each (or the reply timeout, if shorter). */
const IMPLICIT_TLS_CHECK_TIMEOUT_MS = 3000;

/**
 * MAIL_GREETING: an SMTP server greets with 220 as FTP does, but names the protocol:
 * "220 mail.example.com ESMTP Postfix", "220 host Microsoft ESMTP MAIL Service ready". Only the
 * protocol word counts here; the diagnosis (knowledge/servers/nonFtpService.ts) names the product.
 */
const MAIL_GREETING = /^220[ -].*\bE?SMTP\b/i;

/** isMailGreeting: the first line of a 220 reply names SMTP or ESMTP. */
function isMailGreeting(reply: Reply): boolean {
  return reply.code === 220 && MAIL_GREETING.test(reply.lines[0] ?? '');
}

/**
 * bannerStep reads the greeting. A 120 reply means "wait": the step keeps reading until a final
 * reply, within the reply timeout for each and the overall deadline for all. Bytes that are not
 * an FTP reply are kept (`nonFtpText`) so the diagnosis can say what the port speaks instead.
 * A greeting the conformance table (src/protocol/replySequences.ts) lets a client go on after —
 * 220, a 230 from a server that authenticated the client by its address, another 2xx that lftp
 * and ftplib accept — lets the probe go on; otherwise it ends here and the connection is closed
 * without a QUIT.
 */
export const bannerStep: MainStep<'banner', 'banner'> = {
  kind: 'main',
  id: 'banner',
  step: 'banner',
  needs: [],
  guard: () => RUN,
  run: async ({ session, recorder }) => {
    const data = await readGreeting(session, recorder);
    if (!greetingLetsClientsOn(data)) session.control?.close();
    return data;
  },
  halts: (record) => {
    const data = record.data;
    if (data && greetingLetsClientsOn(data)) return null;
    if (data?.nonFtpText !== undefined) return 'this port does not speak FTP';
    return data?.greeting ? `the server greeted with ${data.greeting.code}, not 220` : 'no greeting';
  },
};

/** greetingLetsClientsOn: an FTP greeting after which clients send commands (or are logged in). */
export function greetingLetsClientsOn(data: BannerData): boolean {
  if (!data.greeting || data.nonFtpText !== undefined) return false;
  const move = nextMove('greeting', data.greeting.code).move;
  return move === 'ready' || move === 'logged-in';
}

/** readGreeting reads replies up to the final greeting (also for the second control connection). */
export async function readGreeting(
  session: ProbeSession,
  recorder: StepRecorder<'banner'>,
): Promise<BannerData> {
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
      if (isMailGreeting(reply)) {
        // A 220 that is no FTP greeting: kept as text, and no FTP command (let alone a password)
        // goes to the mail server; the probe stops here as for any other non-FTP greeting.
        return { preliminary, greeting: null, nonFtpText: reply.lines.join('\n') };
      }
      return { preliminary, greeting: reply };
    }
  } catch (error) {
    const failure = toFailureInfo(error);
    recorder.record(null, [], started, failure);
    if (error instanceof ProtocolViolationError && preliminary.length === 0) {
      return { preliminary, greeting: null, nonFtpText: error.offendingText ?? '', failure };
    }
    if (error instanceof TransportError && error.failure === 'timeout' && preliminary.length === 0) {
      const implicitTlsCheck = await checkImplicitTls(session);
      return { preliminary, greeting: null, implicitTlsCheck, failure };
    }
    return { preliminary, greeting: null, failure };
  }
}

/**
 * checkImplicitTls runs after a silent banner. An implicit-FTPS port (990, or vsftpd's
 * implicit_ssl=YES, ProFTPD's TLSOptions UseImplicitSSL) waits for a ClientHello and says nothing
 * to a plain client, which looks exactly like a hung server. So the silent connection is closed
 * (servers with a per-address limit would refuse a second one) and a new one tries a TLS handshake
 * at once, bounded in time. No FTP command and no credential is sent on it.
 */
async function checkImplicitTls(session: ProbeSession): Promise<ImplicitTlsCheck> {
  const notTried = (reason: string): ImplicitTlsCheck => ({
    outcome: 'not-tried',
    notTriedReason: reason,
    protocol: null,
    handshakeMs: null,
    durationMs: 0,
  });
  if (session.options.tls === 'off') return notTried('TLS disabled (--tls off)');
  if (session.options.tls === 'implicit') return notTried('implicit TLS was already used');
  if (session.deadline.interrupted !== null) return notTried('the probe was interrupted');
  const control = session.requireControl();
  const host = control.remoteAddress;
  const family = control.remoteFamily;
  control.close();
  const started = session.now();
  const timeoutMs = () =>
    session.deadline.timeoutFor(Math.min(IMPLICIT_TLS_CHECK_TIMEOUT_MS, session.options.replyTimeoutMs));
  session.event('no greeting: trying a TLS handshake on a new connection (implicit FTPS?)', 'control');
  let socket: Awaited<ReturnType<typeof tcpConnect>>;
  try {
    socket = await tcpConnect({
      host,
      port: session.target.port,
      family,
      timeoutMs: timeoutMs(),
      channel: 'control',
      signal: session.deadline.signal,
    });
  } catch (error) {
    session.event('implicit-TLS check: the second connection failed', 'control');
    return {
      outcome: 'connect-failed',
      notTriedReason: null,
      protocol: null,
      handshakeMs: null,
      durationMs: session.now() - started,
      failure: toFailureInfo(error),
    };
  }
  try {
    const { socket: secure, info } = await tlsHandshake({
      socket,
      host,
      servername: session.servername,
      timeoutMs: timeoutMs(),
      channel: 'control',
      clock: session.now,
      signal: session.deadline.signal,
    });
    session.event(`implicit-TLS check: handshake completed (${info.protocol ?? '?'})`, 'control');
    // An implicit-FTPS server greets right after the handshake; an HTTPS server (or any other TLS
    // service) waits for the client. Reading the first line tells the two apart.
    const greetingOverTls = await firstLineWithin(secure, timeoutMs());
    secure.destroy();
    session.event(
      greetingOverTls === null
        ? 'implicit-TLS check: no FTP greeting inside TLS'
        : `implicit-TLS check: received ${JSON.stringify(greetingOverTls.slice(0, 60))} inside TLS`,
      'control',
    );
    return {
      outcome: 'handshake-completed',
      notTriedReason: null,
      protocol: info.protocol,
      handshakeMs: info.handshakeMs,
      durationMs: session.now() - started,
      greetingOverTls,
    };
  } catch (error) {
    session.event('implicit-TLS check: no TLS handshake either', 'control');
    return {
      outcome: 'handshake-failed',
      notTriedReason: null,
      protocol: null,
      handshakeMs: null,
      durationMs: session.now() - started,
      failure: toFailureInfo(error),
    };
  }
}

/** GREETING_PEEK_BYTES: enough for a greeting's first line; nothing more is read from the check. */
const GREETING_PEEK_BYTES = 512;

/** firstLineWithin reads the first line a socket sends, or null when none comes in time. */
function firstLineWithin(socket: import('node:net').Socket, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    let text = '';
    const done = (value: string | null) => {
      clearTimeout(timer);
      socket.removeListener('data', onData);
      socket.removeListener('close', onClose);
      socket.removeListener('error', onClose);
      resolve(value);
    };
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const end = text.search(/\r?\n/);
      if (end >= 0) done(text.slice(0, end));
      else if (text.length >= GREETING_PEEK_BYTES) done(text.slice(0, GREETING_PEEK_BYTES));
    };
    const onClose = () => done(text === '' ? null : text);
    const timer = setTimeout(() => done(text === '' ? null : text), timeoutMs);
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.once('error', onClose);
  });
}
