import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeFtpServer } from '../../src/fakeServer/fakeFtpServer.js';
import type { FakeFtpServer } from '../../src/fakeServer/fakeServerScript.js';
import type { JsonReport } from '../../src/report/formats/json.js';
import { runCli } from '../support/runCli.js';
import { chromiumSkipReason, HeadlessChromium } from './headlessChromium.js';
import { HOSTILE_BANNER, INJECTION_MARKER } from './hostileText.js';

// The HTML report opened the way a network engineer opens it: a file in a real Chromium, offline.
// Screenshots land in test-artifacts/html/ (gitignored) for a person to look at.

const skipReason = chromiumSkipReason();
if (skipReason !== null && process.env.CI === 'true') {
  throw new Error(`CI=true but the browser tests cannot run: ${skipReason}`);
}

const ARTIFACTS = new URL('../../test-artifacts/html/', import.meta.url);

interface Page {
  readonly file: string;
  readonly url: string;
  readonly json: JsonReport;
}

const servers: FakeFtpServer[] = [];
let workDir = '';
let browser: HeadlessChromium;
const pages: Record<'healthy' | 'broken', Page> = {} as Record<'healthy' | 'broken', Page>;

/** report probes a target twice with the same options: once for the page, once for what it must show. */
async function report(name: string, args: string[]): Promise<Page> {
  const file = join(workDir, `${name}.html`);
  const html = await runCli([...args, '--format', 'html', '-o', file]);
  expect(html.stderr).not.toMatch(/internal error/);
  const json = await runCli([...args, '--json']);
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(new URL(`${name}.html`, ARTIFACTS), readFileSync(file));
  return { file, url: pathToFileURL(file).href, json: JSON.parse(json.stdout) as JsonReport };
}

