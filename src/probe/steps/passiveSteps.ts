import { classifyAdvertisedAddress, formatEndpoint, normalizeAddress } from '../../protocol/address.js';
import { connectDataPort, testConnectPort } from '../../protocol/dataConnection.js';
import { parseEpsvReply } from '../../protocol/epsv.js';
import { ProtocolViolationError } from '../../protocol/errors.js';
import { parsePasvReply } from '../../protocol/pasv.js';
import type { Reply } from '../../protocol/types.js';
import { toFailureInfo } from '../failureInfo.js';
import { type Contribution, type MainStep, OMIT, RUN, skip } from '../pipeline/probeStep.js';
import type { ProbeSession } from '../session.js';
import type { StepRecorder } from '../stepRecorder.js';
import type { EpsvData, PassiveSample, PasvData, PortTest } from '../types.js';

/** EPSV_ALL_TIMEOUT_MS: the EPSV ALL check goes out with QUIT; it is not worth a long wait. */
const EPSV_ALL_TIMEOUT_MS = 2000;

/** PassiveOffer: a data port the server handed out, on the address the client should use. */
export interface PassiveOffer {
  readonly host: string;
  readonly port: number;
}

/** controlPeer is the address the control connection reached: data ports are tested there. */
function controlPeer(session: ProbeSession): string {
  return normalizeAddress(session.requireControl().remoteAddress);
}

async function portTest(
  session: ProbeSession,
  host: string,
  port: number,
  keepFor: 'epsv' | null = null,
): Promise<PortTest> {
  session.event(`test-connect ${formatEndpoint(host, port)}`);
  const options = {
    host,
    port,
    timeoutMs: session.deadline.timeoutFor(session.options.dataTimeoutMs),
    signal: session.deadline.signal,
  };
  const started = session.now();
  let test: PortTest;
  try {
    if (keepFor === null) {
      test = await testConnectPort(options);
    } else {
      const kept = await connectDataPort(options);
      test = kept.test;
      if (kept.connection) session.holdDataConnection(keepFor, port, kept.connection);
    }
  } catch (error) {
    const cutShort = session.deadline.interrupted;
    if (cutShort === null) throw error;
    // The deadline or a signal ended the wait: a port silent this long is evidence in itself.
    test = { host, port, outcome: 'filtered', durationMs: session.now() - started, cutShort };
    session.event(`data port ${port}: no answer within ${test.durationMs} ms (${cutShort} reached)`);
    return test;
  }
  session.event(
    `data port ${port}: ${test.outcome}${test.errno ? ` (${test.errno})` : ''} after ${test.durationMs} ms`,
  );
  return test;
}

/** requestEpsv sends EPSV and reads the port; null with the reply when the server refuses. */
export async function requestEpsv<N extends 'epsv' | 'transfer' | 'write'>(
  session: ProbeSession,
  recorder: StepRecorder<N>,
): Promise<{ reply: Reply; port: number | null; parseError: string | null }> {
  const reply = await session.exchange(recorder, 'EPSV');
  if (reply.code !== 229) return { reply, port: null, parseError: null };
  try {
    return { reply, port: parseEpsvReply(reply.text).port, parseError: null };
  } catch (error) {
    if (error instanceof ProtocolViolationError) return { reply, port: null, parseError: error.message };
    throw error;
  }
}

/** requestPasv sends PASV and reads the advertised address and port. */
export async function requestPasv<N extends 'pasv' | 'transfer' | 'write'>(
  session: ProbeSession,
  recorder: StepRecorder<N>,
): Promise<PasvReplyRead> {
  return readPasvReply(await session.exchange(recorder, 'PASV'));
}

/** PasvReplyRead: a PASV reply with the endpoint it names, or why it names none. */
export interface PasvReplyRead {
  readonly reply: Reply;
  readonly host: string | null;
  readonly port: number | null;
  readonly parseError: string | null;
}

/** readPasvReply reads the advertised address and port of a PASV reply. */
export function readPasvReply(reply: Reply): PasvReplyRead {
  if (reply.code !== 227) return { reply, host: null, port: null, parseError: null };
  try {
    const endpoint = parsePasvReply(reply.text);
    return { reply, host: endpoint.host, port: endpoint.port, parseError: null };
  } catch (error) {
    if (error instanceof ProtocolViolationError)
      return { reply, host: null, port: null, parseError: error.message };
    throw error;
  }
}

/**
 * moreSamples asks for the remaining --samples ports; the first sample is the one tested. A
 * failure ends the sampling: what was collected still counts.
 */
async function moreSamples(
  session: ProbeSession,
  request: () => Promise<{ reply: Reply; port: number | null }>,
): Promise<PassiveSample[]> {
  const samples: PassiveSample[] = [];
  for (let i = 1; i < session.options.samples; i++) {
    try {
      const more = await request();
      samples.push({ reply: more.reply, port: more.port });
    } catch {
      break;
    }
  }
  return samples;
}

/**
 * epsvStep asks for an extended passive port (RFC 2428 §3) and test-connects it on the control
 * connection's address, which is the only address EPSV allows. Extra samples (--samples) show
 * the passive range in use. An open test connection is kept for the listing (transferStep).
 */
