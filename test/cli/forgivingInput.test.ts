import { describe, expect, it } from 'vitest';
import { flagName, OPTION_GROUPS, OPTION_KEYS, PROBE_OPTIONS } from '../../src/config/optionTable.js';
import { FORMAT_NAMES } from '../../src/report/formats/registry.js';
import { looksLikeStackTrace, runCli } from '../support/runCli.js';

/** usageError: exit 2, nothing on stdout, one message line and the hint, no stack. */
async function usageError(args: readonly string[]): Promise<string> {
  const run = await runCli(args, { timeoutMs: 10_000 });
  expect(run.code, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  expect(looksLikeStackTrace(run.stderr)).toBe(false);
  const [message, hint, ...rest] = run.stderr.trimEnd().split('\n');
  expect(hint).toBe("Try 'ftp-doctor --help'.");
  expect(rest).toEqual([]);
  return message!;
}

describe('input that forgives (no network: every case fails before connecting)', () => {
  it.each([
    [['exlpain', '425'], 'explain'],
    [['comapre', '425', '426'], 'compare'],
    [['dmeo'], 'demo'],
    [['compleiton', 'bash'], 'completion'],
  ])('%j → did you mean %s?', async (args, command) => {
    const message = await usageError(args);
    expect(message).toContain(`did you mean ${command}?`);
    expect(message).not.toMatch(/IPv4/);
  });

  it('"ftp-doctor probe exlpain …" reads exlpain as a host, as asked (no suggestion then)', async () => {
    // The second target is invalid, so the run stops before resolving anything.
    const message = await usageError(['probe', 'exlpain', '425']);
    expect(message).not.toContain('did you mean');
    expect(message).toMatch(/^ftp-doctor: bad target "425"/);
  });

  it('::1:9 names both readings; ::1:65000 suggests the bracketed form', async () => {
    expect(await usageError(['::1:9'])).toMatch(/"::1:9" is ambiguous: did you mean \[::1\]:9 .*\[::1:9\]/);
    expect(await usageError(['::1:65000'])).toMatch(/did you mean \[::1\]:65000\?/);
  });

  it.each([
    [['h', '--tls', 'maybe'], '--tls: "maybe" is not one of auto, explicit, implicit, off'],
    [['h', '--format', 'x'], `--format: "x" is not one of ${FORMAT_NAMES.join(', ')}`],
    [['h', '--fix-for', 'bogus'], '--fix-for: unknown value "bogus"; valid: vsftpd,'],
    [['completion', 'tcsh'], 'completion: "tcsh" is not one of bash, zsh, fish'],
  ])('closed sets list their values: %j', async (args, expected) => {
    expect(await usageError(args)).toContain(expected);
  });

  it('a 100,000-byte argument is shortened in the message, wherever it lands', async () => {
    const huge = 'a'.repeat(100_000);
    for (const args of [[huge], ['h', '--tls', huge], [`--${huge}`], ['h', '--connect-timeout', huge]]) {
      const message = await usageError(args);
      expect(message.length, message.slice(0, 200)).toBeLessThan(300);
      expect(message).toMatch(/\(1000\d\d characters\)/);
    }
  });

  it('ftp-doctor --help shows every probe option, by group', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const heading of Object.values(OPTION_GROUPS)) expect(run.stdout).toContain(`\n${heading}:\n`);
    for (const key of OPTION_KEYS) expect(run.stdout).toContain(flagName(PROBE_OPTIONS[key]));
  });

  it('ftp-doctor probe --help says where a password comes from', async () => {
    const run = await runCli(['probe', '--help']);
    const text = run.stdout.replace(/\s+/g, ' ');
    for (const way of ['FTP_PASSWORD', '--password-stdin', '--netrc', 'asks for it on the terminal']) {
      expect(text).toContain(way);
    }
  });
});
