#!/usr/bin/env node
// scripts/build.mjs: typecheck with tsc, then bundle the CLI with esbuild into dist/.
//
//   dist/ftp-doctor.cjs   what bin/ftp-doctor.js requires: src/cli/main.ts, which runs
//                         `--version`, `explain` and `compare` itself (quickCommand.ts)
//   dist/program.cjs      src/cli/program.ts: commander and every command, required by the entry
//                         only for the other command lines
//   dist/serve.cjs        src/cli/commands/serveCommand.ts: the exporter and the YAML parser,
//                         required by the program only for `serve`, so a probe never parses them
//   dist/reference-fr.cjs the French texts of `explain` and `compare`, required only for French
//   dist/config.cjs       src/config/configFile.ts: the config loader and the YAML parser,
//                         required only when a probe has a config file (--config, --profile, or
//                         the default file exists)
//   dist/man/ftp-doctor.1 the man page, written by the built program from its own commands and
//                         option table (package.json's "man" field ships it)
//
// All are CommonJS, which Node loads with less time and memory than ES modules (no module
// loader to start, one file each): npm run bench measured ~9 ms and ~1 MB of a probe's start, and a
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
 * separately: `importer` loads `specifier` on demand. In the importer's bundle that becomes a
 * require() of dist/OUTPUT.cjs at run time, so the module is neither bundled twice nor loaded
 * through Node's ES-module loader.
 */
function separately(name, importer, specifier, output) {
  const escaped = specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return {
    name,
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: new RegExp(`^${escaped}$`) }, (resolveArgs) =>
        resolveArgs.importer.endsWith(importer) ? { path: output, namespace: name } : undefined,
      );
      pluginBuild.onLoad({ filter: /.*/, namespace: name }, () => ({
        contents: `module.exports = require('./${output}.cjs');`,
        loader: 'js',
      }));
      pluginBuild.onResolve({ filter: new RegExp(`^\\./${output}\\.cjs$`) }, () => ({
        path: `./${output}.cjs`,
        external: true,
      }));
    },
  };
}

/** main.ts loads './program.js' on demand; program.ts loads './commands/serveCommand.js' on demand. */
const programSeparately = separately(
  'program-separately',
  join('src', 'cli', 'main.ts'),
  './program.js',
  'program',
);
const serveSeparately = separately(
  'serve-separately',
  join('src', 'cli', 'program.ts'),
  './commands/serveCommand.js',
  'serve',
);

/** explainCommand.ts loads the French reference only for French (`--lang fr` or the locale). */
const frenchSeparately = separately(
  'french-separately',
  join('src', 'cli', 'commands', 'explainCommand.ts'),
  '../../knowledge/reference/fr/french.js',
  'reference-fr',
);

/** probeFlags.ts loads the config loader on demand: a probe without a config never parses YAML. */
const configSeparately = separately(
  'config-separately',
  join('src', 'cli', 'options', 'probeFlags.ts'),
  '../../config/configFile.js',
  'config',
);

const [entry, program, referenceFr, serve, config] = await Promise.all([
  build({
    ...common,
    entryPoints: { 'ftp-doctor': 'src/cli/main.ts' },
    outdir: dist,
    plugins: [programSeparately, frenchSeparately],
  }),
  build({
    ...common,
    entryPoints: { program: 'src/cli/program.ts' },
    outdir: dist,
    plugins: [serveSeparately, frenchSeparately, configSeparately],
  }),
  build({
    ...common,
    entryPoints: { 'reference-fr': 'src/knowledge/reference/fr/french.ts' },
    outdir: dist,
  }),
  build({
    ...common,
    entryPoints: { serve: 'src/cli/commands/serveCommand.ts' },
    outdir: dist,
  }),
  build({
    ...common,
    entryPoints: { config: 'src/config/configFile.ts' },
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
  writeFileSync(join(dist, 'meta-reference-fr.json'), JSON.stringify(referenceFr.metafile));
  writeFileSync(join(dist, 'meta-serve.json'), JSON.stringify(serve.metafile));
  writeFileSync(join(dist, 'meta-config.json'), JSON.stringify(config.metafile));
}
