import { EXIT } from '../knowledge/exitCodes.js';

/** The signals a probe run answers: Ctrl-C and a polite kill. */
export type StopSignal = 'SIGINT' | 'SIGTERM';

export function signalExitCode(signal: StopSignal): number {
  return signal === 'SIGINT' ? EXIT.interruptedBySigint : EXIT.interruptedBySigterm;
}

/**
 * SignalGate decides what a signal does to a probe run. The first one while probes run aborts
 * them (the reason names the signal, so the report can); the report of what was found is then
 * written as usual. The first one after every probe ended changes nothing: the report is whole.
 * A second signal exits at once, without a report: the user does not want to wait even for that.
 */
export class SignalGate {
  private signalled: StopSignal | null = null;
  private probing = true;

  constructor(
    private readonly controller: AbortController,
    private readonly exitNow: (code: number, signal: StopSignal) => void,
  ) {}

  readonly onSignal = (signal: StopSignal): void => {
    if (this.signalled !== null) {
      this.exitNow(signalExitCode(signal), signal);
      return;
    }
    this.signalled = signal;
    if (this.probing) this.controller.abort(signal);
  };

  /** probesEnded: the probes are over; returns the signal that came while they ran, if one did. */
  probesEnded(): StopSignal | null {
    this.probing = false;
    return this.signalled;
  }
}
