import { Command, CommanderError, Option } from 'commander';
import { EXIT, NAGIOS_STATES } from '../knowledge/exitCodes.js';
import { reportError } from './reportError.js';
import { toolVersion } from './version.js';

/**
 * runProgram wires the commands with commander. Each command's module is loaded only when it
 * runs, so `explain` never loads the probe, the fake server or the spinner. The simplest
 * command lines do not come here at all (see quickCommand.ts).
 */
export async function runProgram(argv: readonly string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[]);
  } catch (error) {
    const code = handleError(error);
    process.exitCode = asksForNagios(argv) ? nagiosUnknown(code, error) : code;
  }
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
      ? `usage error: ${error.message.replace(/^error: /, '')}`
      : 'internal error (a bug, see stderr)';
  // One line, and no `|`: the rest of the line would be read as performance data.
  const line = reason.replace(/[\r\n|]+/g, ' ').slice(0, 300);
  process.stdout.write(`FTP UNKNOWN - ftp-doctor could not run the check: ${line}\n`);
  return NAGIOS_UNKNOWN;
}

function buildProgram(): Command {
  const program = new Command('ftp-doctor')
    .description('Diagnose FTP and FTPS servers, and explain FTP reply codes.')
    .usage('[probe] <target...> [options]  |  explain <code...>  |  compare <a> <b>  |  demo')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  ftp-doctor ftp.example.com                  probe with anonymous login, TLS when offered',
        '  ftp-doctor ftpes://alice@ftp.example.com    explicit FTPS (password from FTP_PASSWORD)',
        '  ftp-doctor ftp.example.com --samples 10     also learn the passive port range for the fixes',
        '  ftp-doctor host:2121 --format junit -o r.xml   CI report (exit code: see README)',
        '  ftp-doctor explain 425                      what a reply code means, offline',
        '  ftp-doctor compare 425 426                  two codes side by side',
        '  ftp-doctor demo                             broken demo servers on 127.0.0.1',
        '',
        "Probe options: 'ftp-doctor probe --help'.",
      ].join('\n'),
    )
    .version(toolVersion(), '-V, --version')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({ outputError: () => {} });

  const probe = program
    .command('probe', { isDefault: true })
    .description('probe one or more FTP servers (the default command)')
    .argument(
      '[target...]',
      'host, host:port, [v6addr]:port, ftp://user@host:port/path, ftps://host, ftpes://host',
    )
    .option('-u, --user <name>', 'user name (default: anonymous)')
    .option('--password-stdin', 'read the password from standard input')
    .option('--netrc', 'take user and password from ~/.netrc')
    .option('--netrc-file <file>', 'take user and password from this netrc file')
    .option('--account <account>', 'account for ACCT, when the server asks for one')
    .addOption(
      new Option(
        '--tls <mode>',
        'TLS mode (default: auto; ftps:// implies implicit, ftpes:// explicit)',
      ).choices(['auto', 'explicit', 'implicit', 'off']),
    )
    .option('--insecure', 'continue past an untrusted certificate (still reported)')
    .option('--ca <file>', 'extra CA certificate(s) to trust, PEM')
    .option('-4, --ipv4', 'use IPv4 addresses only')
    .option('-6, --ipv6', 'use IPv6 addresses only')
    .option('--all-addresses', 'probe every resolved address and compare them')
    .option(
      '--connect-timeout <duration>',
      'control connection timeout (5s, 500ms; bare number = seconds)',
      '5s',
    )
    .option('--reply-timeout <duration>', 'timeout for each server reply', '10s')
    .option('--data-timeout <duration>', 'timeout for data connections and test-connects', '5s')
    .option('--deadline <duration>', 'overall time limit for one target', '60s')
    .option('--samples <n>', 'EPSV/PASV replies to sample (reveals the passive port range)', '1')
    .option('--active', 'also test active mode (EPRT/PORT)')
    .option('--single-connection', 'one control connection only (no parallel PASV test; one login)')
    .option('--trust-pasv-address', 'also connect to the address PASV advertises when it differs')
    .option(
      '--write-test [dir]',
      'upload, read back and delete a temporary file (in DIR, default the login directory)',
    )
    .option(
      '--write-size <bytes>',
      'size of the write-test file (large sizes reveal path-MTU black holes)',
      '4096',
    )
    .option('--write-test-anonymous', 'allow the write test for an anonymous login')
    .option(
      '--compare-plain',
      'after TLS, log in once more without TLS to compare PASV (finds FTP-rewriting routers)',
    )
    .addOption(new Option('--tls-version <version>', 'offer only this TLS version').choices(['1.2', '1.3']))
    .option('--repeat <n>', 'run N complete sessions and compare them (intermittent failures)', '1')
    .option('--interval <duration>', 'pause between repeated sessions', '1s')
    .option(
      '--scan-range [range]',
      'map the passive range (LO-HI, or inferred from samples) as reachable/filtered',
    )
    .option('--json', 'print the JSON report (same as --format json)')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['human', 'json', 'junit', 'github', 'nagios', 'prometheus', 'html'])
        .default('human'),
    )
    .option('-o, --output <file>', 'also write the chosen format to this file')
    .option(
      '--save <format=file>',
      'also write the report in another format, e.g. json=report.json (repeatable)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('--fix-for <dialects>', 'fix dialects to print, comma-separated (e.g. vsftpd,nftables; "all")')
    .option('--targets-file <file>', 'read targets from a file, one per line (# comments)')
    .option('--concurrency <n>', 'targets probed at once', '4')
    .option('--warning <duration>', 'nagios: total time that makes a WARNING')
    .option('--critical <duration>', 'nagios: total time that makes a CRITICAL')
    .option('--strict', 'exit 1 when there are warnings')
    .option('-q, --quiet', 'print only the verdict line')
    .option('-v, --verbose', 'print the control-channel transcript (password masked)')
    .option('--timeline', 'draw a timeline of the steps and connections under the step list')
    .option('--ascii', 'ASCII characters only in charts (also when TERM=dumb)')
    .option('--no-color', 'no colours')
    .action(async (targets: string[], options: Record<string, unknown>) => {
      const { runProbeCommand } = await import('./commands/probeCommand.js');
      process.exitCode = await runProbeCommand(targets, options);
    });
  probe.exitOverride().configureOutput({ outputError: () => {} });

  program
    .command('explain')
    .description('explain FTP reply codes, offline')
    .argument('<code...>', 'three-digit reply codes, e.g. 229 530')
    .option('--json', 'print JSON')
    .option('--no-color', 'no colours')
    .option('--lang <language>', 'en or fr (default: from LC_ALL, LC_MESSAGES or LANG, else en)')
    .action(async (codes: string[], options: { json?: boolean; color: boolean; lang?: string }) => {
      const { runExplainCommand } = await import('./commands/explainCommand.js');
      process.exitCode = await runExplainCommand(codes, options);
    })
    .exitOverride()
    .configureOutput({ outputError: () => {} });

  program
    .command('compare')
    .description('compare two FTP reply codes side by side, offline')
    .argument('<a>', 'first code')
    .argument('<b>', 'second code')
    .option('--json', 'print JSON')
    .option('--no-color', 'no colours')
    .option('--lang <language>', 'en or fr (default: from LC_ALL, LC_MESSAGES or LANG, else en)')
    .action(async (a: string, b: string, options: { json?: boolean; color: boolean; lang?: string }) => {
      const { runCompareCommand } = await import('./commands/explainCommand.js');
      process.exitCode = await runCompareCommand(a, b, options);
    })
    .exitOverride()
    .configureOutput({ outputError: () => {} });

  program
    .command('demo')
    .description('probe built-in local demo servers on 127.0.0.1 (no network needed)')
    .argument('[scenario...]', 'scenario names (default: all); see --list')
    .option('--list', 'list the scenarios')
    .option('--json', 'print the JSON report')
    .option('-v, --verbose', 'print transcripts')
    .option('--no-color', 'no colours')
    .action(async (scenarios: string[], options: Record<string, unknown>) => {
      const { runDemoCommand } = await import('./commands/demoCommand.js');
      process.exitCode = await runDemoCommand(scenarios, options);
    })
    .exitOverride()
    .configureOutput({ outputError: () => {} });

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
    })
    .exitOverride()
    .configureOutput({ outputError: () => {} });

  return program;
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
    const message = error.message.replace(/^error: /, '');
    process.stderr.write(`ftp-doctor: ${message}\nTry 'ftp-doctor --help'.\n`);
    return EXIT.usage;
  }
  return reportError(error);
}
