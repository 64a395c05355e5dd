import { normalizeAddress } from '../../protocol/address.js';
import { ProtocolViolationError } from '../../protocol/errors.js';
import { parsePasvReply } from '../../protocol/pasv.js';
import { toFailureInfo } from '../failureInfo.js';
import { ProbeSession } from '../session.js';
import { StepRecorder } from '../stepRecorder.js';
import type { MiddleboxData, StepRecord } from '../types.js';
import { connectStep } from './connectStep.js';
import { loginStep } from './loginStep.js';
import { quitStep } from './quitStep.js';

/** Transcript marks for the plain connection's lines, shown as events of the first. */
const MARKS = { sent: '>', received: '<', event: '*' } as const;

/**
 * middleboxStep asks for PASV once more on a plain (unencrypted) control connection and compares
 * the advertised address with the one the TLS-protected session got. A router with an FTP helper
 * (an ALG, or Linux conntrack's nf_nat_ftp) rewrites the address in a plain 227 reply, but cannot
 * read it inside TLS: a difference names such a device on the path, and shows that FTPS clients
 * get the server's own, untranslated address. The plain session logs in with the same
 * credentials, so the runner starts it only for anonymous logins or when the user allowed it.
 */
export async function middleboxStep(
  session: ProbeSession,
  address: string,
  tlsAdvertisedHost: string,
): Promise<StepRecord<'middlebox'>> {
  const recorder = new StepRecorder('middlebox', session.now);
  const plain = new ProbeSession(
    session.target,
    { ...session.options, tls: 'off' },
    session.deadline,
    session.now,
  );
  const empty: MiddleboxData = {
    tlsAdvertisedHost,
    plainReply: null,
    plainAdvertisedHost: null,
    rewritten: null,
  };
  session.event('plain control connection: PASV without TLS, to compare with the TLS session', 'control');
  try {
    const connected = await connectStep(plain, address);
    if (connected.data?.failure || !plain.control) {
      return recorder.finish(connected.data?.failure ? { ...empty, failure: connected.data.failure } : empty);
    }
    const greeting = await plain.control.readReply(
      session.deadline.timeoutFor(session.options.replyTimeoutMs),
    );
    recorder.record(null, [greeting], session.now());
    if (greeting.code !== 220) return recorder.finish(empty);
    const login = await loginStep(plain);
    for (const exchange of login.exchanges)
      recorder.record(
        exchange.command,
        exchange.replies,
        session.now() - exchange.durationMs,
        exchange.failure,
      );
    if (!login.data?.loggedIn) return recorder.finish(empty);
    const reply = await plain.exchange(recorder, 'PASV');
    let plainAdvertisedHost: string | null = null;
    if (reply.code === 227) {
      try {
        plainAdvertisedHost = normalizeAddress(parsePasvReply(reply.text).host);
      } catch (error) {
        if (!(error instanceof ProtocolViolationError)) throw error;
      }
    }
    await quitStep(plain).catch(() => undefined);
    return recorder.finish({
      tlsAdvertisedHost,
      plainReply: reply,
      plainAdvertisedHost,
      rewritten:
        plainAdvertisedHost === null ? null : plainAdvertisedHost !== normalizeAddress(tlsAdvertisedHost),
    });
  } catch (error) {
    return recorder.finish({ ...empty, failure: toFailureInfo(error) });
  } finally {
    plain.control?.close();
    for (const entry of plain.control?.transcript ?? []) {
      session.events.push({
        direction: 'event',
        channel: 'control',
        atMs: entry.atMs,
        text: `plain connection ${MARKS[entry.direction]} ${entry.text}`,
      });
    }
    session.events.push(...plain.events);
  }
}
