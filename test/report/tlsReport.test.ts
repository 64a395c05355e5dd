import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TargetReport } from '../../src/knowledge/types.js';
import { findStep } from '../../src/probe/types.js';
import { renderGithubSummary } from '../../src/report/formats/github.js';
import { renderHuman } from '../../src/report/formats/human.js';
import { renderJson } from '../../src/report/formats/json.js';
import { renderJunit } from '../../src/report/formats/junit.js';
import { renderNagios } from '../../src/report/formats/nagios.js';
import { renderPrometheus } from '../../src/report/formats/prometheus.js';
import { plainStyle } from '../../src/report/text/style.js';
import {
  parseExposition,
  parseJunit,
  parseNagios,
  promtoolCheck,
  promtoolSkipReason,
  samplesOf,
  tlsTables,
} from '../formats/formatParsers.js';
import { generateServerCertificate, type ServerCertificate } from '../support/certs.js';
import { probeFake } from '../support/probeHelpers.js';

// The TLS facts a probe gathers reach the reports: protocol, cipher, certificate
// subject, SANs, issuer, validity and days left, trust, name match, self-signed, handshake time,
// and whether the data connection resumed the control session.
describe('TLS facts in the reports', () => {
  let cert: ServerCertificate;
  let report: TargetReport;
  beforeAll(async () => {
    cert = await generateServerCertificate(['127.0.0.1'], 90);
    report = await probeFake(
      { tls: { cert: cert.cert, key: cert.key, requireSessionReuse: true } },
      { ca: cert.cert },
    );
  });
  afterAll(async () => {
    await cert?.remove();
  });

  it('the probe measured them', () => {
    const tls = findStep(report.probe, 'tls')!.data!;
    expect(tls).toMatchObject({
      protocol: 'TLSv1.3',
      trusted: true,
      nameMatches: true,
      dataProtection: 'private',
    });
    expect(tls.certificate).toMatchObject({
      subject: 'CN=localhost',
      issuer: 'CN=localhost',
      subjectAltNames: ['IP Address:127.0.0.1'],
      selfSigned: true,
    });
    expect(tls.certificate!.daysLeft).toBeGreaterThanOrEqual(88);
    expect(tls.certificate!.daysLeft).toBeLessThanOrEqual(90);
    expect(tls.handshakeMs).toBeGreaterThanOrEqual(0);
  });

  it('human: one TLS section with every fact', () => {
    const tls = findStep(report.probe, 'tls')!.data!;
    // -v shows the TLS section; 120 columns keep each fact on one line for the patterns below.
    const text = renderHuman(report, { style: plainStyle, verbosity: 1, width: 120, fixDialects: null });
    const section = text.slice(text.indexOf('\nTLS\n'));
    expect(section).toMatch(
      new RegExp(
        `session +TLSv1\\.3, ${tls.cipher}, explicit \\(AUTH TLS\\), handshake ${tls.handshakeMs} ms`,
      ),
    );
    expect(section).toMatch(/subject +CN=localhost/);
    expect(section).toMatch(/names +IP Address:127\.0\.0\.1/);
    expect(section).toContain('✔ the host name matches the certificate');
    expect(section).toMatch(/issuer +CN=localhost \(self-signed\)/);
    expect(section).toMatch(
      new RegExp(
        `valid +${tls.certificate!.validFrom.replace(/\./g, '\\.')} → .+\\(${tls.certificate!.daysLeft} days left\\)`,
      ),
    );
    expect(section).toMatch(/sha-256 +[0-9A-F]{2}(:[0-9A-F]{2}){31}/);
    expect(section).toMatch(/trust +✔ trusted/);
    expect(section).toMatch(
      /data channel PROT P: listings and files are encrypted; the data connection resumed\s+the\s+control\s+TLS\s+session\s+\(the\s+server\s+requires\s+it\)/,
    );
  });

  it('JSON: the tls object holds every fact, the certificate in full', () => {
    const json = JSON.parse(renderJson([report], { toolVersion: '0.0.0-test', exitCode: 0 })) as {
      targets: { tls: Record<string, unknown> }[];
    };
    const tls = json.targets[0]!.tls;
    const data = findStep(report.probe, 'tls')!.data!;
    expect(tls).toEqual({
      mode: 'auto',
      protocol: 'TLSv1.3',
      cipher: data.cipher,
      handshakeMs: data.handshakeMs,
      certificate: {
        subject: 'CN=localhost',
        subjectAltNames: ['IP Address:127.0.0.1'],
        issuer: 'CN=localhost',
        validFrom: data.certificate!.validFrom,
        validTo: data.certificate!.validTo,
        daysLeft: data.certificate!.daysLeft,
        selfSigned: true,
        fingerprint256: data.certificate!.fingerprint256,
      },
      trusted: true,
      trustError: null,
      nameMatches: true,
      dataProtection: 'private',
      dataSessionReused: true,
      reuseRequired: true,
    });
  });

  it('junit: tls.* properties on the suite', () => {
    const data = findStep(report.probe, 'tls')!.data!;
    const [suite] = parseJunit(renderJunit([report])).suites;
    expect(suite!.properties).toMatchObject({
      'tls.protocol': 'TLSv1.3',
      'tls.cipher': data.cipher,
      'tls.handshakeMs': String(data.handshakeMs),
      'tls.certSubject': 'CN=localhost',
      'tls.certSans': 'IP Address:127.0.0.1',
      'tls.certIssuer': 'CN=localhost',
      'tls.certValidTo': data.certificate!.validTo,
      'tls.certDaysLeft': String(data.certificate!.daysLeft),
      'tls.trusted': 'true',
      'tls.nameMatches': 'true',
      'tls.selfSigned': 'true',
      'tls.dataProtection': 'private',
      'tls.dataSessionReused': 'true',
      'tls.reuseRequired': 'true',
    });
  });

  it('github: a TLS table in the step summary', () => {
    const data = findStep(report.probe, 'tls')!.data!;
    expect(tlsTables(renderGithubSummary([report]))).toEqual([
      {
        Protocol: 'TLSv1.3',
        Cipher: data.cipher,
        Handshake: `${data.handshakeMs} ms`,
        Subject: 'CN=localhost',
        Names: 'IP Address:127.0.0.1',
        Issuer: 'CN=localhost',
        'Self-signed': 'yes',
        'Valid from': data.certificate!.validFrom,
        'Valid to': `${data.certificate!.validTo} (${data.certificate!.daysLeft} days left)`,
        Trusted: '✔ yes',
        'Name matches': '✔ yes',
        'Data channel': 'PROT P (listings and files encrypted)',
        'Data session reused': '✔ yes',
        'Reuse required': 'yes',
      },
    ]);
  });

  it('nagios: handshake time and certificate days left as performance data', () => {
    const data = findStep(report.probe, 'tls')!.data!;
    const { perfdata } = parseNagios(renderNagios([report]).text);
    expect(perfdata.find((p) => p.label === 'tls_handshake')).toMatchObject({
      value: Number((data.handshakeMs! / 1000).toFixed(3)),
      unit: 's',
    });
    expect(perfdata.find((p) => p.label === 'cert_days_left')?.value).toBe(data.certificate!.daysLeft);
  });

  it('prometheus: handshake time, info, trust, name match, reuse and expiry, as promtool reads them', async () => {
    const data = findStep(report.probe, 'tls')!.data!;
    const text = renderPrometheus([report], { timestampMs: 0 });
    const families = parseExposition(text);
    const value = (name: string) => samplesOf(families, name).map((s) => s.value);
    expect(value('ftp_doctor_tls_handshake_duration_seconds')).toEqual([data.handshakeMs! / 1000]);
    expect(
      samplesOf(families, 'ftp_doctor_tls_info').map((s) => [s.labels.protocol, s.labels.cipher, s.value]),
    ).toEqual([['TLSv1.3', data.cipher, 1]]);
    expect(value('ftp_doctor_tls_certificate_trusted')).toEqual([1]);
    expect(value('ftp_doctor_tls_certificate_name_match')).toEqual([1]);
    expect(value('ftp_doctor_tls_data_session_reused')).toEqual([1]);
    expect(value('ftp_doctor_tls_certificate_expiry_timestamp_seconds')).toEqual([
      Date.parse(data.certificate!.validTo) / 1000,
    ]);
    if (promtoolSkipReason() === null) expect(await promtoolCheck(text)).toEqual({ code: 0, output: '' });
  });
});
