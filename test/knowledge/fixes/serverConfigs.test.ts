import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SERVER_FIX_TOPICS,
  type ServerFixContext,
  serverFixes,
} from '../../../src/knowledge/diagnosis/fixes/server.js';
import { shellWords } from './shellWords.js';
import { toolGate } from './toolGate.js';

/**
 * The configuration texts are fed to the real servers, which refuse unknown keys and bad values:
 * vsftpd 3.0.x answers "500 OOPS: unrecognised variable" instead of its 220 greeting, `proftpd -t`
 * fails on unknown directives or arguments. Pure-FTPd's names and flags are checked against its
 * own binary and `--help`, the pyftpdlib snippets against Python's parser.
 */

const PKG = fileURLToPath(new URL('../../../.servers/pkg', import.meta.url));
const VSFTPD = join(PKG, 'usr/sbin/vsftpd');
const PROFTPD = join(PKG, 'usr/sbin/proftpd');
const PURE_FTPD = join(PKG, 'usr/sbin/pure-ftpd');

const contexts: { name: string; context: Omit<ServerFixContext, 'software'> }[] = [
  {
    name: 'observed range, IPv4 address',
    context: { passiveRange: { low: 40000, high: 40099 }, publicAddress: '198.51.100.7' },
  },
  {
    name: 'host name, anonymous wanted',
    context: { passiveRange: null, publicAddress: 'localhost', anonymous: 'enable' },
  },
];

const workDir = mkdtempSync(join(tmpdir(), 'ftp-doctor-conf-'));
const certFile = join(workDir, 'cert.pem');
const keyFile = join(workDir, 'key.pem');
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

beforeAll(() => {
  // A throwaway certificate so that TLS directives which open their files at parse time can.
  spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { timeout: 20_000 },
  );
});

