import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoopbackFirewall, nftAvailable } from '../support/loopbackFirewall.js';
import { type RealServer, realServerSkipReason, startVsftpd } from '../support/realServers.js';
import { type ExporterProcess, startExporter } from './exporterProcess.js';
import {
  docBlock,
  PROMTOOL_BINARY,
  type PrometheusServer,
  prometheusSkipReason,
  startPrometheus,
} from './prometheusServer.js';

const run = promisify(execFile);

describe.skipIf(prometheusSkipReason() !== null)('docs/monitoring.md alert rules', () => {
  it('pass promtool check rules', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ftp-doctor-rules-'));
    try {
      const path = join(dir, 'rules.yml');
      await writeFile(path, docBlock('alert-rules').text);
      const { stdout } = await run(PROMTOOL_BINARY, ['check', 'rules', path]);
      expect(stdout).toMatch(/SUCCESS: 5 rules found/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

const nft = await nftAvailable();
const skip =
  prometheusSkipReason() ??
  realServerSkipReason('vsftpd') ??
  (nft ? null : process.env.CI === 'true' ? fail('CI=true but nft is unavailable') : 'needs root and nft');

function fail(message: string): never {
  throw new Error(message);
}

interface ScrapeJob {
  job_name: string;
  scrape_interval?: string;
  scrape_timeout?: string;
  static_configs: { targets: string[] }[];
  relabel_configs?: { target_label: string; replacement?: string }[];
}

interface RuleGroups {
  groups: { rules: { alert: string; for?: string }[] }[];
}

const REFUSED = 'not-allowed.invalid:21';

// A real Prometheus scrapes `ftp-doctor serve` with the documentation's multi-target job: one
// real vsftpd that works, and one whose passive ports a firewall drops.
describe.skipIf(skip !== null)(
  `ftp-doctor serve under a real Prometheus${skip ? ` (skipped: ${skip})` : ''}`,
  () => {
    let healthy: RealServer;
    let broken: RealServer;
    let firewall: LoopbackFirewall;
    let exporter: ExporterProcess;
    let prometheus: PrometheusServer;
    let configDir: string;
    const instance = (server: RealServer) => `${server.host}:${server.port}`;

    beforeAll(async () => {
      healthy = await startVsftpd();
      broken = await startVsftpd();
      firewall = await LoopbackFirewall.block(
        broken.host,
        broken.passiveRange.low,
        broken.passiveRange.high,
        'drop',
      );
      configDir = await mkdtemp(join(tmpdir(), 'ftp-doctor-serve-prom-'));
      const configPath = join(configDir, 'ftp.yml');
      await writeFile(
        configPath,
        [
          `allowed_targets: ["${healthy.host}", "${broken.host}"]`,
          'modules:',
          '  default: { connect_timeout: 2s, data_timeout: 1s }',
          '',
        ].join('\n'),
      );
      exporter = await startExporter(['--config', configPath]);
      const exporterAddress = new URL(exporter.url).host;

      const scrape = docBlock('scrape-config').value as { scrape_configs: ScrapeJob[] };
      for (const job of scrape.scrape_configs) {
        // Seconds instead of minutes; the timeout still reaches the exporter through its header.
        job.scrape_interval = '2s';
        job.scrape_timeout = '2s';
        for (const relabel of job.relabel_configs ?? [])
          if (relabel.target_label === '__address__') relabel.replacement = exporterAddress;
      }
      const ftpJob = scrape.scrape_configs.find((job) => job.job_name === 'ftp')!;
      // The third target is outside allowed_targets: its scrapes get 403 while the exporter runs.
      ftpJob.static_configs = [{ targets: [instance(healthy), instance(broken), REFUSED] }];
      const ownJob = scrape.scrape_configs.find((job) => job.job_name !== 'ftp')!;
      ownJob.static_configs = [{ targets: [exporterAddress] }];

      const rules = docBlock('alert-rules').value as RuleGroups;
      // The documented `for:` waits are minutes; the expressions are what is under test.
      for (const group of rules.groups) for (const rule of group.rules) rule.for = '0s';
      prometheus = await startPrometheus({ global: { evaluation_interval: '1s' }, ...scrape }, rules);
    }, 60_000);

    afterAll(async () => {
      await prometheus?.stop();
      await exporter?.stop();
      await firewall?.remove();
      await broken?.stop();
      await healthy?.stop();
      if (configDir) await rm(configDir, { recursive: true, force: true });
    });

    async function eventually<T>(what: string, read: () => Promise<T | null>): Promise<T> {
      let last: unknown = null;
      for (let attempt = 0; attempt < 120; attempt += 1) {
        const value = await read();
        if (value !== null) return value;
        last = value;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new Error(`Prometheus never showed ${what} (last: ${JSON.stringify(last)})`);
    }

    const sampleOf = async (expression: string): Promise<string | null> => {
      const result = await prometheus.query(expression);
      return result[0]?.value[1] ?? null;
    };

    it('shows probe_success 1 for the working vsftpd and 0 for the one whose passive ports are dropped', async () => {
      expect(
        await eventually('probe_success of the healthy server', () =>
          sampleOf(`probe_success{job="ftp",instance="${instance(healthy)}"}`),
        ),
      ).toBe('1');
      expect(
        await eventually('probe_success of the broken server', () =>
          sampleOf(`probe_success{job="ftp",instance="${instance(broken)}"}`),
        ),
      ).toBe('0');
      const filtered = `ftp_doctor_data_port_state{job="ftp",instance="${instance(broken)}",state="filtered"}`;
      expect(await sampleOf(`max(${filtered})`)).toBe('1');
      expect(
        await sampleOf(`max(ftp_doctor_data_port_state{instance="${instance(healthy)}",state="open"})`),
      ).toBe('1');
      expect(await sampleOf('up{job="ftp-doctor-exporter"}')).toBe('1');
    });

    it('fires the server alerts for the broken server, the scrape alert for the refused target, and no exporter alert', async () => {
      const wanted = ['FtpProbeFailing', 'FtpDataPortFiltered', 'FtpProbeNotAnswered'];
      const firing = await eventually(`${wanted.join(', ')} firing`, async () => {
        const alerts = (await prometheus.alerts()).filter((alert) => alert.state === 'firing');
        const names = new Set(alerts.map((alert) => alert.labels.alertname));
        return wanted.every((name) => names.has(name)) ? alerts : null;
      });
      const instancesOf = (name: string) =>
        new Set(
          firing.filter((alert) => alert.labels.alertname === name).map((alert) => alert.labels.instance),
        );
      expect(instancesOf('FtpProbeFailing')).toEqual(new Set([instance(broken)]));
      expect(instancesOf('FtpDataPortFiltered')).toEqual(new Set([instance(broken)]));
      expect(instancesOf('FtpProbeNotAnswered')).toEqual(new Set([REFUSED]));
      expect(firing.map((alert) => alert.labels.alertname)).not.toContain('FtpExporterDown');
      expect(await sampleOf(`up{job="ftp",instance="${REFUSED}"}`)).toBe('0');
    });
  },
);
