import { createHash, randomBytes } from 'node:crypto';
import type { ControlConnection } from './controlConnection.js';
import { type DataConnection, type DataConnectOptions, openDataConnection } from './dataConnection.js';
import { isPreliminary } from './replyClass.js';
import type { Reply } from './types.js';

/**
 * FileCommandOptions: one file transfer command (STOR or RETR) over a passive data connection
 * that the caller has already asked for (EPSV/PASV gave `data.host`/`data.port`).
 */
export interface FileCommandOptions {
  readonly control: ControlConnection;
  /** The command line as sent, e.g. `STOR .ftp-doctor-1f2e.tmp`. */
  readonly command: string;
  readonly data: Omit<DataConnectOptions, 'onTcpConnected' | 'signal'>;
  readonly signal?: AbortSignal;
  /** How long to wait for the 1yz reply (or a refusal) after sending the command. */
  readonly replyTimeoutMs: number;
  /** How long the data connection may stay without progress, and the wait for the final reply after it. */
  readonly dataTimeoutMs: number;
  /** STOR: the bytes to send; closeNotify false tears TLS down without its close_notify alert. */
  readonly upload?: { readonly bytes: Buffer; readonly closeNotify: boolean };
  /** RETR: stop reading after this many bytes. */
  readonly download?: { readonly maxBytes: number };
}

/** FileCommandOutcome: what one STOR/RETR did, with the error that stopped it (if any) kept raw. */
export interface FileCommandOutcome {
  readonly preliminary: Reply | null;
  readonly final: Reply | null;
  /** False when the TCP connect to the data port failed; the command was then never sent. */
  readonly dataConnected: boolean;
  readonly dataEndedBy: 'sent' | 'stalled' | 'reset' | 'closed' | 'eof' | 'timeout' | 'limit' | null;
  /** Bytes sent (upload) or received (download). */
  readonly bytes: number;
  /** RETR: what arrived. */
  readonly received: Buffer | null;
  readonly sessionReused: boolean | null;
  /** The first error (TransportError, ProtocolViolationError, the signal's reason); the caller classifies it. */
  readonly error?: unknown;
}

/**
 * runFileCommand carries out STOR or RETR in passive order: connect to the data port, send the
 * command once TCP is up, read the 1yz reply, move the bytes, then read the final reply. A
 * refusal before any data (550, 553, 452 …) closes the data connection at once. Never rejects:
 * failures come back in `error` beside whatever was seen before them.
 */
