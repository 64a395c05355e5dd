import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { TargetReport } from '../../src/knowledge/types.js';
import { renderJunit } from '../../src/report/formats/junit.js';
import {
  ALL_FIXTURES,
  anyHostileChar,
  connectionRefused,
  healthyVsftpd,
  hostileServer,
  pasvFiltered,
  tlsExpired,
} from './fixtures.js';

interface Case {
  '@_classname': string;
  '@_name': string;
  '@_time': string;
  failure?: { '@_message': string; '@_type': string; '#text'?: string };
  skipped?: { '@_message': string };
  'system-out'?: string;
}

interface Suite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  '@_errors': string;
  '@_skipped': string;
  '@_time': string;
  '@_timestamp': string;
  properties: { property: { '@_name': string; '@_value': string }[] };
  testcase: Case[];
}

/** propertiesOf: a suite's properties by name, as a CI system reads them. */
function propertiesOf(suite: Suite): Record<string, string> {
  return Object.fromEntries(suite.properties.property.map((p) => [p['@_name'], p['@_value']]));
}

function parse(xml: string): {
  '@_tests': string;
  '@_failures': string;
  '@_skipped': string;
  testsuite: Suite[];
} {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
  });
  return parser.parse(xml).testsuites;
}

describe('renderJunit', () => {
  it('writes one suite per target and one case per step, with consistent counts', () => {
    const reports = Object.values(ALL_FIXTURES);
    const root = parse(renderJunit(reports));
    expect(root.testsuite).toHaveLength(reports.length);
    let tests = 0;
    let failures = 0;
    let skipped = 0;
    for (const suite of root.testsuite) {
      const cases = suite.testcase;
      expect(Number(suite['@_tests'])).toBe(cases.length);
      expect(Number(suite['@_failures'])).toBe(cases.filter((c) => c.failure !== undefined).length);
      expect(Number(suite['@_skipped'])).toBe(cases.filter((c) => c.skipped !== undefined).length);
      expect(suite['@_errors']).toBe('0');
      expect(suite['@_timestamp']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
      for (const c of cases) {
        expect(c['@_classname']).toBe(`ftp-doctor.${suite['@_name'].replaceAll('.', '_')}`);
        expect(c['@_time']).toMatch(/^\d+\.\d{3}$/);
      }
      tests += cases.length;
      failures += Number(suite['@_failures']);
      skipped += Number(suite['@_skipped']);
    }
    expect(Number(root['@_tests'])).toBe(tests);
    expect(Number(root['@_failures'])).toBe(failures);
    expect(Number(root['@_skipped'])).toBe(skipped);
  });

  it('fails the step a finding belongs to, naming the finding', () => {
    const [suite] = parse(renderJunit([pasvFiltered])).testsuite;
    expect(suite!['@_name']).toBe('files.example.org');
    expect(suite!['@_time']).toBe('5.411');
    const pasv = suite!.testcase.find((c) => c['@_name'] === 'pasv')!;
    expect(pasv['@_time']).toBe('5.034');
    expect(pasv.failure!['@_message']).toBe('PASV data port 40140 is filtered');
    expect(pasv.failure!['@_type']).toBe('data.port-filtered');
    const body = pasv.failure!['#text']!;
    expect(body).toContain('a firewall drops the packets');
    expect(body).toContain('PASV → 227 Entering Passive Mode (198,51,100,7,156,204).');
    expect(body).toContain(
      'firewall-cmd --permanent --add-port=40000-40200/tcp\n      firewall-cmd --reload',
    );
    expect(body).toContain('netsh advfirewall firewall add rule name="FTP passive"');
    expect(suite!.testcase.filter((c) => c.failure !== undefined).map((c) => c['@_name'])).toEqual(['pasv']);
  });

  it('reports warnings in system-out, and as failures when strict', () => {
    const relaxed = parse(renderJunit([pasvFiltered])).testsuite[0]!.testcase.find(
      (c) => c['@_name'] === 'tls',
    )!;
    expect(relaxed.failure).toBeUndefined();
    expect(relaxed['system-out']).toContain('[warning] The server does not offer TLS (tls.not-offered)');
    const strict = parse(renderJunit([pasvFiltered], { strict: true })).testsuite[0]!;
    const tls = strict.testcase.find((c) => c['@_name'] === 'tls')!;
    expect(tls.failure!['@_type']).toBe('tls.not-offered');
    expect(strict['@_failures']).toBe('2');
  });

  it('marks skipped steps with their reason', () => {
    const suite = parse(renderJunit([connectionRefused])).testsuite[0]!;
    const banner = suite.testcase.find((c) => c['@_name'] === 'banner')!;
    expect(banner.skipped!['@_message']).toBe('no control connection');
    expect(suite['@_skipped']).toBe('10');
    expect(suite.testcase.find((c) => c['@_name'] === 'connect')!.failure!['@_type']).toBe('connect.refused');
  });

  it('never lets a failed target pass, even without an error finding', () => {
    const odd: TargetReport = {
      ...tlsExpired,
      diagnosis: {
        ...tlsExpired.diagnosis,
        findings: [],
        steps: tlsExpired.diagnosis.steps.map((step) => ({
          ...step,
          status: step.status === 'fail' ? 'ok' : step.status,
        })),
      },
    };
    const suite = parse(renderJunit([odd])).testsuite[0]!;
    const verdict = suite.testcase.find((c) => c['@_name'] === 'verdict')!;
    expect(verdict.failure!['@_message']).toBe(tlsExpired.diagnosis.verdict.headline);
    expect(suite['@_failures']).toBe('1');
  });

  it('stays valid XML and escapes hostile text', () => {
    const xml = renderJunit([hostileServer, healthyVsftpd], { strict: true });
    expect(xml).not.toMatch(
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u,
    );
    const suite = parse(xml).testsuite[0]!;
    expect(suite['@_name']).toBe('ftp://evil.example/pub/\\x1b]0;owned\\x07\\u202e');
    const banner = suite.testcase.find((c) => c['@_name'] === 'banner')!;
    expect(banner.failure!['#text']).toContain('invoice\\u202eexe.pdf');
  });

  // The TLS facts in every output format.
  it('adds the TLS facts as suite properties after a handshake', () => {
    const [healthy, expired, noTls, refused] = parse(
      renderJunit([healthyVsftpd, tlsExpired, pasvFiltered, connectionRefused]),
    ).testsuite;
    expect(propertiesOf(healthy!)).toEqual({
      verdict: 'healthy',
      exitCode: '0',
      headline: healthyVsftpd.diagnosis.verdict.headline,
      server: 'vsftpd 3.0.3',
      'tls.protocol': 'TLSv1.3',
      'tls.cipher': 'TLS_AES_256_GCM_SHA384',
      'tls.handshakeMs': '38',
      'tls.certSubject': 'CN=ftp.example.com',
      'tls.certSans': 'DNS:ftp.example.com, DNS:www.example.com',
      'tls.certIssuer': "C=US, O=Let's Encrypt, CN=R11",
      'tls.certValidTo': 'Apr 10 08:12:39 2025 GMT',
      'tls.certDaysLeft': '61',
      'tls.trusted': 'true',
      'tls.nameMatches': 'true',
      'tls.selfSigned': 'false',
      'tls.dataProtection': 'private',
      'tls.dataSessionReused': 'true',
      'tls.reuseRequired': 'true',
    });
    // The handshake worked but the certificate expired: no login, so no transfer to tell of reuse.
    const expiredTls = propertiesOf(expired!);
    expect(expiredTls).toMatchObject({
      'tls.trusted': 'false',
      'tls.certDaysLeft': '-8',
      'tls.dataProtection': 'clear',
    });
    expect(expiredTls).not.toHaveProperty('tls.dataSessionReused');
    expect(expiredTls).not.toHaveProperty('tls.reuseRequired');
    for (const suite of [noTls!, refused!])
      expect(Object.keys(propertiesOf(suite)).filter((name) => name.startsWith('tls.'))).toEqual([]);
  });

  it('keeps certificate fields escaped in the TLS properties', () => {
    const xml = renderJunit([hostileServer]);
    expect(anyHostileChar(xml)).toBeNull();
    const properties = propertiesOf(parse(xml).testsuite[0]!);
    expect(properties).toMatchObject({
      'tls.certSubject': 'CN=evil\\x1b[8m.example\\u202e',
      'tls.certSans': 'DNS:\\u202eelpmaxe.live, DNS:evil.example\\x00.bank.example',
      'tls.certIssuer': 'CN=Totally Trusted CA\\x07\\x08',
      'tls.trusted': 'false',
      'tls.nameMatches': 'false',
      'tls.selfSigned': 'true',
      'tls.dataSessionReused': 'false',
    });
  });

  it('starts with an XML declaration and ends with a newline', () => {
    const xml = renderJunit([healthyVsftpd]);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    expect(xml.endsWith('</testsuites>\n')).toBe(true);
  });
});
