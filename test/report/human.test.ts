import { describe, expect, it, vi } from 'vitest';
import { renderHuman, renderQuiet, renderSummaryTable } from '../../src/report/formats/human.js';
import { selectFixes } from '../../src/report/text/selectFixes.js';
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

const plain = { style: plainStyle, verbosity: 0, fixDialects: null } as const;
/** wide: 100 columns, so the layout tests below see whole lines. */
const wide = { ...plain, width: 100 };

describe('renderHuman', () => {
  it('opens with the target, address, server software and the verdict', () => {
    const out = renderHuman(healthyVsftpd, plain);
    const lines = out.split('\n');
    expect(lines[0]).toBe('ftp-doctor report: ftp://deploy@ftp.example.com');
    expect(out).toContain('address   203.0.113.10:21 (IPv4); also resolved 2001:db8::10');
    expect(out).toContain('server    vsftpd 3.0.3 (high confidence, from banner, feat)');
    // Exit 0 goes without its label: "healthy" after a warning verdict would contradict it.
    expect(out).toContain('✔ HEALTHY (exit 0)');
    expect(out.endsWith('\n')).toBe(true);
  });

  it('puts each step on one line with its mark and duration; -v explains every reply beneath', () => {
    const out = renderHuman(pasvFiltered, { ...wide, verbosity: 1 });
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

  it('by default explains only replies that are not the normal answer', () => {
    const out = renderHuman(pasvFiltered, wide);
    expect(out).not.toContain('meaning of 227 after PASV');
    expect(out).not.toContain('meaning of 220 after greeting');
    expect(out).not.toContain('PASS **** → 230');
    // SYST before login drew a 530: the normal answer of a server that wants a login first, so it
    // needs no note by default; -v explains it for its moment, not as a refused login.
    expect(out).not.toContain('SYST → 530');
    expect(renderHuman(pasvFiltered, { ...wide, verbosity: 1 })).toMatch(
      /SYST → 530 Please login with USER and PASS\.\s+— This server answers SYST only after login/,
    );
    // Nothing beneath the steps: only the failed PASV step drew replies, and they were normal ones.
    const steps = out.slice(out.indexOf('\nSteps\n')).trim().split('\n');
    expect(steps.every((row) => row === 'Steps' || /^ {2}[✔!✖–] /.test(row))).toBe(true);
  });

  it('lists problems, errors first, each with its proof and fixes as indented blocks', () => {
    const out = renderHuman(pasvFiltered, wide);
    const findings = out.slice(out.indexOf('Problems (2)'));
    expect(findings.indexOf('✖ PASV data port 40140 is filtered [data.port-filtered]')).toBeLessThan(
      findings.indexOf('! The server does not offer TLS [tls.not-offered]'),
    );
    expect(findings).toContain('data connection timed out (ETIMEDOUT): no answer from 198.51.100.7:40140');
    expect(findings).toContain('    Proof: PASV → 227 Entering Passive Mode (198,51,100,7,156,204).\n');
    expect(findings).toContain(
      '    Fix 1 on the firewall (iptables): Open the whole passive range vsftpd uses\n      iptables -A INPUT',
    );
    expect(findings).toContain('      pasv_min_port=40000\n');
    // Problems come before the step table: the answer first.
    expect(out.indexOf('Problems (2)')).toBeLessThan(out.indexOf('\nSteps\n'));
  });

  it('shows by default the best-ranked firewall and the detected server, and counts the rest', () => {
    const out = renderHuman(pasvFiltered, wide);
    expect(out).toContain('(iptables)');
    expect(out).toContain('(vsftpd)');
    for (const dialect of ['nftables', 'proftpd', 'windows', 'aws'])
      expect(out).not.toContain(`(${dialect}):`);
    expect(out).toContain(
      '(6 more fixes for nftables, ufw, firewalld and 3 more: -v shows them, --fix-for picks dialects)',
    );
  });

  it('filters fixes by the dialects asked for, and shows all with "all" or -v', () => {
    const nft = renderHuman(pasvFiltered, { ...wide, fixDialects: ['nftables', 'proftpd'] });
    expect(nft).toContain('(nftables)');
    expect(nft).toContain('(proftpd)');
    expect(nft).not.toContain('(iptables)');
    expect(nft).not.toContain('(vsftpd)');
    for (const all of [
      renderHuman(pasvFiltered, { ...wide, fixDialects: ['all'] }),
      renderHuman(pasvFiltered, { ...wide, verbosity: 1 }),
    ]) {
      for (const dialect of ['iptables', 'windows', 'aws', 'vsftpd', 'proftpd'])
        expect(all).toContain(`(${dialect})`);
      expect(all).not.toContain('more fix');
    }
  });

  it('shows the TLS details when a TLS problem was found, or with -v', () => {
    const out = renderHuman(tlsExpired, wide);
    expect(out).toContain(
      '  session      TLSv1.3, TLS_AES_256_GCM_SHA384, explicit (AUTH TLS), handshake 26 ms',
    );
    expect(out).toContain('  subject      CN=secure.example.net');
    expect(out).toContain('✔ the host name matches the certificate');
    expect(out).toContain('(expired 8 days ago)');
    expect(out).toContain('  trust        ✖ not trusted: certificate has expired');
    expect(renderHuman(healthyVsftpd, wide)).not.toMatch(/^TLS$/m);
    const healthy = renderHuman(healthyVsftpd, { ...wide, verbosity: 1 });
    expect(healthy.replace(/\s+/g, ' ')).toContain(
      'data channel PROT P: listings and files are encrypted; the data connection resumed the control TLS session (the server requires it)',
    );
    expect(renderHuman(pasvFiltered, { ...wide, verbosity: 1 })).not.toMatch(/^TLS$/m);
  });

  it('explains skipped steps and shows the connect failure', () => {
    const out = renderHuman(connectionRefused, plain);
    expect(out).toContain('✖ FAILED (exit 3: cannot reach the control port)');
    // Channel, address and errno once each, not "refused (ECONNREFUSED): connect ECONNREFUSED …".
    expect(out).toContain('    Proof: control connection to 192.0.2.50:2121 refused (ECONNREFUSED)\n');
    expect(renderHuman(connectionRefused, { ...plain, verbosity: 1 })).toContain(
      '      ✖ control connection to 192.0.2.50:2121 refused (ECONNREFUSED)',
    );
    expect(out).toMatch(/^ {2}– banner {4}no control connection$/m);
    expect(out).not.toContain('server    ');
  });

  it('adds the transcript only with -vv, with the password masked; -v shows the listing', () => {
    expect(renderHuman(healthyVsftpd, plain)).not.toContain('Transcript');
    expect(renderHuman(healthyVsftpd, { ...plain, verbosity: 1 })).not.toContain('Transcript');
    const out = renderHuman(healthyVsftpd, { ...wide, verbosity: 2 });
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
    const out = renderHuman(leaky, { ...plain, verbosity: 2 });
    expect(out).not.toContain('hunter2');
    expect(out).toContain('> PASS ****');
  });

  it.each(Object.entries(ALL_FIXTURES))(
    'never prints a raw control or bidi character (%s)',
    (_name, report) => {
      for (const verbosity of [0, 1, 2] as const) {
        const out = renderHuman(report, { ...plain, verbosity, fixDialects: ['all'] });
        expect(anyHostileChar(out)).toBeNull();
        expect(isWellFormed(out)).toBe(true);
      }
    },
  );

  it('shows hostile server text as visible escapes', () => {
    const out = renderHuman(hostileServer, { ...wide, verbosity: 2 });
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

  it.each([80, 120])('keeps every line within %i columns, except fix command lines', (width) => {
    for (const report of Object.values(ALL_FIXTURES)) {
      const fixLines = new Set(
        report.diagnosis.findings.flatMap((finding) => finding.fixes.flatMap((fix) => fix.text.split('\n'))),
      );
      for (const verbosity of [0, 1, 2] as const) {
        const out = renderHuman(report, { ...plain, verbosity, width, fixDialects: ['all'] });
        for (const textLine of out.split('\n')) {
          if ([...textLine].length <= width) continue;
          if (fixLines.has(textLine.trim())) continue; // pasted whole, on a line of its own
          if (/^ {2}sha-256/.test(textLine)) continue; // fingerprints are compared whole
          if (/^ +\d+ ms {2}[<>*]/.test(textLine)) continue; // transcript lines are shown whole
          expect.fail(`${width} columns, -v ${verbosity}: ${textLine}`);
        }
      }
    }
  });

  it('a long fix command stands unbroken on a line of its own', () => {
    const out = renderHuman(pasvFiltered, { ...plain, width: 80, fixDialects: ['aws'] });
    const command = passiveFixText('aws');
    expect(command.length).toBeGreaterThan(80);
    expect(out.split('\n')).toContain(command);
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
    const out = renderHuman(pasvFiltered, { ...wide, style });
    expect(out).toContain('<red><b>✖ FAILED</b></red>');
    expect(out).toContain('<red>✖</red> pasv');
    expect(out).toMatch(/<green>✔<\/green> [a-z, ]*epsv/);
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
      expected: /^WORKS WITH WARNINGS ftp:\/\/evil\.example\/pub\/\\x1b\]0;owned\\x07\\u202e \(exit 0\)/,
    },
  ];
  it.each(table)('$title', ({ input, expected }) => {
    const out = renderQuiet(input);
    expect(out).toMatch(expected);
    expect(out.trimEnd()).not.toContain('\n');
    expect(anyHostileChar(out.trimEnd(), false)).toBeNull();
  });
});

function passiveFixText(dialect: string): string {
  return pasvFiltered.diagnosis.findings[0]!.fixes.find((fix) => fix.dialect === dialect)!.text;
}

describe('selectFixes', () => {
  const fixes = pasvFiltered.diagnosis.findings[0]!.fixes;
  const table = [
    {
      title: 'default for vsftpd: the best-ranked firewall and the server’s own',
      input: { dialects: null, software: 'vsftpd' },
      expected: ['iptables', 'vsftpd'],
    },
    {
      title: 'default for an unknown server: no product’s configuration, the firewall only',
      input: { dialects: null, software: null },
      expected: ['iptables'],
    },
    {
      title: 'explicit list, any case, plus the server’s own advice when no server is named',
      input: { dialects: ['WINDOWS'], software: 'vsftpd' },
      expected: ['windows', 'vsftpd'],
    },
    {
      title: 'a list naming a server dialect gets no other server’s advice',
      input: { dialects: ['nftables', 'proftpd'], software: 'vsftpd' },
      expected: ['nftables', 'proftpd'],
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

  it('never shows none of a finding’s fixes: the best-ranked one stands in', () => {
    const serverOnly = fixes.filter((fix) => fix.audience === 'server');
    const { shown } = selectFixes(serverOnly, ['nftables'], 'pure-ftpd');
    expect(shown.map((fix) => fix.dialect)).toEqual(['vsftpd']);
  });
});
