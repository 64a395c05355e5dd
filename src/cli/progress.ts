import type { AnyStepRecord, StepName } from '../probe/types.js';

/** Progress shows what the probe is doing while it runs; it writes to stderr only. */
export interface Progress {
  start(target: string): void;
  step(target: string, name: StepName): void;
  stepDone(target: string, record: AnyStepRecord): void;
  done(target: string, line: string): void;
  stop(): void;
}

const silent: Progress = { start() {}, step() {}, stepDone() {}, done() {}, stop() {} };

/**
 * createProgress: an ora spinner on an interactive terminal, plain lines elsewhere (CI logs stay
 * readable), nothing with --quiet. ora is loaded only when a spinner will really spin.
 */
export async function createProgress(mode: 'spinner' | 'lines' | 'silent'): Promise<Progress> {
  if (mode === 'silent') return silent;
  if (mode === 'lines') {
    return {
      start: (target) => process.stderr.write(`ftp-doctor: probing ${target}\n`),
      step() {},
      stepDone() {},
      done: (target, line) => process.stderr.write(`ftp-doctor: ${target}: ${line}\n`),
      stop() {},
    };
  }
  const { default: ora } = await import('ora');
  const spinner = ora({ stream: process.stderr, discardStdin: false });
  const active = new Map<string, string>();
  const render = () => {
    spinner.text = [...active.entries()].map(([t, s]) => `${t}: ${s}`).join('  ·  ');
  };
  return {
    start(target) {
      active.set(target, 'starting');
      render();
      if (!spinner.isSpinning) spinner.start();
    },
    step(target, name) {
      active.set(target, name);
      render();
    },
    stepDone() {},
    done(target) {
      active.delete(target);
      if (active.size === 0) spinner.stop();
      else render();
    },
    stop() {
      spinner.stop();
    },
  };
}

/**
 * progressMode picks how to show progress for this run: a spinner only on an interactive
 * terminal, which rules out CI, TERM=dumb, and a pseudo-terminal that reports zero columns (a
 * pty opened without a size, as `script` and some CI runners do): ora divides by the width and
 * would clear an infinite number of lines there.
 */
export function progressMode(options: { quiet: boolean; format: string }): 'spinner' | 'lines' | 'silent' {
  if (options.quiet) return 'silent';
  const ci = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';
  const interactive =
    process.stderr.isTTY === true && process.env.TERM !== 'dumb' && (process.stderr.columns ?? 0) > 0;
  if (interactive && !ci) return 'spinner';
  return 'lines';
}
