import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Deadline } from '../../src/probe/deadline.js';
import { assembleSteps } from '../../src/probe/pipeline/assembleSteps.js';
import type { AnyProbeStep, Contribution, MainStep } from '../../src/probe/pipeline/probeStep.js';
import { OMIT, RUN, skip } from '../../src/probe/pipeline/probeStep.js';
import { runPipeline } from '../../src/probe/pipeline/runPipeline.js';
import { STEP_ORDER, STEP_TABLE } from '../../src/probe/pipeline/stepTable.js';
import { ProbeSession } from '../../src/probe/session.js';
import { parseTarget } from '../../src/probe/target.js';
import type { QuitData, ResolveData } from '../../src/probe/types.js';
import { FAST_OPTIONS } from '../support/probeHelpers.js';

function session(deadlineMs = 5000, signal?: AbortSignal): ProbeSession {
  const origin = performance.now();
  const now = () => Math.round(performance.now() - origin);
  return new ProbeSession(
    parseTarget('127.0.0.1'),
    { ...FAST_OPTIONS, deadlineMs },
    new Deadline(deadlineMs, now, signal),
    now,
  );
}

const resolved = (chosen: string | null): ResolveData => ({ host: 'h', addresses: [], chosen });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A resolve module whose body the test decides. */
function resolveModule(body: () => Promise<ResolveData>, extra: Partial<MainStep<'r', 'resolve'>> = {}) {
  return {
    kind: 'main',
    id: 'r',
    step: 'resolve',
    needs: [],
    guard: () => RUN,
    run: body,
    ...extra,
  } satisfies MainStep<'r', 'resolve'>;
}

function quitModule(extra: Partial<MainStep<string, 'quit'>> = {}): MainStep<string, 'quit'> {
  return {
    kind: 'main',
    id: 'q',
    step: 'quit',
    needs: [],
    guard: () => RUN,
    run: async (): Promise<QuitData> => ({ reply: null }),
    ...extra,
  };
}

describe('the step table', () => {
  it('docs/architecture.md lists the steps in display order', () => {
    const doc = readFileSync(new URL('../../docs/architecture.md', import.meta.url), 'utf8');
    const table = doc.slice(doc.indexOf('<!-- steps:start -->'), doc.indexOf('<!-- steps:end -->'));
    const listed = [...table.matchAll(/^\| ([a-z-]+) \|/gm)].map((m) => m[1]).filter((n) => n !== 'step');
    expect(listed).toEqual([...STEP_ORDER]);
  });

  it('has unique module ids, and names only modules before it in needs', () => {
    const ids = STEP_TABLE.map((step) => step.id);
    expect(new Set(ids).size).toBe(ids.length);
    STEP_TABLE.forEach((step, index) => {
      const needs = [...(Array.isArray(step.needs) ? step.needs : []), ...(step.needsDecisionOf ?? [])];
      for (const need of needs) expect(ids.slice(0, index), `${step.id} needs ${need}`).toContain(need);
    });
  });
});

