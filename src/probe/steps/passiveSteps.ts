import { classifyAdvertisedAddress, formatEndpoint, normalizeAddress } from '../../protocol/address.js';
import { connectDataPort, testConnectPort } from '../../protocol/dataConnection.js';
import { parseEpsvReply } from '../../protocol/epsv.js';
import { ProtocolViolationError } from '../../protocol/errors.js';
import { parsePasvReply } from '../../protocol/pasv.js';
import type { Reply } from '../../protocol/types.js';
import { toFailureInfo } from '../failureInfo.js';
import type { ProbeSession } from '../session.js';
import { StepRecorder } from '../stepRecorder.js';
import type { EpsvData, PassiveSample, PasvData, PortTest, StepRecord } from '../types.js';

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
  let test: PortTest;
  if (keepFor === null) {
    test = await testConnectPort(options);
  } else {
    const kept = await connectDataPort(options);
    test = kept.test;
    if (kept.connection) session.holdDataConnection(keepFor, port, kept.connection);
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
): Promise<{ reply: Reply; host: string | null; port: number | null; parseError: string | null }> {
  const reply = await session.exchange(recorder, 'PASV');
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
export async function epsvStep(session: ProbeSession): Promise<StepRecord<'epsv'>> {
  const recorder = new StepRecorder('epsv', session.now);
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
    return recorder.finish({ ...empty, failure: toFailureInfo(error) });
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
  return recorder.finish({
    ...empty,
    reply: first.reply,
    port: first.port,
    parseError: first.parseError,
    portTest: test,
    samples,
  });
}

/**
 * pasvStep asks for a classic passive port (RFC 959), classifies the advertised address against
 * the control peer and test-connects the port on the control address — where curl and FileZilla
 * connect too. The advertised address itself is tried only with --trust-pasv-address, because it
 * may name a host ftp-doctor was never asked to contact (DESIGN.md §6).
 */
export async function pasvStep(session: ProbeSession): Promise<StepRecord<'pasv'>> {
  const recorder = new StepRecorder('pasv', session.now);
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
  let first: Awaited<ReturnType<typeof requestPasv>>;
  try {
    first = await requestPasv(session, recorder);
  } catch (error) {
    return recorder.finish({ ...empty, failure: toFailureInfo(error) });
  }
  const samples: PassiveSample[] = [{ reply: first.reply, port: first.port }];
  if (first.port === null || first.host === null) {
    return recorder.finish({ ...empty, reply: first.reply, parseError: first.parseError, samples });
  }
  const peer = controlPeer(session);
  const addressClass = classifyAdvertisedAddress(first.host, peer);
  const test = await portTest(session, peer, first.port);
  let advertisedTest: PortTest | null = null;
  if (addressClass !== 'same' && session.options.trustPasvAddress && first.host !== '0.0.0.0') {
    advertisedTest = await portTest(session, first.host, first.port);
  }
  samples.push(...(await moreSamples(session, () => requestPasv(session, recorder))));
  return recorder.finish({
    ...empty,
    reply: first.reply,
    advertisedHost: first.host,
    port: first.port,
    addressClass,
    portTest: test,
    advertisedPortTest: advertisedTest,
    samples,
  });
}
