import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { looksLikeStackTrace, runCli } from '../support/runCli.js';

// `ftp-doctor explain` answers every reference code and `compare` reads as a clear
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
  ['226', '250'],
  ['500', '502'],
  ['425', '450'],
  ['426', '450'],
  ['530', '532'],
  ['331', '332'],
  ['120', '421'],
  ['227', '228'],
  ['228', '229'],
] as const;

/** ENGLISH and FRENCH: locales for the runs, so a developer's own locale does not change the output. */
const ENGLISH = { env: { LC_ALL: undefined, LC_MESSAGES: undefined, LANG: 'C.UTF-8' } };
const FRENCH = { env: { LC_ALL: undefined, LC_MESSAGES: undefined, LANG: 'fr_FR.UTF-8' } };

describe('ftp-doctor explain', () => {
  it('answers every code of the reference list in one call: exit 0, no undefined or NaN', async () => {
    expect(REFERENCE_CODES.length).toBeGreaterThan(60);
    const run = await runCli(['explain', ...REFERENCE_CODES], ENGLISH);
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
      expect(entry).toMatch(/\n {2}Learn more\n {4}• \S/);
      expect(entry).toMatch(/\n +https?:\/\/\S+\s*$/);
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
    const run = await runCli(['explain', code], ENGLISH);
    expect(run.code, run.stderr).toBe(0);
    await expect(run.stdout).toMatchFileSnapshot(`./__snapshots__/explain-${code}.txt`);
  });

  it('explain 299 433: codes no standard defines are answered from their digits', async () => {
    const run = await runCli(['explain', '299', '433'], ENGLISH);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toMatch(/undefined|NaN/);
    expect(run.stdout).toMatch(/^299 {2}Non-standard positive completion reply$/m);
    expect(run.stdout).toMatch(/^433 {2}Non-standard transient negative reply$/m);
    expect(run.stdout).toContain('No standard or well-known server defines 299');
    expect(run.stdout.replace(/\s+/g, ' ')).toContain('about authentication and accounting');
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
    const run = await runCli(['compare', a, b], ENGLISH);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toMatch(/undefined|NaN/);
    // A curated pair has its own summary and differences before the two entries.
    expect(run.stdout.split('\n')[0]).toMatch(new RegExp(`^${a} .+ {2}vs {2}${b} `));
    expect(run.stdout).toContain('Key differences');
    expect(run.stdout).toContain('When to use which');
    expect(run.stdout).toContain('Learn more');
    await expect(run.stdout).toMatchFileSnapshot(`./__snapshots__/compare-${a}-${b}.txt`);
  });

  it('compare 220 229 says what each is, when it comes, and why they only look alike', async () => {
    const run = await runCli(['compare', '220', '229'], ENGLISH);
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

describe('explain and compare in French', () => {
  const HEADINGS = [
    'Quand vous le voyez',
    'Comment résoudre',
    'Différences clés',
    'Que faire dans chaque cas',
    'En savoir plus',
  ];

  it('compare 220 229 --lang fr reads as the six-part page, in order', async () => {
    const run = await runCli(['compare', '220', '229', '--lang', 'fr'], ENGLISH);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(
      '220 Service prêt pour un nouvel utilisateur  contre  229 Passage en mode passif étendu',
    );
    expect(lines[2]).toMatch(/^ {2}220 est l’accueil/);
    const positions = HEADINGS.map((heading) => lines.indexOf(`  ${heading}`));
    expect(positions.every((position) => position > 2)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(run.stdout).toContain('plage de ports passifs');
    expect(run.stdout).toContain('pare-feu');
    expect(run.stdout).not.toMatch(/When you see it|Key differences|Learn more/);
    await expect(run.stdout).toMatchFileSnapshot('./__snapshots__/compare-220-229.fr.txt');
  });

  it('the locale chooses French when --lang is absent; LC_ALL wins over LANG', async () => {
    const byLang = await runCli(['explain', '425'], FRENCH);
    expect(byLang.stdout).toMatch(/^425 {2}Impossible d’ouvrir la connexion de données$/m);
    expect(byLang.stdout).toContain('  Comment résoudre');
    const byLcAll = await runCli(['explain', '425'], { env: { LANG: 'en_US.UTF-8', LC_ALL: 'fr_CA.UTF-8' } });
    expect(byLcAll.stdout).toBe(byLang.stdout);
    const english = await runCli(['explain', '425', '--lang', 'en'], FRENCH);
    expect(english.stdout).toMatch(/^425 {2}Can't open data connection$/m);
  });

  it('the fast path and the full command line print the same French', async () => {
    const quick = await runCli(['compare', '500', '502', '--lang=fr'], ENGLISH);
    // --no-color after --lang with an extra unknown-to-the-fast-path spelling goes through commander.
    const full = await runCli(['compare', '--lang', 'fr', '500', '502', '--no-color', '--json'], ENGLISH);
    expect(quick.code).toBe(0);
    expect(quick.stdout).toContain('Différences clés');
    const parsed = JSON.parse(full.stdout) as { language: string; summary: string; whenToUseWhich: string[] };
    expect(parsed.language).toBe('fr');
    expect(quick.stdout.replace(/\s+/g, ' ')).toContain(parsed.summary.replace(/\s+/g, ' ').slice(0, 60));
    expect(parsed.whenToUseWhich.length).toBeGreaterThan(0);
  });

  it('--lang with a language the reference does not speak: exit 2, one clear line', async () => {
    const run = await runCli(['explain', '229', '--lang', 'de'], ENGLISH);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/--lang "de" is not supported: use en or fr/);
    expect(looksLikeStackTrace(run.stderr)).toBe(false);
  });
});
