import { describe, expect, it } from 'vitest';
import type { TargetReport } from '../../src/knowledge/types.js';
import { renderNagios } from '../../src/report/formats/nagios.js';
import {
  ALL_FIXTURES,
  anyHostileChar,
  connectionRefused,
  healthyVsftpd,
  hostileServer,
  pasvFiltered,
  tlsExpired,
} from './fixtures.js';

interface PerfItem {
  readonly label: string;
  readonly value: number;
  readonly uom: string;
  readonly warn: string;
  readonly crit: string;
  readonly min: string;
  readonly max: string;
}

/** parseOutput splits plugin output per the monitoring-plugins guidelines and parses perfdata. */
function parseOutput(text: string): { state: string; status: string; perf: PerfItem[]; long: string[] } {
  expect(text.endsWith('\n')).toBe(true);
  const [first = '', ...long] = text.slice(0, -1).split('\n');
  expect(first.split('|')).toHaveLength(2);
  for (const line of long) expect(line).not.toContain('|');
  const match = /^FTP (OK|WARNING|CRITICAL|UNKNOWN) - (.*?) \| (.*)$/.exec(first);
  expect(match, first).not.toBeNull();
  const [, state = '', status = '', perfText = ''] = match!;
  const perf: PerfItem[] = [];
  const item = /'((?:[^'=]|'')+)'=(-?\d+(?:\.\d+)?)([a-zA-Z%]*);([\d.]*);([\d.]*);([\d.]*);([\d.]*)(?: |$)/y;
  while (item.lastIndex < perfText.length) {
    const m = item.exec(perfText);
    expect(m, perfText.slice(item.lastIndex)).not.toBeNull();
    const [, label = '', value = '', uom = '', warn = '', crit = '', min = '', max = ''] = m!;
    perf.push({ label, value: Number(value), uom, warn, crit, min, max });
  }
  return { state, status, perf, long };
}

describe('renderNagios', () => {
  const table: {
    title: string;
    input: TargetReport;
    expected: { state: string; exitCode: number; status: RegExp };
  }[] = [
    {
      title: 'healthy is OK',
      input: healthyVsftpd,
      expected: {
        state: 'OK',
        exitCode: 0,
        status: /^ftp:\/\/deploy@ftp\.example\.com: ftp\.example\.com works/,
      },
    },
    {
      title: 'warnings are WARNING',
      input: hostileServer,
      expected: { state: 'WARNING', exitCode: 1, status: /The server sends terminal control characters/ },
    },
    {
      title: 'a data-port failure is CRITICAL',
      input: pasvFiltered,
      expected: {
        state: 'CRITICAL',
        exitCode: 2,
        status: /^files\.example\.org: PASV data port 40140 is filtered$/,
      },
    },
    {
      title: 'a refused port is CRITICAL',
      input: connectionRefused,
      expected: { state: 'CRITICAL', exitCode: 2, status: /Connection to port 2121 refused/ },
    },
    {
      title: 'an internal error is UNKNOWN',
      input: {
        ...healthyVsftpd,
        diagnosis: {
          ...healthyVsftpd.diagnosis,
          verdict: { status: 'failed', exitCode: 10, headline: 'internal error: a bug' },
        },
      },
      expected: { state: 'UNKNOWN', exitCode: 3, status: /internal error: a bug/ },
    },
  ];
  it.each(table)('$title', ({ input, expected }) => {
    const result = renderNagios([input]);
    const parsed = parseOutput(result.text);
    expect(result.exitCode).toBe(expected.exitCode);
    expect(parsed.state).toBe(expected.state);
    expect(parsed.status).toMatch(expected.status);
  });

  it('writes perfdata with seconds, thresholds and a minimum', () => {
    const { perf } = parseOutput(renderNagios([tlsExpired], { warningMs: 1000, criticalMs: 5000 }).text);
    expect(perf[0]).toEqual({
      label: 'time',
      value: 0.164,
      uom: 's',
      warn: '1.000',
      crit: '5.000',
      min: '0',
      max: '',
    });
    expect(perf.find((p) => p.label === 'tls')).toMatchObject({ value: 0.044, uom: 's' });
    expect(perf.find((p) => p.label === 'cert_days_left')).toMatchObject({ value: -8, uom: '' });
    expect(perf.map((p) => p.label)).not.toContain('login');
  });

  // The TLS facts in every output format; Nagios charts the handshake time.
  it('writes the TLS handshake time in seconds, only after a handshake', () => {
    const { perf } = parseOutput(renderNagios([tlsExpired]).text);
    expect(perf.find((p) => p.label === 'tls_handshake')).toEqual({
      label: 'tls_handshake',
      value: 0.026,
      uom: 's',
      warn: '',
      crit: '',
      min: '0',
      max: '',
    });
    const several = parseOutput(renderNagios([healthyVsftpd, pasvFiltered]).text).perf;
    expect(several.filter((p) => p.label.endsWith('tls_handshake')).map((p) => [p.label, p.value])).toEqual([
      ['ftp://deploy@ftp.example.com tls_handshake', 0.038],
    ]);
    expect(several.filter((p) => p.label.endsWith('cert_days_left')).map((p) => p.label)).toEqual([
      'ftp://deploy@ftp.example.com cert_days_left',
    ]);
  });

  it('turns a slow total into WARNING or CRITICAL', () => {
    const slowWarning = renderNagios([healthyVsftpd], { warningMs: 400, criticalMs: 1000 });
    expect(slowWarning.exitCode).toBe(1);
    expect(parseOutput(slowWarning.text).status).toContain('took 0.440 s, over the warning 0.400 s');
    const slowCritical = renderNagios([healthyVsftpd], { warningMs: 100, criticalMs: 400 });
    expect(slowCritical.exitCode).toBe(2);
    expect(renderNagios([healthyVsftpd], { warningMs: 1000 }).exitCode).toBe(0);
  });

  it('takes the worst state over several targets and labels perfdata per target', () => {
    const result = renderNagios(Object.values(ALL_FIXTURES));
    const parsed = parseOutput(result.text);
    expect(result.exitCode).toBe(2);
    expect(parsed.status).toMatch(/^4 of 5 targets not OK; files\.example\.org: /);
    expect(parsed.perf.map((p) => p.label)).toContain('files.example.org time');
    expect(parsed.long).toContain(
      '[CRITICAL] 192.0.2.50:2121: Cannot reach the FTP server: 192.0.2.50 refused the connection on port 2121.',
    );
    expect(parsed.long).toContain('  error data.port-filtered: PASV data port 40140 is filtered');
  });

  it('prefers WARNING over UNKNOWN, as max_state_alt does', () => {
    const unknown = {
      ...healthyVsftpd,
      diagnosis: {
        ...healthyVsftpd.diagnosis,
        verdict: { status: 'failed' as const, exitCode: 10 as const, headline: 'bug' },
      },
    };
    expect(renderNagios([unknown, hostileServer]).exitCode).toBe(1);
    expect(renderNagios([unknown, healthyVsftpd]).exitCode).toBe(3);
  });

  it('is UNKNOWN without targets', () => {
    expect(renderNagios([])).toEqual({ text: 'FTP UNKNOWN - no target was probed\n', exitCode: 3 });
  });

  it('keeps hostile text out of the separators and the terminal', () => {
    const text = renderNagios([hostileServer]).text;
    expect(anyHostileChar(text)).toBeNull();
    const parsed = parseOutput(text);
    expect(parsed.status).toContain('ftp://evil.example/pub/\\x1b]0;owned\\x07\\u202e');
  });
});
