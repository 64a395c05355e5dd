import { describe, expect, it, vi } from 'vitest';
import { renderHuman, renderQuiet, renderSummaryTable } from '../../src/report/formats/human.js';
import { defaultFixDialects, selectFixes } from '../../src/report/text/selectFixes.js';
import { plainStyle, type Style } from '../../src/report/text/style.js';
import {
  ALL_FIXTURES,
  anyHostileChar,
  connectionRefused,
  healthyVsftpd,
  hostileServer,
  isWellFormed,
  pasvFiltered,
  tlsExpired,
} from './fixtures.js';

// The catalog's wording belongs to its author; these tests check the layout around it.
vi.mock('../../src/knowledge/reference/replyCodes.js', () => ({
  describeReply: (code: number, command?: string | null) => ({
    title: `title ${code}`,
    line: `meaning of ${code} after ${command === null ? 'greeting' : (command ?? '?').split(' ')[0]}`,
  }),
}));

const plain = { style: plainStyle, verbose: false, fixDialects: null };

describe('renderHuman', () => {
  it('opens with the target, address, server software and the verdict', () => {
    const out = renderHuman(healthyVsftpd, plain);
    const lines = out.split('\n');
    expect(lines[0]).toBe('ftp-doctor report: ftp://deploy@ftp.example.com');
    expect(out).toContain('address   203.0.113.10:21 (IPv4); also resolved 2001:db8::10');
    expect(out).toContain('server    vsftpd 3.0.3 (high confidence, from banner, feat)');
    expect(out).toContain('✔ HEALTHY (exit 0: healthy)');
    expect(out.endsWith('\n')).toBe(true);
  });

  it('puts each step on one line with its mark and duration, replies explained beneath', () => {
    const out = renderHuman(pasvFiltered, plain);
    expect(out).toMatch(/^ {2}✔ epsv {6}EPSV → port 40011, open \(31 ms\) +62 ms$/m);
    expect(out).toMatch(/^ {2}✖ pasv {6}PASV → 198\.51\.100\.7:40140, filtered .* +5034 ms$/m);
    expect(out).toMatch(/^ {2}! tls {7}not offered/m);
    expect(out).toMatch(/^ {2}– active {4}not requested \(use --active\)$/m);
    expect(out).toContain(
      '      PASV → 227 Entering Passive Mode (198,51,100,7,156,204). — meaning of 227 after PASV',
    );
    expect(out).toContain('      220 (vsFTPd 3.0.3) — meaning of 220 after greeting');
    expect(out).toContain(
      '      data port 198.51.100.7:40140 filtered: no answer within 5003 ms (ETIMEDOUT)',
    );
    expect(out).toContain('      PASS **** → 230 Login successful.');
  });

  it('lists findings, errors first, with evidence and fixes as indented blocks', () => {
    const out = renderHuman(pasvFiltered, plain);
    const findings = out.slice(out.indexOf('Findings (2)'));
    expect(findings.indexOf('✖ PASV data port 40140 is filtered [data.port-filtered]')).toBeLessThan(
      findings.indexOf('! The server does not offer TLS [tls.not-offered]'),
    );
    expect(findings).toContain(
      '      data connection timeout (ETIMEDOUT): no answer from 198.51.100.7:40140',
    );
    expect(findings).toContain(
      '    Fix on the firewall:\n      [iptables] Open the whole passive range vsftpd uses\n',
    );
    expect(findings).toContain(
      '          firewall-cmd --permanent --add-port=40000-40200/tcp\n          firewall-cmd --reload\n',
    );
    expect(findings).toContain('          pasv_min_port=40000\n');
  });

  it('shows by default the detected server, generic and the Linux firewalls, and says what it hid', () => {
    const out = renderHuman(pasvFiltered, plain);
    expect(out).toContain('[vsftpd]');
    expect(out).not.toContain('[proftpd]');
    expect(out).not.toContain('[windows]');
    expect(out).not.toContain('[aws]');
    expect(out).toContain('(3 more fixes for windows, aws, proftpd: pick dialects with --fix-for');
  });

  it('filters fixes by the dialects asked for, and shows all with "all"', () => {
    const nft = renderHuman(pasvFiltered, { ...plain, fixDialects: ['nftables', 'proftpd'] });
    expect(nft).toContain('[nftables]');
    expect(nft).toContain('[proftpd]');
    expect(nft).not.toContain('[iptables]');
    expect(nft).not.toContain('[vsftpd]');
    const all = renderHuman(pasvFiltered, { ...plain, fixDialects: ['all'] });
    for (const dialect of ['iptables', 'windows', 'aws', 'vsftpd', 'proftpd'])
      expect(all).toContain(`[${dialect}]`);
    expect(all).not.toContain('more fix');
  });

  it('shows the TLS details when a handshake happened', () => {
    const out = renderHuman(tlsExpired, plain);
    expect(out).toContain(
      '  session      TLSv1.3, TLS_AES_256_GCM_SHA384, explicit (AUTH TLS), handshake 26 ms',
    );
    expect(out).toContain('  subject      CN=secure.example.net');
    expect(out).toContain('✔ the host name matches the certificate');
    expect(out).toContain('(expired 8 days ago)');
    expect(out).toContain('  trust        ✖ not trusted: certificate has expired');
    const healthy = renderHuman(healthyVsftpd, plain);
    expect(healthy.replace(/\s+/g, ' ')).toContain(
      'data channel PROT P: listings and files are encrypted; the data connection resumed the control TLS session (the server requires it)',
    );
    expect(renderHuman(pasvFiltered, plain)).not.toMatch(/^TLS$/m);
  });

  it('explains skipped steps and shows the connect failure', () => {
    const out = renderHuman(connectionRefused, plain);
    expect(out).toContain('✖ FAILED (exit 3: cannot reach the control port)');
    expect(out).toContain(
      '      ✖ control connection refused (ECONNREFUSED): connect ECONNREFUSED 192.0.2.50:2121',
    );
    expect(out).toMatch(/^ {2}– banner {4}no control connection$/m);
    expect(out).not.toContain('server    ');
  });

  it('adds the transcript only when verbose, with the password masked', () => {
    expect(renderHuman(healthyVsftpd, plain)).not.toContain('Transcript');
    const out = renderHuman(healthyVsftpd, { ...plain, verbose: true });
    expect(out).toMatch(/^ +49 ms {2}< 220 \(vsFTPd 3\.0\.3\)$/m);
    expect(out).toMatch(/^ +\d+ ms {2}> PASS \*\*\*\*$/m);
    expect(out).toMatch(/^ +372 ms {2}\* \[data\] data connection to 203\.0\.113\.10:40057 open$/m);
    expect(out).toContain('  | -rw-r--r--    1 1001     1001          612 Jan 10 08:30 README.txt');
  });

  it('masks a password the transcript forgot to mask', () => {
    const leaky = {
      ...healthyVsftpd,
      probe: {
        ...healthyVsftpd.probe,
        transcript: [
          { direction: 'sent' as const, text: 'PASS hunter2', atMs: 1, channel: 'control' as const },
        ],
      },
    };
    const out = renderHuman(leaky, { ...plain, verbose: true });
    expect(out).not.toContain('hunter2');
    expect(out).toContain('> PASS ****');
  });

  it.each(Object.entries(ALL_FIXTURES))(
    'never prints a raw control or bidi character (%s)',
    (_name, report) => {
      for (const verbose of [false, true]) {
        const out = renderHuman(report, { ...plain, verbose, fixDialects: ['all'] });
        expect(anyHostileChar(out)).toBeNull();
        expect(isWellFormed(out)).toBe(true);
      }
    },
  );

  it('shows hostile server text as visible escapes', () => {
    const out = renderHuman(hostileServer, { ...plain, verbose: true });
    expect(out).toContain('ftp-doctor report: ftp://evil.example/pub/\\x1b]0;owned\\x07\\u202e');
    expect(out).toContain('220 \\x1b[2J\\x1b[1;31mYOUR FILES ARE ENCRYPTED\\x1b[0m (+3 lines)');
    expect(out).toContain('invoice\\u202eexe.pdf\\u202c');
    expect(out).toContain('NUL\\x00here, backspace\\x08\\x08\\x08xyz, carriage\\rreturn');
    expect(out).toContain('\ufffd\ufffd bad bytes \\x9b31m');
    expect(out).toContain('subject      CN=evil\\x1b[8m.example\\u202e');
    expect(out).toContain('photo\\u202egpj.exe');
    expect(out).toContain('bad\\ud800name\ufffd\\x85next');
    expect(out).toContain('(received: \\x1b[5mBYE\\x08\\x08\\x08)');
  });

  it('keeps lines within about 100 columns, except fix texts', () => {
    for (const report of Object.values(ALL_FIXTURES)) {
      const out = renderHuman(report, { ...plain, verbose: true });
      for (const textLine of out.split('\n')) {
        if (/^ {10}\S/.test(textLine)) continue; // fix texts are pasted whole
        if (/^ {2}sha-256/.test(textLine)) continue; // fingerprints are compared whole
        if (/^ +\d+ ms {2}[<>*]/.test(textLine)) continue; // transcript lines are shown whole
        expect([...textLine].length, textLine).toBeLessThanOrEqual(110);
      }
    }
  });

  it('applies the style it is given', () => {
    const tag = (name: string) => (text: string) => `<${name}>${text}</${name}>`;
    const style: Style = {
      bold: tag('b'),
      dim: tag('dim'),
      red: tag('red'),
      yellow: tag('yellow'),
      green: tag('green'),
      cyan: tag('cyan'),
      gray: tag('gray'),
    };
    const out = renderHuman(pasvFiltered, { ...plain, style });
    expect(out).toContain('<red><b>✖ FAILED</b></red>');
    expect(out).toContain('<red>✖</red> pasv');
    expect(out).toContain('<green>✔</green> epsv');
  });
});

