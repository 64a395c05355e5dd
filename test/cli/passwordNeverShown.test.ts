import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeFtpServer } from '../../src/fakeServer/fakeFtpServer.js';
import type { FakeFtpServer } from '../../src/fakeServer/fakeServerScript.js';
import { generateServerCertificate, type ServerCertificate } from '../support/certs.js';
import { type RealServer, realServerSkipReason, startVsftpd, TEST_USER } from '../support/realServers.js';
import { type CliRun, runCli } from '../support/runCli.js';

// No output of ftp-doctor ever holds the password: not stdout, not stderr, not the
// -o file, not the GitHub step summary; in every format, when the login works and when it fails.

/** FORMATS: every output format with the arguments that select it. */
const FORMATS: readonly { readonly name: string; readonly args: readonly string[] }[] = [
  { name: 'human', args: [] },
  { name: 'human -v', args: ['-v'] },
  { name: 'json', args: ['--json'] },
  { name: 'junit', args: ['--format', 'junit'] },
  { name: 'github', args: ['--format', 'github'] },
  { name: 'nagios', args: ['--format', 'nagios'] },
  { name: 'prometheus', args: ['--format', 'prometheus'] },
  { name: 'html', args: ['--format', 'html'] },
];

interface Leak {
  readonly format: string;
  readonly where: string;
}

