import { Command, CommanderError } from 'commander';
import { OPTION_GROUPS } from '../config/optionTable.js';
import { describeValue, oneOf, shortenLongWords } from '../config/optionValues.js';
import { EXIT, NAGIOS_STATES } from '../knowledge/exitCodes.js';
import { LANGUAGES } from '../knowledge/reference/translation.js';
import { addProbeOptions } from './options/commanderOptions.js';
import { suggestCommand } from './options/commandSuggestion.js';
import { PASSWORD_RULES, wrapWords } from './options/passwordRules.js';
import { SHELLS } from './options/shells.js';
import { reportError } from './reportError.js';
import { translatedUsageError } from './translatedUsageError.js';
import { UsageError } from './usageError.js';
import { toolVersion } from './version.js';

/**
 * runProgram wires the commands with commander. Each command's module is loaded only when it
 * runs, so `explain` never loads the probe, the fake server or the spinner. The simplest
 * command lines do not come here at all (see quickCommand.ts).
 */
export async function runProgram(argv: readonly string[]): Promise<void> {
  const program = buildProgram();
  try {
    checkFirstWord(program, argv[2]);
    await program.parseAsync(argv as string[]);
  } catch (error) {
    const code = (await translatedUsageError(argv, error)) ?? handleError(error);
    process.exitCode = asksForNagios(argv) ? nagiosUnknown(code, error) : code;
  }
}

/**
 * checkFirstWord: a first word one typo away from a command (`exlpain 425`) would otherwise be
 * probed as a host name; say which command it resembles, and how to probe such a host anyway.
 */
function checkFirstWord(program: Command, word: string | undefined): void {
  if (word === undefined || word.startsWith('-')) return;
  // commander adds its `help` command only while parsing, so it is named here.
  const suggestion = suggestCommand(word, [...program.commands.map((command) => command.name()), 'help']);
  if (suggestion === null) return;
  throw new UsageError(
    `unknown command ${describeValue(word)}; did you mean ${suggestion}? ` +
      `(to probe a host of that name: ftp-doctor probe ${describeValue(word, 40).replace(/^"|"$/g, '')})`,
  );
}

/**
 * renderManPage: ftp-doctor(1) from the same program the CLI runs; scripts/build.mjs calls it
 * on the built bundle and ships the page in dist/man.
 */
export async function renderManPage(): Promise<string> {
  const { manPage } = await import('./manPage.js');
  return manPage(buildProgram(), toolVersion());
}

/** NAGIOS_UNKNOWN: the monitoring-plugins state for "the check itself could not run". */
const NAGIOS_UNKNOWN = NAGIOS_STATES.find((row) => row.state === 'UNKNOWN')!.code;

/** asksForNagios: `--format nagios` (or `--format=nagios`) anywhere on the command line. */
function asksForNagios(argv: readonly string[]): boolean {
  return argv.some(
    (arg, index) => arg === '--format=nagios' || (arg === '--format' && argv[index + 1] === 'nagios'),
  );
}

/**
 * nagiosUnknown: under --format nagios a usage error or a bug must not read as CRITICAL (2), the
 * state of a broken server; monitoring-plugins report a check that cannot run as UNKNOWN, with a
 * status line on stdout. The error itself is on stderr as usual.
 */
function nagiosUnknown(code: number, error: unknown): number {
  if (code === 0) return code;
  const reason =
    code === EXIT.usage && error instanceof Error
      ? `usage error: ${shortenLongWords(error.message.replace(/^error: /, ''))}`
      : 'internal error (a bug, see stderr)';
  // One line, and no `|`: the rest of the line would be read as performance data.
  const line = reason.replace(/[\r\n|]+/g, ' ').slice(0, 300);
  process.stdout.write(`FTP UNKNOWN - ftp-doctor could not run the check: ${line}\n`);
  return NAGIOS_UNKNOWN;
}

/** quietErrors: commander reports through handleError only, in one format. */
function quietErrors(command: Command): Command {
  return command.exitOverride().configureOutput({ outputError: () => {} });
}

/** DEMO_OUTPUT_OPTIONS: the probe's output options, which the demo takes as they are. */
const DEMO_OUTPUT_OPTIONS = ['format', 'json', 'output', 'fixFor', 'quiet', 'verbose', 'color'] as const;

