import { rfc, type Sources } from '../../src/knowledge/sources.js';

const FIXTURE_SOURCES: Sources = [rfc(959, '4.2.2')];

import { describe, expect, it } from 'vitest';
import type { TargetReport } from '../../src/knowledge/types.js';
import {
  escapeGithubData,
  escapeGithubProperty,
  renderGithub,
  renderGithubSummary,
} from '../../src/report/formats/github.js';
import { tlsTables } from '../formats/formatParsers.js';
import {
  ALL_FIXTURES,
  anyHostileChar,
  healthyVsftpd,
  hostileServer,
  pasvFiltered,
  tlsExpired,
} from './fixtures.js';

interface WorkflowCommand {
  readonly kind: string;
  readonly properties: Readonly<Record<string, string>>;
  readonly message: string;
}

function unescapeGithub(value: string): string {
  return value.replace(/%(25|0D|0A|3A|2C)/g, (_m, code: string) =>
    String.fromCharCode(Number.parseInt(code, 16)),
  );
}

/** parseCommands reads workflow commands back the way the runner does; any other line fails. */
function parseCommands(output: string): WorkflowCommand[] {
  expect(output.endsWith('\n')).toBe(true);
  return output
    .slice(0, -1)
    .split('\n')
    .map((line) => {
      const match = /^::([a-z]+)(?: ([^:]*))?::(.*)$/.exec(line);
      expect(match, line).not.toBeNull();
      const [, kind = '', props = '', message = ''] = match!;
      const properties: Record<string, string> = {};
      for (const pair of props === '' ? [] : props.split(',')) {
        const eq = pair.indexOf('=');
        properties[pair.slice(0, eq)] = unescapeGithub(pair.slice(eq + 1));
      }
      expect(message).not.toMatch(/[\r\n]/);
      return { kind, properties, message: unescapeGithub(message) };
    });
}

describe('escaping', () => {
  const table = [
    {
      title: 'data: percent, CR, LF',
      input: 'a%b\r\nc',
      expected: { data: 'a%25b%0D%0Ac', property: 'a%25b%0D%0Ac' },
    },
    {
      title: 'property: colon and comma too',
      input: 'host:21, x',
      expected: { data: 'host:21, x', property: 'host%3A21%2C x' },
    },
  ];
  it.each(table)('$title', ({ input, expected }) => {
    expect(escapeGithubData(input)).toBe(expected.data);
    expect(escapeGithubProperty(input)).toBe(expected.property);
    expect(unescapeGithub(escapeGithubProperty(input))).toBe(input);
  });
});

describe('renderGithub', () => {
  it('writes a verdict notice per target and one command per finding, by severity', () => {
    const commands = parseCommands(renderGithub([pasvFiltered, healthyVsftpd]));
    expect(commands.map((c) => c.kind)).toEqual(['notice', 'error', 'warning', 'notice', 'notice']);
    expect(commands[0]!.properties.title).toBe('ftp-doctor files.example.org');
    expect(commands[0]!.message).toMatch(
      /^FAILED \(exit 8: data connection failed\): PASV data connections fail/,
    );
    const error = commands[1]!;
    expect(error.properties.title).toBe('files.example.org: PASV data port 40140 is filtered');
    expect(error.message).toContain('\nEvidence: PASV → 227 Entering Passive Mode (198,51,100,7,156,204).');
    // The best-ranked firewall dialect and the detected server's fix; the rest stay in the summary.
    expect(error.message).toContain('\nFix (firewall, iptables): Open the whole passive range vsftpd uses\n');
    expect(error.message).not.toContain('windows');
    expect(error.message.endsWith('[data.port-filtered]')).toBe(true);
    expect(commands[4]!.properties.title).toBe(
      'ftp://deploy@ftp.example.com: The server does not offer MLSD',
    );
  });

  it('keeps hostile text from starting commands or reaching the log raw', () => {
    const injected: TargetReport = {
      ...pasvFiltered,
      diagnosis: {
        ...pasvFiltered.diagnosis,
        findings: [
          { ...pasvFiltered.diagnosis.findings[0]!, detail: 'text\n::error::injected\r\n::stop-commands::x' },
        ],
      },
    };
    const output = renderGithub([injected, hostileServer]);
    expect(output).not.toMatch(/^::(error|stop-commands)::/m);
    expect(anyHostileChar(output)).toBeNull();
    const commands = parseCommands(output);
    expect(commands[1]!.message).toContain('text\n::error::injected\n::stop-commands::x');
    const hostile = commands.find((c) => c.properties.title?.includes('control characters'))!;
    expect(hostile.message).toContain('invoice\\u202eexe.pdf');
  });

  it('says so when a failed target has no error finding', () => {
    const odd: TargetReport = { ...pasvFiltered, diagnosis: { ...pasvFiltered.diagnosis, findings: [] } };
    const commands = parseCommands(renderGithub([odd]));
    expect(commands.map((c) => c.kind)).toEqual(['notice', 'error']);
  });
});