describe('runPipeline', () => {
  it('guards skip with a reason or omit; a halt skips the rest except what runs after a halt', async () => {
    const table: AnyProbeStep[] = [
      resolveModule(async () => resolved(null), {
        halts: (record) => (record.data?.chosen ? null : 'no address to connect to'),
      }),
      quitModule({ id: 'q1', runsAfterHalt: true, guard: () => OMIT }),
      quitModule({ id: 'q2', runsAfterHalt: true, guard: (view) => skip(`halted: ${view.halted}`) }),
      quitModule({ id: 'q3' }),
    ];
    const parts = await runPipeline(table, session());
    const steps = assembleSteps(parts, STEP_ORDER);
    expect(steps.map((s) => [s.name, s.ran, s.skippedReason])).toEqual([
      ['resolve', true, undefined],
      ['quit', false, 'halted: no address to connect to'],
    ]);
  });

  it('a contribution adds its fields and exchanges to the step, which is never edited', async () => {
    const contribution: Contribution<'r+', 'resolve'> = {
      kind: 'contribution',
      id: 'r+',
      step: 'resolve',
      needs: [],
      guard: () => RUN,
      run: async ({ recorder }) => {
        recorder.record('LATER', [], 0);
        return { chosen: '192.0.2.1' };
      },
    };
    const parts = await runPipeline([resolveModule(async () => resolved(null)), contribution], session());
    const main = parts[0]!.record;
    expect(main.data).toEqual(resolved(null));
    const [step] = assembleSteps(parts, STEP_ORDER);
    expect(step?.data).toEqual({ ...resolved(null), chosen: '192.0.2.1' });
    expect(step?.exchanges.map((e) => e.command)).toEqual(['LATER']);
  });

  it('runs a concurrent module alongside the next ones, and waits for it where it is needed', async () => {
    const order: string[] = [];
    const table: AnyProbeStep[] = [
      resolveModule(
        async () => {
          order.push('slow starts');
          await sleep(50);
          order.push('slow ends');
          return resolved('192.0.2.1');
        },
        { concurrent: true },
      ),
      quitModule({
        id: 'q1',
        run: async () => {
          order.push('next runs');
          return { reply: null };
        },
      }),
      quitModule({
        id: 'q2',
        needs: ['r'],
        run: async () => {
          order.push('needer runs');
          return { reply: null };
        },
      }),
    ];
    await runPipeline(table, session());
    expect(order).toEqual(['slow starts', 'next runs', 'slow ends', 'needer runs']);
  });

  it('the deadline ends a step that ignores it, with what it recorded, and skips the rest', async () => {
    const probe = session(100);
    const table: AnyProbeStep[] = [
      resolveModule(async () => {
        await sleep(60_000);
        return resolved('192.0.2.1');
      }),
      quitModule(),
    ];
    const started = performance.now();
    const steps = assembleSteps(await runPipeline(table, probe), STEP_ORDER);
    probe.deadline.dispose();
    // Generous: the grace after the deadline is a fraction of a second.
    expect(performance.now() - started).toBeLessThan(5000);
    expect(steps.map((s) => [s.name, s.ran, s.cutShort, s.skippedReason])).toEqual([
      ['resolve', true, 'deadline', undefined],
      ['quit', false, undefined, 'deadline reached'],
    ]);
  });

  it('a signal marks the step it cut: the data it still returned is kept', async () => {
    const controller = new AbortController();
    const probe = session(5000, controller.signal);
    const table: AnyProbeStep[] = [
      resolveModule(
        () =>
          new Promise((resolve) =>
            probe.deadline.signal.addEventListener('abort', () => resolve(resolved(null)), { once: true }),
          ),
      ),
      quitModule(),
    ];
    setTimeout(() => controller.abort('SIGINT'), 20);
    const steps = assembleSteps(await runPipeline(table, probe), STEP_ORDER);
    probe.deadline.dispose();
    expect(steps.map((s) => [s.name, s.cutShort ?? null, s.data !== null, s.skippedReason ?? null])).toEqual([
      ['resolve', 'signal', true, null],
      ['quit', null, false, 'interrupted'],
    ]);
  });

  it('a module that declines because the cut ended its wait keeps a record, marked cut short', async () => {
    const controller = new AbortController();
    const probe = session(5000, controller.signal);
    const table: AnyProbeStep[] = [
      resolveModule(
        (() =>
          new Promise((resolve) =>
            probe.deadline.signal.addEventListener('abort', () => resolve({ declined: 'no reply' }), {
              once: true,
            }),
          )) as unknown as () => Promise<ResolveData>,
      ),
      quitModule(),
    ];
    setTimeout(() => controller.abort('SIGTERM'), 20);
    const steps = assembleSteps(await runPipeline(table, probe), STEP_ORDER);
    probe.deadline.dispose();
    expect(steps.map((s) => [s.name, s.ran, s.cutShort ?? null, s.skippedReason ?? null])).toEqual([
      ['resolve', true, 'signal', null],
      ['quit', false, null, 'interrupted'],
    ]);
  });
});
