#!/usr/bin/env node
// scripts/build.mjs: typecheck with tsc, then bundle the CLI with esbuild into dist/.
//
//   dist/ftp-doctor.cjs   what bin/ftp-doctor.js requires: src/cli/main.ts, which runs
//                         `--version`, `explain` and `compare` itself (quickCommand.ts)
//   dist/program.cjs      src/cli/program.ts: commander and every command, required by the entry
//                         only for the other command lines
//   dist/man/ftp-doctor.1 the man page, written by the built program from its own commands and
//                         option table (package.json's "man" field ships it)
//
// Both are CommonJS, which Node loads with less time and memory than ES modules (no module
// loader to start, one file each): issue #7 measured ~9 ms and ~1 MB of a probe's start, and a
// few ms of `explain`. Inside program.cjs the modules behind dynamic imports (the probe, the
// renderers, chalk) stay uninitialised until used. chalk and commander are bundled; ora stays
// external and is imported (it is an ES module) only for a spinner on a terminal.
//
// Options: --no-typecheck (bundle only), --metafile (writes dist/meta-*.json).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const args = new Set(process.argv.slice(2));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

if (!args.has('--no-typecheck')) {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--noEmit'], {
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

rmSync(dist, { recursive: true, force: true });

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  // Whitespace and syntax only: names stay readable in an internal error's stack trace.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  define: { FTP_DOCTOR_VERSION: JSON.stringify(pkg.version) },
  external: ['ora'],
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  logLevel: 'warning',
  // version.ts reads package.json through import.meta.url only when FTP_DOCTOR_VERSION is
  // unset, which the define above rules out; the warning about it is noise here.
  logOverride: { 'empty-import-meta': 'silent' },
  metafile: args.has('--metafile'),
};

/**
 * programSeparately: main.ts loads './program.js' on demand. In the entry bundle that becomes a
 * require() of dist/program.cjs at run time, so the program is neither bundled twice nor loaded
 * through Node's ES-module loader.
 */
const programSeparately = {
  name: 'program-separately',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^\.\/program\.js$/ }, (resolveArgs) =>
      resolveArgs.importer.endsWith(join('src', 'cli', 'main.ts'))
        ? { path: 'program', namespace: 'program-separately' }
        : undefined,
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: 'program-separately' }, () => ({
      contents: "module.exports = require('./program.cjs');",
      loader: 'js',
    }));
    pluginBuild.onResolve({ filter: /^\.\/program\.cjs$/ }, () => ({
      path: './program.cjs',
      external: true,
    }));
  },
};

const [entry, program] = await Promise.all([
  build({
    ...common,
    entryPoints: { 'ftp-doctor': 'src/cli/main.ts' },
    outdir: dist,
    plugins: [programSeparately],
  }),
  build({
    ...common,
    entryPoints: { program: 'src/cli/program.ts' },
    outdir: dist,
  }),
]);

// The page is generated from the bundle just built, so it can only list options the CLI has.
const { renderManPage } = createRequire(import.meta.url)(join(dist, 'program.cjs'));
mkdirSync(join(dist, 'man'), { recursive: true });
writeFileSync(join(dist, 'man', 'ftp-doctor.1'), await renderManPage());

if (args.has('--metafile')) {
  writeFileSync(join(dist, 'meta-entry.json'), JSON.stringify(entry.metafile));
  writeFileSync(join(dist, 'meta-program.json'), JSON.stringify(program.metafile));
}
