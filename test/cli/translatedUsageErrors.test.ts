import { describe, expect, it } from 'vitest';
import { looksLikeStackTrace, runCli } from '../support/runCli.js';

// explain and compare speak French under --lang fr or a French locale; so do the command-line
// mistakes commander finds in them. Other commands, and English, keep commander's words.
const ENGLISH = { LANG: 'C', LC_ALL: undefined, LC_MESSAGES: undefined };
const FRENCH_LOCALE = { LANG: 'fr_FR.UTF-8', LC_ALL: undefined, LC_MESSAGES: undefined };

describe('usage errors of explain and compare in French', () => {
  it.each([
    [['explain', '--lang', 'fr', '--bogus', '229'], 'option inconnue « --bogus »'],
    [['explain', '--jsn', '229', '--lang=fr'], 'option inconnue « --jsn » (vouliez-vous dire --json ?)'],
    [['compare', '425', '--lang', 'fr'], 'il manque l’argument obligatoire « other-code »'],
    [
      ['compare', '425', '426', '530', '--lang', 'fr'],
      'trop d’arguments pour « compare » : 2 attendus, 3 reçus',
    ],
  ])('%j', async (args, message) => {
    const run = await runCli(args, { env: ENGLISH });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`ftp-doctor: ${message}\nAide : ftp-doctor --help\n`);
    expect(run.stdout).toBe('');
  });

  it('the locale chooses French when --lang is not given', async () => {
    const run = await runCli(['compare', '425'], { env: FRENCH_LOCALE });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('il manque l’argument obligatoire « other-code »');
  });

  it('English stays English, and so do the commands that only speak English', async () => {
    const english = await runCli(['explain', '--bogus', '229'], { env: ENGLISH });
    expect(english.stderr).toBe("ftp-doctor: unknown option '--bogus'\nTry 'ftp-doctor --help'.\n");
    const probe = await runCli(['127.0.0.1:1', '--bogus'], { env: FRENCH_LOCALE });
    expect(probe.code).toBe(2);
    expect(probe.stderr).toContain("unknown option '--bogus'");
    expect(looksLikeStackTrace(english.stderr + probe.stderr)).toBe(false);
  });

  it('an unsupported --lang value does not hide the mistake: it is reported in English', async () => {
    const run = await runCli(['explain', '--bogus', '229', '--lang', 'de'], { env: ENGLISH });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown option '--bogus'");
  });
});
