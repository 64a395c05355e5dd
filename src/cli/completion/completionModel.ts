import type { Command, Option } from 'commander';
import { OPTION_KEYS, type OptionSpec, PROBE_OPTIONS } from '../../config/optionTable.js';
import { DEMO_SCENARIOS } from '../../fakeServer/demoScenarios.js';
import { ALL_REPLY_CODES } from '../../knowledge/reference/replyCodes.js';
import { LANGUAGES } from '../../knowledge/reference/translation.js';
import { SHELLS } from '../options/shells.js';

/** CompletedValue: what follows an option or fills an argument: words of a closed set, a file, or anything. */
export type CompletedValue =
  | { readonly kind: 'words'; readonly words: readonly string[]; readonly commaList: boolean }
  | { readonly kind: 'file' }
  | { readonly kind: 'host' }
  | { readonly kind: 'free' };

export interface CompletedOption {
  /** `-u`, `--user`: every spelling. */
  readonly names: readonly string[];
  readonly description: string;
  /** null for a switch; for an optional value (`--scan-range [range]`) the value is not completed. */
  readonly value: CompletedValue | null;
}

export interface CompletedCommand {
  readonly name: string;
  readonly description: string;
  readonly options: readonly CompletedOption[];
  readonly argument: CompletedValue;
  /** How many arguments it takes; null for any number. */
  readonly argumentCount: number | null;
}

/** CompletionModel: what every shell's script completes, read from the program itself. */
export interface CompletionModel {
  readonly commands: readonly CompletedCommand[];
  /** The command that runs when the first word is not a command name. */
  readonly defaultCommand: string;
}

const FREE: CompletedValue = { kind: 'free' };
const words = (list: readonly (string | number)[]): CompletedValue => ({
  kind: 'words',
  words: list.map(String),
  commaList: false,
});

/** ARGUMENTS: what each command's arguments are, where it is a closed set. */
const ARGUMENTS: Readonly<Record<string, CompletedValue>> = {
  probe: { kind: 'host' },
  explain: words(ALL_REPLY_CODES),
  compare: words(ALL_REPLY_CODES),
  demo: words(Object.keys(DEMO_SCENARIOS)),
  completion: words(SHELLS),
};

/**
 * completionModel reads the commands and options from the commander program (itself built from
 * the option table), and the value sets from the table: a command or option added to either
 * appears in every shell's completion without further edits.
 */
export function completionModel(program: Command): CompletionModel {
  const commands = program.commands
    .filter((command) => command.name() !== 'help')
    .map(
      (command): CompletedCommand => ({
        name: command.name(),
        description: command.description(),
        options: command.options.filter((option) => !option.hidden).map(completedOption),
        argument: ARGUMENTS[command.name()] ?? FREE,
        argumentCount: command.registeredArguments.some((argument) => argument.variadic)
          ? null
          : command.registeredArguments.length,
      }),
    );
  return { commands, defaultCommand: 'probe' };
}

/** OTHER_VALUES: closed sets of options that are not probe options (explain's and compare's --lang). */
const OTHER_VALUES: Readonly<Record<string, CompletedValue>> = { '--lang': words(LANGUAGES) };

function completedOption(option: Option): CompletedOption {
  const names = [option.short, option.long].filter((name): name is string => name !== undefined);
  const spec = tableRow(option);
  const value = spec === null ? (OTHER_VALUES[option.long ?? ''] ?? FREE) : valueSet(spec);
  return {
    names,
    description: shortDescription(spec?.help ?? option.description),
    value: option.required ? value : null,
  };
}

function tableRow(option: Option): OptionSpec | null {
  const long = option.long?.replace(/^--(no-)?/, '');
  const key = OPTION_KEYS.find((candidate) => PROBE_OPTIONS[candidate].long === long);
  return key === undefined ? null : PROBE_OPTIONS[key];
}

function valueSet(spec: OptionSpec): CompletedValue {
  switch (spec.kind) {
    case 'choice':
      return words(spec.choices);
    case 'choiceList':
      return { kind: 'words', words: spec.choices, commaList: true };
    case 'text':
      return spec.path ? { kind: 'file' } : FREE;
    default:
      return FREE;
  }
}

/** shortDescription: the help text up to its first parenthesis or sentence end, for a menu. */
function shortDescription(help: string): string {
  return help.split(/ \(|\. |; /)[0]!.trim();
}
