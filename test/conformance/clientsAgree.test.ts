import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeFtpServer } from '../../src/fakeServer/fakeFtpServer.js';
import type { FakeFtpServer, FakeServerScript } from '../../src/fakeServer/fakeServerScript.js';
import { runCli } from '../support/runCli.js';

/**
 * A server that the common clients use without trouble is never a failure. Each row is a server
 * that is odd but workable: curl, lftp and Python's ftplib are run against it, and when any of
 * them logs in and lists, ftp-doctor must not exit with a failure (exit 0 or 1 with --strict).
 * The clients' outcomes are measured here, not assumed, so a row stays honest if a client changes.
 */
const ROWS: readonly {
  readonly title: string;
  readonly script: FakeServerScript;
  readonly warns?: string;
}[] = [
  {
    title: 'a greeting line of 9,000 characters with control characters',
    script: { greeting: `220 ${'x'.repeat(9000)}\u0007\u001b[31m` },
    warns: 'reply.oversized',
  },
  {
    title: 'a greeting of 3,000 lines',
    script: { greeting: ['220-start', ...Array.from({ length: 3000 }, (_, i) => ` line ${i}`), '220 end'] },
    warns: 'reply.oversized',
  },
  {
    title: 'a NUL byte and bytes that are not UTF-8 in the greeting',
    script: { greeting: { raw: '220 hello\u0000 world \u00ff\r\n' } },
    warns: 'reply.unusual-characters',
  },
  {
    title: 'a bare CR inside the greeting',
    script: { greeting: { raw: '220 hello\rworld\r\n' } },
    warns: 'reply.unusual-characters',
  },
  {
    title: '120 "ready in a minute", then 220',
    script: {
      greeting: { steps: [{ lines: ['120 Ready in 1 minute'] }, { delayMs: 200 }, { lines: ['220 Ready'] }] },
    },
  },
  {
    title: 'a pre-authenticated greeting (230)',
    script: { greeting: '230 Pre-authenticated by address' },
    warns: 'banner.preauthenticated',
  },
  {
    title: 'a positive greeting other than 220',
    script: { greeting: '200 Hello' },
    warns: 'banner.unusual-greeting',
  },
  {
    title: 'USER answered 232 (logged in by a security exchange)',
    script: { replies: { USER: '232 User logged in, authorized by security data exchange' } },
  },
  { title: 'USER answered 202', script: { replies: { USER: '202 Already logged in' } } },
  { title: 'PASS answered 202', script: { replies: { PASS: '202 Already logged in' } } },
  {
    title: 'the listing completes with 250',
    script: { transferReplies: { completion: '250 Transfer complete' } },
  },
  {
    title: 'the listing opens with 125',
    script: { transferReplies: { opening: '125 Data connection already open' } },
  },
  { title: 'QUIT answered 500', script: { replies: { QUIT: '500 What?' } } },
  { title: 'QUIT answered by closing the connection', script: { replies: { QUIT: { close: 'end' } } } },
];

function run(file: string, args: readonly string[]): Promise<number> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 15_000 }, (error) => {
      resolve(error === null ? 0 : typeof error.code === 'number' ? error.code : 1);
    });
  });
}

const FTPLIB = [
  'import ftplib, sys',
  'f = ftplib.FTP(); f.connect("127.0.0.1", int(sys.argv[1]), timeout=5); f.login("anonymous", "x")',
  'f.retrlines("LIST", lambda line: None)',
].join('\n');

/** clientsThatList: which of curl, lftp and ftplib logged in and listed the directory. */
async function clientsThatList(port: number): Promise<string[]> {
  const url = `ftp://127.0.0.1:${port}/`;
  const outcomes = await Promise.all([
    existsSync('/usr/bin/curl')
      ? run('curl', ['-s', '-o', '/dev/null', '--max-time', '10', url]).then((c) => ['curl', c] as const)
      : null,
    existsSync('/usr/bin/lftp')
      ? run('lftp', [
          '-e',
          'set net:max-retries 1; set net:timeout 5; ls; bye',
          '-u',
          'anonymous,x',
          '-p',
          String(port),
          '127.0.0.1',
        ]).then((c) => ['lftp', c] as const)
      : null,
    run('python3', ['-c', FTPLIB, String(port)]).then((c) => ['ftplib', c] as const),
  ]);
  return outcomes.flatMap((outcome) => (outcome !== null && outcome[1] === 0 ? [outcome[0]] : []));
}

let server: FakeFtpServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('odd but workable servers: when a common client lists, ftp-doctor does not fail', () => {
  it.each(ROWS)('$title', async ({ script, warns }) => {
    // Each client gets a server of its own, so one client's session cannot disturb the next.
    server = await startFakeFtpServer(script);
    const listed = await clientsThatList(server.port);
    await server.close();
    server = await startFakeFtpServer(script);
    const result = await runCli([`127.0.0.1:${server.port}`, '--json', '--tls', 'off'], {
      timeoutMs: 30_000,
    });
    const report = JSON.parse(result.stdout) as {
      targets: { findings: { id: string; severity: string }[] }[];
    };
    const errors = report.targets[0]!.findings.filter((f) => f.severity === 'error').map((f) => f.id);
    expect(
      listed.length,
      'at least one common client lists this server (else the row is no test)',
    ).toBeGreaterThan(0);
    expect({ listed, exitCode: result.code, errors }).toMatchObject({ exitCode: 0, errors: [] });
    if (warns) expect(report.targets[0]!.findings.map((f) => f.id)).toContain(warns);
  });
});
