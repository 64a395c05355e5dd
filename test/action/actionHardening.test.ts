import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeFtpServer } from '../../src/fakeServer/fakeFtpServer.js';
import type { FakeFtpServer } from '../../src/fakeServer/fakeServerScript.js';
import { EXIT_CODES } from '../../src/knowledge/exitCodes.js';
import { readAction, removeActionDirectories, runAction } from './actionRunner.js';

// What a workflow author can get wrong, or a hostile input can try, through the action's inputs.

describe('action.yml text', () => {
  it('lists every exit code in the exit-code output', async () => {
    const description = (await readAction()).outputs['exit-code']!.description;
    for (const { code } of EXIT_CODES) expect(description).toMatch(new RegExp(`(^|[^0-9])${code}([^0-9]|$)`));
  });

  it('expands args only guarded, since bash before 4.4 calls an empty array unbound under set -u', async () => {
    const script = (await readAction()).runs.steps.find((step) => step.id === 'probe')!.run!;
    // `read -a` of an empty input gives an empty array; targets is checked non-empty, args never is.
    const unguarded = [...script.matchAll(/(?<!\+)"\$\{(\w+)\[@\]\}"/g)].map((match) => match[1]);
    expect(new Set(unguarded)).toEqual(new Set(['targets', 'args']));
    // biome-ignore lint/suspicious/noTemplateCurlyInString: bash text, not a JavaScript template
    expect(script).toContain('${extra[@]+"${extra[@]}"}');
  });
});

describe('the action against hostile or conflicting inputs', () => {
  let server: FakeFtpServer;
  let target: string;
  beforeAll(async () => {
    server = await startFakeFtpServer({});
    target = `127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server.close();
    await removeActionDirectories();
  });

  it('treats every word of targets as a target, never as an option', async () => {
    const marker = join(tmpdir(), `ftp-doctor-action-injected-${process.pid}.txt`);
    const run = await runAction({ targets: `${target} --output=${marker}` });
    expect(existsSync(marker)).toBe(false);
    expect(run.code).toBe(2);
    expect(run.steps[1]!.stderr).toContain(`bad target "--output=${marker}"`);
    const help = await runAction({ targets: '--help' });
    expect(help.outputs).toMatchObject({ 'exit-code': '2', verdict: 'error' });
  });

  it('refuses --format and -o in args, which would take the annotations away', async () => {
    for (const args of ['--format json', '--format=json', '-o out.txt', '--single-connection --output=x']) {
      const run = await runAction({ targets: target, args });
      expect(run.code, args).toBe(2);
      expect(run.steps[1]!.stdout).toMatch(
        /^::error title=ftp-doctor::args: (--format|-o|--output)\S* is refused; use the format and output inputs$/m,
      );
      expect(run.outputs).toMatchObject({ 'exit-code': '2', verdict: 'error' });
    }
    const fine = await runAction({ targets: target, args: '--single-connection' });
    expect(fine.code).toBe(0);
    expect(fine.steps[1]!.stdout).toMatch(/^::(notice|warning) /m);
  });

  it('masks the password input in the log, each line escaped as workflow command data', async () => {
    const run = await runAction({ targets: target, password: 'se%0Acret\nline two' });
    expect(run.steps[1]!.stdout.split('\n').filter((line) => line.startsWith('::add-mask::'))).toEqual([
      '::add-mask::se%250Acret',
      '::add-mask::line two',
    ]);
    expect(readFileSync(run.outputs.report!, 'utf8')).not.toContain('se%0Acret');
  });
});
