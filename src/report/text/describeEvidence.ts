import type { Evidence } from '../../knowledge/types.js';
import { maskCommand } from '../../protocol/command.js';
import { transportClause } from './transportClause.js';

/**
 * describeEvidence writes a finding's evidence as text: `PASV → 227 Entering Passive Mode (…)`,
 * `data connection timed out (ETIMEDOUT): …`, or the observation itself. A multi-line reply keeps
 * its line breaks. The reply text may be its human text or its raw lines (code included); the
 * code is written once either way. The result holds untrusted text; renderers sanitise it for their format.
 */
export function describeEvidence(evidence: Evidence): string {
  switch (evidence.kind) {
    case 'reply': {
      const prefix = evidence.command === null ? '' : `${maskCommand(evidence.command)} → `;
      // The text may be the reply's raw lines, which already start with the code.
      const hasCode = new RegExp(`^${evidence.code}(?:[ -]|$)`).test(evidence.text);
      return `${prefix}${hasCode ? '' : `${evidence.code} `}${evidence.text}`;
    }
    case 'error':
      return transportClause(evidence);
    case 'observation':
      return evidence.text;
  }
}
