import { describe, expect, it } from 'vitest';
import { renderJson, SCHEMA_VERSION } from '../../src/report/formats/json.js';
import { ALL_FIXTURES, healthyVsftpd, hostileServer, pasvFiltered, tlsExpired } from './fixtures.js';
import { validateReportJson } from './schema.js';

// biome-ignore lint/suspicious/noExplicitAny: the schema cases below break a parsed document on purpose.
type Loose = any;

const meta = { toolVersion: '0.1.0', exitCode: 8, generatedAt: '2025-02-08T09:35:00.000Z' };

function parse(text: string): Record<string, unknown> & { targets: Record<string, unknown>[] } {
  return JSON.parse(text) as Record<string, unknown> & { targets: Record<string, unknown>[] };
}

describe('renderJson', () => {
  it.each(Object.entries(ALL_FIXTURES))('validates against docs/report.schema.json (%s)', (_name, report) => {
    const check = validateReportJson(JSON.parse(renderJson([report], meta)));
    expect(check.errors).toEqual([]);
    expect(check.valid).toBe(true);
  });

  it('validates with every fixture in one report', () => {
    const check = validateReportJson(JSON.parse(renderJson(Object.values(ALL_FIXTURES), meta)));
    expect(check.errors).toEqual([]);
  });

  it('has the documented top level', () => {
    const out = parse(renderJson([healthyVsftpd, pasvFiltered], meta));
    expect(out.schemaVersion).toBe(SCHEMA_VERSION);
    expect(out.tool).toEqual({ name: 'ftp-doctor', version: '0.1.0' });
    expect(out.generatedAt).toBe(meta.generatedAt);
    expect(out.exitCode).toBe(8);
    expect(out.targets).toHaveLength(2);
    expect(Object.keys(out.targets[0]!)).toEqual([
      'target',
      'resolved',
      'server',
      'startedAt',
      'durationMs',
      'interrupted',
      'options',
      'verdict',
      'steps',
      'findings',
      'tls',
      'transcript',
    ]);
  });

  it('keeps replies whole and carries status and data per step', () => {
    const target = parse(renderJson([pasvFiltered], meta)).targets[0] as {
      steps: {
        name: string;
        status: string;
        exchanges: { command: string; replies: unknown[] }[];
        data: unknown;
      }[];
      verdict: unknown;
      findings: { fixes: unknown[] }[];
      tls: unknown;
    };
    const pasv = target.steps.find((step) => step.name === 'pasv')!;
    expect(pasv.status).toBe('fail');
    expect(pasv.exchanges[0]!.replies[0]).toEqual({
      code: 227,
      text: 'Entering Passive Mode (198,51,100,7,156,204).',
      lines: ['227 Entering Passive Mode (198,51,100,7,156,204).'],
    });
    expect(pasv.data).toMatchObject({ port: 40140, portTest: { outcome: 'filtered' } });
    expect(target.steps.map((step) => step.name)).toEqual([
      'resolve',
      'connect',
      'banner',
      'features',
      'tls',
      'login',
      'epsv',
      'pasv',
      'transfer',
      'active',
      'scan',
      'quit',
    ]);
    expect(target.verdict).toEqual({
      status: 'failed',
      exitCode: 8,
      headline: pasvFiltered.diagnosis.verdict.headline,
    });
    // JSON carries every fix, whatever a human report would filter.
    expect(target.findings[0]!.fixes).toHaveLength(8);
    expect(target.tls).toBeNull();
  });

  it('gathers the TLS facts when a handshake happened', () => {
    const target = parse(renderJson([tlsExpired], meta)).targets[0]!;
    expect(target.tls).toMatchObject({
      mode: 'explicit',
      protocol: 'TLSv1.3',
      trusted: false,
      trustError: 'certificate has expired',
      certificate: { daysLeft: -8, validTo: 'Jan 31 23:59:59 2025 GMT' },
    });
  });

  it('never writes a password', () => {
    const leaky = {
      ...healthyVsftpd,
      probe: {
        ...healthyVsftpd.probe,
        target: { ...healthyVsftpd.probe.target, urlPassword: 's3cret-pw' },
        options: { ...healthyVsftpd.probe.options, account: 'acct-secret' },
        transcript: [
          { direction: 'sent' as const, text: 'PASS s3cret-pw', atMs: 1, channel: 'control' as const },
          { direction: 'sent' as const, text: 'ACCT acct-secret', atMs: 2, channel: 'control' as const },
          {
            direction: 'received' as const,
            text: '530 bad password s3cret-pw',
            atMs: 3,
            channel: 'control' as const,
          },
        ],
      },
    };
    const text = renderJson([leaky], meta);
    expect(text).not.toContain('s3cret-pw');
    expect(text).not.toContain('acct-secret');
    const target = parse(text).targets[0] as {
      target: { passwordInUrl: boolean };
      options: { accountGiven: boolean };
    };
    expect(target.target.passwordInUrl).toBe(true);
    expect(target.options.accountGiven).toBe(true);
    expect(validateReportJson(JSON.parse(text)).errors).toEqual([]);
  });

  it('escapes control and bidi characters but keeps the exact text', () => {
    const text = renderJson([hostileServer], meta);
    expect(text).not.toMatch(
      /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/u,
    );
    expect(text).toContain('\\u202e');
    expect(text).toContain('\\u001b[2J');
    const target = parse(text).targets[0] as {
      steps: { name: string; data: { greeting?: { lines: string[] } } }[];
    };
    const banner = target.steps.find((step) => step.name === 'banner')!;
    expect(banner.data.greeting!.lines[1]).toBe(
      ' invoice\u202eexe.pdf\u202c and \u2066isolated\u2069 \u200bzero\u200dwidth',
    );
  });

  it('ends with a newline and is indented', () => {
    const text = renderJson([healthyVsftpd], meta);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "schemaVersion": "1.0",');
  });
});

describe('validateReportJson', () => {
  const good = () =>
    JSON.parse(renderJson([pasvFiltered], meta)) as { targets: Record<string, Loose>[] } & Record<
      string,
      unknown
    >;
  const table: { title: string; input: (doc: ReturnType<typeof good>) => void; expected: RegExp }[] = [
    {
      title: 'an unknown step status',
      input: (doc) => {
        doc.targets[0]!.steps[0].status = 'passed';
      },
      expected: /status/,
    },
    {
      title: 'an exit code out of range',
      input: (doc) => {
        doc.exitCode = 11;
      },
      expected: /exitCode/,
    },
    {
      title: 'a missing verdict',
      input: (doc) => {
        delete doc.targets[0]!.verdict;
      },
      expected: /verdict/,
    },
    {
      title: 'an extra top-level field',
      input: (doc) => {
        doc.password = 'x';
      },
      expected: /additional/,
    },
    {
      title: 'a severity typo',
      input: (doc) => {
        doc.targets[0]!.findings[0].severity = 'critical';
      },
      expected: /severity/,
    },
    {
      title: 'wrong data for the step',
      input: (doc) => {
        doc.targets[0]!.steps[7].data = { host: 'x' };
      },
      expected: /data/,
    },
    {
      title: 'a reply without lines',
      input: (doc) => {
        delete doc.targets[0]!.steps[2].exchanges[0].replies[0].lines;
      },
      expected: /lines/,
    },
  ];
  it.each(table)('rejects $title', ({ input, expected }) => {
    const doc = good();
    input(doc);
    const check = validateReportJson(doc);
    expect(check.valid).toBe(false);
    expect(check.errors.join('\n')).toMatch(expected);
  });
});