describe.skipIf(skipReason !== null)('HTML report in headless Chromium', () => {
  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'ftp-doctor-html-'));
    const healthy = await startFakeFtpServer({});
    // Broken: data ports refuse connections, and every text the server controls tries to inject
    // markup and script into the page.
    const broken = await startFakeFtpServer({
      greeting: ['220-Welcome', ...HOSTILE_BANNER.map((line) => `220-${line}`), '220 Ready.'],
      replies: { SYST: `215 ${HOSTILE_BANNER[0]}` },
      dataPort: 'closed',
    });
    servers.push(healthy, broken);
    pages.healthy = await report('healthy', [`127.0.0.1:${healthy.port}`]);
    pages.broken = await report('broken', [
      `127.0.0.1:${broken.port}`,
      '--samples',
      '5',
      '--scan-range',
      `${broken.port}-${broken.port + 30}`,
    ]);
    browser = await HeadlessChromium.launch();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all(servers.map((server) => server.close()));
    if (workDir !== '') await rm(workDir, { recursive: true, force: true });
  });

  for (const name of ['healthy', 'broken'] as const) {
    it(`${name}: shows the verdict, every finding and every step, and asks the network for nothing`, async () => {
      const page = pages[name];
      await browser.open(page.url);
      const target = page.json.targets[0]!;
      const dom = await browser.evaluate<{
        verdict: string;
        findings: string[];
        steps: string[];
        timelineRows: string[];
        scripts: number;
        foreign: number;
        injected: unknown;
        visibleButtons: number;
        rangeMap: boolean;
      }>(`({
        verdict: document.querySelector('.verdict .word').textContent,
        findings: [...document.querySelectorAll('[data-finding-id]')].map((e) => e.getAttribute('data-finding-id')),
        steps: [...document.querySelectorAll('tr[data-step]')].map((e) => e.getAttribute('data-step')),
        timelineRows: [...document.querySelectorAll('svg.timeline g.row')].map((e) => e.getAttribute('data-row')),
        scripts: document.scripts.length,
        foreign: document.querySelectorAll('img, iframe, object, embed, link, form, base, meta[http-equiv=refresh]').length,
        injected: window.${INJECTION_MARKER},
        visibleButtons: [...document.querySelectorAll('button.copy')].filter((b) => !b.hidden).length,
        rangeMap: document.querySelector('svg.range-map') !== null,
      })`);
      expect(dom.verdict).toContain(target.verdict.status.toUpperCase());
      expect(dom.findings.sort()).toEqual(target.findings.map((finding) => finding.id).sort());
      expect(dom.steps).toEqual(target.steps.map((step) => step.name));
      for (const step of target.steps.filter((s) => s.ran)) expect(dom.timelineRows).toContain(step.name);
      expect(dom.timelineRows).toContain('control');
      expect(dom.scripts).toBe(1);
      expect(dom.foreign).toBe(0);
      expect(dom.injected).toBeUndefined();
      expect(dom.visibleButtons).toBeGreaterThan(0);
      expect(dom.rangeMap).toBe(name === 'broken');

      const requests = browser.events
        .filter((event) => event.method === 'Network.requestWillBeSent')
        .map((event) => (event.params.request as { url: string }).url);
      expect(requests).toEqual([page.url]);
      const complaints = browser.events.filter(
        (event) =>
          event.method === 'Runtime.exceptionThrown' ||
          (event.method === 'Log.entryAdded' && (event.params.entry as { level: string }).level === 'error'),
      );
      expect(complaints).toEqual([]);
      writeFileSync(new URL(`${name}.png`, ARTIFACTS), await browser.screenshot());
    });
  }

  it('broken: the hostile banner is shown as text, its controls and bidi overrides as visible escapes', async () => {
    await browser.open(pages.broken.url);
    const text = await browser.evaluate<string>('document.body.innerText');
    // Banner, SYST reply and transcript: each line is on the page as the server sent it, as text.
    // textContent also reads the transcript when it is folded (a failed data port adds samples).
    const all = await browser.evaluate<string>('document.body.textContent');
    for (const line of HOSTILE_BANNER.slice(0, 4))
      expect(all.split(line).length - 1).toBeGreaterThanOrEqual(2);
    expect(all).toContain('&lt;b&gt; entity &amp; \\x1b[2J cleared \\u202etxt.exe');
    for (const shown of [text, all]) {
      expect(shown).not.toContain('\u202e');
      expect(shown).not.toContain('\u001b');
    }
  });

  it('a copy button copies its fix, or selects it when the clipboard is refused', async () => {
    await browser.open(pages.broken.url);
    const result = await browser.evaluate<{ fix: string; label: string; selected: string }>(`(async () => {
      const button = document.querySelector('.fix button.copy');
      const fix = document.getElementById(button.getAttribute('data-copy')).textContent;
      button.click();
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { fix, label: button.textContent, selected: String(window.getSelection()) };
    })()`);
    expect(result.fix.length).toBeGreaterThan(0);
    expect(['Copied', 'Selected: press Ctrl+C']).toContain(result.label);
    if (result.label !== 'Copied') expect(result.selected).toBe(result.fix);
  });

  it('without script the page still holds every fix, and the copy buttons stay hidden', async () => {
    await browser.send('Emulation.setScriptExecutionDisabled', { value: true });
    try {
      await browser.open(pages.broken.url);
      const dom = await browser.evaluate<{ fixes: number; visibleButtons: number; timeline: boolean }>(`({
        fixes: document.querySelectorAll('.fix pre').length,
        visibleButtons: [...document.querySelectorAll('button.copy')].filter((b) => b.offsetParent !== null).length,
        timeline: document.querySelector('svg.timeline rect') !== null,
      })`);
      const target = pages.broken.json.targets[0]!;
      expect(dom.fixes).toBe(target.findings.reduce((sum, finding) => sum + finding.fixes.length, 0));
      expect(dom.visibleButtons).toBe(0);
      expect(dom.timeline).toBe(true);
    } finally {
      await browser.send('Emulation.setScriptExecutionDisabled', { value: false });
    }
  });
});
