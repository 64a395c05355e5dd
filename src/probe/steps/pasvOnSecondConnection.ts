import { ProbeSession } from '../session.js';
import type { StepRecord } from '../types.js';
import { connectStep } from './connectStep.js';
import { loginStep } from './loginStep.js';
import { pasvStep } from './passiveSteps.js';
import { quitStep } from './quitStep.js';

/** Transcript marks for the second connection's lines, shown as events of the first. */
const MARKS = { sent: '>', received: '<', event: '*' } as const;

/** SecondConnectionPasv: the PASV step running on a second control connection. */
export interface SecondConnectionPasv {
  /** The PASV step, once its test is done; null when the first connection must test PASV itself. */
  readonly record: Promise<StepRecord<'pasv'> | null>;
  /** Settles once the second connection has said goodbye and its lines joined the transcript. */
  readonly closed: Promise<void>;
}

/**
 * pasvOnSecondConnection runs the PASV step on a second control connection to the same address,
 * logged in with the same credentials, so that the PASV test overlaps the EPSV test and the
 * listing on the first connection instead of following them (issue #7: two round trips fewer,
 * and a filtered passive range costs one data timeout, not two). The PASV reply and its port
 * do not depend on the connection that asked, so the step's result is the same.
 *
 * Only for a plain control channel: a second TLS session would cost more than it saves. The
 * record is null, and the caller tests PASV on the first connection, whenever the second
 * connection cannot get as far as a PASV reply on a logged-in session: refused, no 220 (421 for
 * too many connections from one address, as vsftpd's max_per_ip and Pure-FTPd's -C send), a
 * login refused the second time, 421 or a broken connection instead of the PASV reply. Its
 * lines join the transcript as events marked "second connection". Neither promise rejects.
 */
export function pasvOnSecondConnection(session: ProbeSession, address: string): SecondConnectionPasv {
  const second = new ProbeSession(session.target, session.options, session.deadline, session.now);
  session.event('second control connection: PASV is tested there while this one goes on', 'control');
  let settle: (record: StepRecord<'pasv'> | null) => void = () => {};
  const record = new Promise<StepRecord<'pasv'> | null>((resolve) => {
    settle = resolve;
  });
  const closed = (async () => {
    try {
      const connected = await connectStep(second, address);
      if (connected.data?.failure || !second.control) return;
      const greeting = await second.control.readReply(
        session.deadline.timeoutFor(session.options.replyTimeoutMs),
      );
      if (greeting.code !== 220) return;
      const login = await loginStep(second);
      if (!login.data?.loggedIn) return;
      const pasv = await pasvStep(second);
      const reply = pasv.data?.reply;
      if (!reply || reply.code === 421 || pasv.data?.failure?.kind === 'transport') return;
      settle(pasv);
      await quitStep(second);
    } catch {
      // Whatever went wrong, the first connection tests PASV itself.
    } finally {
      settle(null);
      second.control?.close();
      for (const entry of second.control?.transcript ?? []) {
        session.events.push({
          direction: 'event',
          channel: 'control',
          atMs: entry.atMs,
          text: `second connection ${MARKS[entry.direction]} ${entry.text}`,
        });
      }
      session.events.push(...second.events);
    }
  })();
  return { record, closed };
}
