import { randomBytes } from 'node:crypto';
import { normalizeAddress } from '../../protocol/address.js';
import {
  detectLineEndConversion,
  type FileCommandOptions,
  type FileCommandOutcome,
  joinRemotePath,
  type LineEndConversion,
  parseSizeReply,
  runFileCommand,
  sha256Hex,
  temporaryFileName,
} from '../../protocol/fileTransfer.js';
import type { Reply } from '../../protocol/types.js';
import { toFailureInfo } from '../failureInfo.js';
import { type MainStep, OMIT, type PipelineView, RUN, skip } from '../pipeline/probeStep.js';
import type { ProbeSession } from '../session.js';
import type { StepRecorder } from '../stepRecorder.js';
import type { FailureInfo } from '../types.js';
import { passiveDataPort } from './passiveDataPort.js';

/**
 * WriteData: the write test (--write-test). A temporary file of random bytes is stored, its size
 * read back with SIZE, downloaded and compared by SHA-256, then deleted. Each phase keeps the
 * reply that ended it; a phase that did not run is null.
 */
export interface WriteData {
  /** The file's path as sent in STOR (directory joined with the generated name). */
  readonly path: string;
  readonly sizeBytes: number;
  readonly via: 'epsv' | 'pasv';
  readonly protectedByTls: boolean;
  /** The reply to the existence check (SIZE before the upload): 550 means the name is free. */
  readonly existenceReply: Reply | null;
  readonly upload: WritePhase | null;
  /** SIZE after the upload, and the number it gave (null when SIZE is not supported). */
  readonly sizeReply: Reply | null;
  readonly reportedSize: number | null;
  readonly download: WritePhase | null;
  readonly sha256Sent: string;
  readonly sha256Received: string | null;
  readonly bytesReceived: number | null;
  readonly deleteReply: Reply | null;
  /** True once DELE was answered 250; false when it was refused or never sent after a stored file. */
  readonly deleted: boolean | null;
  /**
   * With TLS: a second small upload whose data connection is closed without close_notify, and
   * the server's final reply to it (426 = the server treats the missing alert as an abort).
   */
  readonly withoutCloseNotify: WritePhase | null;
  /** Temporary files that may still be on the server (DELE refused or never possible). */
  readonly leftovers: readonly string[];
  /** How the downloaded bytes differ from the uploaded ones when it is a line-end translation. */
  readonly lineEndConversion: LineEndConversion | null;
  readonly failure?: FailureInfo;
}

/** WritePhase: one STOR or RETR over its own data connection. */
export interface WritePhase {
  readonly command: string;
  readonly port: number | null;
  readonly preliminaryReply: Reply | null;
  readonly finalReply: Reply | null;
  /** How the data connection ended on ftp-doctor's side. */
  readonly dataEndedBy: 'sent' | 'stalled' | 'reset' | 'closed' | 'eof' | 'timeout' | 'limit' | null;
  readonly bytes: number;
  readonly dataConnected: boolean | null;
  readonly tlsSessionReused: boolean | null;
  readonly failure?: FailureInfo;
}

declare module '../types.js' {
  interface StepDataMap {
    write: WriteData;
  }
}

/** A server that keeps answering 213 for fresh random names is not checked further. */
const NAME_ATTEMPTS = 3;
/** The upload whose data connection is closed without close_notify only needs a few bytes. */
const CLOSE_NOTIFY_PROBE_BYTES = 1024;
/** How long to wait for a TLS 1.3 session ticket before the data connection (RFC 8446 §4.6.1). */
const TICKET_WAIT_MS = 1000;

/**
 * writeStep (--write-test) proves the data channel in the other direction: it stores a file of
 * random bytes under a fresh name, reads its size back (SIZE, RFC 3659 §4), downloads it and
 * compares SHA-256, then deletes it. Binary type (TYPE I) is set first, so any change to the bytes
 * is the server's or the path's doing. With a protected data channel a second, small upload ends
 * without TLS close_notify, to learn whether the server counts that as an aborted transfer.
 */
export const writeStep: MainStep<'write', 'write'> = {
  kind: 'main',
  id: 'write',
  step: 'write',
  needs: [],
  askedFor: (options) => options.writeTest != null,
  guard: (view) => {
    const options = view.session.options.writeTest;
    if (!options) return OMIT;
    if (view.data('login')?.anonymous && !options.allowAnonymous)
      return skip('anonymous login: the write test needs --write-test-anonymous');
    if (passiveModeThatWorks(view) === null) return skip('no data port answered');
    return view.session.control?.isOpen ? RUN : skip('the control connection is gone');
  },
  run: ({ session, recorder, view }) => writeTest(session, recorder, passiveModeThatWorks(view)!),
};

