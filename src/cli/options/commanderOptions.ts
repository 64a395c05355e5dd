import { type Command, Option } from 'commander';
import {
  flagName,
  OPTION_GROUPS,
  OPTION_KEYS,
  type OptionSpec,
  PROBE_OPTIONS,
  type ProbeOptionKey,
} from '../../config/optionTable.js';

/**
 * addProbeOptions declares every row of the option table on a commander command. Commander only
 * splits the command line: values are checked, typed and defaulted by readOptionValues, which
 * does the same for config profiles, so a default shows in the help but is not handed to
 * commander (a flag left unset must stay distinguishable from one set to its default).
 */
export function addProbeOptions(command: Command, keys: readonly ProbeOptionKey[] = OPTION_KEYS): Command {
  for (const key of keys) command.addOption(commanderOption(PROBE_OPTIONS[key]));
  return command;
}

function commanderOption(spec: OptionSpec): Option {
  const short = spec.short === undefined ? '' : `-${spec.short}, `;
  const value =
    spec.kind === 'flag' || spec.kind === 'level'
      ? ''
      : spec.kind === 'portRange'
        ? ` [${spec.valueName}]`
        : ` <${spec.valueName}>`;
  const option = new Option(`${short}${flagName(spec)}${value}`, optionHelp(spec)).helpGroup(
    `${OPTION_GROUPS[spec.group]}:`,
  );
  // -v, -vv: each one counts.
  if (spec.kind === 'level')
    option.argParser((_value: string, previous: number | undefined) => (previous ?? 0) + 1);
  // Each --save adds one more file; commander would otherwise keep only the last.
  if (spec.kind === 'formatFile')
    option.argParser((item: string, previous: string[] | undefined) => [...(previous ?? []), item]);
  return option;
}

/** optionHelp: the help line of one option, with its default, closed set and formats. */
export function optionHelp(spec: OptionSpec): string {
  const notes: string[] = [];
  if (spec.kind === 'choice' || spec.kind === 'choiceList') notes.push(`one of: ${spec.choices.join(', ')}`);
  if (spec.kind === 'formatFile') notes.push(`format one of: ${spec.choices.join(', ')}`);
  if ((spec.kind === 'duration' || spec.kind === 'choice') && spec.default !== undefined)
    notes.push(`default: ${spec.default}`);
  if (spec.kind === 'count') notes.push(`${spec.min}–${spec.max}, default: ${spec.default}`);
  if (spec.formats !== undefined) notes.push(`format ${spec.formats.join(', ')}`);
  return notes.length === 0 ? spec.help : `${spec.help} (${notes.join('; ')})`;
}