describe('renderSummaryTable', () => {
  it('gives one row per target with verdict, exit code, time and main finding', () => {
    const out = renderSummaryTable(Object.values(ALL_FIXTURES));
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^TARGET +VERDICT +EXIT +TIME +MAIN FINDING$/);
    expect(lines[2]).toMatch(/^files\.example\.org +FAILED +8 +5411 ms +PASV data port 40140 is filtered$/);
    expect(lines[1]).toMatch(/HEALTHY +0 +440 ms +—$/);
    expect(anyHostileChar(out)).toBeNull();
    for (const row of lines) expect([...row].length).toBeLessThanOrEqual(100);
  });
});

describe('renderQuiet', () => {
  const table = [
    {
      title: 'healthy',
      input: healthyVsftpd,
      expected: /^HEALTHY ftp:\/\/deploy@ftp\.example\.com \(exit 0\): ftp\.example\.com works/,
    },
    {
      title: 'failed',
      input: tlsExpired,
      expected: /^FAILED ftpes:\/\/secure\.example\.net \(exit 5\): TLS fails/,
    },
    {
      title: 'hostile',
      input: hostileServer,
      expected: /^WARNING ftp:\/\/evil\.example\/pub\/\\x1b\]0;owned\\x07\\u202e \(exit 0\)/,
    },
  ];
  it.each(table)('$title', ({ input, expected }) => {
    const out = renderQuiet(input);
    expect(out).toMatch(expected);
    expect(out.trimEnd()).not.toContain('\n');
    expect(anyHostileChar(out.trimEnd(), false)).toBeNull();
  });
});