/** passiveModeThatWorks: EPSV when its port answered (as curl tries it first), else PASV. */
function passiveModeThatWorks(view: PipelineView): 'epsv' | 'pasv' | null {
  if (view.data('epsv')?.portTest?.outcome === 'open') return 'epsv';
  if (view.data('pasv')?.portTest?.outcome === 'open') return 'pasv';
  return null;
}

async function writeTest(
  session: ProbeSession,
  recorder: StepRecorder<'write'>,
  via: 'epsv' | 'pasv',
): Promise<WriteData> {
  const options = session.options.writeTest!;
  const bytes = randomBytes(options.sizeBytes);
  let path = joinRemotePath(options.directory, temporaryFileName());
  const leftovers: string[] = [];
  let data = noWriteYet(session, via, path, bytes, leftovers);
  let lineEnds: LineEndConversion | null = null;
  const finish = (failure?: FailureInfo): WriteData => {
    const complete = { ...data, leftovers, lineEndConversion: lineEnds };
    return failure ? { ...complete, failure } : complete;
  };
  try {
    await session.exchange(recorder, 'TYPE I');
    for (let attempt = 1; attempt <= NAME_ATTEMPTS; attempt++) {
      const existence = await session.exchange(recorder, `SIZE ${path}`);
      data = { ...data, path, existenceReply: existence };
      if (existence.code !== 213) break;
      if (attempt === NAME_ATTEMPTS) {
        return finish({
          kind: 'protocol',
          violation: 'name-taken',
          message: `the server reports a size for ${NAME_ATTEMPTS} fresh random names: it cannot be checked which names exist, so nothing was written`,
        });
      }
      path = joinRemotePath(options.directory, temporaryFileName());
    }

    const { received: _sent, ...upload } = await transferPhase(session, recorder, via, `STOR ${path}`, {
      upload: { bytes, closeNotify: true },
    });
    data = { ...data, upload };
    const stored = upload.finalReply !== null && upload.finalReply.code < 300;
    if (!stored) {
      // A refused STOR created nothing; one that started (1yz) may have left a partial file.
      if (upload.preliminaryReply !== null) data = await deleteFile(session, recorder, data, path, leftovers);
      return finish(upload.failure);
    }

    const size = await session.exchange(recorder, `SIZE ${path}`);
    data = { ...data, sizeReply: size, reportedSize: parseSizeReply(size) };

    const { received, ...download } = await transferPhase(session, recorder, via, `RETR ${path}`, {
      download: { maxBytes: options.sizeBytes * 2 + 1024 },
    });
    data = {
      ...data,
      download,
      sha256Received: received ? sha256Hex(received) : null,
      bytesReceived: received?.length ?? null,
    };
    if (received) lineEnds = detectLineEndConversion(bytes, received);
    data = await deleteFile(session, recorder, data, path, leftovers);

    if (session.dataProtected && session.control?.isOpen) {
      const withoutCloseNotify = await uploadWithoutCloseNotify(session, recorder, via, leftovers);
      data = { ...data, withoutCloseNotify };
    }
    return finish();
  } catch (error) {
    return finish(toFailureInfo(error));
  }
}

/** noWriteYet: the write test's data before its first command; every phase is still null. */
function noWriteYet(
  session: ProbeSession,
  via: 'epsv' | 'pasv',
  path: string,
  bytes: Buffer,
  leftovers: readonly string[],
): WriteData {
  return {
    path,
    sizeBytes: bytes.length,
    via,
    protectedByTls: session.dataProtected,
    existenceReply: null,
    upload: null,
    sizeReply: null,
    reportedSize: null,
    download: null,
    sha256Sent: sha256Hex(bytes),
    sha256Received: null,
    bytesReceived: null,
    deleteReply: null,
    deleted: null,
    withoutCloseNotify: null,
    leftovers,
    lineEndConversion: null,
  };
}

/**
 * uploadWithoutCloseNotify stores a few more random bytes under a fresh name and closes the
 * data connection without TLS close_notify, then deletes that file when the upload started.
 */
