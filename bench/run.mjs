#!/usr/bin/env node
// npm run bench: ftp-doctor against node's own start and against curl, side by side in one run.
// Writes bench/RESULTS.md and the README's "Performance" section (between its bench markers).
// Sections: a cold start, b latency over a 100 ms link, c a filtered data port, d a fleet of 200
// targets, e peak RSS of one probe. b and c need root (network namespaces, nftables), b needs
// python3 (tunDelay.py), b-e need vsftpd; a section that cannot run says why in the results.
// Options: --only a,b,... (a partial run writes nothing unless --write), --runs N (repetitions for
// b-e; a always runs 50 rounds), --no-write, --cli PATH (measure another build; writes nothing).
// Traffic goes only to 127.0.0.1 and to the namespaces made here (198.19.N.0/24); everything
// started here is stopped by its pid, and every loop is bounded.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeStaleNamespaces } from './lib/netns.mjs';
import { renderReadmeSection, renderResults } from './lib/renderResults.mjs';
import { VSFTPD_BINARY } from './lib/vsftpd.mjs';
import { coldStart } from './sections/coldStart.mjs';
import { filteredPort } from './sections/filteredPort.mjs';
import { fleet } from './sections/fleet.mjs';
import { latency } from './sections/latency.mjs';
import { probeMemory } from './sections/probeMemory.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const only = new Set((option('--only') ?? 'a,b,c,d,e').split(','));
const runs = Number(option('--runs') ?? '7');
// A partial run (--only) leaves RESULTS.md and the README alone unless --write says otherwise.
const write =
  option('--cli') === undefined &&
  (args.includes('--write') || (!args.includes('--no-write') && option('--only') === undefined));

function version(command, versionArgs) {
  try {
    return execFileSync(command, versionArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
      .split('\n')[0]
      .trim();
  } catch (error) {
    return `not available (${error.code ?? error.message})`;
  }
}

// --cli PATH measures another build of ftp-doctor (say, an older checkout) and writes nothing.
const otherCli = option('--cli');
if (otherCli === undefined) {
  console.error('bench: building dist/ (scripts/build.mjs --no-typecheck)');
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--no-typecheck'], {
    stdio: 'inherit',
  });
}

const workDir = mkdtempSync(join(tmpdir(), 'ftp-doctor-bench-'));
const context = {
  root,
  cli: otherCli ?? join(root, 'bin', 'ftp-doctor.js'),
  workDir,
  runs,
  isRoot: process.getuid?.() === 0,
  log: (text) => console.error(`bench: ${text}`),
};
const environment = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
  loadAtStart: loadavg()
    .map((n) => n.toFixed(2))
    .join(' '),
  kernel: version('uname', ['-r']),
  curl: version('curl', ['--version']).split(' ').slice(0, 2).join(' '),
  vsftpd: existsSync(VSFTPD_BINARY) ? 'vsftpd (Debian package, unpacked)' : 'not unpacked',
};

const sections = [
  ['a', 'coldStart', coldStart],
  ['b', 'latency', latency],
  ['c', 'filteredPort', filteredPort],
  ['d', 'fleet', fleet],
  ['e', 'probeMemory', probeMemory],
];
const results = {};
try {
  if (context.isRoot) await removeStaleNamespaces();
  for (const [letter, key, run] of sections) {
    if (!only.has(letter)) continue;
    context.log(`section ${letter} (${key})`);
    try {
      results[key] = await run(context);
    } catch (error) {
      results[key] = { skipped: `failed: ${error.message}` };
      context.log(`section ${letter} failed: ${error.stack ?? error.message}`);
    }
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
environment.loadAtEnd = loadavg()
  .map((n) => n.toFixed(2))
  .join(' ');

const markdown = renderResults(environment, results);
process.stdout.write(markdown);
if (write) {
  writeFileSync(join(root, 'bench', 'RESULTS.md'), markdown);
  // The linter checks bench/ (Markdown included); format the file the way it expects.
  try {
    execFileSync(
      join(root, 'node_modules', '.bin', 'biome'),
      ['format', '--write', join(root, 'bench', 'RESULTS.md')],
      {
        stdio: 'ignore',
      },
    );
  } catch {
    context.log('biome could not format bench/RESULTS.md (left as written)');
  }
  const readmePath = join(root, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const section = `${start}\n${renderReadmeSection(environment, results)}\n${end}`;
  const updated =
    readme.includes(start) && readme.includes(end)
      ? readme.slice(0, readme.indexOf(start)) + section + readme.slice(readme.indexOf(end) + end.length)
      : `${readme.trimEnd()}\n\n## Performance\n\n${section}\n`;
  writeFileSync(readmePath, updated);
  context.log('wrote bench/RESULTS.md and the README section');
}
