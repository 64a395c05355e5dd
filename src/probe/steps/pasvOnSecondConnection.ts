import { nextMove } from '../../protocol/replySequences.js';
import { type Declined, type MainStep, OMIT, RUN } from '../pipeline/probeStep.js';
import { ProbeSession } from '../session.js';
import { StepRecorder } from '../stepRecorder.js';
import type { Exchange, PasvData } from '../types.js';
import { connectControl } from './connectStep.js';
import { readPasvReply, testPasvReply } from './passiveSteps.js';

/** Transcript marks for the second connection's lines, shown as events of the first. */
const MARKS = { sent: '>', received: '<', event: '*' } as const;

/**
 * pasvOnSecondConnection runs the PASV step on a second control connection to the same address,
 * logged in with the same credentials, so that the PASV test overlaps the EPSV test and the
 * listing on the first connection instead of following them: fewer round trips, and a filtered
 * passive range costs one data timeout, not two. The PASV reply and its port do not depend on
 * the connection that asked, so the step's result is the same. PASV goes out together with the
 * command that logged the first connection in, which saves one more round trip.
 *
 * Only for a plain control channel: a second TLS session would cost more than it saves. The step
 * declines, and pasvStep tests PASV on the first connection, whenever the second connection
 * cannot get as far as a PASV reply on a logged-in session: refused, no 220 (421 for too many
 * connections from one address, as vsftpd's max_per_ip and Pure-FTPd's -C send), a login refused
 * the second time, 421 or a broken connection instead of the PASV reply. Its lines join the
 * transcript as events marked "second connection".
 */
export const pasvOnSecondConnection: MainStep<'pasv-second-connection', 'pasv'> = {
  kind: 'main',
  id: 'pasv-second-connection',
  step: 'pasv',
  needs: [],
  concurrent: true,
  guard: (view) => {
    const session = view.session;
    if (session.control?.isTls || session.options.singleConnection) return OMIT;
    return view.data('login')?.loggedIn ? RUN : OMIT;
  },
  run: async ({ session, recorder, view, background, commit }) => {
    const address = view.data('connect')?.address ?? '';
    const loginCommands = (view.record('login')?.exchanges ?? []).map(commandOf);
    const second = new ProbeSession(session.target, session.options, session.deadline, session.now);
    session.event('second control connection: PASV is tested there while this one goes on', 'control');
    let outcome: PasvData | Declined = { declined: 'the second control connection did not get a PASV reply' };
    try {
      outcome = await pasvOnSecond(second, address, loginCommands, recorder, commit);
    } finally {
      const closing = (async () => {
        // QUIT goes out, but the goodbye is not waited for: the report checks the first
        // connection's, and waiting here would keep the probe one round trip longer.
        if (!('declined' in outcome) && second.control?.isOpen) {
          try {
            second.control.send('QUIT');
          } catch {
            // The server hung up first; nothing to say goodbye to.
          }
        }
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
      })();
      background(closing);
    }
    return outcome;
  },
};

function verbOf(line: string): 'USER' | 'PASS' | 'ACCT' {
  return line.startsWith('USER') ? 'USER' : line.startsWith('PASS') ? 'PASS' : 'ACCT';
}

/** commandOf: the command a login exchange sent (PASS masked in the record; sent for real below). */
function commandOf(exchange: Exchange): string {
  return exchange.command?.split(' ')[0]?.toUpperCase() ?? '';
}

async function pasvOnSecond(
  second: ProbeSession,
  address: string,
  loginCommands: readonly string[],
  recorder: StepRecorder<'pasv'>,
  commit: () => void,
): Promise<PasvData | Declined> {
  const declined = (why: string): Declined => ({ declined: `second control connection: ${why}` });
  const connected = await connectControl(second, address);
  if (connected.failure || !second.control) return declined('no connection');
  const greeting = await second.control
    .readReply(second.deadline.timeoutFor(second.options.replyTimeoutMs))
    .catch(() => null);
  if (greeting?.code !== 220) return declined('no 220 greeting');
  // The first connection's login, replayed: every command but the last waits for its reply (331
  // asks for PASS), the last goes out together with PASV.
  const { user, password, account } = second.options;
  const lines = loginCommands.map((verb) =>
    verb === 'USER' ? `USER ${user}` : verb === 'PASS' ? `PASS ${password}` : `ACCT ${account ?? ''}`,
  );
  const last = lines.pop();
  if (last === undefined) return declined('no login to repeat');
  const login = new StepRecorder('login', second.now);
  for (const line of lines) {
    const reply = await second.exchange(login, line).catch(() => null);
    const move = reply === null ? 'refused' : nextMove(verbOf(line), reply.code).move;
    if (move !== 'send-password' && move !== 'send-account') return declined('login refused');
  }
  const loggedIn = second.exchange(login, last).catch(() => null);
  const pasv = second.exchange(recorder, 'PASV').catch(() => null);
  const loginReply = await loggedIn;
  const pasvReply = await pasv;
  if (!loginReply || nextMove(verbOf(last), loginReply.code).move !== 'logged-in')
    return declined('login refused');
  if (!pasvReply || pasvReply.code === 421) return declined('no PASV reply');
  // From here on the record is this connection's: the first one need not wait for the test.
  commit();
  const tested = await testPasvReply(second, recorder, readPasvReply(pasvReply));
  // The greeting says which server answered this connection: behind a balancer it may differ.
  return { ...tested, greetingOnSecondConnection: greeting.lines[0] ?? '' };
}
