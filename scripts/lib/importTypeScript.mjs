// scripts/lib/importTypeScript.mjs: the scripts that write generated documents read TypeScript
// tables (src/, test/); this bundles one module with esbuild into a temporary file and imports it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/** ROOT: the repository, for paths relative to it. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** importTypeScript bundles `entry` (a path relative to the repository) and returns its exports. */
export async function importTypeScript(entry) {
  const work = mkdtempSync(join(tmpdir(), 'ftp-doctor-docs-'));
  try {
    const outfile = join(work, 'module.mjs');
    await build({
      entryPoints: [join(ROOT, entry)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile,
      logLevel: 'error',
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
