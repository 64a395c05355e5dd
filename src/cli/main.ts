import { parseQuickCommand, type QuickCommand } from './quickCommand.js';
import { reportError } from './reportError.js';
import { toolVersion } from './version.js';

/**
 * main is the CLI's entry point. `--version` and plain `explain`/`compare` lines run directly,
 * so they start about as fast as node itself (measured with npm run bench); every other command line, including
 * help and usage errors, goes through the commander program, loaded only then.
 */
export async function main(argv: readonly string[]): Promise<void> {
  // `ftp-doctor demo | head` closes the pipe early: that is the reader's choice, not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  const quick = parseQuickCommand(argv.slice(2));
  if (quick === null) {
    const { runProgram } = await import('./program.js');
    await runProgram(argv);
    return;
  }
  try {
    process.exitCode = await runQuickCommand(quick);
  } catch (error) {
    process.exitCode = reportError(error);
  }
}

async function runQuickCommand(quick: QuickCommand): Promise<number> {
  if (quick.kind === 'version') {
    process.stdout.write(`${toolVersion()}\n`);
    return 0;
  }
  const { runCompareCommand, runExplainCommand } = await import('./commands/explainCommand.js');
  const flags = {
    json: quick.json,
    color: quick.color,
    ...(quick.lang === undefined ? {} : { lang: quick.lang }),
  };
  if (quick.kind === 'explain') return runExplainCommand(quick.codes, flags);
  const [a, b] = quick.codes as [string, string];
  return runCompareCommand(a, b, flags);
}
