/**
 * EXIT_CODES is the one definition of ftp-doctor's exit codes: the number a script branches on, a
 * stable name, the few words reports print after the number, and the sentence the documentation
 * gives. The verdict rules, the CLI, every renderer, the fault matrix and docs/exit-codes.md are
 * generated from it or checked against it (see docs/architecture.md, "Exit codes").
 */
export const EXIT_CODES = [
  {
    code: 0,
    name: 'healthy',
    label: 'healthy',
    meaning: 'healthy (warnings may be printed; `--strict` turns them into 1)',
  },
  { code: 1, name: 'strictWarnings', label: 'warnings (strict)', meaning: 'warnings with `--strict`' },
  { code: 2, name: 'usage', label: 'usage error', meaning: 'usage error (bad arguments, bad target)' },
  {
    code: 3,
    name: 'unreachable',
    label: 'cannot reach the control port',
    meaning: 'cannot reach the control port (DNS, refused, timeout, unreachable)',
  },
  {
    code: 4,
    name: 'notReady',
    label: 'server not ready',
    meaning: 'server not ready (no or bad banner, 421, 120 past the deadline)',
  },
  {
    code: 5,
    name: 'tls',
    label: 'TLS failure',
    meaning: 'TLS failure (handshake, untrusted certificate, TLS required but not possible)',
  },
  { code: 6, name: 'login', label: 'login failed', meaning: 'login failed' },
  {
    code: 7,
    name: 'noPassive',
    label: 'no passive mode works',
    meaning: 'no passive mode works (EPSV and PASV both refused)',
  },
  {
    code: 8,
    name: 'dataConnection',
    label: 'data connection failed',
    meaning: 'data connection failed (port closed / filtered / unreachable / wrong address)',
  },
  {
    code: 9,
    name: 'transfer',
    label: 'transfer failed',
    meaning: 'transfer failed after the data connection opened',
  },
  {
    code: 10,
    name: 'internal',
    label: 'internal error',
    meaning: 'internal error (a bug: please report it)',
  },
  {
    code: 11,
    name: 'incomplete',
    label: 'incomplete',
    meaning: 'incomplete: `--deadline` stopped the probe before any failure was established',
  },
  {
    code: 130,
    name: 'interruptedBySigint',
    label: 'interrupted (SIGINT)',
    meaning: 'interrupted by Ctrl-C (SIGINT); what was found so far is printed',
  },
  {
    code: 143,
    name: 'interruptedBySigterm',
    label: 'interrupted (SIGTERM)',
    meaning: 'interrupted by SIGTERM; what was found so far is printed',
  },
] as const;

type ExitCodeRow = (typeof EXIT_CODES)[number];
export type ExitCodeName = ExitCodeRow['name'];
export type ExitCode = ExitCodeRow['code'];

/** EXIT maps each name to its number: `EXIT.dataConnection` is 8. */
export const EXIT = Object.fromEntries(EXIT_CODES.map((row) => [row.name, row.code])) as {
  readonly [R in ExitCodeRow as R['name']]: R['code'];
};

/** exitCodeLabel names what an exit code means in a few words, e.g. 8 → 'data connection failed'. */
export function exitCodeLabel(code: number): string {
  return EXIT_CODES.find((row) => row.code === code)?.label ?? 'unknown exit code';
}

/** NAGIOS_STATES: the monitoring-plugins convention that `--format nagios` exits with. */
export const NAGIOS_STATES = [
  { code: 0, state: 'OK', when: 'every target healthy, within `--warning`' },
  { code: 1, state: 'WARNING', when: 'a target with warnings, or slower than `--warning`' },
  { code: 2, state: 'CRITICAL', when: 'a target failed (any code 3–9 above), or slower than `--critical`' },
  {
    code: 3,
    state: 'UNKNOWN',
    when: 'the check could not run or did not finish: a usage error, an internal error, an interruption or an incomplete probe',
  },
] as const;
