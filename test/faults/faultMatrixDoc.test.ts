import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { FINDINGS } from '../../src/knowledge/diagnosis/findingCatalog.js';
import { renderFaultMatrix } from './faultMatrixDoc.js';
import { FAULT_ROWS } from './faultTable.js';

describe('docs/fault-matrix.md', () => {
  it('is generated from the fault table (run `node scripts/fault-matrix.mjs` after changing it)', async () => {
    const committed = await readFile(new URL('../../docs/fault-matrix.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderFaultMatrix(FAULT_ROWS));
  });

  it('names only findings from the catalog; an error finding never leaves the exit code at 0', () => {
    for (const row of FAULT_ROWS) {
      expect([0, 3, 4, 5, 6, 7, 8, 9], row.id).toContain(row.exitCode);
      if (row.finding === null) {
        expect(row.exitCode, row.id).toBe(0);
        continue;
      }
      expect(Object.hasOwn(FINDINGS, row.finding), row.id).toBe(true);
      if (FINDINGS[row.finding].severity === 'error') expect(row.exitCode, row.id).not.toBe(0);
    }
  });
});
