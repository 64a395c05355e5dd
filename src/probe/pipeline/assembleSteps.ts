import type { AnyStepRecord, StepName } from '../types.js';

/**
 * PartRecord is what one module of the step table left: a main record, or a contribution whose
 * `data` holds only the fields it adds. Records are never edited; the report's step is their sum.
 */
export interface PartRecord {
  readonly id: string;
  readonly kind: 'main' | 'contribution';
  readonly record: AnyStepRecord;
}

/**
 * assembleStep folds the parts of one step into the record the report shows: the main record
 * (the first that ran, else the first skipped one), followed by the exchanges, time and fields
 * of every contribution that ran. Undefined when no module of the step left anything.
 */
export function assembleStep(parts: readonly PartRecord[], name: StepName): AnyStepRecord | undefined {
  const mine = parts.filter((part) => part.record.name === name);
  const mains = mine.filter((part) => part.kind === 'main');
  const main = (mains.find((part) => part.record.ran) ?? mains[0])?.record;
  if (main === undefined) return undefined;
  let assembled = main;
  for (const part of mine) {
    if (part.kind !== 'contribution' || !part.record.ran || assembled.data === null) continue;
    const extra = part.record;
    assembled = {
      ...assembled,
      durationMs: assembled.durationMs + extra.durationMs,
      exchanges: [...assembled.exchanges, ...extra.exchanges],
      data: extra.data === null ? assembled.data : { ...assembled.data, ...extra.data },
      ...(extra.cutShort ? { cutShort: extra.cutShort } : {}),
    } as AnyStepRecord;
  }
  return assembled;
}

/** assembleSteps: every step that left a record, in the order given. */
export function assembleSteps(parts: readonly PartRecord[], order: readonly StepName[]): AnyStepRecord[] {
  return order.flatMap((name) => assembleStep(parts, name) ?? []);
}
