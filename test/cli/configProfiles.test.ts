import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeFtpServer } from '../../src/fakeServer/fakeFtpServer.js';
import type { FakeFtpServer } from '../../src/fakeServer/fakeServerScript.js';
import { type CliRun, looksLikeStackTrace, runCli } from '../support/runCli.js';

interface ReportOptions {
  readonly user: string;
  readonly tls: string;
  readonly replyTimeoutMs: number;
  readonly dataTimeoutMs: number;
  readonly samples: number;
}

function reportOptions(run: CliRun): ReportOptions {
  const json = JSON.parse(run.stdout) as { targets: { options: ReportOptions }[] };
  return json.targets[0]!.options;
}

// --config FILE / --profile NAME, and the default file under XDG_CONFIG_HOME or ~/.config.
describe('config profiles', () => {
  let server: FakeFtpServer;
  let target: string;
  let dir: string;
  let config: string;
  const passwordsSent: string[] = [];

  beforeAll(async () => {
    server = await startFakeFtpServer({
      anonymous: true,
      replies: {
        PASS: ({ arg }) => {
          passwordsSent.push(arg);
          return undefined;
        },
      },
      users: { alice: 'Alice-From-Env', feed: 'Feed-From-File' },
      uploads: 'stored',
    });
    target = `127.0.0.1:${server.port}`;
    dir = await mkdtemp(join(tmpdir(), 'ftp-doctor-config-'));
    await writeFile(join(dir, 'feed.pw'), 'Feed-From-File\n');
    config = join(dir, 'config.yml');
    await writeFile(
      config,
      [
        'modules:',
        '  alice:',
        '    user: alice',
        '    password_env: ALICE_FTP_PASSWORD',
        '    tls: "off"',
        '    reply_timeout: 3s',
        '    data_timeout: 1500ms',
        '    samples: 3',
        '    format: json',
        '  feed:',
        '    user: feed',
        '    password_file: feed.pw',
        '    tls: "off"',
        '    format: json',
        '  uploader:',
        '    user: alice',
        '    password_env: ALICE_FTP_PASSWORD',
        '    tls: "off"',
        '    write_test: true',
        '    write_size: 2048',
        '    format: json',
        '  strict-tls:',
        '    user: alice',
        '    password_env: ALICE_FTP_PASSWORD',
        '    require_tls: true',
        '    format: json',
        '',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    passwordsSent.length = 0;
  });

  /** cli runs with a HOME and XDG_CONFIG_HOME of the test's own, so no user's config leaks in. */
  async function cli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
    const run = await runCli(args, {
      env: {
        HOME: join(dir, 'home'),
        XDG_CONFIG_HOME: undefined,
        FTP_PASSWORD: undefined,
        ALICE_FTP_PASSWORD: 'Alice-From-Env',
        ...env,
      },
    });
    expect(looksLikeStackTrace(run.stdout + run.stderr)).toBe(false);
    return run;
  }

  it('--profile applies its options and its password by reference (password_env)', async () => {
    const run = await cli(['--config', config, '--profile', 'alice', target]);
    expect(run.code, run.stderr).toBe(0);
    const options = reportOptions(run);
    expect(options).toMatchObject({
      user: 'alice',
      tls: 'off',
      replyTimeoutMs: 3000,
      dataTimeoutMs: 1500,
      samples: 3,
    });
    expect(new Set(passwordsSent)).toEqual(new Set(['Alice-From-Env']));
  });

  it('flags on the command line override the profile', async () => {
    const run = await cli([
      '--config',
      config,
      '--profile',
      'alice',
      target,
      '--samples',
      '2',
      '--reply-timeout',
      '4s',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(reportOptions(run)).toMatchObject({ samples: 2, replyTimeoutMs: 4000, dataTimeoutMs: 1500 });
  });

  it('a profile may ask for the write test (write_test, write_size): upload, read back and delete run', async () => {
    const run = await cli(['--config', config, '--profile', 'uploader', target]);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as {
      targets: {
        steps: { name: string; ran: boolean; data: { sizeBytes: number; deleted: boolean } | null }[];
        findings: { id: string }[];
      }[];
    };
    const report = json.targets[0]!;
    const write = report.steps.find((step) => step.name === 'write');
    expect(write?.ran).toBe(true);
    expect(write?.data).toMatchObject({ sizeBytes: 2048, deleted: true });
    expect(report.findings.map((finding) => finding.id)).toContain('write.works');
  });

  it('password_file: the first line of the file, relative to the config file', async () => {
    const run = await cli(['--config', config, '--profile', 'feed', target]);
    expect(run.code, run.stderr).toBe(0);
    expect(new Set(passwordsSent)).toEqual(new Set(['Feed-From-File']));
  });

  it('require_tls: a server without TLS fails the TLS step (exit 5) and never gets the password', async () => {
    const run = await cli(['--config', config, '--profile', 'strict-tls', target, '--reply-timeout', '2s']);
    expect(run.code, run.stdout).toBe(5);
    expect(reportOptions(run).tls).toBe('explicit');
    expect(passwordsSent).toEqual([]);
  });

  it.each([
    ['XDG_CONFIG_HOME', (base: string) => ({ XDG_CONFIG_HOME: base }), (base: string) => base],
    ['~/.config', (base: string) => ({ HOME: base }), (base: string) => join(base, '.config')],
  ])(
    'the default file under %s, and its "default" profile without --profile',
    async (_title, env, configDir) => {
      const base = await mkdtemp(join(dir, 'base-'));
      await mkdir(join(configDir(base), 'ftp-doctor'), { recursive: true });
      await writeFile(
        join(configDir(base), 'ftp-doctor', 'config.yml'),
        'modules:\n  default:\n    tls: "off"\n    samples: 4\n    format: json\n  other:\n    samples: 5\n    format: json\n',
      );
      const plain = await cli([target], env(base));
      expect(plain.code, plain.stderr).toBe(0);
      expect(reportOptions(plain).samples).toBe(4);
      const named = await cli([target, '--profile', 'other', '--tls', 'off'], env(base));
      expect(reportOptions(named).samples).toBe(5);
    },
  );

  describe('mistakes: exit 2 before any connection, the message names the file, line and key', () => {
    it.each([
      [
        'an inline password',
        'modules:\n  prod:\n    user: alice\n    password: hunter2\n',
        /^ftp-doctor: config error: .*bad\.yml:4: modules\.prod\.password: .*password_file or password_env/,
      ],
      ['an unknown value', 'modules:\n  prod:\n    tls: maybe\n', /bad\.yml:3: modules\.prod\.tls: /],
      [
        'a fix dialect the knowledge layer does not have',
        'modules:\n  prod:\n    tls: "off"\n    fix_for: vsftpd,bogus\n',
        /^ftp-doctor: config error: .*bad\.yml:4: modules\.prod\.fix_for: unknown value "bogus"; valid: vsftpd, /,
      ],
    ])('%s', async (_title, yaml, message) => {
      const file = join(dir, 'bad.yml');
      await writeFile(file, yaml);
      const connections = server.connections;
      const run = await cli(['--config', file, '--profile', 'prod', target]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toContain('hunter2');
      expect(run.stderr).toMatch(/\nTry 'ftp-doctor --help'\.\n$/);
      expect(server.connections).toBe(connections);
    });

    it('an unknown profile lists the known ones; --profile without any config file says where it looks', async () => {
      const unknown = await cli(['--config', config, '--profile', 'alcie', target]);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('has no profile "alcie"; valid: alice, feed, uploader, strict-tls');
      const none = await cli(['--profile', 'alice', target]);
      expect(none.code).toBe(2);
      expect(none.stderr).toContain(join(dir, 'home', '.config', 'ftp-doctor', 'config.yml'));
    });
  });
});
