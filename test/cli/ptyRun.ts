import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CLI_PATH } from '../support/runCli.js';

const SCRIPT = '/usr/bin/script';

/** scriptSkipReason: why a pty test cannot run here; under CI=true a missing `script` fails. */
export function scriptSkipReason(): string | null {
  if (existsSync(SCRIPT)) return null;
  if (process.env.CI === 'true') throw new Error(`CI=true but ${SCRIPT} (util-linux) is missing`);
  return `${SCRIPT} is missing`;
}

function shellQuote(arg: string): string {
  return `'${arg.replaceAll("'", "'\\''")}'`;
}

export interface PtyRun {
  readonly code: number | null;
  /** stdout and stderr together, as a terminal shows them. */
  readonly output: string;
  /** The output without colour codes (SGR), for reading the text. */
  readonly text: string;
}

/** PtyAnswer: keys to type once the terminal shows `when` (`\r` is Enter, `\u0003` Ctrl-C). */
export interface PtyAnswer {
  readonly when: string;
  readonly type: string;
}

/**
 * runInPty runs the CLI on a pseudo-terminal made by util-linux `script`, the way an interactive
 * user runs it. `columns` null leaves the pty without a size (0 columns), as `script` does when it
 * has no terminal itself. `ctrlC` types Ctrl-C once the output contains that text; `answers` type
 * other keys the same way, each once, in order.
 */
export function runInPty(
  args: readonly string[],
  options: {
    env?: NodeJS.ProcessEnv;
    columns?: number | null;
    ctrlC?: string;
    answers?: readonly PtyAnswer[];
  } = {},
): Promise<PtyRun> {
  const columns = options.columns === undefined ? 100 : options.columns;
  const size = columns === null ? '' : `stty cols ${columns} rows 40; `;
  const command = `${size}exec ${[process.execPath, CLI_PATH, ...args].map(shellQuote).join(' ')}`;
  const answers = [
    ...(options.answers ?? []),
    ...(options.ctrlC === undefined ? [] : [{ when: options.ctrlC, type: '\u0003' }]),
  ];
  return new Promise((resolve) => {
    const child = spawn(SCRIPT, ['-qfec', command, '/dev/null'], {
      env: {
        ...process.env,
        CI: undefined,
        NO_COLOR: undefined,
        FORCE_COLOR: undefined,
        TERM: 'xterm',
        ...options.env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    let answered = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      // A runaway spinner writes without end; stop reading (and the run) past 1 MiB.
      if (output.length > 1 << 20) {
        child.kill('SIGKILL');
        return;
      }
      output += chunk.toString('utf8');
      const next = answers[answered];
      if (next !== undefined && output.includes(next.when)) {
        answered++;
        // The pty's line discipline delivers these keys to the program in the foreground (Ctrl-C
        // as SIGINT unless the program has put the terminal in raw mode).
        child.stdin.write(next.type);
      }
    });
    child.stderr.resume();
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, text: output.replace(/\u001b\[[0-9;]*m/g, '') });
    });
  });
}
