import { describe, expect, it } from 'vitest';
import { renderPrometheus } from '../../src/report/formats/prometheus.js';
import { ALL_FIXTURES, anyHostileChar, hostileServer, pasvFiltered, tlsExpired } from './fixtures.js';

interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';

/**
 * parseExposition is a deliberately strict reader of the text format: every line is HELP, TYPE or
 * a sample; HELP and TYPE come once per family, before its samples; samples carry no timestamp;
 * label values use only the three escapes the format defines; no series repeats.
 */
function parseExposition(text: string): Sample[] {
  expect(text.endsWith('\n')).toBe(true);
  const help = new Set<string>();
  const type = new Set<string>();
  const seenSeries = new Set<string>();
  const samples: Sample[] = [];
  const sampleLine = new RegExp(`^(${NAME})(?:\\{(.*)\\})? (\\S+)$`);
  for (const line of text.slice(0, -1).split('\n')) {
    const meta = new RegExp(`^# (HELP|TYPE) (${NAME}) (.+)$`).exec(line);
    if (meta) {
      const [, kind, name = ''] = meta;
      const set = kind === 'HELP' ? help : type;
      expect(set.has(name), `second ${kind} for ${name}`).toBe(false);
      expect(
        samples.some((s) => s.name === name),
        `${kind} after samples of ${name}`,
      ).toBe(false);
      set.add(name);
      if (kind === 'TYPE') expect(meta[3]).toBe('gauge');
      continue;
    }
    const match = sampleLine.exec(line);
    expect(match, line).not.toBeNull();
    const [, name = '', labelText = '', valueText = ''] = match!;
    expect(help.has(name) && type.has(name), `${name} has no HELP/TYPE`).toBe(true);
    const labels: Record<string, string> = {};
    const label = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\["\\n])*)"(,|$)/y;
    while (label.lastIndex < labelText.length) {
      const m = label.exec(labelText);
      expect(m, labelText).not.toBeNull();
      labels[m![1]!] = m![2]!.replace(/\\(["\\n])/g, (_s, c: string) => (c === 'n' ? '\n' : c));
    }
    const value = Number(valueText);
    expect(Number.isNaN(value) && valueText !== 'NaN').toBe(false);
    const series = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    expect(seenSeries.has(series), `duplicate ${series}`).toBe(false);
    seenSeries.add(series);
    samples.push({ name, labels, value });
  }
  for (const name of help) expect(type.has(name)).toBe(true);
  return samples;
}

const at = { timestampMs: 1_739_007_300_123 };

describe('renderPrometheus', () => {
  const all = parseExposition(renderPrometheus(Object.values(ALL_FIXTURES), at));
  const of = (name: string, target: string) =>
    all.filter((s) => s.name === name && s.labels.target === target);

  it('is valid exposition text with every family declared once', () => {
    const names = new Set(all.map((s) => s.name));
    expect([...names]).toEqual([
      'ftp_doctor_probe_success',
      'ftp_doctor_exit_code',
      'ftp_doctor_probe_duration_seconds',
      'ftp_doctor_step_duration_seconds',
      'ftp_doctor_step_status',
      'ftp_doctor_data_port_state',
      'ftp_doctor_tls_certificate_expiry_timestamp_seconds',
      'ftp_doctor_tls_handshake_duration_seconds',
      'ftp_doctor_tls_info',
      'ftp_doctor_tls_certificate_trusted',
      'ftp_doctor_tls_certificate_name_match',
      'ftp_doctor_tls_data_session_reused',
      'ftp_doctor_findings',
      'ftp_doctor_last_run_timestamp_seconds',
    ]);
  });

  it('reports success, exit code and durations per target', () => {
    expect(of('ftp_doctor_probe_success', 'files.example.org')[0]).toMatchObject({
      value: 0,
      labels: { address: '198.51.100.7' },
    });
    expect(of('ftp_doctor_probe_success', 'ftp://deploy@ftp.example.com')[0]!.value).toBe(1);
    expect(of('ftp_doctor_exit_code', 'ftpes://secure.example.net')[0]!.value).toBe(5);
    expect(of('ftp_doctor_probe_duration_seconds', 'files.example.org')[0]!.value).toBe(5.411);
    const pasv = of('ftp_doctor_step_duration_seconds', 'files.example.org').find(
      (s) => s.labels.step === 'pasv',
    );
    expect(pasv!.value).toBe(5.034);
    expect(of('ftp_doctor_step_duration_seconds', '192.0.2.50:2121').map((s) => s.labels.step)).toEqual([
      'resolve',
      'connect',
    ]);
  });

  it('sets exactly one status per step and one port state per mode', () => {
    for (const report of Object.values(ALL_FIXTURES)) {
      const address = report.probe.steps.find((step) => step.name === 'resolve')?.data;
      const chosen = address && 'chosen' in address ? address.chosen : null;
      const statuses = all.filter((s) => s.name === 'ftp_doctor_step_status' && s.labels.address === chosen);
      expect(statuses.length).toBe(report.diagnosis.steps.length * 4);
      for (const step of report.diagnosis.steps) {
        const ones = statuses.filter((s) => s.labels.step === step.name && s.value === 1);
        expect(ones.map((s) => s.labels.status)).toEqual([step.status]);
      }
    }
    const ports = of('ftp_doctor_data_port_state', 'files.example.org');
    expect(ports.filter((s) => s.value === 1).map((s) => `${s.labels.mode}=${s.labels.state}`)).toEqual([
      'epsv=open',
      'pasv=filtered',
    ]);
    expect(ports).toHaveLength(10);
    expect(of('ftp_doctor_data_port_state', '192.0.2.50:2121')).toHaveLength(0);
  });

  it('gives the certificate expiry as a Unix timestamp', () => {
    expect(
      of('ftp_doctor_tls_certificate_expiry_timestamp_seconds', 'ftpes://secure.example.net')[0]!.value,
    ).toBe(Date.UTC(2025, 0, 31, 23, 59, 59) / 1000);
    expect(of('ftp_doctor_tls_certificate_expiry_timestamp_seconds', 'files.example.org')).toHaveLength(0);
  });

  // The TLS facts in every output format.
  it('reports the TLS handshake, protocol, cipher, trust, name match and session reuse', () => {
    const tls = (target: string) =>
      Object.fromEntries(
        all
          .filter((s) => s.name.startsWith('ftp_doctor_tls_') && s.labels.target === target)
          .map((s) => [s.name, s]),
      );
    const healthy = tls('ftp://deploy@ftp.example.com');
    expect(healthy.ftp_doctor_tls_handshake_duration_seconds!.value).toBe(0.038);
    expect(healthy.ftp_doctor_tls_info).toEqual({
      name: 'ftp_doctor_tls_info',
      labels: {
        target: 'ftp://deploy@ftp.example.com',
        address: '203.0.113.10',
        protocol: 'TLSv1.3',
        cipher: 'TLS_AES_256_GCM_SHA384',
      },
      value: 1,
    });
    expect(healthy.ftp_doctor_tls_certificate_trusted!.value).toBe(1);
    expect(healthy.ftp_doctor_tls_certificate_name_match!.value).toBe(1);
    expect(healthy.ftp_doctor_tls_data_session_reused!.value).toBe(1);

    const expired = tls('ftpes://secure.example.net');
    expect(expired.ftp_doctor_tls_certificate_trusted!.value).toBe(0);
    expect(expired.ftp_doctor_tls_certificate_name_match!.value).toBe(1);
    // No login, so no transfer: whether the data connection resumes the session is not known.
    expect(expired.ftp_doctor_tls_data_session_reused).toBeUndefined();

    const hostile = tls('ftp://evil.example/pub/\\x1b]0;owned\\x07\\u202e');
    expect(hostile.ftp_doctor_tls_info!.labels.cipher).toBe('ECDHE-RSA-AES128-GCM-SHA256');
    expect(hostile.ftp_doctor_tls_certificate_name_match!.value).toBe(0);
    expect(hostile.ftp_doctor_tls_data_session_reused!.value).toBe(0);

    // No handshake (TLS not offered; connection refused): no TLS series at all.
    expect(Object.keys(tls('files.example.org'))).toEqual([]);
    expect(Object.keys(tls('192.0.2.50:2121'))).toEqual([]);
  });

  it('keeps protocol and cipher labels escaped', () => {
    const odd = {
      ...tlsExpired,
      probe: {
        ...tlsExpired.probe,
        steps: tlsExpired.probe.steps.map((step) =>
          step.name === 'tls' && step.data
            ? { ...step, data: { ...step.data, protocol: 'TLS"v1\\3\n', cipher: 'AES\u001b[2J\u202e' } }
            : step,
        ),
      },
    };
    const text = renderPrometheus([odd], at);
    expect(anyHostileChar(text)).toBeNull();
    const info = parseExposition(text).find((s) => s.name === 'ftp_doctor_tls_info')!;
    expect(info.labels).toMatchObject({ protocol: 'TLS"v1\\3\\n', cipher: 'AES\\x1b[2J\\u202e' });
  });

  it('counts findings by severity and stamps the run', () => {
    const counts = Object.fromEntries(
      of('ftp_doctor_findings', 'files.example.org').map((s) => [s.labels.severity, s.value]),
    );
    expect(counts).toEqual({ error: 1, warning: 1, info: 0 });
    expect(of('ftp_doctor_last_run_timestamp_seconds', 'files.example.org')[0]!.value).toBe(1_739_007_300);
  });

  it('escapes hostile label values', () => {
    const text = renderPrometheus([hostileServer], at);
    expect(anyHostileChar(text)).toBeNull();
    const samples = parseExposition(text);
    expect(samples[0]!.labels.target).toBe('ftp://evil.example/pub/\\x1b]0;owned\\x07\\u202e');
    const quoted = {
      ...pasvFiltered,
      probe: { ...pasvFiltered.probe, target: { ...pasvFiltered.probe.target, input: 'a"b\\c\nd' } },
    };
    expect(parseExposition(renderPrometheus([quoted], at))[0]!.labels.target).toBe('a"b\\c\\nd');
  });

  it('writes nothing for no targets and no sample timestamps', () => {
    expect(renderPrometheus([], at)).toBe('');
    for (const line of renderPrometheus([tlsExpired], at).split('\n')) {
      if (line !== '' && !line.startsWith('#')) expect(line.split(' ')).toHaveLength(2);
    }
  });
});
