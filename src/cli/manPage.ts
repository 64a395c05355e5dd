import type { Command } from 'commander';
import {
  flagName,
  OPTION_GROUPS,
  OPTION_KEYS,
  type OptionSpec,
  PROBE_OPTIONS,
} from '../config/optionTable.js';
import { EXIT_CODES } from '../knowledge/exitCodes.js';
import { optionHelp } from './options/commanderOptions.js';
import { PASSWORD_RULES } from './options/passwordRules.js';

/**
 * manPage writes ftp-doctor(1) in roff (man(7) macros) from the commander program and the option
 * table, so the page lists exactly the commands and options the CLI accepts. scripts/build.mjs
 * writes it to dist/man/ftp-doctor.1 at build time.
 */
export function manPage(program: Command, version: string): string {
  const commands = program.commands.filter((command) => command.name() !== 'help');
  return [
    `.TH FTP-DOCTOR 1 "" "ftp-doctor ${roff(version)}" "User Commands"`,
    '.SH NAME',
    `ftp-doctor \\- ${roff(lowerFirst(program.description()))}`,
    '.SH SYNOPSIS',
    ...commands.map((command) => synopsis(command)),
    '.SH DESCRIPTION',
    paragraph(
      'ftp-doctor connects to an FTP or FTPS server the way a client does (greeting, TLS, login, EPSV and PASV, a test connection to the data port, a small listing), says which step breaks and why, quotes the reply that proves it, and prints the fix for the server and the firewall in front of it. The probe is the default command: a first word that is not a command is a target.',
    ),
    '.SH COMMANDS',
    ...commands.flatMap((command) => ['.TP', `.B ${roff(command.name())}`, roff(command.description())]),
    '.SH OPTIONS',
    'Options of the probe (the default command). A duration is a number with ms, s or m; a bare number means seconds.',
    ...Object.entries(OPTION_GROUPS).flatMap(([group, heading]) => [
      `.SS ${roff(heading)}`,
      ...OPTION_KEYS.filter((key) => PROBE_OPTIONS[key].group === group).flatMap((key) =>
        optionItem(PROBE_OPTIONS[key]),
      ),
    ]),
    '.SH PASSWORDS',
    paragraph(`${PASSWORD_RULES} The password is never printed and never stored in a report.`),
    '.SH EXIT STATUS',
    ...EXIT_CODES.flatMap((row) => ['.TP', `.B ${row.code}`, roff(row.meaning.replaceAll('`', ''))]),
    '.SH ENVIRONMENT',
    ...definitionList([
      ['FTP_PASSWORD', 'the password for the user named with -u or in the URL'],
      ['NO_COLOR', 'no colours in the human report'],
      ['GITHUB_STEP_SUMMARY', 'with --format github, the job summary is appended to this file'],
      ['XDG_CONFIG_HOME', 'where the default config file is looked for (default: ~/.config)'],
    ]),
    '.SH FILES',
    ...definitionList([
      ['~/.netrc', 'user names and passwords, read with --netrc (see netrc(5))'],
      [
        '~/.config/ftp-doctor/config.yml',
        'named profiles of probe options (YAML, under "modules"), used with --profile NAME; the profile "default" applies when no --profile is given. Passwords only by reference: password_file, password_env or netrc. The same file configures ftp-doctor serve.',
      ],
    ]),
    '.SH EXAMPLES',
    ...example('ftp-doctor ftp.example.com', 'probe with anonymous login, TLS when offered'),
    ...example('ftp-doctor -u alice ftpes://ftp.example.com', 'explicit FTPS; asks for the password'),
    ...example('ftp-doctor host:2121 --format junit -o report.xml', 'a report for CI'),
    ...example('ftp-doctor --profile partner ftp.partner.example', 'the options of one config profile'),
    ...example('ftp-doctor explain 425', 'what a reply code means, offline'),
    ...example('source <(ftp-doctor completion bash)', 'tab completion in bash'),
    '.SH SEE ALSO',
    '.BR curl (1),',
    '.BR lftp (1),',
    '.BR netrc (5)',
    '',
  ].join('\n');
}

function synopsis(command: Command): string {
  const name = command.name();
  const args = command.registeredArguments
    .map((argument) => {
      const text = `\\fI${roff(argument.name())}\\fR${argument.variadic ? '...' : ''}`;
      return argument.required ? text : `[${text}]`;
    })
    .join(' ');
  const commandWord = name === 'probe' ? '[\\fBprobe\\fR]' : `\\fB${roff(name)}\\fR`;
  return ['.br', `\\fBftp-doctor\\fR ${commandWord} ${args} [\\fIoptions\\fR]`.replace(/ +/g, ' ')].join(
    '\n',
  );
}

function optionItem(spec: OptionSpec): string[] {
  const short = spec.short === undefined ? '' : `\\fB\\-${roff(spec.short)}\\fR, `;
  const value =
    spec.kind === 'flag' || spec.kind === 'level'
      ? ''
      : spec.kind === 'portRange'
        ? ` [\\fI${spec.valueName}\\fR]`
        : ` \\fI${roff(spec.valueName)}\\fR`;
  return ['.TP', `${short}\\fB${roff(flagName(spec))}\\fR${value}`, roff(optionHelp(spec))];
}

function definitionList(entries: readonly (readonly [string, string])[]): string[] {
  return entries.flatMap(([term, text]) => ['.TP', `.B ${roff(term)}`, roff(text)]);
}

function example(command: string, text: string): string[] {
  return ['.TP', `.B ${roff(command)}`, roff(text)];
}

function paragraph(text: string): string {
  return ['.PP', roff(text)].join('\n');
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1).replace(/\.$/, '');
}

/**
 * roff escapes text for a roff line: backslashes, hyphens (a plain "-" may print as a hyphen, not
 * the minus a shell needs: groff_man(7)), and a leading dot or quote (a control line otherwise).
 */
function roff(text: string): string {
  return text.replaceAll('\\', '\\e').replaceAll('-', '\\-').replace(/^[.']/, '\\&$&');
}
