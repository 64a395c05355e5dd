import type { ProbeResult } from '../../probe/types.js';
import type { Reply } from '../../protocol/types.js';
import type { LoginPhase } from './signalRow.js';

/** ObservedReply: one reply the probe received, with the command it answered and the login phase. */
export interface ObservedReply {
  /** The command verb in upper case ('USER', 'EPSV'), or null for the greeting. */
  readonly command: string | null;
  readonly phase: LoginPhase;
  readonly reply: Reply;
}

/** verbOf takes the verb of a recorded command ('EPSV ALL' → 'EPSV', 'PASS ****' → 'PASS'). */
function verbOf(command: string): string {
  return (command.trim().split(/\s+/)[0] ?? '').toUpperCase();
}

const LOGIN_VERBS = new Set(['USER', 'PASS', 'ACCT']);

/**
 * observedReplies lists every reply of a probe in the order the steps ran. A login counts as done
 * after a 230 greeting, or a 230 (or a 202 to PASS/ACCT) to the login commands. Within the features step a command asked a second time
 * was asked after login: the probe repeats FEAT and SYST there only when the server refused them
 * before (vsftpd answers SYST with 530 until login).
 */
export function observedReplies(result: ProbeResult): ObservedReply[] {
  const observed: ObservedReply[] = [];
  let loggedIn = false;
  for (const step of result.steps) {
    const askedInStep = new Set<string>();
    for (const exchange of step.exchanges) {
      const command = exchange.command === null ? null : verbOf(exchange.command);
      const repeated = command !== null && step.name === 'features' && askedInStep.has(command);
      if (command !== null) askedInStep.add(command);
      const phase: LoginPhase = loggedIn || repeated ? 'after-login' : 'before-login';
      for (const reply of exchange.replies) observed.push({ command, phase, reply });
      const final = exchange.replies.at(-1);
      // A 230 greeting logs the client in at once (pre-authenticated servers, RFC 959 §5.4).
      const greetingLogsIn = command === null && final?.code === 230;
      const loginDone =
        command !== null &&
        LOGIN_VERBS.has(command) &&
        (final?.code === 230 || (final?.code === 202 && command !== 'USER'));
      if (greetingLogsIn || loginDone) loggedIn = true;
    }
  }
  return observed;
}