interface Scenario {
  readonly title: string;
  /** The distinctive secret that must not appear. */
  readonly secret: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly input?: string;
  /** Exit codes the scenario may end with (the format decides: nagios maps onto 0–3). */
  readonly expectLoginFailure: boolean;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ftp-doctor-secret-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * runEveryFormat runs the scenario once per format, each run writing -o FILE and a GitHub step
 * summary (plus the human and JSON formats once more, straight to stdout), and returns every
 * place the secret showed up.
 */
async function runEveryFormat(scenario: Scenario, label: string): Promise<{ leaks: Leak[]; runs: CliRun[] }> {
  const leaks: Leak[] = [];
  const runs: CliRun[] = [];
  // With -o the chosen format goes to the file and the human summary to stdout, so one run per
  // format covers both; human and JSON also run once straight to stdout.
  const jobs = FORMATS.flatMap((format, index) =>
    (format.name === 'human' || format.name === 'json' ? [true, false] : [true]).map(async (withFile) => {
      const tag = `${label}-${index}-${withFile ? 'file' : 'stdout'}`;
      const outputFile = join(dir, `${tag}.out`);
      const summary = join(dir, `${tag}.summary.md`);
      await writeFile(summary, '');
      const run = await runCli([...scenario.args, ...format.args, ...(withFile ? ['-o', outputFile] : [])], {
        env: { GITHUB_STEP_SUMMARY: summary, FTP_PASSWORD: undefined, ...scenario.env },
        ...(scenario.input !== undefined ? { input: scenario.input } : {}),
        timeoutMs: 30_000,
      });
      runs.push(run);
      const places: [string, string][] = [
        ['stdout', run.stdout],
        ['stderr', run.stderr],
        ['GITHUB_STEP_SUMMARY', await readFile(summary, 'utf8')],
      ];
      if (withFile) places.push(['-o file', await readFile(outputFile, 'utf8').catch(() => '')]);
      for (const [where, text] of places) {
        if (text.includes(scenario.secret)) leaks.push({ format: format.name, where });
      }
      // A run must have said something, or the search proves nothing.
      expect(
        run.stdout.length + (withFile ? (await readFile(outputFile, 'utf8')).length : 0),
      ).toBeGreaterThan(0);
    }),
  );
  await Promise.all(jobs);
  return { leaks, runs };
}

const COMMON = ['--reply-timeout', '2s', '--data-timeout', '1s', '--connect-timeout', '2s'];

describe('the password never appears in any output (fake server)', () => {
  let server: FakeFtpServer;
  let target: string;
  beforeAll(async () => {
    server = await startFakeFtpServer({
      users: { alice: 'Zebra-Quartz-7731!' },
      replies: {
        // A hostile server that repeats the password it was sent in its refusal.
        PASS: ({ arg }) =>
          arg === 'Zebra-Quartz-7731!' ? undefined : `530 Login incorrect: "${arg}" is wrong.`,
      },
    });
    target = `127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server?.close();
  });

  const scenarios = (): Scenario[] => [
    {
      title: 'success, password from FTP_PASSWORD',
      secret: 'Zebra-Quartz-7731!',
      args: [target, '--tls', 'off', '--user', 'alice', ...COMMON],
      env: { FTP_PASSWORD: 'Zebra-Quartz-7731!' },
      expectLoginFailure: false,
    },
    {
      title: 'wrong password from --password-stdin, echoed back by the server',
      secret: 'Wrong-Zebra-4410',
      args: [target, '--tls', 'off', '--user', 'alice', '--password-stdin', ...COMMON],
      input: 'Wrong-Zebra-4410\n',
      expectLoginFailure: true,
    },
    {
      title: 'password in the URL',
      secret: 'Zebra-Quartz-7731!',
      args: [`ftp://alice:${encodeURIComponent('Zebra-Quartz-7731!')}@${target}`, '--tls', 'off', ...COMMON],
      expectLoginFailure: false,
    },
    {
      title: 'wrong password in the URL, echoed back by the server',
      secret: 'Url-Wrong-5522',
      args: [`ftp://alice:Url-Wrong-5522@${target}`, '--tls', 'off', ...COMMON],
      expectLoginFailure: true,
    },
  ];

  it.each([0, 1, 2, 3])('scenario %i', async (index) => {
    const scenario = scenarios()[index]!;
    const { leaks, runs } = await runEveryFormat(scenario, `fake${index}`);
    expect(leaks, scenario.title).toEqual([]);
    for (const run of runs) {
      if (scenario.expectLoginFailure) expect(run.code, run.stdout).not.toBe(0);
      else expect([0, 1], run.stdout).toContain(run.code);
    }
  });
});

const skip = realServerSkipReason('vsftpd');

describe.skipIf(skip !== null)(
  `the password never appears in any output (real vsftpd, local user, TLS)`,
  () => {
    let cert: ServerCertificate;
    let server: RealServer;
    let target: string;
    beforeAll(async () => {
      cert = await generateServerCertificate(['localhost']);
      server = await startVsftpd({
        anonymous: false,
        localUser: true,
        tls: { mode: 'explicit', certificate: cert },
      });
      target = `${server.host}:${server.port}`;
    });
    afterAll(async () => {
      await server?.stop();
      await cert?.remove();
    });

    it('success: the test account password, from FTP_PASSWORD, over TLS', async () => {
      const { leaks, runs } = await runEveryFormat(
        {
          title: 'vsftpd success',
          secret: TEST_USER.password,
          args: [target, '--user', TEST_USER.name, '--insecure', ...COMMON],
          env: { FTP_PASSWORD: TEST_USER.password },
          expectLoginFailure: false,
        },
        'vsftpd-ok',
      );
      expect(leaks).toEqual([]);
      for (const run of runs) expect([0, 1], run.stdout).toContain(run.code);
    });

    // vsftpd answers a wrong password only after PAM's failure delay (a few seconds).
    it('failure: a wrong password from --password-stdin', async () => {
      const { leaks, runs } = await runEveryFormat(
        {
          title: 'vsftpd wrong password',
          secret: 'Wrong-Zebra-4410',
          args: [
            target,
            '--user',
            TEST_USER.name,
            '--password-stdin',
            '--insecure',
            ...COMMON,
            '--reply-timeout',
            '10s',
          ],
          input: 'Wrong-Zebra-4410\n',
          expectLoginFailure: true,
        },
        'vsftpd-bad',
      );
      expect(leaks).toEqual([]);
      for (const run of runs) expect(run.code, run.stdout).not.toBe(0);
    }, 60_000);
  },
);
