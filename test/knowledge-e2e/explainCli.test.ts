import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { looksLikeStackTrace, runCli } from '../support/runCli.js';

// Issue #4: `ftp-doctor explain` answers every reference code and `compare` reads as a clear
// explanation, run as users run them: the built CLI, without colour (runCli sets NO_COLOR).

const REFERENCE_CODES = readFileSync(new URL('../fixtures/reply-codes.tsv', import.meta.url), 'utf8')
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t')[0]!.trim())
  .filter((code) => code !== '');

/** CURATED_PAIRS: the comparisons with hand-written differences (src/knowledge/reference/comparisons.ts). */
const CURATED_PAIRS = [
  ['220', '229'],
  ['227', '229'],
  ['425', '426'],
  ['421', '530'],
  ['530', '534'],
  ['550', '553'],
  ['150', '125'],
] as const;

describe('ftp-doctor explain', () => {
  it('answers every code of the reference list in one call: exit 0, no undefined or NaN', async () => {
    expect(REFERENCE_CODES.length).toBeGreaterThan(60);
    const run = await runCli(['explain', ...REFERENCE_CODES]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toMatch(/undefined|NaN|\[object Object\]/);
    for (const code of REFERENCE_CODES) expect(run.stdout, code).toMatch(new RegExp(`^${code}  \\S`, 'm'));
    // Every entry has its sections, and none is empty.
    const entries = run.stdout.split(/\n(?=\d{3} {2})/);
    expect(entries).toHaveLength(REFERENCE_CODES.length);
    for (const entry of entries) {
      expect(entry).toMatch(/\n {2}When you see it\n {4}\S/);
      expect(entry).toMatch(/\n {2}How to resolve it\n {4}1\. \S/);
      expect(entry).toMatch(/\n {2}(Defined in RFC \d+|Not defined by an RFC)/);
    }
  });

  it('--json for every reference code parses, one entry per code, none left to the digits', async () => {
    const run = await runCli(['explain', '--json', ...REFERENCE_CODES]);
    expect(run.code, run.stderr).toBe(0);
    const parsed = JSON.parse(run.stdout) as {
      schemaVersion: number;
      codes: { code: number; catalogued: boolean }[];
    };
    expect(parsed.schemaVersion).toBe(1);
    expect(parsed.codes.map((entry) => String(entry.code))).toEqual(REFERENCE_CODES);
    expect(parsed.codes.filter((entry) => !entry.catalogued)).toEqual([]);
  });

  it.each(['229', '425', '530', '550', '522'])('explain %s reads as the snapshot', async (code) => {
    const run = await runCli(['explain', code]);
    expect(run.code, run.stderr).toBe(0);
    await expect(run.stdout).toMatchFileSnapshot(`./__snapshots__/explain-${code}.txt`);
  });

  it('explain 299 433: codes no standard defines are answered from their digits', async () => {
    const run = await runCli(['explain', '299', '433']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toMatch(/undefined|NaN/);
    expect(run.stdout).toMatch(/^299 {2}Non-standard positive completion reply$/m);
    expect(run.stdout).toMatch(/^433 {2}Non-standard transient negative reply$/m);
    expect(run.stdout).toContain('No standard or well-known server defines 299');
    expect(run.stdout).toContain('about authentication and accounting');
    await expect(run.stdout).toMatchFileSnapshot('./__snapshots__/explain-299-433.txt');

    const json = await runCli(['explain', '--json', '299', '433']);
    const parsed = JSON.parse(json.stdout) as {
      codes: { code: number; catalogued: boolean; class: { name: string } }[];
    };
    expect(parsed.codes.map((entry) => [entry.code, entry.catalogued, entry.class.name])).toEqual([
      [299, false, 'positive-completion'],
      [433, false, 'transient-negative'],
    ]);
  });

  it.each([
    { input: 'abc', says: /"abc" is not an FTP reply code: it contains characters other than digits/ },
    { input: '1234', says: /"1234" is not an FTP reply code: it has 4 digits instead of 3/ },
    { input: '099', says: /"099" is not an FTP reply code: its first digit is 0/ },
    { input: '700', says: /"700" is not an FTP reply code: its first digit is 7/ },
  ])('explain $input: exit 2 with one clear line, nothing on stdout', async ({ input, says }) => {
    for (const args of [
      ['explain', input],
      ['explain', '229', input],
      ['compare', '220', input],
    ]) {
      const run = await runCli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      const [message, hint, ...rest] = run.stderr.trimEnd().split('\n');
      expect(message).toMatch(/^ftp-doctor: /);
      expect(message).toMatch(says);
      // The CLI's usage errors all end with the same pointer to --help, and nothing more.
      expect(hint).toBe("Try 'ftp-doctor --help'.");
      expect(rest).toEqual([]);
      expect(looksLikeStackTrace(run.stderr)).toBe(false);
    }
  });
});

describe('ftp-doctor compare', () => {
  it.each(CURATED_PAIRS)('compare %s %s reads as the snapshot', async (a, b) => {
    const run = await runCli(['compare', a, b]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toMatch(/undefined|NaN/);
    // A curated pair has its own summary and differences before the two entries.
    expect(run.stdout.split('\n')[0]).toMatch(new RegExp(`^${a} .+ {2}vs {2}${b} `));
    expect(run.stdout).toContain('Key differences');
    await expect(run.stdout).toMatchFileSnapshot(`./__snapshots__/compare-${a}-${b}.txt`);
  });

  it('compare 220 229 says what each is, when it comes, and why they only look alike', async () => {
    const run = await runCli(['compare', '220', '229']);
    const text = run.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('220 is the greeting');
    expect(text).toContain('229 is the answer to EPSV');
    expect(text).toMatch(/only look alike because both start with 22/);
  });

  it('--json parses and carries both codes and the differences', async () => {
    const run = await runCli(['compare', '--json', '220', '229']);
    expect(run.code, run.stderr).toBe(0);
    const parsed = JSON.parse(run.stdout) as {
      schemaVersion: number;
      a: { code: number };
      b: { code: number };
      summary: string;
      keyDifferences: string[];
      curated: boolean;
    };
    expect(parsed.schemaVersion).toBe(1);
    expect([parsed.a.code, parsed.b.code]).toEqual([220, 229]);
    expect(parsed.curated).toBe(true);
    expect(parsed.summary).toContain('EPSV');
    expect(parsed.keyDifferences.length).toBeGreaterThanOrEqual(3);
  });
});
