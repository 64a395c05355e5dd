import { formatEndpoint, normalizeAddress } from '../../protocol/address.js';
import type { ControlConnection } from '../../protocol/controlConnection.js';
import {
  connectFailureOutcome,
  type DataConnection,
  openDataConnection,
  type ReadAllResult,
} from '../../protocol/dataConnection.js';
import { MAX_LISTING_BYTES } from '../../protocol/limits.js';
import type { Reply } from '../../protocol/types.js';
import { toFailureInfo } from '../failureInfo.js';
import { type Contribution, type MainStep, OMIT, RUN, skip } from '../pipeline/probeStep.js';
import type { ProbeSession } from '../session.js';
import type { StepRecorder } from '../stepRecorder.js';
import type { FailureInfo, PortTest, TransferData } from '../types.js';
import { passiveDataPort } from './passiveDataPort.js';

const PREVIEW_LINES = 5;
/** How long to wait for a TLS 1.3 session ticket before the data connection (RFC 8446 §4.6.1). */
const TICKET_WAIT_MS = 1000;

interface ListingOutcome {
  readonly command: string;
  readonly port: number | null;
  readonly preliminary: Reply | null;
  readonly final: Reply | null;
  readonly bytes: number;
  readonly text: string;
  readonly truncated: boolean;
  readonly sessionReused: boolean | null;
  /** False when the TCP connect to the data port failed (the command was then never sent). */
  readonly dataConnected: boolean | null;
  readonly failure?: FailureInfo;
}

/**
 * transferAfterEpsv lists at once after EPSV when its port answered: over the EPSV test
 * connection when it was kept, which a PASV in between would make the server drop. It waits for
 * the FEAT asked again after login, which decides between MLSD and LIST.
 */
export const transferAfterEpsv: MainStep<'transfer-epsv', 'transfer'> = {
  kind: 'main',
  id: 'transfer-epsv',
  step: 'transfer',
  needs: ['features-after-login'],
  guard: (view) => listingGuard(view.data('epsv')?.portTest, view.session),
  run: ({ session, recorder }) => listDirectory(session, recorder, 'epsv'),
};

/** transferAfterPasv lists over PASV when the EPSV port did not answer and the PASV port did. */
export const transferAfterPasv: MainStep<'transfer-pasv', 'transfer'> = {
  kind: 'main',
  id: 'transfer-pasv',
  step: 'transfer',
  // Without an EPSV listing this one reads the PASV test, wherever it runs.
  needs: (view) => (view.record('transfer')?.ran ? [] : ['pasv-second-connection']),
  guard: (view) => {
    if (view.record('transfer')?.ran) return OMIT;
    const decision = listingGuard(view.data('pasv')?.portTest, view.session);
    if (!('omit' in decision)) return decision;
    // Either a port was given and did not answer, or neither mode gave one at all.
    const portGiven = view.data('epsv')?.portTest != null || view.data('pasv')?.portTest != null;
    return skip(portGiven ? 'no data port answered' : 'no passive mode gave a data port');
  },
  run: ({ session, recorder }) => listDirectory(session, recorder, 'pasv'),
};

function listingGuard(test: PortTest | null | undefined, session: ProbeSession) {
  if (test?.outcome !== 'open') return OMIT;
  return session.control?.isOpen ? RUN : skip('the control connection is gone');
}

/**
 * sessionReuseCheck lists once more over a data connection that does NOT resume the control
 * connection's TLS session, after a resumed listing worked: a refusal means the server requires
 * session reuse (vsftpd require_ssl_reuse, ProFTPD without NoSessionReuseRequired). It comes
 * last, just before QUIT: vsftpd ends the whole session after such a refusal, which would cut
 * the PASV, active and scan steps short.
 */
export const sessionReuseCheck: Contribution<'transfer-reuse', 'transfer'> = {
  kind: 'contribution',
  id: 'transfer-reuse',
  step: 'transfer',
  needs: [],
  guard: (view) => {
    const data = view.data('transfer');
    const worked =
      data !== null && data.finalReply !== null && data.finalReply.code < 300 && data.failure === undefined;
    const applies =
      worked && view.session.dataProtected && data.tlsSessionReused === true && data.via !== null;
    return applies && data.command !== null && view.session.control?.isOpen ? RUN : OMIT;
  },
  run: async ({ session, recorder, view }) => {
    const data = view.data('transfer')!;
    const fresh = await listOnce(session, recorder, data.via!, data.command!, false);
    const refused = fresh.failure !== undefined || fresh.final === null || fresh.final.code >= 400;
    session.event(
      refused
        ? 'a data connection without TLS session resumption was refused: the server requires session reuse'
        : 'a data connection without TLS session resumption was accepted too',
    );
    return { reuseRequired: refused };
  },
};

