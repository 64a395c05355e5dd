import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/formats/json.js';
import { generateServerCertificate, type ServerCertificate } from '../support/certs.js';
import { uniqueLoopbackAddress } from '../support/loopbackPorts.js';
import { type RealServer, realServerSkipReason, startVsftpd } from '../support/realServers.js';
import { runCli } from '../support/runCli.js';
import { chromiumSkipReason, HeadlessChromium } from './headlessChromium.js';

// The timeline of a real FTPS session: vsftpd with explicit TLS, a TLS handshake on the control
// connection and encrypted data connections. One probe writes the text chart (stdout), the JSON
// report and the HTML page (--save), so all three describe the same run.

const skip = realServerSkipReason('vsftpd') ?? chromiumSkipReason();
if (skip !== null && process.env.CI === 'true') throw new Error(`CI=true but this test cannot run: ${skip}`);

const ARTIFACTS = new URL('../../test-artifacts/html/', import.meta.url);

describe.skipIf(skip !== null)(
  `timeline of a real vsftpd over TLS${skip ? ` (skipped: ${skip})` : ''}`,
  () => {
    const host = uniqueLoopbackAddress();
    let cert: ServerCertificate;
    let server: RealServer;
    let dir = '';

    beforeAll(async () => {
      cert = await generateServerCertificate([host]);
      server = await startVsftpd({ host, tls: { mode: 'explicit', certificate: cert } });
      dir = await mkdtemp(join(tmpdir(), 'ftp-doctor-html-vsftpd-'));
    }, 60_000);

    afterAll(async () => {
      await server?.stop();
      await cert?.remove();
      if (dir !== '') await rm(dir, { recursive: true, force: true });
    });

    it('draws the TLS handshake where the JSON report says it happened, in text and in the page', async () => {
      const json = join(dir, 'report.json');
      const html = join(dir, 'report.html');
      const run = await runCli([
        `${host}:${server.port}`,
        '--ca',
        cert.certPath,
        '--samples',
        '4',
        '--timeline',
        '--save',
        `json=${json}`,
        '--save',
        `html=${html}`,
      ]);
      expect(run.code, run.stdout + run.stderr).toBe(0);
      const chart = run.stdout.slice(run.stdout.indexOf('\nTimeline'));
      const control = chart.split('\n').find((line) => line.startsWith('  control '));
      expect(control).toContain('▓');

      const report = JSON.parse(readFileSync(json, 'utf8')) as JsonReport;
      const tls = report.targets[0]!.steps.find((step) => step.name === 'tls')!;
      const handshakeMs = (tls.data as { handshakeMs: number }).handshakeMs;
      expect(handshakeMs).toBeGreaterThan(0);

      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(new URL('vsftpd-tls.html', ARTIFACTS), readFileSync(html));
      const browser = await HeadlessChromium.launch();
      try {
        await browser.open(pathToFileURL(html).href);
        const drawn = await browser.evaluate<{ title: string; width: number; scale: number }>(`(() => {
        const span = document.querySelector('svg.timeline g[data-row="control"] rect.k-tls');
        const svg = document.querySelector('svg.timeline');
        const ticks = [...svg.querySelectorAll('line.tick')].map((line) => Number(line.getAttribute('x1')));
        const labels = [...svg.querySelectorAll('text.axis')].map((text) => text.textContent);
        const stepMs = Number.parseFloat(labels[1]) * (labels[1].endsWith(' s') ? 1000 : 1);
        return { title: span.querySelector('title').textContent, width: Number(span.getAttribute('width')), scale: (ticks[1] - ticks[0]) / stepMs };
      })()`);
        expect(drawn.title).toContain(`TLS handshake: ${handshakeMs} ms`);
        // Drawn to scale: the bar is as wide as the handshake took on the page's own axis.
        expect(drawn.width).toBeCloseTo(Math.max(2, handshakeMs * drawn.scale), 0);
        expect(await browser.evaluate<string>('document.querySelector(".tls dl").textContent')).toContain(
          'TLSv1.3',
        );
        writeFileSync(new URL('vsftpd-tls.png', ARTIFACTS), await browser.screenshot());
      } finally {
        await browser.close();
      }
    }, 60_000);
  },
);