/** withTestCertificates points every certificate or key path of a fix at the throwaway pair. */
function withTestCertificates(text: string): string {
  return text.replace(/\/etc\/(?:ssl|letsencrypt)\/[^\s"]+\.(?:pem|key|crt)/g, (path) =>
    /key/.test(path) ? keyFile : certFile,
  );
}

function fixTexts(
  software: ServerFixContext['software'],
  context: Omit<ServerFixContext, 'software'>,
): { topic: string; text: string }[] {
  return SERVER_FIX_TOPICS.flatMap((topic) =>
    serverFixes(topic, { ...context, software, dialects: [software] }).map((fix) => ({
      topic,
      text: fix.text,
    })),
  );
}

/** vsftpdGreeting starts vsftpd in inetd mode on one loopback connection and returns its first reply line. */
async function vsftpdGreeting(configFile: string): Promise<string> {
  const server = createServer();
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const accepted = new Promise<Socket>((ready) => server.once('connection', ready));
  const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
  const serverSide = await accepted;
  const child = spawn(VSFTPD, [configFile], { stdio: [serverSide, serverSide, 'ignore'] });
  serverSide.destroy();
  try {
    return await new Promise<string>((done, fail) => {
      let received = '';
      const timer = setTimeout(
        () => fail(new Error(`no reply from vsftpd within 5 s (got ${JSON.stringify(received)})`)),
        5000,
      );
      const finish = () => {
        clearTimeout(timer);
        done(received.split('\r\n')[0] ?? '');
      };
      client.on('data', (chunk: Buffer) => {
        received += chunk.toString('latin1');
        if (received.includes('\n')) finish();
      });
      client.on('close', finish);
      client.on('error', finish);
    });
  } finally {
    client.destroy();
    if (child.exitCode === null) child.kill('SIGKILL');
    server.close();
  }
}

describe('vsftpd accepts every vsftpd fix', () => {
  const gate = toolGate([VSFTPD, 'openssl'], true);
  const base = () => [
    'listen=NO',
    'seccomp_sandbox=NO',
    'isolate=NO',
    'isolate_network=NO',
    'secure_chroot_dir=/var/run/vsftpd/empty',
    // An existing certificate, as a server that already speaks TLS has; fixes may override it.
    `rsa_cert_file=${certFile}`,
    `rsa_private_key_file=${keyFile}`,
  ];
  for (const { name, context } of contexts) {
    it.skipIf(!gate.run)(`${name}${gate.reason ? ` (skipped: ${gate.reason})` : ''}`, async () => {
      if (gate.reason) throw new Error(gate.reason);
      for (const { topic, text } of fixTexts('vsftpd', context)) {
        const file = join(workDir, `vsftpd-${topic}.conf`);
        // listen_ipv6=NO last keeps the listen-ipv6 fix from turning this into a standalone daemon;
        // the fix's own lines are still parsed before it.
        const extra = topic === 'listen-ipv6' ? ['listen_ipv6=NO'] : [];
        writeFileSync(file, `${[...base(), withTestCertificates(text), ...extra].join('\n')}\n`);
        expect({ topic, greeting: await vsftpdGreeting(file) }).toEqual({
          topic,
          greeting: expect.stringMatching(/^220 /),
        });
      }
    });
  }
});

describe('proftpd -t accepts every ProFTPD fix', () => {
  const gate = toolGate([PROFTPD, 'openssl'], false);
  for (const { name, context } of contexts) {
    it.skipIf(!gate.run)(`${name}${gate.reason ? ` (skipped: ${gate.reason})` : ''}`, () => {
      if (gate.reason) throw new Error(gate.reason);
      for (const { topic, text } of fixTexts('proftpd', context)) {
        const file = join(workDir, `proftpd-${topic}.conf`);
        const base = [
          'ServerType standalone',
          'DefaultAddress 127.0.0.1',
          `ModulePath ${join(PKG, 'usr/lib/proftpd')}`,
          'LoadModule mod_tls.c',
        ];
        writeFileSync(file, `${[...base, withTestCertificates(text)].join('\n')}\n`);
        const result = spawnSync(PROFTPD, ['-t', '-c', file], { encoding: 'utf8', timeout: 10_000 });
        expect({
          topic,
          status: result.status,
          fatal: /fatal|error/i.test(result.stderr) ? result.stderr : '',
        }).toEqual({
          topic,
          status: 0,
          fatal: '',
        });
      }
    });
  }
});

/** DEBIAN_WRAPPER_FILES: option files Debian's pure-ftpd-wrapper (1.0.50) understands, from its %conf table. */
const DEBIAN_WRAPPER_FILES = new Set([
  'AllowAnonymousFXP',
  'AllowDotFiles',
  'AllowUserFXP',
  'AltLog',
  'AnonymousBandwidth',
  'AnonymousCanCreateDirs',
  'AnonymousCantUpload',
  'AnonymousOnly',
  'AnonymousRatio',
  'AntiWarez',
  'AutoRename',
  'Bind',
  'BrokenClientsCompatibility',
  'CallUploadScript',
  'ChrootEveryone',
  'CreateHomeDir',
  'CustomerProof',
  'Daemonize',
  'DisplayDotFiles',
  'DontResolve',
  'ForcePassiveIP',
  'FortunesFile',
  'FSCharset',
  'ClientCharset',
  'IPV4Only',
  'IPV6Only',
  'KeepAllFiles',
  'LimitRecursion',
  'LogPID',
  'MaxClientsNumber',
  'MaxClientsPerIP',
  'MaxDiskUsage',
  'MaxIdleTime',
  'MaxLoad',
  'MinUID',
  'NATmode',
  'NoAnonymous',
  'NoChmod',
  'NoRename',
  'NoTruncate',
  'PassivePortRange',
  'PerUserLimits',
  'ProhibitDotFilesRead',
  'ProhibitDotFilesWrite',
  'Quota',
  'SyslogFacility',
  'TLS',
  'TLSCipherSuite',
  'TrustedGID',
  'TrustedIP',
  'Umask',
  'UserBandwidth',
  'UserRatio',
  'VerboseLog',
]);

describe('Pure-FTPd fixes use names and flags Pure-FTPd knows', () => {
  const gate = toolGate([PURE_FTPD, 'bash'], false);
  it.skipIf(!gate.run)(
    `Debian files, pure-ftpd.conf keys, flags${gate.reason ? ` (skipped: ${gate.reason})` : ''}`,
    () => {
      if (gate.reason) throw new Error(gate.reason);
      // The configuration-file grammar is compiled into the binary as "Key (<digits>) …" / "Key? <bool>".
      const grammar = new Map<string, string>();
      for (const [, key, args] of readFileSync(PURE_FTPD)
        .toString('latin1')
        .matchAll(/([A-Z][A-Za-z0-9]+)(\? <bool>| \([^\x00\n]*?\)(?: \([^\x00\n]*?\))?)\x00/g)) {
        grammar.set(key!, args!);
      }
      expect(grammar.get('PassivePortRange')).toBe(' (<digits>) (<digits>)');
      const help = spawnSync(PURE_FTPD, ['--help'], { encoding: 'utf8', timeout: 10_000 });
      const helpText = `${help.stdout}${help.stderr}`;
      for (const { name, context } of contexts) {
        for (const { topic, text } of fixTexts('pure-ftpd', context)) {
          const label = `${name} / ${topic}`;
          for (const [, file] of text.matchAll(/> \/etc\/pure-ftpd\/conf\/(\S+)$/gm)) {
            expect(DEBIAN_WRAPPER_FILES.has(file!), `${label}: ${file}`).toBe(true);
          }
          for (const [, key, value] of text.matchAll(/^# {3}([A-Za-z0-9]+) (.+)$/gm)) {
            const args = grammar.get(key!);
            expect(args, `${label}: ${key}`).toBeDefined();
            if (args === '? <bool>') expect(value, `${label}: ${key}`).toMatch(/^(yes|no)$/);
            if (args?.includes('<digits>')) expect(value, `${label}: ${key}`).toMatch(/^\d+( \d+)?$/);
          }
          for (const [, flags] of text.matchAll(/^# or on the command line: (.+)$/gm)) {
            for (const flag of flags!.split(' ').filter((word) => word.startsWith('-'))) {
              const spelled = flag.startsWith('--') ? flag.replace(/=.*$/, '') : flag;
              expect(helpText, `${label}: ${flag}`).toMatch(new RegExp(`(^|\\s)${spelled}(\\s|$)`, 'm'));
            }
          }
          const shellPart = text
            .split('\n')
            .filter((line) => !/^(environment|ports|volumes):|^ {2}/.test(line));
          const check = spawnSync('bash', ['-n'], {
            input: shellPart.join('\n'),
            encoding: 'utf8',
            timeout: 10_000,
          });
          expect({ label, status: check.status, stderr: check.stderr }).toEqual({
            label,
            status: 0,
            stderr: '',
          });
        }
      }
    },
  );
});

describe('pyftpdlib snippets are valid Python', () => {
  const gate = toolGate(['python3'], false);
  it.skipIf(!gate.run)(`every topic${gate.reason ? ` (skipped: ${gate.reason})` : ''}`, () => {
    if (gate.reason) throw new Error(gate.reason);
    const snippets = contexts.flatMap(({ name, context }) =>
      fixTexts('pyftpdlib', context).map(({ topic, text }) => ({ label: `${name} / ${topic}`, text })),
    );
    // One interpreter for all snippets: it prints the label and error of each one that fails to parse.
    const script = [
      'import ast, json, sys',
      'for item in json.load(sys.stdin):',
      '    try:',
      "        ast.parse(item['text'])",
      '    except SyntaxError as error:',
      "        print(item['label'], error)",
    ].join('\n');
    const result = spawnSync('python3', ['-c', script], {
      input: JSON.stringify(snippets),
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect({ status: result.status, output: `${result.stdout}${result.stderr}` }).toEqual({
      status: 0,
      output: '',
    });
  });
});

describe('shell words', () => {
  const table = [
    { title: 'plain words', input: 'a b  c', expected: ['a', 'b', 'c'] },
    {
      title: 'single quotes keep everything',
      input: `nft add x '{ type "ftp"; }'`,
      expected: ['nft', 'add', 'x', '{ type "ftp"; }'],
    },
    { title: 'double quotes drop their quotes', input: 'set "ftp-21"', expected: ['set', 'ftp-21'] },
    { title: 'quotes glue to words', input: `--x='a b'c`, expected: ['--x=a bc'] },
  ];
  for (const { title, input, expected } of table)
    it(title, () => expect(shellWords(input)).toEqual(expected));
});
