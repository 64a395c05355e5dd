import type { ProbeOptions, ProbeResult } from '../types.js';

/**
 * RetryPolicy: when a finished probe shows that another set of options would tell the user more,
 * the probe runs once more with them and the two results become one report. Every policy is
 * named in the transcript, so a retry is never silent.
 */
export interface RetryPolicy {
  readonly name: string;
  applies(result: ProbeResult, options: ProbeOptions): boolean;
  retryOptions(options: ProbeOptions): ProbeOptions;
  combine(first: ProbeResult, second: ProbeResult, options: ProbeOptions): ProbeResult;
}
