import type { FailureInfo } from '../../probe/types.js';
import { transportClause } from './transportClause.js';

/**
 * describeFailure turns a caught failure into one plain sentence, keeping its kind visible:
 * 'data connection timed out (ETIMEDOUT): no answer …', 'protocol violation (reply-syntax): …',
 * 'probe stopped: interrupted by a signal'.
 * The result holds untrusted text; renderers sanitise it for their format.
 */
export function describeFailure(failure: FailureInfo): string {
  switch (failure.kind) {
    case 'refusal':
      return `${failure.command} refused with ${failure.replyCode}: ${failure.message}`;
    case 'protocol': {
      const offending = failure.offendingText === undefined ? '' : ` (received: ${failure.offendingText})`;
      return `protocol violation (${failure.violation}): ${failure.message}${offending}`;
    }
    case 'transport':
      return transportClause(failure);
    case 'deadline':
      // The message says which: 'the overall deadline (--deadline) was reached' or 'interrupted by a signal'.
      return `probe stopped: ${failure.message}`;
  }
}
