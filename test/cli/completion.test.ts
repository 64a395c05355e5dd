import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIX_DIALECT_CHOICES } from '../../src/config/fixDialectChoices.js';
import { TLS_MODES } from '../../src/config/optionTable.js';
import { DEMO_SCENARIOS } from '../../src/fakeServer/demoScenarios.js';
import { ALL_REPLY_CODES } from '../../src/knowledge/reference/replyCodes.js';
import { LANGUAGES } from '../../src/knowledge/reference/translation.js';
import { FORMAT_NAMES } from '../../src/report/formats/registry.js';
import { runCli } from '../support/runCli.js';

/** shellSkipReason: a shell this test needs; under CI its absence is a failure, not a skip. */
function shellSkipReason(path: string): string | null {
  if (existsSync(path)) return null;
  if (process.env.CI === 'true') throw new Error(`CI=true but ${path} is missing (apt-get install zsh fish)`);
  return `${path} is missing`;
}

const scripts: Record<string, string> = {};
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ftp-doctor-completion-'));
  for (const shell of ['bash', 'zsh', 'fish']) {
    const run = await runCli(['completion', shell]);
    expect(run.code, run.stderr).toBe(0);
    scripts[shell] = join(dir, `ftp-doctor.${shell}`);
    await writeFile(scripts[shell]!, run.stdout);
  }
  // zsh autoloads completion functions from $fpath by their name.
  await mkdir(join(dir, 'zsh'));
  await writeFile(join(dir, 'zsh', '_ftp-doctor'), await readFile(scripts.zsh!, 'utf8'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * bashComplete loads the script into a real bash and calls its function the way readline does:
 * COMP_WORDS split as bash splits them (COMP_WORDBREAKS makes `--format=j` three words), the
 * cursor on the last word. Returns COMPREPLY.
 */
function bashComplete(words: readonly string[]): string[] {
  const quoted = words.map((word) => `'${word.replaceAll("'", "'\\''")}'`).join(' ');
  const program = [
    `source '${scripts.bash}'`,
    `COMP_WORDS=(${quoted})`,
    `COMP_CWORD=${words.length - 1}`,
    `COMP_LINE="\${COMP_WORDS[*]}"`,
    `COMP_POINT=\${#COMP_LINE}`,
    '_ftp_doctor',
    `printf "%s\\n" "\${COMPREPLY[@]}"`,
  ].join('\n');
  const run = spawnSync('bash', ['--norc', '--noprofile', '-c', program], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  expect(run.stderr).toBe('');
  return run.stdout.split('\n').filter((line) => line !== '');
}

const startingWith = (list: readonly (string | number)[], prefix: string) =>
  list.map(String).filter((word) => word.startsWith(prefix));

describe('bash completion', () => {
  it('registers itself for ftp-doctor (complete -p)', () => {
    const run = spawnSync('bash', ['--norc', '-c', `source '${scripts.bash}'; complete -p ftp-doctor`], {
      encoding: 'utf8',
    });
    expect(run.stdout.trim()).toBe('complete -o default -F _ftp_doctor ftp-doctor');
  });

  it('the first word completes to a command', () => {
    expect(bashComplete(['ftp-doctor', 'ex'])).toEqual(['explain']);
    expect(bashComplete(['ftp-doctor', 'com']).sort()).toEqual(['compare', 'completion']);
  });

  it('a dash completes the probe options, from the option table', () => {
    expect(bashComplete(['ftp-doctor', '--tl'])).toEqual(['--tls', '--tls-version']);
    expect(bashComplete(['ftp-doctor', 'ftp.example.com', '--connect-t'])).toEqual(['--connect-timeout']);
    expect(bashComplete(['ftp-doctor', '--no-c'])).toEqual(['--no-color']);
  });

  it('closed value sets: --tls, --format (also as --format=), --fix-for as a comma list', () => {
    expect(bashComplete(['ftp-doctor', 'host', '--tls', ''])).toEqual([...TLS_MODES]);
    expect(bashComplete(['ftp-doctor', 'host', '--tls', 'i'])).toEqual(['implicit']);
    expect(bashComplete(['ftp-doctor', '--format', '=', 'j'])).toEqual(startingWith(FORMAT_NAMES, 'j'));
    expect(bashComplete(['ftp-doctor', '--fix-for', 'vsftpd,nft'])).toEqual(['vsftpd,nftables']);
    expect(bashComplete(['ftp-doctor', '--fix-for', 'p'])).toEqual(startingWith(FIX_DIALECT_CHOICES, 'p'));
  });

  it('arguments: explain codes, demo scenarios, shells', () => {
    expect(bashComplete(['ftp-doctor', 'explain', '42'])).toEqual(startingWith(ALL_REPLY_CODES, '42'));
    expect(bashComplete(['ftp-doctor', 'compare', '425', '53'])).toEqual(startingWith(ALL_REPLY_CODES, '53'));
    expect(bashComplete(['ftp-doctor', 'demo', 'data'])).toEqual(
      startingWith(Object.keys(DEMO_SCENARIOS), 'data'),
    );
    expect(bashComplete(['ftp-doctor', 'completion', 'z'])).toEqual(['zsh']);
    expect(bashComplete(['ftp-doctor', 'explain', '--j'])).toEqual(['--json']);
    expect(bashComplete(['ftp-doctor', 'explain', '--lang', ''])).toEqual([...LANGUAGES]);
  });
});

/**
 * zshComplete types the line and Tab into an interactive zsh on a pseudo-terminal (zsh's own zpty
 * module) with the script on $fpath and compinit loaded, and returns what the terminal showed
 * after the line, escape codes removed: the menu of matches, or the line completed in place.
 */
function zshComplete(line: string, waitFor: string): string {
  const program = `
zmodload zsh/zpty
zpty z 'zsh -f -i'
zpty -w z 'PROMPT="> "; fpath=(${join(dir, 'zsh')} $fpath); autoload -Uz compinit; compinit -u -D'
zpty -w -n z '${line}'$'\\t'
local out all
integer i
for i in {1..50}; do
  zpty -r -t z out && all+=$out
  [[ $all == *${waitFor}* ]] && break
  sleep 0.1
done
zpty -d z
print -r -- "$all"
`;
  const run = spawnSync('zsh', ['-f', '-c', program], { encoding: 'utf8', timeout: 15_000 });
  // Escape sequences and other control characters (BEL, backspace) removed: the text shown.
  const text = run.stdout
    .replace(/\u001b\[[0-9;?]*[a-zA-Z]/g, '')
    .replace(/[\u0000-\u0009\u000b-\u001f]/g, '');
  return text.slice(text.lastIndexOf('> '));
}

const zshSkip = shellSkipReason('/usr/bin/zsh');
describe.skipIf(zshSkip !== null)(`zsh completion${zshSkip ? ` (skipped: ${zshSkip})` : ''}`, () => {
  it('completes closed sets, commands and scenario names in a real interactive zsh', () => {
    const modes = zshComplete('ftp-doctor --tls ', 'implicit');
    for (const mode of TLS_MODES) expect(modes).toContain(mode);
    expect(zshComplete('ftp-doctor ex', 'explain')).toContain('ftp-doctor explain');
    expect(zshComplete('ftp-doctor demo data-p', 'closed')).toContain('ftp-doctor demo data-port-closed');
  });

  it('parses (zsh -n), and compinit registers _ftp-doctor for the command', () => {
    const parse = spawnSync('zsh', ['-n', scripts.zsh!], { encoding: 'utf8' });
    expect(parse.status, parse.stderr).toBe(0);
    // Loading it in a zsh with compinit registers the function for the command.
    const load = spawnSync(
      'zsh',
      [
        '-f',
        '-c',
        `autoload -Uz compinit && compinit -u -D && source '${scripts.zsh}' && print -r -- $_comps[ftp-doctor]`,
      ],
      { encoding: 'utf8', timeout: 10_000 },
    );
    expect(load.stdout.trim(), load.stderr).toBe('_ftp-doctor');
  });
});

const fishSkip = shellSkipReason('/usr/bin/fish');
describe.skipIf(fishSkip !== null)(`fish completion${fishSkip ? ` (skipped: ${fishSkip})` : ''}`, () => {
  /** fishComplete asks a real fish what it would complete for the command line. */
  function fishComplete(line: string): string[] {
    const run = spawnSync('fish', ['--no-config', '-c', `source '${scripts.fish}'; complete -C '${line}'`], {
      encoding: 'utf8',
      timeout: 10_000,
      env: { ...process.env, HOME: dir },
    });
    expect(run.stderr).toBe('');
    return run.stdout
      .split('\n')
      .filter((entry) => entry !== '')
      .map((entry) => entry.split('\t')[0]!);
  }

  it('parses (fish -n)', () => {
    const parse = spawnSync('fish', ['-n', scripts.fish!], { encoding: 'utf8' });
    expect(parse.status, parse.stderr).toBe(0);
  });

  it('completes commands, closed sets and scenario names', () => {
    expect(fishComplete('ftp-doctor ex')).toEqual(['explain']);
    expect(fishComplete('ftp-doctor host --tls ').sort()).toEqual([...TLS_MODES].sort());
    expect(fishComplete('ftp-doctor demo data')).toEqual(startingWith(Object.keys(DEMO_SCENARIOS), 'data'));
  });
});

it('an unknown shell is a usage error that lists the valid ones', async () => {
  const run = await runCli(['completion', 'powershell']);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/^ftp-doctor: completion: "powershell" is not one of bash, zsh, fish\n/);
});
