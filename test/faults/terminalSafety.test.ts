import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeFtpServer, startFakeFtpServer } from '../../src/fakeServer/fakeFtpServer.js';
import { type CliRun, looksLikeStackTrace, runCli } from '../support/runCli.js';
import { HOSTILE } from './faultTable.js';
import { unsafeTerminalChars } from './terminalText.js';

// Server text is untrusted. A server puts escape sequences, bidi
// overrides, NUL and backspaces into its banner, its SYST reply, its 530 text and its listing,
// and adds lines that look like CI workflow commands or Nagios performance data. Every output
// format must carry that text without letting it act.

/** Server text that also tries to speak the CI formats' own syntax. */
const SPOOF = `${HOSTILE} |pipe| "quote" \\backslash %0A`;
/** Inner lines of a multi-line reply may hold anything (RFC 959 §4.2): a fake workflow command. */
const INJECTED_LINE = '::error file=evil.ts::injected by the server';

const FORMATS = ['human', 'json', 'junit', 'github', 'nagios', 'prometheus', 'html'] as const;
type Format = (typeof FORMATS)[number];

const servers: FakeFtpServer[] = [];
let targets: string[] = [];

beforeAll(async () => {
  // One server lets the probe log in and list (hostile greeting, SYST, listing); the other
  // refuses the login with a hostile 530, so its text lands in a finding.
  const listing = [ESC_NAME('escapes'), ESC_NAME('bidi'), ESC_NAME('backspace')].join('');
  const working = await startFakeFtpServer({
    greeting: [`220-${SPOOF}`, INJECTED_LINE, '220 Ready.'],
    features: ['EPSV', 'PASV', 'UTF8'],
    replies: { SYST: [`215-${SPOOF}`, INJECTED_LINE, '215 UNIX Type: L8'] },
    listing,
  });
  const refusing = await startFakeFtpServer({
    greeting: [`220-${SPOOF}`, '220 Ready.'],
    replies: { PASS: [`530-${SPOOF}`, INJECTED_LINE, `530 ${SPOOF}`] },
  });
  servers.push(working, refusing);
  // A target name with a quote and a backslash: it becomes a Prometheus label and a JUnit name.
  targets = [`ftp://127.0.0.1:${working.port}/dir"name\\x`, `127.0.0.1:${refusing.port}`];
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

function ESC_NAME(kind: string): string {
  return `-rw-r--r--    1 ftp      ftp             1 Jan 01  2024 ${kind} ${SPOOF}\r\n`;
}

const runs = new Map<string, Promise<CliRun>>();

/** render runs the CLI once per format (memoised): both targets, short timeouts. */
function render(format: Format | 'human-verbose'): Promise<CliRun> {
  let run = runs.get(format);
  if (!run) {
    const args = format === 'human-verbose' ? ['-v'] : format === 'human' ? [] : ['--format', format];
    run = runCli([...targets, '--reply-timeout', '2s', '--data-timeout', '2s', ...args]);
    runs.set(format, run);
  }
  return run;
}

describe('terminal safety: every format, hostile server text', () => {
  it.concurrent.each([...FORMATS, 'human-verbose' as const])(
    '%s: no raw control character, no stack trace',
    async (format) => {
      const run = await render(format);
      expect(run.code, run.stderr).toBe(format === 'nagios' ? 2 : 6);
      expect(looksLikeStackTrace(run.stdout + run.stderr)).toBe(false);
      expect(unsafeTerminalChars(run.stdout)).toEqual([]);
      expect(unsafeTerminalChars(run.stderr)).toEqual([]);
      expect(run.stdout).not.toContain('\u0000');
    },
  );

  it('human -v shows the server text as visible escapes, and the injected line indented', async () => {
    const run = await render('human-verbose');
    expect(run.stdout).toContain('\\x1b[31m');
    expect(run.stdout).toContain('\\u202e');
    expect(run.stdout).toContain('\\x08');
    expect(run.stdout).not.toMatch(/^::/m);
  });

  it('json keeps the server text intact but escaped, and parses', async () => {
    const run = await render('json');
    const report = JSON.parse(run.stdout) as {
      targets: { steps: { name: string; exchanges: { replies: { text: string }[] }[] }[] }[];
    };
    const banner = report.targets[0]?.steps.find((step) => step.name === 'banner');
    const text = banner?.exchanges[0]?.replies[0]?.text ?? '';
    expect(text).toContain('\x1b[31m');
    expect(text).toContain('\u202E');
    expect(run.stdout).toContain('\\u001b');
  });

  it('junit is well-formed XML that fast-xml-parser reads, with the server text inside', async () => {
    const run = await render('junit');
    expect(XMLValidator.validate(run.stdout)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(run.stdout) as Record<string, unknown>;
    expect(parsed.testsuites ?? parsed.testsuite).toBeDefined();
    expect(run.stdout).toContain('dir&quot;name\\x');
    expect(run.stdout).toContain('\\x1b[31m');
  });

  it('github: every line is one of our workflow commands; server text cannot start one', async () => {
    const run = await render('github');
    const lines = run.stdout.split('\n').filter((line) => line !== '');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).toMatch(/^::(error|warning|notice)( title=[^:]*)?::/);
      expect(line).not.toMatch(/^::error file=evil/);
    }
    expect(run.stdout).toContain('injected by the server');
  });

  it('nagios: one status line before the performance data, and no other `|`', async () => {
    const run = await render('nagios');
    const [status, ...long] = run.stdout.trimEnd().split('\n');
    expect(status).toMatch(/^FTP (OK|WARNING|CRITICAL|UNKNOWN) - [^|\n]* \| \S/);
    expect(status!.split('|')).toHaveLength(2);
    for (const line of long) expect(line).not.toContain('|');
  });

  it('prometheus: every sample parses, and label values are escaped', async () => {
    const run = await render('prometheus');
    const sample =
      /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\["\\n])*"(,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\["\\n])*")*\})? -?[0-9.e+-]+( -?\d+)?$/;
    for (const line of run.stdout.split('\n')) {
      if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
      expect(line).toMatch(sample);
    }
    expect(run.stdout).toContain('/dir\\"name\\\\x"');
  });
});
