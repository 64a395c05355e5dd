import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { flagName, OPTION_KEYS, PROBE_OPTIONS } from '../../src/config/optionTable.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PAGE = fileURLToPath(new URL('../../dist/man/ftp-doctor.1', import.meta.url));

function manSkipReason(): string | null {
  if (existsSync('/usr/bin/man') && existsSync('/usr/bin/groff')) return null;
  if (process.env.CI === 'true')
    throw new Error('CI=true but man or groff is missing (apt-get install man-db groff-base)');
  return 'man or groff is missing';
}

const skip = manSkipReason();

describe.skipIf(skip !== null)(`ftp-doctor(1)${skip ? ` (skipped: ${skip})` : ''}`, () => {
  // npm run build writes the page (scripts/build.mjs); the CLI tests run on the same build.
  const render = () =>
    spawnSync('man', ['-l', '--warnings', PAGE], {
      encoding: 'utf8',
      env: { ...process.env, MANWIDTH: '80', MAN_KEEP_FORMATTING: '', LANG: 'C.UTF-8' },
      timeout: 20_000,
    });

  it('renders with man -l and no warnings', () => {
    const run = render();
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^FTP-DOCTOR\(1\) +User Commands +FTP-DOCTOR\(1\)$/m);
    for (const line of run.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('lists every probe option of the option table, and the commands', () => {
    const text = render()
      .stdout.replace(/‐\n\s*/g, '')
      .replace(/\s+/g, ' ');
    for (const key of OPTION_KEYS) expect(text).toContain(flagName(PROBE_OPTIONS[key]));
    for (const command of ['explain', 'compare', 'demo', 'completion'])
      expect(text).toContain(`ftp-doctor ${command}`);
    expect(text).toContain('FTP_PASSWORD');
  });

  it('is shipped: package.json names it in "man"', () => {
    const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { man: string[]; files: string[] };
    expect(pkg.man).toEqual(['./dist/man/ftp-doctor.1']);
    expect(pkg.files).toContain('dist/');
  });
});