async function uploadWithoutCloseNotify(
  session: ProbeSession,
  recorder: StepRecorder<'write'>,
  via: 'epsv' | 'pasv',
  leftovers: string[],
): Promise<WritePhase> {
  const probePath = joinRemotePath(session.options.writeTest!.directory, temporaryFileName());
  const { received: _probe, ...abrupt } = await transferPhase(session, recorder, via, `STOR ${probePath}`, {
    upload: { bytes: randomBytes(CLOSE_NOTIFY_PROBE_BYTES), closeNotify: false },
  });
  if (abrupt.preliminaryReply !== null && session.control?.isOpen) {
    const reply = await session.exchange(recorder, `DELE ${probePath}`).catch(() => null);
    if (reply === null || reply.code >= 300) leftovers.push(probePath);
  }
  return abrupt;
}

async function deleteFile(
  session: ProbeSession,
  recorder: StepRecorder<'write'>,
  data: WriteData,
  path: string,
  leftovers: string[],
): Promise<WriteData> {
  if (!session.control?.isOpen) {
    leftovers.push(path);
    return { ...data, deleted: false };
  }
  try {
    const reply = await session.exchange(recorder, `DELE ${path}`);
    if (reply.code >= 300) leftovers.push(path);
    return { ...data, deleteReply: reply, deleted: reply.code < 300 };
  } catch {
    leftovers.push(path);
    return { ...data, deleted: false };
  }
}

type PhaseWithBytes = WritePhase & { readonly received: Buffer | null };

/** transferPhase asks for a passive port and runs one STOR or RETR over it, recording the exchange. */
async function transferPhase(
  session: ProbeSession,
  recorder: StepRecorder<'write'>,
  via: 'epsv' | 'pasv',
  command: string,
  direction: Pick<FileCommandOptions, 'upload' | 'download'>,
): Promise<PhaseWithBytes> {
  const control = session.requireControl();
  const empty = {
    command,
    preliminaryReply: null,
    finalReply: null,
    dataEndedBy: null,
    bytes: 0,
    dataConnected: null,
    tlsSessionReused: null,
    received: null,
  } as const;
  const port = await passiveDataPort(
    session,
    recorder,
    via,
    `${via.toUpperCase()} gave no port for ${command}`,
  );
  if (typeof port !== 'number') return { ...empty, port: null, failure: port.failure };
  const host = normalizeAddress(control.remoteAddress);
  const tlsSession = session.dataProtected
    ? await control.resumableSession(session.deadline.timeoutFor(TICKET_WAIT_MS))
    : null;
  session.event(
    `${command.split(' ')[0]} over a data connection to port ${port}${session.dataProtected ? ' (TLS)' : ''}`,
  );
  const started = session.now();
  const outcome: FileCommandOutcome = await runFileCommand({
    control,
    command,
    signal: session.deadline.signal,
    replyTimeoutMs: session.deadline.timeoutFor(session.options.replyTimeoutMs),
    dataTimeoutMs: session.deadline.timeoutFor(session.options.dataTimeoutMs),
    data: dataPortTarget(session, host, port, tlsSession),
    ...direction,
  });
  const failure = outcome.error === undefined ? undefined : safeFailure(outcome.error);
  const replies = [outcome.preliminary, outcome.final].filter((reply): reply is Reply => reply !== null);
  recorder.record(command, replies, started, failure);
  if (outcome.dataEndedBy === 'stalled' || (outcome.final === null && outcome.dataEndedBy === 'sent')) {
    session.event(
      `${command.split(' ')[0]}: ${outcome.bytes} bytes handed to the network, no completion reply`,
    );
  }
  const phase: PhaseWithBytes = {
    command,
    port,
    preliminaryReply: outcome.preliminary,
    finalReply: outcome.final,
    dataEndedBy: outcome.dataEndedBy,
    bytes: outcome.bytes,
    dataConnected: outcome.dataConnected,
    tlsSessionReused: outcome.sessionReused,
    received: outcome.received,
  };
  return failure ? { ...phase, failure } : phase;
}

/** dataPortTarget: where the phase's data connection goes, with TLS when the data channel is protected. */
function dataPortTarget(
  session: ProbeSession,
  host: string,
  port: number,
  tlsSession: Buffer | null,
): FileCommandOptions['data'] {
  return {
    host,
    port,
    timeoutMs: session.deadline.timeoutFor(session.options.dataTimeoutMs),
    ...session.dataTls(tlsSession),
  };
}

/** safeFailure: errors that are not ours (a bug) are rethrown by toFailureInfo; an abort is a deadline. */
function safeFailure(error: unknown): FailureInfo {
  if (error instanceof Error && error.name === 'AbortError')
    return { kind: 'deadline', message: error.message };
  return toFailureInfo(error);
}
