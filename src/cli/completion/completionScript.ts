import type { Command } from 'commander';
import type { Shell } from '../options/shells.js';
import { bashCompletion } from './bashCompletion.js';
import { completionModel } from './completionModel.js';
import { fishCompletion } from './fishCompletion.js';
import { zshCompletion } from './zshCompletion.js';

const WRITERS = { bash: bashCompletion, zsh: zshCompletion, fish: fishCompletion } as const;

/** completionScript: the completion script for one shell, generated from the program. */
export function completionScript(shell: Shell, program: Command): string {
  return WRITERS[shell](completionModel(program));
}
