import { isIP } from 'node:net';
import { ActiveListener, readSocket } from '../../protocol/activeListener.js';
import { formatEndpoint, normalizeAddress } from '../../protocol/address.js';
import { tlsHandshake } from '../../protocol/tlsHandshake.js';
import type { Reply } from '../../protocol/types.js';
import { toFailureInfo } from '../failureInfo.js';
import { type MainStep, OMIT, RUN, skip } from '../pipeline/probeStep.js';
import type { ProbeSession } from '../session.js';
import type { StepRecorder } from '../stepRecorder.js';
import type { ActiveData } from '../types.js';

type Attempt = ActiveData['attempts'][number];

/** formatEprt writes RFC 2428 §2's `EPRT |1|132.235.1.2|6275|` (2 for IPv6). */
export function formatEprt(address: string, port: number): string {
  return `EPRT |${isIP(address) === 6 ? 2 : 1}|${address}|${port}|`;
}

/** formatPort writes RFC 959's `PORT h1,h2,h3,h4,p1,p2` (IPv4 only). */
export function formatPort(address: string, port: number): string {
  return `PORT ${address.split('.').join(',')},${Math.floor(port / 256)},${port % 256}`;
}

/**
 * activeStep tests active mode (--active): the client listens on its control connection's local
 * address, tells the server where with EPRT (then PORT on IPv4), and asks for a listing; the
 * server must connect back. Only the server's own address may connect to the listener.
 */
export const activeStep: MainStep<'active', 'active'> = {
  kind: 'main',
  id: 'active',
  step: 'active',
  needs: [],
  askedFor: (options) => options.active,
  guard: (view) => {
    if (!view.session.options.active) return OMIT;
    return view.session.control?.isOpen ? RUN : skip('the control connection is gone');
  },
  run: ({ session, recorder }) => testActive(session, recorder),
};

async function testActive(session: ProbeSession, recorder: StepRecorder<'active'>): Promise<ActiveData> {
  const control = session.requireControl();
  const local = normalizeAddress(control.localAddress);
  const peer = normalizeAddress(control.remoteAddress);
  const commands: ('EPRT' | 'PORT')[] = isIP(local) === 4 ? ['EPRT', 'PORT'] : ['EPRT'];
  const attempts: Attempt[] = [];
  try {
    for (const command of commands) {
      if (!control.isOpen) break;
      const attempt = await tryActive(session, recorder, command, local, peer);
      attempts.push(attempt.result);
      if (!attempt.controlUsable) break;
    }
  } catch (error) {
    return { attempts, failure: toFailureInfo(error) };
  }
  return { attempts };
}

async function tryActive(
  session: ProbeSession,
  recorder: StepRecorder<'active'>,
  command: 'EPRT' | 'PORT',
  local: string,
  peer: string,
): Promise<{ result: Attempt; controlUsable: boolean }> {
  const control = session.requireControl();
  const listener = await ActiveListener.open(local, peer);
  // The deadline or a signal ends the waits for the server's connection and its data at once.
  const stop = (): void => listener.close();
  session.deadline.signal.addEventListener('abort', stop, { once: true });
  const base = {
    command,
    listenAddress: local,
    listenPort: listener.port,
    connectedBack: false,
    connectedFrom: null,
    transferReply: null,
  };
  try {
    const line = command === 'EPRT' ? formatEprt(local, listener.port) : formatPort(local, listener.port);
    session.event(`listening on ${formatEndpoint(local, listener.port)} for the server's data connection`);
    const reply = await session.exchange(recorder, line);
    if (reply.code >= 300) return { result: { ...base, reply }, controlUsable: true };

    const listing = session.target.path === null ? 'LIST' : `LIST ${session.target.path}`;
    const started = session.now();
    const exchanging = control.commandWithPreliminary(listing, {
      preliminaryTimeoutMs: session.deadline.timeoutFor(
        session.options.dataTimeoutMs + session.options.replyTimeoutMs,
      ),
      finalTimeoutMs: session.deadline.timeoutFor(session.options.dataTimeoutMs),
    });
    exchanging.catch(() => undefined);
    const socket = await listener.accept(session.deadline.timeoutFor(session.options.dataTimeoutMs));
    if (socket) session.event(`the server connected back from ${socket.remoteAddress ?? '?'}`);
    else session.event(`no connection from the server within ${session.options.dataTimeoutMs} ms`);
    let received = 0;
    if (socket) {
      let stream = socket;
      if (session.dataProtected) {
        // With PROT P the server expects TLS on the data connection; in active mode it is still the TLS server.
        const secured = await tlsHandshake({
          socket,
          host: peer,
          servername: session.servername,
          timeoutMs: session.deadline.timeoutFor(session.options.dataTimeoutMs),
          channel: 'data',
          clock: session.now,
          ...(control.tlsSession ? { session: control.tlsSession } : {}),
        }).catch(() => null);
        stream = secured ? secured.socket : socket;
      }
      received = (await readSocket(stream, session.deadline.timeoutFor(session.options.dataTimeoutMs))).bytes
        .length;
    }
    let transferReply: Reply | null = null;
    let controlUsable = true;
    try {
      const outcome = await exchanging;
      transferReply = outcome.final;
      recorder.record(
        listing,
        [outcome.preliminary, outcome.final].filter((r): r is Reply => r !== null),
        started,
      );
    } catch (error) {
      recorder.record(listing, [], started, toFailureInfo(error));
      controlUsable = false;
    }
    if (socket) session.event(`active data connection carried ${received} bytes`);
    return {
      result: {
        ...base,
        reply,
        connectedBack: socket !== null,
        connectedFrom: socket ? normalizeAddress(socket.remoteAddress ?? '') : null,
        transferReply,
      },
      controlUsable,
    };
  } finally {
    session.deadline.signal.removeEventListener('abort', stop);
    listener.close();
  }
}
