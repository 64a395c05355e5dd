import type { ProbeSession } from '../session.js';
import type { StepRecorder } from '../stepRecorder.js';
import type { AnyStepRecord, ProbeOptions, StepDataMap, StepName, StepRecord } from '../types.js';

/**
 * Decision is a guard's answer: run the step, record it as skipped with a reason the report
 * shows, or leave it out of the report altogether (a step that does not apply, such as the
 * implicit-TLS handshake on a plain target, or --active when not asked for).
 */
export type Decision = { readonly run: true } | Skipped | { readonly omit: true };

/** Skipped: the step did not run, for the reason given (a body may find that out too). */
export interface Skipped {
  readonly skip: string;
}

export const RUN: Decision = { run: true };
export const OMIT: Decision = { omit: true };
export const skip = (reason: string): Skipped => ({ skip: reason });

/**
 * Declined: what a body returns when it found it cannot produce its record after all and a later
 * step should do the work instead (PASV on a second control connection that the server refused).
 */
export interface Declined {
  readonly declined: string;
}

/** PipelineView is what a guard may read: the records so far and the state they left behind. */
export interface PipelineView {
  readonly session: ProbeSession;
  /** The data of a step's main record, or null when it did not run (yet) or was cut short. */
  data<N extends StepName>(name: N): StepDataMap[N] | null;
  /** The main record of a step, when one exists (ran, skipped or cut short). */
  record<N extends StepName>(name: N): StepRecord<N> | undefined;
  /** Why the probe cannot go on, once a step said so (the first reason wins). */
  readonly halted: string | null;
  /** Every record so far, in the order they finished. */
  readonly records: readonly AnyStepRecord[];
  /** Whether a step has a record that ran, or a module still running promised one (commit). */
  promised(name: StepName): boolean;
}

/** StepContext is what a body receives: the session, its step's recorder, and the view. */
export interface StepContext<N extends StepName> {
  readonly session: ProbeSession;
  readonly recorder: StepRecorder<N>;
  readonly view: PipelineView;
  /**
   * background hands the runner work that may outlive the body (a second connection's goodbye);
   * the probe waits for it before it returns, and it must not reject.
   */
  background(work: Promise<void>): void;
  /**
   * commit tells the runner, before the body returns, that it will return its record (it will not
   * decline): modules that only wait for that decision (`needsDecisionOf`) go on at once.
   */
  commit(): void;
}

interface StepShape<Id extends string, N extends StepName> {
  /** Unique in the step table; equal to `step` for a step's main module. */
  readonly id: Id;
  /** The report step this module records (main) or adds to (contribution). */
  readonly step: N;
  /**
   * Ids of earlier modules whose outcome this one reads: the runner waits for them when they run
   * concurrently (modules without `concurrent` are finished before the next one starts anyway).
   * A function names them from the records so far, for a need that depends on what happened.
   */
  readonly needs: readonly string[] | ((view: PipelineView) => readonly string[]);
  /** Ids of concurrent modules whose decision (record or not) this one reads, not their end. */
  readonly needsDecisionOf?: readonly string[];
  /**
   * concurrent: the runner starts the body and moves on to the next module at once. On the same
   * control connection this pipelines commands (the replies come back in order); on a
   * connection of its own it overlaps whole exchanges.
   */
  readonly concurrent?: boolean;
  /** runsAfterHalt: the step still runs once the probe cannot go on (QUIT after a refused login). */
  readonly runsAfterHalt?: boolean;
  /** guard decides from the records so far whether the body runs. */
  guard(view: PipelineView): Decision;
  /** halts: after the step, the reason the probe cannot go on past it, or null. */
  halts?(record: StepRecord<N>, view: PipelineView): string | null;
}

/** MainStep writes a step's record: its body returns the step's data, once. */
export interface MainStep<Id extends string = string, N extends StepName = StepName>
  extends StepShape<Id, N> {
  readonly kind: 'main';
  run(ctx: StepContext<N>): Promise<StepDataMap[N] | Declined | Skipped>;
  /**
   * For a check that runs only when asked for (--active, --write-test …): whether these options
   * ask for it. When the probe stops before such a step, one that was not asked for is left out
   * of the report instead of being listed as skipped.
   */
  readonly askedFor?: (options: ProbeOptions) => boolean;
}

/**
 * Contribution adds to a step recorded earlier (FEAT again after login, PROT P after login, the
 * EPSV ALL check sent with QUIT): its body returns only the fields it learned. The report shows
 * one step with both parts' exchanges; neither record is ever edited.
 */
export interface Contribution<Id extends string = string, N extends StepName = StepName>
  extends StepShape<Id, N> {
  readonly kind: 'contribution';
  run(ctx: StepContext<N>): Promise<Partial<StepDataMap[N]>>;
}

export type ProbeStep<Id extends string = string, N extends StepName = StepName> =
  | MainStep<Id, N>
  | Contribution<Id, N>;

/** AnyProbeStep: a module of any step, as the step table holds them. */
export type AnyProbeStep = { [N in StepName]: ProbeStep<string, N> }[StepName];

export function isDeclined(value: unknown): value is Declined {
  return typeof value === 'object' && value !== null && 'declined' in value;
}

export function isSkipped(value: unknown): value is Skipped {
  return typeof value === 'object' && value !== null && 'skip' in value;
}
