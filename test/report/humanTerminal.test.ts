import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_SCENARIOS } from '../../src/fakeServer/demoScenarios.js';
import { renderHuman } from '../../src/report/formats/human.js';
import { plainStyle } from '../../src/report/text/style.js';
import { CLI_PATH, runCli } from '../support/runCli.js';
import { tlsExpired } from './fixtures.js';

/**
 * The demo's reports as a person sees them: through a real pseudo-terminal of 80 and 120 columns
 * (util-linux `script`), and piped. The same run also writes its JSON report (-o), so every long
 * line can be checked against the fix texts it may come from.
 */

const work = mkdtempSync(join(tmpdir(), 'ftp-doctor-human-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface DemoRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly json: DemoJson;
}

interface DemoJson {
  readonly targets: {
    readonly target: { readonly input: string };
    readonly findings: { readonly id: string; readonly fixes: { readonly text: string }[] }[];
  }[];
}

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

let runs = 0;

function shellQuote(word: string): string {
  return `'${word.replaceAll("'", "'\\''")}'`;
}

/** inPty runs the demo on a pty of `columns`, its stderr to a file, like a user at a terminal. */
function inPty(columns: number, args: readonly string[]): Promise<DemoRun> {
  const id = ++runs;
  const jsonFile = join(work, `run-${id}.json`);
  const errFile = join(work, `run-${id}.err`);
  const command = [process.execPath, CLI_PATH, 'demo', ...args, '--format', 'json', '-o', jsonFile]
    .map(shellQuote)
    .join(' ');
  const inner = `stty cols ${columns} rows 60; ${command} 2>${shellQuote(errFile)}; echo "[exit $?]"`;
  return new Promise((resolve) => {
    const child = spawn('script', ['-qfec', inner, '/dev/null'], {
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, CI: 'true', TERM: 'xterm' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Decoded once at the end: a chunk may end inside a multi-byte character.
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8').replaceAll('\r\n', '\n').replace(ANSI, '');
      const exit = /\[exit (\d+)\]\n?$/.exec(text);
      resolve({
        code: exit ? Number(exit[1]) : null,
        stdout: text.replace(/\[exit \d+\]\n?$/, ''),
        stderr: readFileSync(errFile, 'utf8'),
        json: JSON.parse(readFileSync(jsonFile, 'utf8')) as DemoJson,
      });
    });
  });
}

/** piped runs the demo with stdout on a pipe: the report fits 80 columns, the default width. */
async function piped(args: readonly string[]): Promise<DemoRun> {
  const jsonFile = join(work, `run-${++runs}.json`);
  const run = await runCli(['demo', ...args, '--format', 'json', '-o', jsonFile], { timeoutMs: 60_000 });
  return { ...run, json: JSON.parse(readFileSync(jsonFile, 'utf8')) as DemoJson };
}

/** fixLines: every line of every fix text in the run, the only lines allowed past the width. */
function fixLines(json: DemoJson): Set<string> {
  return new Set(
    json.targets.flatMap((t) => t.findings.flatMap((f) => f.fixes.flatMap((fix) => fix.text.split('\n')))),
  );
}

/** tooWide: lines longer than `width` that are not a fix line standing whole on its own. */
function tooWide(text: string, width: number, allowed: Set<string>): string[] {
  return text.split('\n').filter((line) => [...line].length > width && !allowed.has(line));
}

/**
 * MESSAGE_LINE: lines that carry one message of ours about what happened: the proof under a
 * finding, a step's line, a failure at -v. Fix texts and file paths are not messages.
 */
const MESSAGE_LINE = /^\s*(?:Proof: |[✔✖!–] |\S.*\(exit \d+\):)/;

/** repeatedPhrases: a two-word phrase said twice in one message ("control connection … control connection"). */
function repeatedPhrases(text: string): string[] {
  const found: string[] = [];
  for (const line of text.split('\n').filter((l) => MESSAGE_LINE.test(l))) {
    // A finding's id ([data.port-closed]) and a target's name (demo:data-port-closed) are labels,
    // not part of the sentence.
    const sentence = line.replace(/\[[a-z0-9.-]+\]|demo:[a-z0-9-]+/g, '');
    const words = sentence.toLowerCase().match(/[a-z]{4,}/g) ?? [];
    const seen = new Set<string>();
    for (let i = 0; i + 1 < words.length; i += 1) {
      const phrase = `${words[i]} ${words[i + 1]}`;
      if (seen.has(phrase)) found.push(`${phrase}: ${line.trim()}`);
      seen.add(phrase);
    }
  }
  return found;
}

/**
 * normalized: the text with what changes from run to run replaced (ports, times, durations) and
 * each paragraph on one line, since a port of another length may wrap a line differently.
 */
function normalized(text: string): string {
  return (
    text
      .split(/\n\s*\n/)
      .map((block) => block.replace(/\s+/g, ' ').trim())
      .join('\n\n')
      .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'TIME')
      .replace(/\b\d+ ms\b/g, 'N ms')
      .replace(/\(\d+,\d+,\d+,\d+,\d+,\d+\)/g, '(h1,h2,h3,h4,p1,p2)')
      .replace(/\d+…/g, 'N…')
      .replace(/\b\d{3,5}\b/g, (digits) => (/^[1-5]\d\d$/.test(digits) ? digits : 'N'))
      // Sampled ports may repeat, so how many distinct ones a list holds varies.
      .replace(/N(?:, N)+/g, 'N, …')
  );
}

