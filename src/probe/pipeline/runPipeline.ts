import type { ProbeSession } from '../session.js';
import { StepRecorder, skippedStep } from '../stepRecorder.js';
import type { AnyStepRecord, Interruption, StepDataMap, StepName, StepRecord } from '../types.js';
import { assembleStep, type PartRecord } from './assembleSteps.js';
import {
  type AnyProbeStep,
  type Decision,
  isDeclined,
  isSkipped,
  OMIT,
  type PipelineView,
  type StepContext,
  skip,
} from './probeStep.js';

/**
 * CUT_GRACE_MS: after the deadline or a signal, how long a step may take to return what it saw
 * before the runner ends it with the exchanges recorded so far. Every wait in the probe is
 * aborted by the same signal, so this only catches a wait that forgot to listen.
 */
const CUT_GRACE_MS = 150;

/** The words a skipped step shows after an interruption. */
export const INTERRUPTION_REASON: Readonly<Record<Interruption, string>> = {
  signal: 'interrupted',
  deadline: 'deadline reached',
};

/** PipelineHooks: progress for the CLI; records reach it as they are made. */
export interface PipelineHooks {
  readonly onStepStart?: (name: StepName) => void;
  readonly onStepEnd?: (record: AnyStepRecord) => void;
}

const CUT = Symbol('cut');

/**
 * runPipeline walks the step table once. For each module it waits for the concurrent modules it
 * needs, asks the guard, and runs the body: in turn, or started and left running when the module
 * is concurrent. An interruption (the deadline or a signal) is the runner's business, not the
 * steps': the module running at that moment ends with what it saw (its own data when it returns
 * in time, else its exchanges so far, marked `cutShort`), and every later module is skipped with
 * the reason. Records are kept as made; the report's steps are assembled from them.
 */
export async function runPipeline(
  table: readonly AnyProbeStep[],
  session: ProbeSession,
  hooks: PipelineHooks = {},
): Promise<PartRecord[]> {
  const parts: PartRecord[] = [];
  // Concurrent modules under way, each held as a settled value: a bug in one is rethrown where it
  // is awaited instead of surfacing as an unhandled rejection in between.
  const running = new Map<string, Promise<{ readonly error: unknown } | null>>();
  const join = async (id: string): Promise<void> => {
    const settled = await running.get(id);
    if (settled) throw settled.error;
  };
  // Settles when a running module committed to its record, or ended.
  const decisions = new Map<string, Promise<void>>();
  const promised = new Set<StepName>();
  const background: Promise<void>[] = [];
  let halted: string | null = null;
  const deadline = session.deadline;

  const view: PipelineView = {
    session,
    data: <N extends StepName>(name: N) => (assembleStep(parts, name)?.data ?? null) as StepDataMap[N] | null,
    record: <N extends StepName>(name: N) => assembleStep(parts, name) as StepRecord<N> | undefined,
    get halted() {
      return halted;
    },
    get records() {
      return parts.map((part) => part.record);
    },
    promised: (name) => promised.has(name) || assembleStep(parts, name)?.ran === true,
  };

  const decide = (step: AnyProbeStep): Decision => {
    const cut = deadline.interrupted;
    const stopped =
      cut !== null
        ? skip(INTERRUPTION_REASON[cut])
        : halted !== null && !step.runsAfterHalt
          ? skip(halted)
          : null;
    if (stopped === null) return step.guard(view);
    // A check nobody asked for stays out of the report, however the probe ended.
    return step.kind === 'main' && step.askedFor?.(session.options) === false ? OMIT : stopped;
  };

  const keep = (step: AnyProbeStep, record: AnyStepRecord): void => {
    parts.push({ id: step.id, kind: step.kind, record });
    if (step.kind === 'main') hooks.onStepEnd?.(record);
  };

  const runOne = async (step: AnyProbeStep, settleDecision: () => void): Promise<void> => {
    if (step.kind === 'main') hooks.onStepStart?.(step.step);
    const recorder = new StepRecorder(step.step, session.now);
    const ctx: StepContext<StepName> = {
      session,
      recorder,
      view,
      background: (work) => background.push(work),
      commit: () => {
        promised.add(step.step);
        settleDecision();
      },
    };
    const wasInterrupted = deadline.interrupted;
    const body = (step.run as (ctx: StepContext<StepName>) => Promise<unknown>)(ctx);
    let outcome: unknown;
    try {
      outcome = await untilCut(body, deadline.signal);
    } catch (error) {
      // An abort surfaces as the signal's reason from whatever wait was under way: with an
      // interruption that is the end of the step, not a bug.
      if (deadline.interrupted === null) throw error;
      outcome = CUT;
    }
    const cutShort = wasInterrupted === null ? deadline.interrupted : null;
    if (isDeclined(outcome)) {
      session.event(outcome.declined, 'control');
      return;
    }
    if (isSkipped(outcome)) {
      keep(step, skippedStep(step.step, outcome.skip, session.now()) as AnyStepRecord);
      return;
    }
    const record = (
      outcome === CUT
        ? recorder.finish(null, cutShort ?? 'signal')
        : recorder.finish(outcome as StepDataMap[StepName], cutShort)
    ) as AnyStepRecord;
    keep(step, record);
    if (halted === null && step.halts)
      halted = (step.halts as (r: AnyStepRecord, v: PipelineView) => string | null)(record, view);
  };

  for (const step of table) {
    for (const id of step.needsDecisionOf ?? []) await decisions.get(id);
    for (const id of typeof step.needs === 'function' ? step.needs(view) : step.needs) await join(id);
    const decision = decide(step);
    if ('omit' in decision) continue;
    if ('skip' in decision) {
      keep(step, skippedStep(step.step, decision.skip, session.now()) as AnyStepRecord);
      continue;
    }
    let settleDecision = (): void => {};
    decisions.set(
      step.id,
      new Promise((resolve) => {
        settleDecision = resolve;
      }),
    );
    const started = runOne(step, settleDecision).finally(settleDecision);
    if (step.concurrent)
      running.set(
        step.id,
        started.then(
          () => null,
          (error: unknown) => ({ error }),
        ),
      );
    else await started;
  }
  for (const id of running.keys()) await join(id);
  await Promise.all(background);
  return parts;
}

/**
 * untilCut resolves with the body's outcome, or with CUT when the body has not returned
 * CUT_GRACE_MS after the signal fired. The body may still settle later; that is ignored.
 */
function untilCut<T>(body: Promise<T>, signal: AbortSignal): Promise<T | typeof CUT> {
  body.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const cut = new Promise<typeof CUT>((resolve) => {
    onAbort = () => {
      timer = setTimeout(() => resolve(CUT), CUT_GRACE_MS);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([body, cut]).finally(() => {
    clearTimeout(timer);
    if (onAbort) signal.removeEventListener('abort', onAbort);
  });
}
