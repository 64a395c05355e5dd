import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TargetReport } from '../../src/knowledge/types.js';
import { renderHtmlReport } from '../../src/report/formats/html.js';
import { htmlText } from '../../src/report/html/htmlText.js';
import { ALL_FIXTURES, anyHostileChar, hostileServer, pasvFiltered, reply } from '../report/fixtures.js';
import { HOSTILE_BANNER, INJECTION_MARKER } from './hostileText.js';

const CONTEXT = { toolVersion: '9.9.9', generatedAt: '2025-02-08T09:31:20.000Z' };

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

/** withHostileBanner: a report whose greeting, SYST reply, finding and transcript carry HOSTILE_BANNER. */
function withHostileBanner(report: TargetReport): TargetReport {
  const greeting = reply('220-Welcome', ...HOSTILE_BANNER.map((line) => ` ${line}`), '220 Ready.');
  const steps = report.probe.steps.map((step) =>
    step.name === 'banner' && step.ran
      ? { ...step, exchanges: [{ command: null, replies: [greeting], durationMs: 3 }] }
      : step,
  ) as TargetReport['probe']['steps'];
  return {
    probe: {
      ...report.probe,
      target: { ...report.probe.target, input: `${HOSTILE_BANNER[2]}:21` },
      steps,
      transcript: [
        ...HOSTILE_BANNER.map((text, index) => ({
          direction: 'received' as const,
          text,
          atMs: index,
          channel: 'control' as const,
        })),
        ...report.probe.transcript,
      ],
    },
    diagnosis: {
      ...report.diagnosis,
      verdict: { ...report.diagnosis.verdict, headline: HOSTILE_BANNER.join(' ') },
      findings: report.diagnosis.findings.map((finding) => ({
        ...finding,
        title: `${finding.title} ${HOSTILE_BANNER[1]}`,
        evidence: [
          ...finding.evidence,
          { kind: 'reply' as const, command: null, code: 220, text: HOSTILE_BANNER.join('\n') },
        ],
      })),
    },
  };
}

describe('htmlText', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['"\' onmouseover=x', '&quot;&apos; onmouseover=x'],
    ['a & b', 'a &amp; b'],
    ['esc \u001b[2J', 'esc \\x1b[2J'],
    ['rtl \u202eexe.txt', 'rtl \\u202eexe.txt'],
    ['nul \u0000 here', 'nul \\x00 here'],
  ])('%j becomes %j', (input, expected) => {
    expect(htmlText(input)).toBe(expected);
  });
});

describe('renderHtmlReport', () => {
  it('lists every finding and every step of every fixture, and the verdict', () => {
    for (const report of Object.values(ALL_FIXTURES)) {
      const html = renderHtmlReport([report], CONTEXT);
      for (const finding of report.diagnosis.findings)
        expect(html).toContain(`data-finding-id="${finding.id}"`);
      for (const step of report.diagnosis.steps) expect(html).toContain(`data-step="${step.name}"`);
      expect(html).toContain(`exit ${report.diagnosis.verdict.exitCode}:`);
    }
  });

  it('pins its one stylesheet and one script by hash in a Content-Security-Policy that loads nothing', () => {
    const html = renderHtmlReport([pasvFiltered], CONTEXT);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!;
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`style-src 'sha256-${sha256(style)}'`);
    expect(csp).toContain(`script-src 'sha256-${sha256(script)}'`);
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
    expect(html).not.toMatch(/\b(?:src|href)=/);
    expect(html).not.toMatch(/url\(/);
  });

  it('never lets hostile server text open a tag, end the style or script, or leave an attribute', () => {
    for (const report of [withHostileBanner(pasvFiltered), withHostileBanner(hostileServer)]) {
      const html = renderHtmlReport([report], CONTEXT);
      expect(html.match(/<script/g)).toHaveLength(1);
      expect(html.match(/<\/script/gi)).toHaveLength(1);
      expect(html.match(/<style/gi)).toHaveLength(1);
      expect(html.match(/<\/style/gi)).toHaveLength(1);
      expect(html).not.toMatch(/<(?:img|iframe|svg onload|object|embed|link|base|form)\b/i);
      // Escaped text holds no `<`, so every tag here is one the renderer wrote.
      for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) expect(tag).not.toMatch(/\son[a-z]+=/i);
      expect(html).not.toContain(`window.${INJECTION_MARKER}=1</script>`);
      expect(html).toContain(htmlText(HOSTILE_BANNER[0]!));
      expect(anyHostileChar(html)).toBeNull();
    }
  });

  it('shows the range map only when ports were sampled or scanned', () => {
    expect(renderHtmlReport([pasvFiltered], CONTEXT)).not.toContain('class="range-map"');
    const sampled: TargetReport = {
      ...pasvFiltered,
      probe: {
        ...pasvFiltered.probe,
        options: { ...pasvFiltered.probe.options, samples: 3 },
        steps: pasvFiltered.probe.steps.map((step) =>
          step.name === 'epsv' && step.data
            ? {
                ...step,
                data: {
                  ...step.data,
                  samples: [40011, 40057, 40093].map((port) => ({ reply: null, port })),
                },
              }
            : step,
        ) as TargetReport['probe']['steps'],
      },
    };
    const html = renderHtmlReport([sampled], CONTEXT);
    expect(html).toContain('class="range-map"');
    // The EPSV samples and the PASV port (40140) together: a round block around them.
    expect(html).toContain('inferred range 40000-40999');
  });

  it('puts several targets on one page with an overview linking to each', () => {
    const html = renderHtmlReport(Object.values(ALL_FIXTURES), CONTEXT);
    expect(html.match(/<section class="target"/g)).toHaveLength(Object.keys(ALL_FIXTURES).length);
    expect(html).toContain('href="#target-5"');
  });
});
