import { oneOf } from '../../config/optionValues.js';
import { completionScript } from '../options/completionScript.js';
import { isShell, SHELLS } from '../options/shells.js';
import { UsageError } from '../usageError.js';

/** runCompletionCommand: `ftp-doctor completion bash|zsh|fish` prints the shell's script. */
export async function runCompletionCommand(shell: string): Promise<number> {
  if (!isShell(shell))
    throw new UsageError(`completion: unknown shell "${shell.slice(0, 40)}"; valid: ${oneOf(SHELLS)}`);
  process.stdout.write(await completionScript(shell));
  return 0;
}