const SCENARIOS = Object.keys(DEMO_SCENARIOS);
const LEVELS: readonly { name: string; args: readonly string[] }[] = [
  { name: 'default', args: [] },
  { name: '-v', args: ['-v'] },
  { name: '-q', args: ['-q'] },
];

describe.each([80, 120])('the demo on a %i-column terminal', (columns) => {
  it.concurrent.for(LEVELS)('$name', async ({ name, args }, { expect }) => {
    const run = await inPty(columns, args);
    expect(run.code, run.stderr).toBe(0);
    expect(tooWide(run.stdout, columns, fixLines(run.json))).toEqual([]);
    expect(repeatedPhrases(run.stdout)).toEqual([]);
    for (const scenario of SCENARIOS) expect(run.stdout).toContain(`demo:${scenario}`);
    if (name === '-q') {
      expect(run.stdout.trim().split('\n')).toHaveLength(SCENARIOS.length);
    } else {
      // A wider terminal is used: at 120 columns some line is longer than 80.
      if (columns === 120 && name === '-v')
        expect(run.stdout.split('\n').some((l) => l.length > 80)).toBe(true);
    }
    expect(normalized(run.stdout)).toMatchSnapshot();
  });
});

describe('the demo piped', () => {
  it.concurrent.each(LEVELS.filter((level) => level.name !== '-q'))(
    '$name fits 80 columns',
    async ({ args }) => {
      const run = await piped(args);
      expect(run.code, run.stderr).toBe(0);
      expect(tooWide(run.stdout, 80, fixLines(run.json))).toEqual([]);
      expect(repeatedPhrases(run.stdout)).toEqual([]);
      expect(run.stdout).not.toMatch(ANSI);
    },
  );

  it('-q leaves each line whole for scripts, one per scenario', async () => {
    const run = await piped(['-q']);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(SCENARIOS.length);
    expect(lines.some((line) => line.endsWith('…'))).toBe(false);
    expect(repeatedPhrases(run.stdout)).toEqual([]);
  });

  it('a healthy server fits on one screen: 20 lines at 80 columns', async () => {
    const run = await runCli(['demo', 'healthy'], { timeoutMs: 30_000 });
    const report = run.stdout.slice(run.stdout.indexOf('ftp-doctor report:')).trimEnd();
    expect(report.split('\n').length, report).toBeLessThanOrEqual(20);
  });
});

describe('-vv and TLS reports fit the width too', () => {
  it.concurrent.each([80, 120])('-vv on a %i-column terminal: the transcript wraps', async (columns) => {
    const run = await inPty(columns, ['-vv']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Transcript');
    expect(tooWide(run.stdout, columns, fixLines(run.json))).toEqual([]);
  });

  it('-vv piped fits 80 columns', async () => {
    const run = await piped(['-vv']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Transcript');
    expect(tooWide(run.stdout, 80, fixLines(run.json))).toEqual([]);
  });

  it.each([0, 1, 2] as const)(
    'a TLS report at verbosity %i fits 80 columns, the fingerprint whole',
    (verbosity) => {
      const fixes = new Set(
        tlsExpired.diagnosis.findings.flatMap((f) => f.fixes.flatMap((fix) => fix.text.split('\n'))),
      );
      const text = renderHuman(tlsExpired, { style: plainStyle, verbosity, width: 80, fixDialects: null });
      expect(text).toMatch(/^TLS$/m);
      expect(tooWide(text, 80, fixes)).toEqual([]);
      // The fingerprint's bytes are all there, in order, none split across rows.
      const fingerprint = tlsExpired.probe.steps.find((step) => step.name === 'tls')?.data;
      const expected = (fingerprint as { certificate: { fingerprint256: string } }).certificate
        .fingerprint256;
      const at = text.indexOf('sha-256');
      const rows = text.slice(at).split('\n').slice(0, 3).join(' ');
      expect(
        rows
          .replace(/^sha-256/, '')
          .replace(/\s+/g, '')
          .slice(0, expected.length),
      ).toBe(expected);
    },
  );
});