export const epsvStep: MainStep<'epsv', 'epsv'> = {
  kind: 'main',
  id: 'epsv',
  step: 'epsv',
  needs: [],
  guard: () => RUN,
  run: ({ session, recorder }) => testEpsv(session, recorder),
};

/**
 * epsvAllCheck sends EPSV ALL (RFC 2428 §4) right before QUIT, in the same round trip: after
 * EPSV ALL a server must refuse PORT and PASV, so it can only come last.
 */
export const epsvAllCheck: Contribution<'epsv-all', 'epsv'> = {
  kind: 'contribution',
  id: 'epsv-all',
  step: 'epsv',
  needs: [],
  concurrent: true,
  guard: (view) => (view.session.control?.isOpen && view.data('epsv')?.port != null ? RUN : OMIT),
  run: async ({ session, recorder }) => {
    const timeout = Math.min(EPSV_ALL_TIMEOUT_MS, session.options.replyTimeoutMs);
    const [epsvAll = null] = await session.exchangeTogether(recorder, ['EPSV ALL'], timeout);
    return { epsvAll };
  },
};

async function testEpsv(session: ProbeSession, recorder: StepRecorder<'epsv'>): Promise<EpsvData> {
  const empty: EpsvData = {
    reply: null,
    port: null,
    parseError: null,
    portTest: null,
    samples: [],
    epsvAll: null,
  };
  let first: Awaited<ReturnType<typeof requestEpsv>>;
  try {
    first = await requestEpsv(session, recorder);
  } catch (error) {
    return { ...empty, failure: toFailureInfo(error) };
  }
  const samples: PassiveSample[] = [{ reply: first.reply, port: first.port }];
  let test: PortTest | null = null;
  if (first.port !== null) {
    // The open test connection can carry the listing, unless more EPSV samples follow (a new
    // EPSV makes vsftpd drop the pending connection) or the listing must start TLS on it.
    const keep = session.options.samples <= 1 && !session.dataProtected;
    test = await portTest(session, controlPeer(session), first.port, keep ? 'epsv' : null);
    samples.push(...(await moreSamples(session, () => requestEpsv(session, recorder))));
  }
  return {
    ...empty,
    reply: first.reply,
    port: first.port,
    parseError: first.parseError,
    portTest: test,
    samples,
  };
}

/**
 * pasvStep tests PASV on the probe's own control connection, when the second connection
 * (pasvOnSecondConnection) did not: after the EPSV listing, whose test connection a PASV in
 * between would make the server drop.
 */
export const pasvStep: MainStep<'pasv', 'pasv'> = {
  kind: 'main',
  id: 'pasv',
  step: 'pasv',
  needs: [],
  needsDecisionOf: ['pasv-second-connection'],
  guard: (view) => {
    if (view.promised('pasv')) return OMIT;
    return view.session.control?.isOpen ? RUN : skip('the control connection is gone');
  },
  run: ({ session, recorder }) => {
    session.releaseDataConnection();
    return testPasv(session, recorder);
  },
};

/**
 * testPasv asks for a classic passive port (RFC 959), classifies the advertised address against
 * the control peer and test-connects the port on the control address — where curl and FileZilla
 * connect too. The advertised address itself is tried only with --trust-pasv-address, because it
 * may name a host ftp-doctor was never asked to contact (docs/architecture.md, network safety).
 */
export async function testPasv(session: ProbeSession, recorder: StepRecorder<'pasv'>): Promise<PasvData> {
  const empty: PasvData = {
    reply: null,
    advertisedHost: null,
    port: null,
    addressClass: null,
    parseError: null,
    portTest: null,
    advertisedPortTest: null,
    samples: [],
  };
  let first: PasvReplyRead;
  try {
    first = await requestPasv(session, recorder);
  } catch (error) {
    return { ...empty, failure: toFailureInfo(error) };
  }
  return testPasvReply(session, recorder, first);
}

/** testPasvReply classifies and tests the port of a PASV reply already read. */
export async function testPasvReply(
  session: ProbeSession,
  recorder: StepRecorder<'pasv'>,
  first: PasvReplyRead,
): Promise<PasvData> {
  const empty: PasvData = {
    reply: null,
    advertisedHost: null,
    port: null,
    addressClass: null,
    parseError: null,
    portTest: null,
    advertisedPortTest: null,
    samples: [],
  };
  const samples: PassiveSample[] = [{ reply: first.reply, port: first.port }];
  if (first.port === null || first.host === null) {
    return { ...empty, reply: first.reply, parseError: first.parseError, samples };
  }
  const peer = controlPeer(session);
  const addressClass = classifyAdvertisedAddress(first.host, peer);
  const test = await portTest(session, peer, first.port);
  let advertisedTest: PortTest | null = null;
  if (addressClass !== 'same' && session.options.trustPasvAddress && first.host !== '0.0.0.0') {
    advertisedTest = await portTest(session, first.host, first.port);
  }
  samples.push(...(await moreSamples(session, () => requestPasv(session, recorder))));
  return {
    ...empty,
    reply: first.reply,
    advertisedHost: first.host,
    port: first.port,
    addressClass,
    portTest: test,
    advertisedPortTest: advertisedTest,
    samples,
  };
}
