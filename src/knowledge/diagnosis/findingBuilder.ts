import type { FailureInfo, StepName } from '../../probe/types.js';
import type { Reply } from '../../protocol/types.js';
import type { Evidence, ExitCode, Finding, Fix, Severity } from '../types.js';
import { FINDINGS, type FindingCatalog } from './findingCatalog.js';

export interface FindingParts {
  readonly detail: string;
  readonly evidence?: readonly Evidence[];
  readonly fixes?: readonly Fix[];
  readonly severity?: Severity;
  readonly step?: StepName;
  readonly title?: string;
  readonly exitCode?: ExitCode;
}

/**
 * findingFrom gives the builder for the ids of one catalog: `finding` for FINDINGS, and one of its
 * own for a step whose knowledge module keeps its rows (src/knowledge/diagnosis/stepKnowledge.ts).
 */
export function findingFrom<C extends FindingCatalog>(
  catalog: C,
): (id: Extract<keyof C, string>, parts: FindingParts) => Finding {
  return (id, parts) => {
    const spec = catalog[id]!;
    return {
      id,
      severity: parts.severity ?? spec.severity,
      step: parts.step ?? spec.step,
      title: parts.title ?? spec.title,
      detail: parts.detail,
      evidence: parts.evidence ?? [],
      fixes: parts.fixes ?? [],
      exitCode: parts.exitCode ?? spec.exitCode,
      sources: spec.sources,
    };
  };
}

/** finding builds a Finding from the catalog entry of `id`, overridden by what the evidence shows. */
export const finding = findingFrom(FINDINGS);

/**
 * replyEvidence quotes a reply as proof, with the command that drew it. `text` is the reply's
 * text without the code (docs/json-report.md), so `code` and `text` never repeat each other.
 */
export function replyEvidence(command: string | null, reply: Reply): Evidence {
  return { kind: 'reply', command, code: reply.code, text: reply.text };
}

/** failureEvidence turns a recorded failure into evidence. */
export function failureEvidence(failure: FailureInfo): Evidence {
  switch (failure.kind) {
    case 'transport':
      return failure.errno === undefined
        ? { kind: 'error', channel: failure.channel, failure: failure.failure, message: failure.message }
        : {
            kind: 'error',
            channel: failure.channel,
            failure: failure.failure,
            errno: failure.errno,
            message: failure.message,
          };
    case 'protocol':
      return {
        kind: 'observation',
        text:
          failure.offendingText === undefined
            ? failure.message
            : `${failure.message}: ${JSON.stringify(failure.offendingText)}`,
      };
    case 'refusal':
      return { kind: 'observation', text: failure.message };
    case 'deadline':
      return { kind: 'observation', text: failure.message };
  }
}

export function observation(text: string): Evidence {
  return { kind: 'observation', text };
}

/** firstLine is the first line of a reply's text, for quoting inside a sentence. */
export function firstLine(reply: Reply): string {
  return reply.text.split('\n')[0] ?? '';
}
