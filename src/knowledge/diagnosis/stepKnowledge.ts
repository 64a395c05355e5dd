import type { AnyStepRecord, StepDataMap, StepName } from '../../probe/types.js';
import type { ServerFingerprint } from '../servers/serverFingerprint.js';
import { EXIT, type ExitCode, type Finding } from '../types.js';
import type { DiagnosisContext } from './context.js';
import { FINDINGS, type FindingCatalog } from './findingCatalog.js';
import {
  summarizeActive,
  summarizeBanner,
  summarizeConnect,
  summarizeEpsv,
  summarizeFeatures,
  summarizeLogin,
  summarizePasv,
  summarizeQuit,
  summarizeResolve,
  summarizeScan,
  summarizeTls,
  summarizeTransfer,
} from './stepSummaries.js';
import { MIDDLEBOX_KNOWLEDGE } from './steps/middlebox.js';
import { WRITE_KNOWLEDGE } from './steps/write.js';

/**
 * StepKnowledge: what the diagnosis knows of one report step. Every step has a row in
 * STEP_KNOWLEDGE, so a new step does not compile until it says how it is summarised and which
 * exit category it belongs to. A step kept in a knowledge module of its own also brings its
 * findings' rows and rules (src/knowledge/diagnosis/steps/); the core steps' rules are listed in
 * diagnose.ts, since most of them read several steps at once.
 */
export interface StepKnowledge<N extends StepName> {
  /**
   * The exit code of the step's category (docs/architecture.md, "Exit codes"), for failures that
   * belong to no finding of their own: a step where the server broke the protocol.
   */
  readonly exit: ExitCode;
  /** One plain line saying what the step showed; only codes, numbers and our own words. */
  summary(data: StepDataMap[N], server: ServerFingerprint): string;
  /** The step's own findings, from its evidence (and other steps' where it compares). */
  readonly findings?: (ctx: DiagnosisContext) => Finding[];
  /** The catalog rows of those findings, under ids no other catalog uses. */
  readonly catalog?: FindingCatalog;
}

type StepKnowledgeTable = { readonly [N in StepName]: StepKnowledge<N> };

export const STEP_KNOWLEDGE: StepKnowledgeTable = {
  resolve: { exit: EXIT.unreachable, summary: summarizeResolve },
  connect: { exit: EXIT.unreachable, summary: summarizeConnect },
  banner: { exit: EXIT.notReady, summary: summarizeBanner },
  features: { exit: EXIT.notReady, summary: summarizeFeatures },
  tls: { exit: EXIT.tls, summary: summarizeTls },
  login: { exit: EXIT.login, summary: summarizeLogin },
  epsv: { exit: EXIT.noPassive, summary: summarizeEpsv },
  pasv: { exit: EXIT.noPassive, summary: summarizePasv },
  transfer: { exit: EXIT.transfer, summary: summarizeTransfer },
  write: WRITE_KNOWLEDGE,
  middlebox: MIDDLEBOX_KNOWLEDGE,
  // The optional checks: a broken reply there is the server's protocol, as in the banner.
  active: { exit: EXIT.notReady, summary: summarizeActive },
  scan: { exit: EXIT.notReady, summary: summarizeScan },
  quit: { exit: EXIT.notReady, summary: summarizeQuit },
};

const KNOWLEDGE_ROWS = Object.values(STEP_KNOWLEDGE) as readonly StepKnowledge<StepName>[];

/** stepExit: the exit code of a step's category. */
export function stepExit(name: StepName): ExitCode {
  return STEP_KNOWLEDGE[name].exit;
}

/**
 * summarizeStep: one plain line per step saying what it showed, e.g. 'EPSV → 229, port 40012,
 * open', or why it did not run.
 */
export function summarizeStep(step: AnyStepRecord, server: ServerFingerprint): string {
  if (!step.ran || step.data === null) return step.skippedReason ?? 'skipped';
  const knowledge = STEP_KNOWLEDGE[step.name] as StepKnowledge<StepName>;
  return knowledge.summary(step.data as StepDataMap[StepName], server);
}

/** stepOwnFindings: the findings of the steps that keep their rules in their own module. */
export function stepOwnFindings(ctx: DiagnosisContext): Finding[] {
  return KNOWLEDGE_ROWS.flatMap((knowledge) => knowledge.findings?.(ctx) ?? []);
}

/**
 * ALL_FINDINGS: every finding ftp-doctor can report, FINDINGS and the steps' own rows together
 * (for listings and the catalog's tests; a rule builds its findings from its own catalog).
 */
export const ALL_FINDINGS: FindingCatalog = Object.assign(
  {},
  FINDINGS,
  ...KNOWLEDGE_ROWS.map((knowledge) => knowledge.catalog ?? {}),
);
