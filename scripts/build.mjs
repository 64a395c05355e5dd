#!/usr/bin/env node
// scripts/build.mjs: typecheck with tsc, then bundle the CLI with esbuild into dist/.
//
//   dist/ftp-doctor.cjs      what bin/ftp-doctor.js requires: src/cli/main.ts with `--version`,
//                            `explain` and `compare` inside, as CommonJS so that these commands
//                            start without Node's ES-module loader (issue #7: a few ms of ~60)
//   dist/cli/program.mjs     the commander program and every command, an ES module split into
//   dist/cli/chunks/*.mjs    chunks, so the probe, the fake server and the renderers load only
//                            on the paths that use them; ora stays an external dependency
//
// chalk and commander are bundled. Options: --no-typecheck (bundle only), --metafile (writes
// dist/meta-*.json for inspecting what each chunk holds).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
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
  logLevel: 'warning',
  metafile: args.has('--metafile'),
};

/**
 * programExternal: main.ts loads './program.js' on demand; in the CommonJS entry that import
 * must stay a real import() of the ES-module build instead of being bundled a second time.
 */
const programExternal = {
  name: 'program-external',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^\.\/program\.js$/ }, (resolveArgs) =>
      resolveArgs.importer.endsWith(join('src', 'cli', 'main.ts'))
        ? { path: './cli/program.mjs', external: true }
        : undefined,
    );
  },
};

const [entry, program] = await Promise.all([
  build({
    ...common,
    entryPoints: { 'ftp-doctor': 'src/cli/main.ts' },
    format: 'cjs',
    outdir: dist,
    outExtension: { '.js': '.cjs' },
    plugins: [programExternal],
    // version.ts reads package.json through import.meta.url only when FTP_DOCTOR_VERSION is
    // unset, which the define above rules out; the warning about it is noise here.
    logOverride: { 'empty-import-meta': 'silent' },
  }),
  build({
    ...common,
    entryPoints: { program: 'src/cli/program.ts' },
    format: 'esm',
    splitting: true,
    outdir: join(dist, 'cli'),
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    // commander is CommonJS and calls require(); give the ES-module bundle one.
    banner: { js: "import{createRequire as __ftpDoctorRequire}from'node:module';const require=__ftpDoctorRequire(import.meta.url);" },
  }),
]);

if (args.has('--metafile')) {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(dist, 'meta-entry.json'), JSON.stringify(entry.metafile));
  writeFileSync(join(dist, 'meta-program.json'), JSON.stringify(program.metafile));
}
