import { setMaxListeners } from 'node:events';
import { DeadlineExceededError } from './failureInfo.js';

/** DEADLINE_GRACE_MS: how much longer than the deadline a wait capped by it may last. */
const DEADLINE_GRACE_MS = 50;

/**
 * Deadline is the overall time budget of one probe. Every wait asks it for a timeout no longer
 * than what is left, and its AbortSignal cuts waits short when the budget ends or the user
 * interrupts, so no step can outlive the deadline.
 */
export class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly endsAt: number;
  private reason: 'deadline' | 'signal' | null = null;
  private outerSignal: AbortSignal | null = null;
  private readonly onOuterAbort = (): void => this.abort('signal');

  constructor(
    totalMs: number,
    private readonly now: () => number,
    outerSignal?: AbortSignal,
  ) {
    this.endsAt = now() + totalMs;
    // Every wait of the probe listens to this one signal (a range scan has 64 at once).
    setMaxListeners(0, this.controller.signal);
    this.timer = setTimeout(() => this.abort('deadline'), totalMs);
    this.timer.unref();
    if (outerSignal) {
      if (outerSignal.aborted) this.abort('signal');
      else {
        outerSignal.addEventListener('abort', this.onOuterAbort, { once: true });
        this.outerSignal = outerSignal;
      }
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Why the deadline fired, or null while time is left. */
  get interrupted(): 'deadline' | 'signal' | null {
    return this.reason;
  }

  /** remainingMs is never negative. */
  remainingMs(): number {
    return Math.max(0, this.endsAt - this.now());
  }

  /**
   * timeoutFor caps a step's own timeout at what is left of the deadline (at least 1 ms). When
   * the deadline is the nearer limit, the wait gets DEADLINE_GRACE_MS more, so that the deadline's
   * abort ends it and the cut is reported as the deadline: otherwise both timers fire in the same
   * millisecond and whichever runs first decides between "interrupted" and "no reply".
   */
  timeoutFor(stepTimeoutMs: number): number {
    const remaining = this.remainingMs();
    if (stepTimeoutMs < remaining) return Math.max(1, stepTimeoutMs);
    return remaining + DEADLINE_GRACE_MS;
  }

  dispose(): void {
    clearTimeout(this.timer);
    // One probe of many that share the caller's signal must not leave its listener behind.
    this.outerSignal?.removeEventListener('abort', this.onOuterAbort);
  }

  private abort(reason: 'deadline' | 'signal'): void {
    if (this.reason !== null) return;
    this.reason = reason;
    // The same words as check(): the reason alone ('signal') made reports say "no greeting: signal".
    this.controller.abort(new DeadlineExceededError(deadlineMessage(reason)));
  }
}

function deadlineMessage(reason: 'deadline' | 'signal'): string {
  return reason === 'signal' ? 'interrupted by a signal' : 'the overall deadline (--deadline) was reached';
}
