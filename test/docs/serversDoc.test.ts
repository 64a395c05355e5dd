import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SOFTWARE_IDS } from '../../src/knowledge/servers/softwareIds.js';
import { renderServersDoc } from './serversDoc.js';

describe('docs/servers.md', () => {
  it('is generated from the tables (run `node scripts/servers-doc.mjs` after changing them)', async () => {
    const committed = await readFile(new URL('../../docs/servers.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderServersDoc());
  });

  it('lists every product once', () => {
    const text = renderServersDoc();
    for (const id of SOFTWARE_IDS) expect(text.split(`| \`${id}\` |`).length - 1, id).toBe(1);
  });
});
