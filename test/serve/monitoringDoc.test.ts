import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { loadServeConfig } from '../../src/serve/serveConfig.js';

const doc = readFileSync(fileURLToPath(new URL('../../docs/monitoring.md', import.meta.url)), 'utf8');

it("docs/monitoring.md's example config loads, with its password file in place", async () => {
  const example = /```yaml\n(# ftp\.yml\n[\s\S]*?)```/.exec(doc)?.[1];
  expect(example).toBeDefined();
  const dir = await mkdtemp(join(tmpdir(), 'ftp-doctor-doc-config-'));
  try {
    await writeFile(join(dir, 'feed'), 'example\n');
    const path = join(dir, 'ftp.yml');
    await writeFile(path, example!.replace('/run/secrets/ftp-feed', join(dir, 'feed')));
    const config = await loadServeConfig(path, {});
    expect([...config.modules.keys()]).toEqual(['default', 'partner-feed', 'legacy-active']);
    expect(config.modules.get('partner-feed')).toMatchObject({
      user: 'feed',
      password: 'example',
      requireTls: true,
    });
    expect(config.allowlist.allows('eu.ftp.example.net')).toBe(true);
    expect(config.allowlist.allows('198.51.100.1')).toBe(false);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
