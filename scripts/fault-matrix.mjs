#!/usr/bin/env node
// scripts/fault-matrix.mjs: writes docs/fault-matrix.md from the rows of the fault-matrix test
// (test/faults/faultTable.ts), so the document lists exactly what the test checks.
//
//   node scripts/fault-matrix.mjs            rewrite docs/fault-matrix.md
//   node scripts/fault-matrix.mjs --stdout   print the markdown instead
//
// test/faults/faultMatrixDoc.test.ts fails when the committed document is out of date.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importTypeScript, ROOT } from './lib/importTypeScript.mjs';

const { FAULT_ROWS } = await importTypeScript('test/faults/faultTable.ts');
const { renderFaultMatrix } = await importTypeScript('test/faults/faultMatrixDoc.ts');
const markdown = renderFaultMatrix(FAULT_ROWS);
if (process.argv.includes('--stdout')) process.stdout.write(markdown);
else writeFileSync(join(ROOT, 'docs', 'fault-matrix.md'), markdown);
