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
  const walk = new PipelineWalk(session, hooks);
  for (const step of table) {
    for (const id of step.needsDecisionOf ?? []) await walk.decisionOf(id);
    for (const id of walk.needsOf(step)) await walk.join(id);
    const inTurn = walk.decideAndStart(step);
    if (inTurn) await inTurn;
  }
  return walk.finish();
}

/** PipelineWalk: the state of one walk of the table, and the runner's phases for one module. */
class PipelineWalk {
  private readonly session: ProbeSession;
  private readonly hooks: PipelineHooks;
  private readonly parts: PartRecord[] = [];
  // Concurrent modules under way, each held as a settled value: a bug in one is rethrown where it
  // is awaited instead of surfacing as an unhandled rejection in between.
  private readonly running = new Map<string, Promise<{ readonly error: unknown } | null>>();
  // Settles when a running module committed to its record, or ended.
  private readonly decisions = new Map<string, Promise<void>>();
  private readonly promised = new Set<StepName>();
  private readonly background: Promise<void>[] = [];
  private halted: string | null = null;
  private readonly view: PipelineView;

  constructor(session: ProbeSession, hooks: PipelineHooks) {
    this.session = session;
    this.hooks = hooks;
    this.view = pipelineView(session, this.parts, this.promised, () => this.halted);
  }

  /**
   * decideAndStart asks the guard, then records the skip or starts the body. It returns the body
   * when the walk must wait for it (a module that is not concurrent), else null.
   */
  decideAndStart(step: AnyProbeStep): Promise<void> | null {
    const decision = this.decide(step);
    if ('omit' in decision) return null;
    if ('skip' in decision) {
      this.keep(step, skippedStep(step.step, decision.skip, this.session.now()) as AnyStepRecord);
      return null;
    }
    const started = this.start(step);
    if (!step.concurrent) return started;
    this.running.set(
      step.id,
      started.then(
        () => null,
        (error: unknown) => ({ error }),
      ),
    );
    return null;
  }

  /** finish waits for the modules still running and the background work, then hands the records over. */
  async finish(): Promise<PartRecord[]> {
    for (const id of this.running.keys()) await this.join(id);
    await Promise.all(this.background);
    return this.parts;
  }

  /** join waits for a concurrent module's end, and rethrows a bug in it. */
  async join(id: string): Promise<void> {
    const settled = await this.running.get(id);
    if (settled) throw settled.error;
  }

  /** decisionOf settles once a concurrent module committed to its record, or ended. */
  decisionOf(id: string): Promise<void> | undefined {
    return this.decisions.get(id);
  }

  needsOf(step: AnyProbeStep): readonly string[] {
    return typeof step.needs === 'function' ? step.needs(this.view) : step.needs;
  }

  private decide(step: AnyProbeStep): Decision {
    const cut = this.session.deadline.interrupted;
    const stopped =
      cut !== null
        ? skip(INTERRUPTION_REASON[cut])
        : this.halted !== null && !step.runsAfterHalt
          ? skip(this.halted)
          : null;
    if (stopped === null) return step.guard(this.view);
    // A check nobody asked for stays out of the report, however the probe ended.
    return step.kind === 'main' && step.askedFor?.(this.session.options) === false ? OMIT : stopped;
  }

  private keep(step: AnyProbeStep, record: AnyStepRecord): void {
    this.parts.push({ id: step.id, kind: step.kind, record });
    if (step.kind === 'main') this.hooks.onStepEnd?.(record);
  }

  /** start runs the body, with the module's decision settled at its commit or at its end. */
  private start(step: AnyProbeStep): Promise<void> {
    let settleDecision = (): void => {};
    this.decisions.set(
      step.id,
      new Promise((resolve) => {
        settleDecision = resolve;
      }),
    );
    return this.runModule(step, settleDecision).finally(settleDecision);
  }

  private async runModule(step: AnyProbeStep, settleDecision: () => void): Promise<void> {
    if (step.kind === 'main') this.hooks.onStepStart?.(step.step);
    const recorder = new StepRecorder(step.step, this.session.now);
    const ctx = this.context(step, recorder, settleDecision);
    const deadline = this.session.deadline;
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
    // A module that declines because the cut ended its wait (PASV on the second connection) did
    // not decline at all: the step was under way, and its record shows how far it got.
    if (isDeclined(outcome) && cutShort !== null) outcome = CUT;
    this.recordOutcome(step, recorder, outcome, cutShort);
  }

  private context(
    step: AnyProbeStep,
    recorder: StepRecorder<StepName>,
    settleDecision: () => void,
  ): StepContext<StepName> {
    return {
      session: this.session,
      recorder,
      view: this.view,
      background: (work) => this.background.push(work),
      commit: () => {
        this.promised.add(step.step);
        settleDecision();
      },
    };
  }

  /** recordOutcome keeps the module's one record (none when it declined) and asks whether the probe halts. */
  private recordOutcome(
    step: AnyProbeStep,
    recorder: StepRecorder<StepName>,
    outcome: unknown,
    cutShort: Interruption | null,
  ): void {
    if (isDeclined(outcome)) {
      this.session.event(outcome.declined, 'control');
      return;
    }
    if (isSkipped(outcome)) {
      this.keep(step, skippedStep(step.step, outcome.skip, this.session.now()) as AnyStepRecord);
      return;
    }
    const record = (
      outcome === CUT
        ? recorder.finish(null, cutShort ?? 'signal')
        : recorder.finish(outcome as StepDataMap[StepName], cutShort)
    ) as AnyStepRecord;
    this.keep(step, record);
    if (this.halted === null && step.halts)
      this.halted = (step.halts as (r: AnyStepRecord, v: PipelineView) => string | null)(record, this.view);
  }
}

/** pipelineView: what guards and bodies read, always the records as they stand at the moment of reading. */
function pipelineView(
  session: ProbeSession,
  parts: readonly PartRecord[],
  promised: ReadonlySet<StepName>,
  halted: () => string | null,
): PipelineView {
  return {
    session,
    data: <N extends StepName>(name: N) => (assembleStep(parts, name)?.data ?? null) as StepDataMap[N] | null,
    record: <N extends StepName>(name: N) => assembleStep(parts, name) as StepRecord<N> | undefined,
    get halted() {
      return halted();
    },
    get records() {
      return parts.map((part) => part.record);
    },
    promised: (name) => promised.has(name) || assembleStep(parts, name)?.ran === true,
  };
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
