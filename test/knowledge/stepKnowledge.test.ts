import { describe, expect, it } from 'vitest';
import { FINDINGS } from '../../src/knowledge/diagnosis/findingCatalog.js';
import { ALL_FINDINGS, STEP_KNOWLEDGE } from '../../src/knowledge/diagnosis/stepKnowledge.js';
import { STEP_ORDER } from '../../src/probe/pipeline/stepTable.js';

const OWN_CATALOGS = Object.entries(STEP_KNOWLEDGE).flatMap(([step, knowledge]) =>
  'catalog' in knowledge && knowledge.catalog ? [[step, knowledge.catalog] as const] : [],
);

describe('the steps that keep their knowledge in their own module', () => {
  it('include at least one step, so the checks below check something', () => {
    expect(OWN_CATALOGS.length).toBeGreaterThan(0);
  });

  it('use finding ids no other catalog uses', () => {
    const seen = new Map<string, string>(Object.keys(FINDINGS).map((id) => [id, 'FINDINGS']));
    for (const [step, catalog] of OWN_CATALOGS) {
      for (const id of Object.keys(catalog)) {
        expect(seen.get(id), `${id} in ${step}`).toBeUndefined();
        seen.set(id, step);
      }
    }
    expect(Object.keys(ALL_FINDINGS).length).toBe(seen.size);
  });

  it('file their findings under their own step', () => {
    for (const [step, catalog] of OWN_CATALOGS) {
      for (const [id, spec] of Object.entries(catalog)) expect(spec.step, id).toBe(step);
    }
  });
});

describe('STEP_KNOWLEDGE', () => {
  it('has a row for every step of the report, and no other', () => {
    expect(Object.keys(STEP_KNOWLEDGE).sort()).toEqual([...STEP_ORDER].sort());
  });
});
