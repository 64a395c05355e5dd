import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parseTarget } from '../../src/probe/target.js';
import { loadServeConfig, type ServeConfig } from '../../src/serve/serveConfig.js';
import { docBlock } from './prometheusServer.js';

const packageVersion = (
  JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as {
    version: string;
  }
).version;

interface ScrapeJob {
  job_name: string;
  params?: { module?: string[] };
  static_configs: { targets: string[] }[];
}

/** The FTP servers the documented scrape job probes, with the module it names. */
const scrapeJob = (docBlock('scrape-config').value as { scrape_configs: ScrapeJob[] }).scrape_configs.find(
  (job) => job.job_name === 'ftp',
)!;
const scrapeTargets = scrapeJob.static_configs.flatMap((config) => config.targets);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ftp-doctor-doc-config-'));
  await writeFile(join(dir, 'feed'), 'example\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** loadDocConfig loads a config shown in the doc, with its password file pointed at a real one. */
async function loadDocConfig(name: string, text: string, passwordPath: string): Promise<ServeConfig> {
  const path = join(dir, name);
  await writeFile(path, text.replace(passwordPath, join(dir, 'feed')));
  return loadServeConfig(path, {});
}

/** refusedTargets: the documented scrape targets that this config would answer 403. */
function refusedTargets(config: ServeConfig): string[] {
  const module = config.modules.get(scrapeJob.params?.module?.[0] ?? 'default')!;
  return scrapeTargets.filter((input) => {
    const { host } = parseTarget(input);
    return !config.allowlist.allows(host) || (module.targets !== null && !module.targets.allows(host));
  });
}

describe('docs/monitoring.md', () => {
  it('has a scrape job with targets to check', () => {
    expect(scrapeTargets.length).toBeGreaterThan(1);
  });

  it("example config loads, and allows every target of the doc's scrape config", async () => {
    const config = await loadDocConfig('ftp.yml', docBlock('example-config').text, '/run/secrets/ftp-feed');
    expect([...config.modules.keys()]).toEqual(['default', 'partner-feed', 'legacy-active']);
    expect(config.modules.get('partner-feed')).toMatchObject({
      user: 'feed',
      password: 'example',
      requireTls: true,
    });
    expect(config.modules.get('partner-feed')?.targets?.allows('ftp.example.com')).toBe(true);
    expect(refusedTargets(config)).toEqual([]);
    expect(config.allowlist.allows('eu.ftp.example.net')).toBe(true);
    expect(config.allowlist.allows('198.51.100.1')).toBe(false);
  });

  it('Kubernetes ConfigMap allows the same targets; the install is pinned and gated by a startupProbe', async () => {
    const documents = parseAllDocuments(docBlock('kubernetes').text).map(
      (document) => document.toJS() as Record<string, unknown>,
    );
    const kinds = documents.map((document) => document.kind);
    expect(kinds).toEqual(['ConfigMap', 'Secret', 'Deployment', 'Service', 'NetworkPolicy']);
    const configMap = documents[0] as { data: Record<string, string> };
    const config = await loadDocConfig('k8s.yml', configMap.data['ftp.yml']!, '/run/secrets/ftp/feed');
    expect(refusedTargets(config)).toEqual([]);

    const deployment = documents[2] as {
      spec: { template: { spec: { containers: { command: string[]; startupProbe?: unknown }[] } } };
    };
    const container = deployment.spec.template.spec.containers[0]!;
    expect(container.command.join(' ')).toContain(` ftp-doctor@${packageVersion} `);
    expect(container.startupProbe).toBeDefined();
  });

  it('reloads on Kubernetes through the shell, which has kill built in', () => {
    const doc = readFileSync(fileURLToPath(new URL('../../docs/monitoring.md', import.meta.url)), 'utf8');
    expect(doc).toContain("kubectl exec deploy/ftp-doctor -- sh -c 'kill -HUP 1'");
    expect(doc).not.toMatch(/kubectl exec deploy\/ftp-doctor -- kill/);
  });
});
