import type { Command } from 'commander';
import { describeValue, oneOf } from '../../config/optionValues.js';
import { completionScript } from '../completion/completionScript.js';
import { isShell, SHELLS } from '../options/shells.js';
import { UsageError } from '../usageError.js';

/** runCompletionCommand: `ftp-doctor completion bash|zsh|fish` prints the shell's script. */
export async function runCompletionCommand(shell: string, program: Command): Promise<number> {
  if (!isShell(shell))
    throw new UsageError(`completion: ${describeValue(shell)} is not one of ${oneOf(SHELLS)}`);
  process.stdout.write(completionScript(shell, program));
  return 0;
}