describe('renderGithubSummary', () => {
  it('gives each target a heading, a step table and its findings with fixes in code blocks', () => {
    const md = renderGithubSummary([pasvFiltered]);
    expect(md).toContain('### ✖ files.example.org — FAILED (exit 8)');
    expect(md).toContain(
      '| pasv | ✖ fail | PASV → 198.51.100.7:40140, filtered (no answer in 5000 ms) | 5034 ms |',
    );
    expect(md).toContain('#### ✖ PASV data port 40140 is filtered (`data.port-filtered`)');
    expect(md).toContain('```\nufw allow 40000:40200/tcp\n```');
    expect(md).toContain(
      '<details><summary>More fixes: nftables, ufw, firewalld, windows, aws, proftpd</summary>',
    );
    expect(md.endsWith('\n')).toBe(true);
  });

  it('lists all targets in a table when there are several', () => {
    const md = renderGithubSummary(Object.values(ALL_FIXTURES));
    expect(md).toContain('| Target | Verdict | Exit |');
    expect(md).toContain('| 192.0.2.50:2121 | FAILED | 3 |');
  });

  // The TLS facts in every output format.
  it('gives targets with a TLS handshake a table of the TLS facts', () => {
    const md = renderGithubSummary([healthyVsftpd, pasvFiltered, tlsExpired]);
    const [healthy, expired, ...more] = tlsTables(md);
    expect(more).toEqual([]);
    expect(healthy).toEqual({
      Protocol: 'TLSv1.3',
      Cipher: 'TLS_AES_256_GCM_SHA384',
      Handshake: '38 ms',
      Subject: 'CN=ftp.example.com',
      Names: 'DNS:ftp.example.com, DNS:www.example.com',
      Issuer: "C=US, O=Let's Encrypt, CN=R11",
      'Self-signed': 'no',
      'Valid from': 'Jan 10 08:12:40 2025 GMT',
      'Valid to': 'Apr 10 08:12:39 2025 GMT (61 days left)',
      Trusted: '✔ yes',
      'Name matches': '✔ yes',
      'Data channel': 'PROT P (listings and files encrypted)',
      'Data session reused': '✔ yes',
      'Reuse required': 'yes',
    });
    expect(expired).toMatchObject({
      Trusted: '✖ no: certificate has expired',
      'Valid to': 'Jan 31 23:59:59 2025 GMT (expired 8 days ago)',
      'Data channel': 'clear (no PROT P)',
      'Data session reused': 'not checked',
      'Reuse required': 'not checked',
    });
    // Each TLS table sits in its own target's section, after the step table.
    const sections = md.split(/^### /m).slice(1);
    expect(sections.map((section) => tlsTables(section).length)).toEqual([1, 0, 1]);
  });

  it('keeps certificate fields as text in the TLS table', () => {
    const md = renderGithubSummary([hostileServer]);
    expect(anyHostileChar(md)).toBeNull();
    expect(tlsTables(md)[0]).toMatchObject({
      Subject: 'CN=evil\\x1b[8m.example\\u202e',
      Names: 'DNS:\\u202eelpmaxe.live, DNS:evil.example\\x00.bank.example',
      Issuer: 'CN=Totally Trusted CA\\x07\\x08',
      Trusted: '✖ no: self-signed certificate\\x1b[0m',
      'Self-signed': 'yes',
    });
    const sneaky = {
      ...healthyVsftpd,
      probe: {
        ...healthyVsftpd.probe,
        steps: healthyVsftpd.probe.steps.map((step) =>
          step.name === 'tls' && step.data?.certificate
            ? {
                ...step,
                data: {
                  ...step.data,
                  certificate: {
                    ...step.data.certificate,
                    subject: 'CN=a | b [x](https://evil.example) <img src=x>',
                    subjectAltNames: ['DNS:*.example.com', 'DNS:_x_.example.com\n| c | d |'],
                  },
                },
              }
            : step,
        ),
      },
    };
    // tlsTables fails on a row whose pipes leaked, so parsing alone shows the table held.
    const [table] = tlsTables(renderGithubSummary([sneaky]));
    expect(table).toMatchObject({
      Subject: 'CN=a | b [x](https://evil.example) <img src=x>',
      // A line break stays inside the cell as <br>, never starting a row of its own.
      Names: 'DNS:*.example.com, DNS:_x_.example.com\n| c | d |',
    });
  });

  it('renders server text as text: no links, tags, table breaks or escaping fences', () => {
    const sneaky: TargetReport = {
      ...pasvFiltered,
      diagnosis: {
        ...pasvFiltered.diagnosis,
        steps: [
          { name: 'banner', status: 'ok', summary: '220 ![x](https://t.example/p.png) <img src=x> | a | b' },
        ],
        findings: [
          {
            ...pasvFiltered.diagnosis.findings[0]!,
            title: '# heading [link](https://evil.example)',
            detail: '- list\n<script>alert(1)</script>',
            fixes: [
              {
                audience: 'client',
                dialect: 'curl',
                title: 't',
                text: 'echo ```\n````x',
                sources: FIXTURE_SOURCES,
              },
            ],
          },
        ],
      },
    };
    const md = renderGithubSummary([sneaky]);
    expect(md).toContain('| 220 \\!\\[x\\](https://t.example/p.png) &lt;img src=x&gt; \\| a \\| b |');
    expect(md).toContain('\\# heading \\[link\\](https://evil.example)');
    expect(md).toContain('\\- list<br>&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(md).toContain('`````\necho ```\n````x\n`````');
    expect(anyHostileChar(renderGithubSummary([hostileServer]))).toBeNull();
  });
});