/**
 * listDirectory lists one directory over a data connection opened with the passive mode that
 * passed its test-connect (EPSV first, as curl does), to prove the data channel carries data.
 * With PROT P the data connection resumes the control connection's TLS session, as vsftpd's
 * require_ssl_reuse (the default) demands; sessionReuseCheck later tells whether the server
 * insists on it.
 */
async function listDirectory(
  session: ProbeSession,
  recorder: StepRecorder<'transfer'>,
  via: 'epsv' | 'pasv',
): Promise<TransferData> {
  const command = listCommand(session);
  const outcome = await listOnce(session, recorder, via, command, true);
  const lines = outcome.text.split(/\r?\n/).filter((line) => line !== '');
  const data: TransferData = {
    command,
    via,
    dataHost: normalizeAddress(session.requireControl().remoteAddress),
    dataPort: outcome.port,
    preliminaryReply: outcome.preliminary,
    finalReply: outcome.final,
    bytes: outcome.bytes,
    entries: lines.length,
    preview: lines.slice(0, PREVIEW_LINES),
    protectedByTls: session.dataProtected,
    tlsSessionReused: outcome.sessionReused,
    dataConnected: outcome.dataConnected,
    // Told by sessionReuseCheck at the end of the probe.
    reuseRequired: null,
    ...(outcome.failure ? { failure: outcome.failure } : {}),
  };
  return data;
}

function listCommand(session: ProbeSession): string {
  const path = session.target.path;
  const verb = session.hasFeature('MLST') ? 'MLSD' : 'LIST';
  return path === null ? verb : `${verb} ${path}`;
}

export async function listOnce(
  session: ProbeSession,
  recorder: StepRecorder<'transfer'>,
  via: 'epsv' | 'pasv',
  command: string,
  resume: boolean,
): Promise<ListingOutcome> {
  const control = session.requireControl();
  const host = normalizeAddress(control.remoteAddress);
  const empty = noListing(command);
  // The first listing goes over the EPSV step's test connection when it was kept open.
  const held = resume ? session.takeDataConnection(via) : null;
  const port = held
    ? held.port
    : await passiveDataPort(session, recorder, via, `${via.toUpperCase()} gave no port the second time`);
  if (typeof port !== 'number') return { ...empty, port: null, failure: port.failure };

  const timeoutMs = session.deadline.timeoutFor(session.options.dataTimeoutMs);
  let connecting: Promise<DataConnection>;
  if (held) {
    connecting = Promise.resolve(held.connection);
    session.event(`listing over the open test connection to port ${port} (no second ${via.toUpperCase()})`);
  } else {
    const attempt = await connectForListing(session, host, port, timeoutMs, resume);
    if ('failed' in attempt) return { ...empty, port, dataConnected: false, ...attempt.failed };
    connecting = attempt.connecting;
  }

  // The TLS handshake (with PROT P) only completes once the server has the command, so the
  // command goes out while it is still under way.
  const started = session.now();
  const settled = await exchangeWhileReading(session, control, command, connecting, timeoutMs);
  const { exchange, data } = settled;
  const preliminary = exchange.status === 'fulfilled' ? exchange.value.preliminary : settled.preliminarySeen;
  const final = exchange.status === 'fulfilled' ? exchange.value.final : null;
  const replies = [preliminary, final].filter((r): r is Reply => r !== null);
  const failure = listingFailure(settled, final, timeoutMs);
  recorder.record(command, replies, started, failure);
  const read = data.status === 'fulfilled' ? data.value.read : null;
  const outcome: ListingOutcome = {
    command,
    port,
    preliminary,
    final,
    bytes: read?.bytes.length ?? 0,
    text: read ? read.bytes.toString('utf8') : '',
    truncated: read?.truncated ?? false,
    dataConnected: true,
    sessionReused: session.dataProtected && data.status === 'fulfilled' ? data.value.sessionReused : null,
  };
  return failure ? { ...outcome, failure } : outcome;
}

/** noListing: the outcome's fields before any command went out. */
function noListing(command: string) {
  return {
    dataConnected: null,
    command,
    preliminary: null,
    final: null,
    bytes: 0,
    text: '',
    truncated: false,
    sessionReused: null,
  } as const;
}

/** SettledListing: the listing command's replies and the data connection's read, each as it ended. */
interface SettledListing {
  readonly exchange: PromiseSettledResult<{ readonly preliminary: Reply | null; readonly final: Reply }>;
  readonly data: PromiseSettledResult<{
    readonly read: ReadAllResult;
    readonly sessionReused: boolean | null;
  }>;
  /** The 1yz reply, kept even when the final reply never came. */
  readonly preliminarySeen: Reply | null;
}

/**
 * exchangeWhileReading sends the listing command and reads the data connection at the same time,
 * and waits until both have ended.
 */
