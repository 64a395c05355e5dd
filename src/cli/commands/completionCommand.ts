import type { Command } from 'commander';
import { describeValue, oneOf } from '../../config/optionValues.js';
import { bashCompletion } from '../completion/bashCompletion.js';
import { completionModel } from '../completion/completionModel.js';
import { fishCompletion } from '../completion/fishCompletion.js';
import { zshCompletion } from '../completion/zshCompletion.js';
import { isShell, SHELLS, type Shell } from '../options/shells.js';
import { UsageError } from '../usageError.js';

/** runCompletionCommand: `ftp-doctor completion bash|zsh|fish` prints the shell's script. */
export async function runCompletionCommand(shell: string, program: Command): Promise<number> {
  if (!isShell(shell))
    throw new UsageError(`completion: ${describeValue(shell)} is not one of ${oneOf(SHELLS)}`);
  process.stdout.write(completionScript(shell, program));
  return 0;
}

const WRITERS = { bash: bashCompletion, zsh: zshCompletion, fish: fishCompletion } as const;

/** completionScript: the completion script for one shell, generated from the program. */
function completionScript(shell: Shell, program: Command): string {
  return WRITERS[shell](completionModel(program));
}
