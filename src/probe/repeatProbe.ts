import { type ProbeHooks, runProbe } from './runProbe.js';
import type { ProbeOptions, ProbeResult, Target } from './types.js';

/** RepeatOptions: --repeat N --interval D. */
export interface RepeatOptions {
  readonly sessions: number;
  readonly intervalMs: number;
}

/**
 * runRepeatedProbe runs N complete probes of one target, one after another with a pause between
 * them, for failures that come and go (a load balancer that sends some data connections to
 * another backend, a flapping firewall). A signal ends the series: the sessions finished so far
 * are returned, the interrupted one included.
 */
export async function runRepeatedProbe(
  target: Target,
  options: ProbeOptions,
  repeat: RepeatOptions,
  hooks: ProbeHooks = {},
): Promise<ProbeResult[]> {
  const results: ProbeResult[] = [];
  for (let session = 0; session < repeat.sessions; session++) {
    if (session > 0 && !(await pause(repeat.intervalMs, hooks.signal))) break;
    results.push(await runProbe(target, options, hooks));
    if (hooks.signal?.aborted) break;
  }
  return results;
}

/** pause waits `ms`; false when the signal ended the wait. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