export async function runFileCommand(options: FileCommandOptions): Promise<FileCommandOutcome> {
  const abort = new AbortController();
  const onOuterAbort = (): void => abort.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const data = startDataConnection(options, abort.signal);
  try {
    if (!(await data.tcpConnected)) {
      const error = await data.connecting.then(
        () => undefined,
        (reason: unknown) => reason,
      );
      return { ...NOTHING_MOVED, dataConnected: false, error };
    }
    const answer = await sendFileCommand(options, abort);
    if ('refused' in answer) return answer.refused;
    const { preliminary } = answer;
    let connection: DataConnection;
    try {
      connection = await data.connecting;
    } catch (error) {
      // The server may still explain the failed handshake (522, 425) on the control connection.
      const final = await options.control.readReply(options.replyTimeoutMs).catch(() => null);
      return { ...NOTHING_MOVED, dataConnected: true, preliminary, final, error };
    }
    const { dataError, ...moved } = await moveBytes(connection, options);
    const base = { preliminary, dataConnected: true, ...moved, sessionReused: connection.sessionReused };
    try {
      const final = await options.control.readReply(options.dataTimeoutMs);
      return dataError === undefined ? { ...base, final } : { ...base, final, error: dataError };
    } catch (error) {
      return { ...base, final: null, error: dataError ?? error };
    }
  } finally {
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
}

/** NOTHING_MOVED: an outcome's fields before any byte or final reply. */
const NOTHING_MOVED = {
  preliminary: null,
  final: null,
  dataEndedBy: null,
  bytes: 0,
  received: null,
  sessionReused: null,
} as const;

/**
 * startDataConnection connects to the data port. `tcpConnected` settles true once TCP is up
 * (before any TLS handshake, which the server starts only once it has the command), false when
 * the connect failed; `connecting` settles with the finished connection.
 */
function startDataConnection(
  options: FileCommandOptions,
  signal: AbortSignal,
): { readonly connecting: Promise<DataConnection>; readonly tcpConnected: Promise<boolean> } {
  let markConnected = (): void => {};
  const tcpUp = new Promise<true>((resolve) => {
    markConnected = () => resolve(true);
  });
  const connecting = openDataConnection({
    ...options.data,
    signal,
    onTcpConnected: () => markConnected(),
  });
  connecting.catch(() => {});
  const tcpConnected = Promise.race([
    tcpUp,
    connecting.then(
      () => true,
      () => false,
    ),
  ]);
  return { connecting, tcpConnected };
}

/**
 * sendFileCommand sends the command and reads its first reply. A 1yz lets the transfer go on; any
 * other reply, or no reply, ends it, and the data connection with it.
 */
async function sendFileCommand(
  options: FileCommandOptions,
  abort: AbortController,
): Promise<{ readonly preliminary: Reply } | { readonly refused: FileCommandOutcome }> {
  try {
    const first = await options.control.command(options.command, options.replyTimeoutMs);
    if (isPreliminary(first.code)) return { preliminary: first };
    abort.abort();
    return { refused: { ...NOTHING_MOVED, dataConnected: true, final: first } };
  } catch (error) {
    abort.abort();
    return { refused: { ...NOTHING_MOVED, dataConnected: true, error } };
  }
}

/** DataMoved: how the data connection ended, the bytes that crossed it, and a failed read's error. */
interface DataMoved {
  readonly dataEndedBy: FileCommandOutcome['dataEndedBy'];
  readonly bytes: number;
  readonly received: Buffer | null;
  readonly dataError?: unknown;
}

/** moveBytes sends the upload, or reads the download, over the open data connection. */
async function moveBytes(connection: DataConnection, options: FileCommandOptions): Promise<DataMoved> {
  if (options.upload) {
    const sent = await connection.sendAll(options.upload.bytes, {
      idleTimeoutMs: options.dataTimeoutMs,
      closeNotify: options.upload.closeNotify,
    });
    return { dataEndedBy: sent.endedBy, bytes: sent.bytesWritten, received: null };
  }
  try {
    const read = await connection.readAll({
      idleTimeoutMs: options.dataTimeoutMs,
      maxBytes: options.download?.maxBytes ?? 0,
    });
    return { dataEndedBy: read.endedBy, bytes: read.bytes.length, received: read.bytes };
  } catch (error) {
    return { dataEndedBy: 'closed', bytes: 0, received: null, dataError: error };
  } finally {
    connection.close();
  }
}

/** temporaryFileName: a name nobody else uses (128 random bits), recognisable as ftp-doctor's. */
export function temporaryFileName(): string {
  return `.ftp-doctor-write-test-${randomBytes(16).toString('hex')}.tmp`;
}

/** joinRemotePath puts a file name under a directory as given (`/upload` + `x` → `/upload/x`). */
export function joinRemotePath(directory: string | null, name: string): string {
  if (directory === null || directory === '') return name;
  return directory.endsWith('/') ? `${directory}${name}` : `${directory}/${name}`;
}

/** sha256Hex: the hex SHA-256 of the bytes, as the report quotes it. */
export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * parseSizeReply reads `213 <decimal>` (RFC 3659 §4.2); null for any other reply or a
 * malformed number.
 */
export function parseSizeReply(reply: Reply): number | null {
  if (reply.code !== 213) return null;
  const match = /^\s*(\d{1,15})\s*$/.exec(reply.text);
  return match ? Number(match[1]) : null;
}

/**
 * LineEndConversion names how the bytes that came back differ from those sent, when the
 * difference is a line-end translation (RFC 959 §3.1.1.1: ASCII type sends CRLF on the wire and
 * stores the host's own line end): `lf-to-crlf` = every LF came back as CRLF, `crlf-to-lf` = every
 * CRLF came back as LF, `cr-dropped`/`other` otherwise.
 */
export type LineEndConversion = 'none' | 'lf-to-crlf' | 'crlf-to-lf' | 'other';

/** detectLineEndConversion compares what was sent with what came back. */
export function detectLineEndConversion(sent: Buffer, received: Buffer): LineEndConversion {
  if (sent.equals(received)) return 'none';
  if (toCrlf(sent, false).equals(received) || toCrlf(sent, true).equals(received)) return 'lf-to-crlf';
  if (toLf(sent).equals(received)) return 'crlf-to-lf';
  return 'other';
}

/** toCrlf: LF → CRLF; `always` also doubles the CR of an existing CRLF, as some servers do. */
function toCrlf(bytes: Buffer, always: boolean): Buffer {
  const out: number[] = [];
  for (const byte of bytes) {
    if (byte === 0x0a && (always || out[out.length - 1] !== 0x0d)) out.push(0x0d);
    out.push(byte);
  }
  return Buffer.from(out);
}

function toLf(bytes: Buffer): Buffer {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) continue;
    out.push(bytes[i]!);
  }
  return Buffer.from(out);
}
