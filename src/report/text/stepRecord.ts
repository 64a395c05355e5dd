import type { ProbeResult, StepName, StepRecord } from '../../probe/types.js';

/**
 * stepRecord returns the probe's record of one step, typed by its name. It mirrors the probe's
 * findStep so that the report layer needs only type imports from the probe.
 */
export function stepRecord<N extends StepName>(probe: ProbeResult, name: N): StepRecord<N> | undefined {
  return probe.steps.find((step) => step.name === name) as StepRecord<N> | undefined;
}
