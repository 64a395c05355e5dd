import type { Channel, Reply, TransportFailure } from './types.js';

/**
 * The three failure kinds are kept apart because they map onto different diagnoses:
 * the server said no (a reply code), the server broke the protocol (a malformed reply),
 * or the transport failed (an errno on a named channel).
 */

/** ServerRefusalError: the server answered with a negative or unexpected reply code. */
export class ServerRefusalError extends Error {
  override readonly name = 'ServerRefusalError';
  constructor(
    readonly command: string,
    readonly reply: Reply,
  ) {
    super(`${command} was answered with ${reply.code}`);
  }
}

/** ProtocolViolationError: the bytes the server sent are not a well-formed FTP reply. */
export class ProtocolViolationError extends Error {
  override readonly name = 'ProtocolViolationError';
  constructor(
    message: string,
    /** What the violation concerns, e.g. 'reply-syntax', 'line-too-long', 'pasv-syntax'. */
    readonly violation: string,
    /** The offending text, truncated; untrusted. */
    readonly offendingText?: string,
  ) {
    super(message);
  }
}

/** TransportError: a socket or TLS failure, tagged with the channel it happened on. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    readonly channel: Channel,
    readonly failure: TransportFailure,
    message: string,
    /** The system error code (ECONNREFUSED, ETIMEDOUT, EHOSTUNREACH, …) when there is one. */
    readonly errno?: string,
  ) {
    super(message);
  }
}
