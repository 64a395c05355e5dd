import { ProtocolViolationError, ServerRefusalError, TransportError } from '../protocol/errors.js';
import type { FailureInfo } from './types.js';

/** DeadlineExceededError: the overall --deadline (or a signal) ended the probe before the step did. */
export class DeadlineExceededError extends Error {
  override readonly name = 'DeadlineExceededError';
}

/**
 * toFailureInfo flattens a caught error into data, keeping the three failure kinds apart. An error
 * that is none of ours is a bug: it is rethrown so the CLI reports it as an internal error (exit 10)
 * instead of being disguised as a network problem.
 */
export function toFailureInfo(error: unknown): FailureInfo {
  if (error instanceof ServerRefusalError) {
    return { kind: 'refusal', command: error.command, replyCode: error.reply.code, message: error.message };
  }
  if (error instanceof ProtocolViolationError) {
    return error.offendingText === undefined
      ? { kind: 'protocol', violation: error.violation, message: error.message }
      : {
          kind: 'protocol',
          violation: error.violation,
          message: error.message,
          offendingText: error.offendingText,
        };
  }
  if (error instanceof TransportError) {
    return error.errno === undefined
      ? { kind: 'transport', channel: error.channel, failure: error.failure, message: error.message }
      : {
          kind: 'transport',
          channel: error.channel,
          failure: error.failure,
          errno: error.errno,
          message: error.message,
        };
  }
  if (error instanceof DeadlineExceededError) return { kind: 'deadline', message: error.message };
  throw error;
}
