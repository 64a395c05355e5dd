#!/usr/bin/env node
// scripts/build.mjs: typecheck with tsc, then bundle the CLI with esbuild into dist/.
//
//   dist/ftp-doctor.cjs   what bin/ftp-doctor.js requires: src/cli/main.ts, which answers
//                         `--version` itself and sends plain `explain`/`compare` lines straight
//                         to explain.cjs (quickCommand.ts)
//   dist/program.cjs      src/cli/program.ts: commander, the probe and the other commands,
//                         required by the entry only for the other command lines
//   dist/explain.cjs      src/cli/commands/explainCommand.ts: `explain` and `compare` with the
//                         reference tables, so a probe never parses them
//   dist/format-*.cjs     each output format but the human report, required only when chosen
//                         (src/report/formats/registry.ts loads them on demand)
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
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
 * BUNDLES: each becomes dist/OUTPUT.cjs. A dynamic import() of another bundle's entry, from any
 * bundle, becomes a require() of that file at run time: the module is neither bundled twice nor
 * loaded through Node's ES-module loader (which an import() of a .cjs file would start). Static
 * imports stay inside the importing bundle. Classes that cross bundles are checked by a mark, not
 * by identity (see src/cli/usageError.ts).
 */
/**
 * FORMATS_LOADED_ON_DEMAND: every format the registry loads with import(), read from the registry
 * itself so that adding a format stays one module and one registry line. The human report is the
 * default and stays in the program bundle.
 */
const FORMATS_LOADED_ON_DEMAND = [
  ...readFileSync(join(root, 'src/report/formats/registry.ts'), 'utf8').matchAll(
    /import\('\.\/([\w-]+)\.js'\)/g,
  ),
]
  .map((match) => match[1])
  .filter((name) => name !== 'human');
const BUNDLES = [
  // The entry, and what a command line loads only when it needs it.
  { output: 'ftp-doctor', entry: 'src/cli/main.ts' },
  { output: 'program', entry: 'src/cli/program.ts' },
  { output: 'explain', entry: 'src/cli/commands/explainCommand.ts' },
  { output: 'reference-fr', entry: 'src/knowledge/reference/fr/french.ts' },
  { output: 'serve', entry: 'src/cli/commands/serveCommand.ts' },
  { output: 'config', entry: 'src/config/configFile.ts' },
  // The human report is the default; a probe loads another format only when it is asked for.
  ...FORMATS_LOADED_ON_DEMAND.map((name) => ({
    output: `format-${name}`,
    entry: `src/report/formats/${name}.ts`,
  })),
];

/** lazyBundles: the plugin that turns a dynamic import() of another bundle's entry into a require(). */
function lazyBundles(own) {
  const outputByEntry = new Map(BUNDLES.map((bundle) => [join(root, bundle.entry), bundle.output]));
  return {
    name: 'lazy-bundles',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^\.\.?\// }, (resolveArgs) => {
        if (resolveArgs.kind !== 'dynamic-import') return undefined;
        const target = join(resolveArgs.resolveDir, resolveArgs.path.replace(/\.js$/, '.ts'));
        const output = outputByEntry.get(target);
        if (output === undefined || output === own) return undefined;
        return { path: output, namespace: 'lazy-bundle' };
      });
      pluginBuild.onLoad({ filter: /.*/, namespace: 'lazy-bundle' }, (loadArgs) => ({
        contents: `module.exports = require('./${loadArgs.path}.cjs');`,
        loader: 'js',
      }));
      pluginBuild.onResolve({ filter: /^\.\/[\w-]+\.cjs$/ }, (resolveArgs) => ({
        path: resolveArgs.path,
        external: true,
      }));
    },
  };
}

const results = await Promise.all(
  BUNDLES.map((bundle) =>
    build({
      ...common,
      entryPoints: { [bundle.output]: bundle.entry },
      outdir: dist,
      plugins: [lazyBundles(bundle.output)],
    }),
  ),
);

/**
 * asciiOnly rewrites a bundle with every non-ASCII character as a \u escape. esbuild escapes them
 * in strings but leaves them in regular-expression literals, and one such character makes V8 keep
 * the whole source (held for lazy compilation) as a two-byte string: twice the file's size, ~0.8 MB
 * of every probe's peak RSS for program.cjs (npm run bench, section e). Comments are gone
 * (minified), so the characters left are in regular expressions, where \uXXXX means the same.
 */
function asciiOnly(file) {
  const text = readFileSync(file, 'utf8');
  const escaped = text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (escaped !== text) writeFileSync(file, escaped);
}
for (const name of readdirSync(dist)) if (name.endsWith('.cjs')) asciiOnly(join(dist, name));

// The page is generated from the bundle just built, so it can only list options the CLI has.
const { renderManPage } = createRequire(import.meta.url)(join(dist, 'program.cjs'));
mkdirSync(join(dist, 'man'), { recursive: true });
writeFileSync(join(dist, 'man', 'ftp-doctor.1'), await renderManPage());

if (args.has('--metafile')) {
  BUNDLES.forEach((bundle, index) => {
    writeFileSync(join(dist, `meta-${bundle.output}.json`), JSON.stringify(results[index].metafile));
  });
}