async function exchangeWhileReading(
  session: ProbeSession,
  control: ControlConnection,
  command: string,
  connecting: Promise<DataConnection>,
  timeoutMs: number,
): Promise<SettledListing> {
  // Read by hand rather than with commandWithPreliminary, so a 150 is kept even when the final
  // reply never comes ("150, then silence" is a diagnosis of its own).
  let preliminarySeen: Reply | null = null;
  const exchanging = (async () => {
    const first = await control.command(command, session.deadline.timeoutFor(session.options.replyTimeoutMs));
    if (first.code < 100 || first.code >= 200) return { preliminary: null, final: first };
    preliminarySeen = first;
    const final = await control.readReply(session.deadline.timeoutFor(session.options.dataTimeoutMs));
    return { preliminary: first, final };
  })();
  // A refusal without a 1yz (425, 450, 550 …) means no data will come: stop waiting for it.
  let open: DataConnection | null = null;
  let refusedEarly = false;
  const stopData = () => {
    refusedEarly = true;
    open?.close();
  };
  exchanging.then((result) => {
    if (result.preliminary === null) stopData();
  }, stopData);
  const reading = connecting.then(async (connection) => {
    open = connection;
    if (refusedEarly) connection.close();
    try {
      const read = await connection.readAll({
        idleTimeoutMs: timeoutMs,
        maxBytes: MAX_LISTING_BYTES,
        signal: session.deadline.signal,
      });
      return { read, sessionReused: connection.sessionReused };
    } finally {
      connection.close();
    }
  });
  const [data, exchange] = await Promise.allSettled([reading, exchanging]);
  return { exchange, data, preliminarySeen };
}

/**
 * listingFailure: what went wrong, if anything. The control connection failing comes first; a
 * data connection that failed or went silent counts only when the server did not refuse (4yz/5yz)
 * the listing anyway.
 */
function listingFailure(
  settled: SettledListing,
  final: Reply | null,
  timeoutMs: number,
): FailureInfo | undefined {
  const { exchange, data } = settled;
  const dataWentQuiet = data.status === 'fulfilled' && data.value.read.endedBy === 'timeout';
  const dataTimeout: FailureInfo = {
    kind: 'transport',
    channel: 'data',
    failure: 'timeout',
    message: `data connection: no data for ${timeoutMs} ms`,
  };
  if (exchange.status === 'rejected') {
    const controlFailure = toFailureInfo(exchange.reason);
    // Both went quiet: a server sends its final reply only after the data ends, so the data
    // connection stopping is what happened first.
    const bothQuiet =
      dataWentQuiet && controlFailure.kind === 'transport' && controlFailure.failure === 'timeout';
    return bothQuiet ? dataTimeout : controlFailure;
  }
  const notRefused = final === null || final.code < 400;
  if (data.status === 'rejected' && notRefused) return toFailureInfo(data.reason);
  if (dataWentQuiet && notRefused) return dataTimeout;
  return undefined;
}

/**
 * connectForListing opens the listing's data connection. Passive order: connect first, then
 * send the command. A port that cannot be reached is a data-port failure, and the command is
 * never sent, so the control channel stays in step. With TLS the promise settles only after the
 * handshake, which the server answers once it has the command.
 */
async function connectForListing(
  session: ProbeSession,
  host: string,
  port: number,
  timeoutMs: number,
  resume: boolean,
): Promise<{ connecting: Promise<DataConnection> } | { failed: { failure?: FailureInfo } }> {
  // Under TLS 1.3 the session to resume arrives as a ticket after the handshake: wait for it.
  const tlsSession =
    resume && session.dataProtected
      ? await session.requireControl().resumableSession(session.deadline.timeoutFor(TICKET_WAIT_MS))
      : null;
  session.event(
    `data connection to ${formatEndpoint(host, port)}${session.dataProtected ? (resume ? ' (TLS, resuming the control session)' : ' (TLS, new session)') : ''}`,
  );
  let markConnected = (): void => {};
  const tcpConnected = new Promise<void>((resolve) => {
    markConnected = resolve;
  });
  const connecting = openDataConnection({
    host,
    port,
    timeoutMs,
    signal: session.deadline.signal,
    onTcpConnected: () => markConnected(),
    ...session.dataTls(tlsSession),
  });
  const connectStarted = session.now();
  const connected = await Promise.race([
    tcpConnected.then(() => true),
    connecting.then(
      () => true,
      () => false,
    ),
  ]);
  if (!connected) {
    const failure = await connecting.then(
      () => undefined,
      (error: unknown) => toFailureInfo(error),
    );
    const outcome = failure?.kind === 'transport' ? connectFailureOutcome(failure.failure) : 'failed';
    session.event(
      `data connection to port ${port} failed: ${outcome} after ${session.now() - connectStarted} ms`,
    );
    return { failed: failure ? { failure } : {} };
  }
  return { connecting };
}
