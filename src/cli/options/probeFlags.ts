import { type CheckedFlags, checkFlags } from '../probeOptions.js';
import { readOptionValues } from './readOptionValues.js';

/** probeFlagsFrom: the probe command's checked flags from commander's parse of the command line. */
export async function probeFlagsFrom(commandLine: Readonly<Record<string, unknown>>): Promise<CheckedFlags> {
  return checkFlags(readOptionValues(commandLine, null));
}