describe('selectFixes', () => {
  const fixes = pasvFiltered.diagnosis.findings[0]!.fixes;
  const table = [
    {
      title: 'default for vsftpd',
      input: { dialects: null, software: 'vsftpd' },
      expected: ['iptables', 'nftables', 'ufw', 'firewalld', 'vsftpd'],
    },
    {
      title: 'default for an unknown server shows only generic server advice',
      input: { dialects: null, software: null },
      expected: ['iptables', 'nftables', 'ufw', 'firewalld'],
    },
    {
      title: 'explicit list, any case',
      input: { dialects: ['WINDOWS'], software: 'vsftpd' },
      expected: ['windows'],
    },
    {
      title: 'all',
      input: { dialects: ['all'], software: 'vsftpd' },
      expected: fixes.map((fix) => fix.dialect),
    },
  ];
  it.each(table)('$title', ({ input, expected }) => {
    const { shown, hidden } = selectFixes(fixes, input.dialects, input.software);
    expect(shown.map((fix) => fix.dialect)).toEqual(expected);
    expect(shown.length + hidden.length).toBe(fixes.length);
  });

  it('default dialects name the server, generic and the Linux firewalls', () => {
    expect(defaultFixDialects('proftpd')).toEqual(
      expect.arrayContaining(['proftpd', 'generic', 'iptables', 'nftables', 'ufw', 'firewalld']),
    );
    expect(defaultFixDialects('proftpd')).not.toContain('vsftpd');
  });
});
