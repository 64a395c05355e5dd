#!/usr/bin/env node
// scripts/fault-matrix.mjs: writes docs/fault-matrix.md from the rows of the fault-matrix test
// (test/faults/faultTable.ts), so the document lists exactly what the test checks.
//
//   node scripts/fault-matrix.mjs            rewrite docs/fault-matrix.md
//   node scripts/fault-matrix.mjs --stdout   print the markdown instead
//
// test/faults/faultMatrixDoc.test.ts fails when the committed document is out of date.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'fault-matrix-'));
try {
  const outfile = join(work, 'faultMatrix.mjs');
  await build({
    stdin: {
      contents: [
        "export { FAULT_ROWS } from './test/faults/faultTable.ts';",
        "export { renderFaultMatrix } from './test/faults/faultMatrixDoc.ts';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'error',
  });
  const { FAULT_ROWS, renderFaultMatrix } = await import(pathToFileURL(outfile).href);
  const markdown = renderFaultMatrix(FAULT_ROWS);
  if (process.argv.includes('--stdout')) process.stdout.write(markdown);
  else writeFileSync(join(root, 'docs', 'fault-matrix.md'), markdown);
} finally {
  rmSync(work, { recursive: true, force: true });
}