function buildProgram(): Command {
  const program = new Command('ftp-doctor')
    .description('Diagnose FTP and FTPS servers, and explain FTP reply codes.')
    .usage(
      '[probe] <target...> [options]  |  explain <code...>  |  compare <code> <other-code>  |  demo  |  serve  |  completion <shell>',
    )
    .version(toolVersion(), '-V, --version')
    .showSuggestionAfterError(true);
  quietErrors(program);
  const probe = addProbeCommand(program);
  program.addHelpText('after', () => [...EXAMPLES, '', ...probeOptionsHelp(probe)].join('\n'));
  addExplainCommands(program);
  addDemoCommand(program);
  addCompletionCommand(program);
  addServeCommand(program);
  return program;
}

/** addProbeCommand: the default command, with every probe option. */
function addProbeCommand(program: Command): Command {
  const probe = program
    .command('probe', { isDefault: true })
    .description('probe one or more FTP servers (the default command)')
    .argument(
      '[target...]',
      'host, host:port, [v6addr]:port, ftp://user@host:port/path, ftps://host, ftpes://host',
    )
    .addHelpText('after', PASSWORD_HELP)
    .action(async (targets: string[], _options: unknown, command: Command) => {
      const { probeFlagsFrom } = await import('./options/probeFlags.js');
      const flags = await probeFlagsFrom(command.opts());
      const { runProbeCommand } = await import('./commands/probeCommand.js');
      process.exitCode = await runProbeCommand(targets, flags);
    });
  return quietErrors(addProbeOptions(probe));
}

/** addExplainCommands: `explain` and `compare`, the offline reference. */
function addExplainCommands(program: Command): void {
  quietErrors(
    program
      .command('explain')
      .description('explain FTP reply codes, offline')
      .argument('<code...>', 'three-digit reply codes, e.g. 229 530')
      .option('--json', 'print JSON')
      .option('--no-color', 'no colours')
      .option('--lang <language>', LANG_HELP)
      .action(async (codes: string[], options: { json?: boolean; color: boolean; lang?: string }) => {
        const { runExplainCommand } = await import('./commands/explainCommand.js');
        process.exitCode = await runExplainCommand(codes, options);
      }),
  );
  quietErrors(
    program
      .command('compare')
      .description('compare two FTP reply codes side by side, offline')
      .argument('<code>', 'first reply code, e.g. 425')
      .argument('<other-code>', 'second reply code, e.g. 426')
      .option('--json', 'print JSON')
      .option('--no-color', 'no colours')
      .option('--lang <language>', LANG_HELP)
      .action(async (a: string, b: string, options: { json?: boolean; color: boolean; lang?: string }) => {
        const { runCompareCommand } = await import('./commands/explainCommand.js');
        process.exitCode = await runCompareCommand(a, b, options);
      }),
  );
}

/** addDemoCommand: the built-in demo servers, with the probe's output options. */
function addDemoCommand(program: Command): void {
  quietErrors(
    addProbeOptions(
      program
        .command('demo')
        .description('probe built-in local demo servers on 127.0.0.1 (no network needed)')
        .argument('[scenario...]', 'scenario names (default: all); see --list'),
      DEMO_OUTPUT_OPTIONS,
    )
      .option('--list', 'list the scenarios')
      .option(
        '--serve <scenario>',
        "keep one scenario's server on 127.0.0.1 for other clients (Ctrl-C stops it)",
      )
      .addHelpText(
        'after',
        '\nExit: 0 when every scenario got its expected verdict, 10 when one did not (a bug), 130/143 when interrupted, 2 for bad options.',
      )
      .action(async (scenarios: string[], options: Record<string, unknown>) => {
        const { runDemoCommand } = await import('./commands/demoCommand.js');
        process.exitCode = await runDemoCommand(scenarios, options);
      }),
  );
}

function addCompletionCommand(program: Command): void {
  quietErrors(
    program
      .command('completion')
      .description(`print a shell completion script (${oneOf(SHELLS)})`)
      .argument('<shell>', oneOf(SHELLS))
      .addHelpText('after', COMPLETION_HELP)
      .action(async (shell: string, _options: unknown, command: Command) => {
        const { runCompletionCommand } = await import('./commands/completionCommand.js');
        process.exitCode = await runCompletionCommand(shell, command.parent ?? program);
      }),
  );
}

