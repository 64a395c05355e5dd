import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseQuickCommand } from '../../src/cli/quickCommand.js';
import { runCli } from '../support/runCli.js';

// `--version` and plain `explain`/`compare` lines skip commander. The quick parser
// must take a line only where commander would make the same call, and leave the rest to it.
describe('parseQuickCommand', () => {
  const rows: { title: string; args: string[]; expected: ReturnType<typeof parseQuickCommand> }[] = [
    { title: '--version', args: ['--version'], expected: { kind: 'version' } },
    { title: '-V', args: ['-V'], expected: { kind: 'version' } },
    {
      title: 'explain one code',
      args: ['explain', '229'],
      expected: { kind: 'explain', codes: ['229'], json: false, color: true },
    },
    {
      title: 'explain flags anywhere',
      args: ['explain', '--json', '229', '530', '--no-color'],
      expected: { kind: 'explain', codes: ['229', '530'], json: true, color: false },
    },
    {
      title: 'compare two codes',
      args: ['compare', '220', '229', '--json'],
      expected: { kind: 'compare', codes: ['220', '229'], json: true, color: true },
    },
    { title: 'no arguments', args: [], expected: null },
    { title: 'a probe target', args: ['ftp.example.com'], expected: null },
    { title: '--version with more', args: ['--version', 'x'], expected: null },
    { title: 'explain without codes', args: ['explain'], expected: null },
    { title: 'explain a bad code (commander reports it)', args: ['explain', '2299'], expected: null },
    { title: 'explain help', args: ['explain', '229', '-h'], expected: null },
    { title: 'explain with --', args: ['explain', '--', '229'], expected: null },
    { title: 'explain with an unknown flag', args: ['explain', '229', '--color'], expected: null },
    { title: 'compare one code', args: ['compare', '220'], expected: null },
    { title: 'compare three codes', args: ['compare', '220', '229', '230'], expected: null },
    { title: 'a global flag first', args: ['--no-color', 'explain', '229'], expected: null },
  ];
  for (const row of rows) {
    it(row.title, () => {
      expect(parseQuickCommand(row.args)).toEqual(row.expected);
    });
  }
});

// The same request through both paths: `--` makes commander parse it, the quick path runs the rest.
describe('quick and commander paths agree (subprocess)', () => {
  it('explain', async () => {
    const quick = await runCli(['explain', '229', '530', '--json']);
    const full = await runCli(['explain', '--json', '--', '229', '530']);
    expect(quick.code).toBe(0);
    expect(full.code).toBe(0);
    expect(quick.stdout).toBe(full.stdout);
    expect(quick.stdout).toContain('"code": 229');
  });
  it('compare', async () => {
    const quick = await runCli(['compare', '220', '229', '--no-color']);
    const full = await runCli(['compare', '--no-color', '--', '220', '229']);
    expect(quick.code).toBe(0);
    expect(quick.stdout).toBe(full.stdout);
  });
  it('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    const run = await runCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${pkg.version}\n`);
  });
});
