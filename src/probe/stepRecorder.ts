import type { Reply } from '../protocol/types.js';
import type { Exchange, FailureInfo, Interruption, StepDataMap, StepName, StepRecord } from './types.js';

/**
 * StepRecorder collects what one step did — every command, the replies it drew, and how long it
 * took — and produces the immutable StepRecord at the end.
 */
export class StepRecorder<N extends StepName> {
  private readonly exchanges: Exchange[] = [];
  private readonly startedAtMs: number;

  constructor(
    readonly name: N,
    private readonly now: () => number,
  ) {
    this.startedAtMs = now();
  }

  /** record adds one exchange; `replies` holds a 1yz preliminary reply before the final one. */
  record(
    command: string | null,
    replies: readonly Reply[],
    startedAtMs: number,
    failure?: FailureInfo,
  ): void {
    const durationMs = this.now() - startedAtMs;
    this.exchanges.push(
      failure === undefined ? { command, replies, durationMs } : { command, replies, durationMs, failure },
    );
  }

  /** finish: the step's record; `cutShort` when the deadline or a signal ended it early. */
  finish(data: StepDataMap[N] | null, cutShort: Interruption | null = null): StepRecord<N> {
    const record: StepRecord<N> = {
      name: this.name,
      ran: true,
      startedAtMs: this.startedAtMs,
      durationMs: this.now() - this.startedAtMs,
      exchanges: [...this.exchanges],
      data,
    };
    return cutShort === null ? record : { ...record, cutShort };
  }
}

/** skippedStep records a step that did not run, and why. */
export function skippedStep<N extends StepName>(name: N, reason: string, atMs: number): StepRecord<N> {
  return {
    name,
    ran: false,
    skippedReason: reason,
    startedAtMs: atMs,
    durationMs: 0,
    exchanges: [],
    data: null,
  };
}
