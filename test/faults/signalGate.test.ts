import { describe, expect, it } from 'vitest';
import { SignalGate, type StopSignal } from '../../src/cli/signalGate.js';
import { runExitCode } from '../../src/knowledge/diagnosis/runExitCode.js';
import type { Verdict } from '../../src/knowledge/types.js';

// The CLI's answer to signals, without a process: the end-to-end runs (interruptionTable.test.ts)
// show a first signal's report arrives within milliseconds, too fast for a second one to land in
// between from outside, so the second-signal rule is checked here.

function gate() {
  const controller = new AbortController();
  const exits: { code: number; signal: StopSignal }[] = [];
  const signals = new SignalGate(controller, (code, signal) => exits.push({ code, signal }));
  return { controller, exits, signals };
}

describe('SignalGate', () => {
  it('a first signal aborts the probes, naming the signal', () => {
    const { controller, exits, signals } = gate();
    signals.onSignal('SIGTERM');
    expect(controller.signal.aborted).toBe(true);
    expect(controller.signal.reason).toBe('SIGTERM');
    expect(exits).toEqual([]);
    expect(signals.probesEnded()).toBe('SIGTERM');
  });

  it.each([
    ['SIGINT', 'SIGINT', 130],
    ['SIGINT', 'SIGTERM', 143],
    ['SIGTERM', 'SIGINT', 130],
  ] as const)('after %s, a second %s exits at once with %i', (first, second, code) => {
    const { exits, signals } = gate();
    signals.onSignal(first);
    signals.onSignal(second);
    expect(exits).toEqual([{ code, signal: second }]);
  });

  it('a signal after every probe ended aborts nothing; a second one still exits', () => {
    const { controller, exits, signals } = gate();
    expect(signals.probesEnded()).toBeNull();
    signals.onSignal('SIGINT');
    expect(controller.signal.aborted).toBe(false);
    expect(exits).toEqual([]);
    signals.onSignal('SIGINT');
    expect(exits).toEqual([{ code: 130, signal: 'SIGINT' }]);
  });
});

const verdict = (status: Verdict['status'], exitCode: Verdict['exitCode']): Verdict => ({
  status,
  exitCode,
  headline: status,
});

describe('runExitCode over several targets', () => {
  it.each([
    [
      'a failure beats an incomplete probe',
      [verdict('incomplete', 11), verdict('failed', 8)],
      false,
      null,
      8,
    ],
    ['the highest failure among several', [verdict('failed', 3), verdict('failed', 8)], false, null, 8],
    ['incomplete beats healthy', [verdict('healthy', 0), verdict('incomplete', 11)], false, null, 11],
    [
      'incomplete beats warnings under --strict',
      [verdict('warning', 0), verdict('incomplete', 11)],
      true,
      null,
      11,
    ],
    ['warnings under --strict give 1', [verdict('warning', 0), verdict('healthy', 0)], true, null, 1],
    [
      'a signal decides, whatever was found',
      [verdict('failed', 8), verdict('interrupted', 130)],
      false,
      130,
      130,
    ],
    ['SIGTERM gives 143', [verdict('interrupted', 143)], false, 143, 143],
    ['all healthy', [verdict('healthy', 0)], false, null, 0],
  ] as const)('%s', (_title, verdicts, strict, signalExit, code) => {
    expect(runExitCode(verdicts, { strict, signalExit })).toBe(code);
  });
});
