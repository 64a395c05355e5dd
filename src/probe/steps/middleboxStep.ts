import { normalizeAddress } from '../../protocol/address.js';
import { ProtocolViolationError } from '../../protocol/errors.js';
import { parsePasvReply } from '../../protocol/pasv.js';
import type { Reply } from '../../protocol/types.js';
import { toFailureInfo } from '../failureInfo.js';
import { type MainStep, OMIT, RUN } from '../pipeline/probeStep.js';
import { ProbeSession } from '../session.js';
import type { StepRecorder } from '../stepRecorder.js';
import type { FailureInfo } from '../types.js';
import { connectControl } from './connectStep.js';

/**
 * MiddleboxData: PASV asked again on a plain control connection, compared with the TLS session's
 * (`rewritten` = the two advertised addresses differ: a device on the path rewrites plain FTP).
 */
export interface MiddleboxData {
  readonly tlsAdvertisedHost: string;
  readonly plainReply: Reply | null;
  readonly plainAdvertisedHost: string | null;
  readonly rewritten: boolean | null;
  readonly failure?: FailureInfo;
}

declare module '../types.js' {
  interface StepDataMap {
    middlebox: MiddleboxData;
  }
}

/** Transcript marks for the plain connection's lines, shown as events of the first. */
const MARKS = { sent: '>', received: '<', event: '*' } as const;

/**
 * middleboxStep asks for PASV once more on a plain (unencrypted) control connection and compares
 * the advertised address with the one the TLS-protected session got. A router with an FTP helper
 * (an ALG, or Linux conntrack's nf_nat_ftp) rewrites the address in a plain 227 reply, but cannot
 * read it inside TLS: a difference names such a device on the path, and shows that FTPS clients
 * get the server's own, untranslated address. It runs only when the TLS PASV named another
 * address than the control connection's (otherwise FTPS works whatever a helper does), never
 * with --single-connection, and — since the plain session logs in with the same credentials in
 * clear text — only for anonymous logins or with --compare-plain. IPv4 only: PASV carries IPv4.
 */
export const middleboxStep: MainStep<'middlebox', 'middlebox'> = {
  kind: 'main',
  id: 'middlebox',
  step: 'middlebox',
  needs: [],
  askedFor: (options) => options.comparePlain === true,
  guard: (view) => {
    const { session } = view;
    const pasv = view.data('pasv');
    const address = view.data('connect')?.address ?? '';
    if (!session.control?.isTls || session.options.tls === 'implicit' || session.options.singleConnection)
      return OMIT;
    if (!pasv?.advertisedHost || pasv.addressClass === 'same' || address.includes(':')) return OMIT;
    if (!view.data('login')?.anonymous && !session.options.comparePlain) return OMIT;
    return RUN;
  },
  run: ({ session, recorder, view }) =>
    comparePlainPasv(
      session,
      recorder,
      view.data('connect')?.address ?? '',
      view.data('pasv')!.advertisedHost!,
    ),
};

async function comparePlainPasv(
  session: ProbeSession,
  recorder: StepRecorder<'middlebox'>,
  address: string,
  tlsAdvertisedHost: string,
): Promise<MiddleboxData> {
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
    const connected = await connectControl(plain, address);
    if (connected.failure || !plain.control)
      return connected.failure ? { ...empty, failure: connected.failure } : empty;
    const greeting = await plain.control.readReply(
      session.deadline.timeoutFor(session.options.replyTimeoutMs),
    );
    recorder.record(null, [greeting], session.now());
    if (greeting.code !== 220) return empty;
    const { user, password, account } = session.options;
    let login = await plain.exchange(recorder, `USER ${user}`);
    if (login.code === 331) login = await plain.exchange(recorder, `PASS ${password}`);
    if (login.code === 332 && account !== null) login = await plain.exchange(recorder, `ACCT ${account}`);
    if (login.code < 200 || login.code >= 300) return empty;
    const reply = await plain.exchange(recorder, 'PASV');
    let plainAdvertisedHost: string | null = null;
    if (reply.code === 227) {
      try {
        plainAdvertisedHost = normalizeAddress(parsePasvReply(reply.text).host);
      } catch (error) {
        if (!(error instanceof ProtocolViolationError)) throw error;
      }
    }
    plain.control.send('QUIT');
    return {
      tlsAdvertisedHost,
      plainReply: reply,
      plainAdvertisedHost,
      rewritten:
        plainAdvertisedHost === null ? null : plainAdvertisedHost !== normalizeAddress(tlsAdvertisedHost),
    };
  } catch (error) {
    return { ...empty, failure: toFailureInfo(error) };
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