/** addServeCommand: the Prometheus exporter. */
function addServeCommand(program: Command): void {
  quietErrors(
    program
      .command('serve')
      .description('run a Prometheus exporter: GET /probe?target=HOST&module=NAME probes one server')
      .option('--listen <address:port>', 'address to listen on', '127.0.0.1:9712')
      .option('--config <file>', 'YAML file with allowed_targets and modules (docs/monitoring.md)')
      .option('--max-in-flight <n>', 'probes running at once; more get HTTP 503', '50')
      .option(
        '--timeout-margin <duration>',
        "taken off Prometheus' scrape timeout for the probe deadline",
        '500ms',
      )
      .action(async (options: Record<string, string | undefined>) => {
        const { runServeCommand } = await import('./commands/serveCommand.js');
        process.exitCode = await runServeCommand(options);
      }),
  );
}

const LANG_HELP = `${LANGUAGES.join(' or ')} (default: from LC_ALL, LC_MESSAGES or LANG, else en)`;

const EXAMPLES = [
  '',
  'Examples:',
  '  ftp-doctor ftp.example.com                  probe with anonymous login, TLS when offered',
  '  ftp-doctor ftpes://alice@ftp.example.com    explicit FTPS (asks for the password, or FTP_PASSWORD)',
  '  ftp-doctor ftp.example.com --samples 10     also learn the passive port range for the fixes',
  '  ftp-doctor host:2121 --format junit -o r.xml   CI report (exit code: see README)',
  '  ftp-doctor explain 425                      what a reply code means, offline',
  '  ftp-doctor compare 425 426                  two codes side by side',
  '  ftp-doctor demo                             broken demo servers on 127.0.0.1',
  '  ftp-doctor --profile partner ftp.example.com   the options of a config profile (see --config)',
  '  ftp-doctor serve --config ftp-doctor.yml     Prometheus exporter (docs/monitoring.md)',
  '  source <(ftp-doctor completion bash)         tab completion (also zsh, fish; man ftp-doctor)',
];

const PASSWORD_HELP = ['', 'Passwords:', ...wrapWords(PASSWORD_RULES, 96, '  ')].join('\n');

const COMPLETION_HELP = [
  '',
  'Install:',
  "  bash  echo 'source <(ftp-doctor completion bash)' >> ~/.bashrc",
  '  zsh   ftp-doctor completion zsh > ~/.zfunc/_ftp-doctor   (with fpath+=(~/.zfunc) in ~/.zshrc)',
  '  fish  ftp-doctor completion fish > ~/.config/fish/completions/ftp-doctor.fish',
].join('\n');

/**
 * probeOptionsHelp: the probe's option groups, so `ftp-doctor --help` shows them where a user
 * looks first; `ftp-doctor probe --help` shows the same with the password rules.
 */
function probeOptionsHelp(probe: Command): string[] {
  const help = probe.helpInformation();
  const firstHeading = `${Object.values(OPTION_GROUPS)[0]}:`;
  const start = help.indexOf(`\n${firstHeading}\n`);
  // The probe's own "Options:" group holds only -h, which the top-level help already shows.
  const end = help.indexOf('\nOptions:\n', start + 1);
  const groups = start < 0 ? '' : help.slice(start + 1, end < 0 ? undefined : end).trimEnd();
  return [
    'Probe options (ftp-doctor [probe] <target...> [options]; password rules: ftp-doctor probe --help):',
    '',
    groups,
  ];
}

function handleError(error: unknown): number {
  if (error instanceof CommanderError) {
    if (
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.code === 'commander.help'
    ) {
      return 0;
    }
    const message = shortenLongWords(error.message.replace(/^error: /, ''));
    process.stderr.write(`ftp-doctor: ${message}\nTry 'ftp-doctor --help'.\n`);
    return EXIT.usage;
  }
  if (error instanceof UsageError)
    return reportError(new UsageError(shortenLongWords(error.message), error.hint));
  return reportError(error);
}
