import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TargetReport } from '../../src/knowledge/types.js';
import { findStep } from '../../src/probe/types.js';
import { renderHuman } from '../../src/report/human.js';
import { renderJson } from '../../src/report/json.js';
import { renderNagios } from '../../src/report/nagios.js';
import { renderPrometheus } from '../../src/report/prometheus.js';
import { plainStyle } from '../../src/report/style.js';
import { probeFake } from '../helpers/probeHelpers.js';
import { generateServerCertificate, type ServerCertificate } from '../support/serverCertificate.js';

// Issue #3: the TLS facts a probe gathers reach the reports: protocol, cipher, certificate
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
    const text = renderHuman(report, { style: plainStyle, verbose: false, fixDialects: null });
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
      /data channel PROT P: listings and files are encrypted; the data connection resumed the control TLS\s+session \(the server requires it\)/,
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

  // The monitoring formats carry only what they can chart: days left / the expiry time.
  it('nagios: certificate days left as performance data', () => {
    const days = findStep(report.probe, 'tls')!.data!.certificate!.daysLeft;
    expect(renderNagios([report]).text).toContain(`'cert_days_left'=${days};;;;`);
  });

  it('prometheus: the certificate expiry as a Unix timestamp', () => {
    const validTo = Date.parse(findStep(report.probe, 'tls')!.data!.certificate!.validTo) / 1000;
    expect(renderPrometheus([report], { timestampMs: 0 })).toMatch(
      new RegExp(`ftp_doctor_tls_certificate_expiry_timestamp_seconds\\{[^}]*\\} ${validTo}\\b`),
    );
  });
});
