import type { FailureInfo, StepName } from '../../probe/types.js';
import type { Finding } from '../types.js';
import type { DiagnosisContext } from './context.js';
import { failureEvidence, finding } from './findingBuilder.js';
import { stepExit } from './stepKnowledge.js';

/**
 * Steps whose own rules already explain a protocol violation: a garbled greeting is
 * banner.malformed, text after 234 is a TLS failure, and a broken listing is a transfer finding.
 */
const OWN_RULES: ReadonlySet<StepName> = new Set(['banner', 'transfer']);

type ProtocolFailure = Extract<FailureInfo, { kind: 'protocol' }>;

/**
 * protocolViolationFindings reports the first place where the server broke the FTP protocol in
 * the middle of a session (RFC 959 §4.2 framing, §5.4 one reply per command). Every later step
 * fails with the same broken connection, so only the first is the cause. The exit code is the
 * category of the step it happened in, as for an interrupted probe: a server that garbles the
 * login fails as a login would.
 */
export function protocolViolationFindings(ctx: DiagnosisContext): Finding[] {
  for (const step of ctx.result.steps) {
    if (!step.ran || OWN_RULES.has(step.name)) continue;
    for (const exchange of step.exchanges) {
      const failure = exchange.failure;
      if (failure?.kind !== 'protocol' || isReportedByTls(failure)) continue;
      const command = exchange.command ?? 'the greeting';
      return [
        finding('probe.protocol-violation', {
          step: step.name,
          detail: `${meaning(failure, command)} ftp-doctor stops trusting the connection at this point instead of guessing which reply belongs to which command; clients that read one reply per command are thrown off here too, often with a confusing error further on.`,
          evidence: [failureEvidence(failure)],
          // A violation in the goodbye comes after everything that matters was shown to work.
          ...(step.name === 'quit' ? { severity: 'warning' as const } : {}),
          exitCode: stepExit(step.name),
        }),
      ];
    }
  }
  return [];
}

/** isReportedByTls: text after 234 is reported by the TLS rules as a failed upgrade. */
function isReportedByTls(failure: ProtocolFailure): boolean {
  return failure.violation === 'plaintext-after-auth';
}

function meaning(failure: ProtocolFailure, command: string): string {
  switch (failure.violation) {
    case 'unsolicited-reply':
      return `Before ${command} went out, the server had already sent a reply nobody asked for: a duplicate reply, or more replies after the greeting. FTP allows one reply per command (RFC 959 §5.4), so a client that reads one reply per command now takes the previous command's answer for the answer to the next one.`;
    case 'incomplete-reply':
      return `The server started a multi-line reply to ${command} but never sent its last line, which repeats the code followed by a space (e.g. "211 End"). Until that line comes, every later reply is read as part of this one.`;
    case 'reply-syntax':
      return `The server answered ${command} with a line that is not an FTP reply: a reply starts with three digits and a space or hyphen (RFC 959 §4.2).`;
    case 'line-too-long':
    case 'reply-too-long':
      return `The reply to ${command} passed the size limits ftp-doctor sets on replies (${failure.message}); no legitimate reply is that long.`;
    case 'reply-flood':
      return `The server flooded the control connection with replies nobody asked for (${failure.message}).`;
    default:
      return `The reply to ${command} broke the FTP protocol: ${failure.message}.`;
  }
}
