import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeFtpServer } from '../../src/fakeServer/fakeFtpServer.js';
import type { FakeFtpServer } from '../../src/fakeServer/fakeServerScript.js';
import { type CliRun, looksLikeStackTrace, runCli } from '../support/runCli.js';

const FAST = ['--tls', 'off', '--reply-timeout', '1500ms', '--data-timeout', '1s', '--json'];

interface JsonRun {
  readonly exitCode: number;
  readonly user: string;
  readonly findings: string[];
}

function parsed(run: CliRun): JsonRun {
  const json = JSON.parse(run.stdout) as {
    exitCode: number;
    targets: { options: { user: string }; findings: { id: string }[] }[];
  };
  const target = json.targets[0]!;
  return { exitCode: json.exitCode, user: target.options.user, findings: target.findings.map((f) => f.id) };
}

// Every way to hand ftp-doctor a password, through the real CLI in a subprocess.
describe('credentials (CLI subprocess)', () => {
  let server: FakeFtpServer;
  let target: string;
  let dir: string;
  // What PASS really carried (commandsSeen masks it): the fake server runs in this process.
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
      users: {
        alice: 'Alice-Pass-1',
        bob: { password: 'Bob-Pass-2', account: 'Bob-Acct-3' },
      },
    });
    target = `127.0.0.1:${server.port}`;
    dir = await mkdtemp(join(tmpdir(), 'ftp-doctor-credentials-'));
  });
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs the CLI and checks the things every run must satisfy. */
  async function cli(args: readonly string[], options: Parameters<typeof runCli>[1] = {}): Promise<CliRun> {
    const run = await runCli([...args, ...FAST], {
      ...options,
      env: { FTP_PASSWORD: undefined, ...options.env },
    });
    expect(looksLikeStackTrace(run.stdout + run.stderr)).toBe(false);
    return run;
  }

  it('--password-stdin with --user: logs in, exit 0', async () => {
    const run = await cli([target, '--user', 'alice', '--password-stdin'], { input: 'Alice-Pass-1\n' });
    expect(run.code, run.stderr).toBe(0);
    expect(parsed(run).user).toBe('alice');
  });

  it('--password-stdin keeps a password with spaces, and strips only the final newline (CRLF too)', async () => {
    const spaced = await startFakeFtpServer({ users: { carol: ' two words ' } });
    try {
      const run = await cli([`127.0.0.1:${spaced.port}`, '--user', 'carol', '--password-stdin'], {
        input: ' two words \r\n',
      });
      expect(run.code, run.stdout).toBe(0);
    } finally {
      await spaced.close();
    }
  });

  it('--password-stdin with a wrong password → login.refused, exit 6', async () => {
    const run = await cli([target, '--user', 'alice', '--password-stdin'], { input: 'wrong\n' });
    expect(run.code).toBe(6);
    expect(parsed(run).findings).toContain('login.refused');
  });

  it('--password-stdin without any user name → usage error, exit 2, nothing sent', async () => {
    const before = server.connections;
    const run = await cli([target, '--password-stdin'], { input: 'Alice-Pass-1\n' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--password-stdin needs a user name/);
    expect(server.connections).toBe(before);
  });

  it('FTP_PASSWORD with --user: logs in, exit 0', async () => {
    const run = await cli([target, '--user', 'alice'], { env: { FTP_PASSWORD: 'Alice-Pass-1' } });
    expect(run.code, run.stdout).toBe(0);
    expect(parsed(run).user).toBe('alice');
  });

  it('FTP_PASSWORD without a user: the default anonymous login does not send it', async () => {
    passwordsSent.length = 0;
    const run = await cli([target], { env: { FTP_PASSWORD: 'Alice-Pass-1' } });
    expect(run.code).toBe(0);
    expect(parsed(run).user).toBe('anonymous');
    // (The probe may log in on a second connection for PASV: every login counts.)
    expect(passwordsSent.length).toBeGreaterThan(0);
    expect(new Set(passwordsSent)).toEqual(new Set(['ftp-doctor@example.com']));
  });

  it('FTP_PASSWORD with --user anonymous is sent (an explicit choice, e.g. an e-mail address)', async () => {
    passwordsSent.length = 0;
    const run = await cli([target, '--user', 'anonymous'], { env: { FTP_PASSWORD: 'me@example.org' } });
    expect(run.code).toBe(0);
    expect(passwordsSent.length).toBeGreaterThan(0);
    expect(new Set(passwordsSent)).toEqual(new Set(['me@example.org']));
  });

  it('--account answers 332, exit 0; without it → login.account-required, exit 6', async () => {
    const withAccount = await cli([target, '--user', 'bob', '--account', 'Bob-Acct-3'], {
      env: { FTP_PASSWORD: 'Bob-Pass-2' },
    });
    expect(withAccount.code, withAccount.stdout).toBe(0);
    const without = await cli([target, '--user', 'bob'], { env: { FTP_PASSWORD: 'Bob-Pass-2' } });
    expect(without.code).toBe(6);
    expect(parsed(without).findings).toEqual(['login.account-required']);
  });

  it('URL userinfo works and is warned about (login.password-in-url), the password never printed', async () => {
    const run = await cli([`ftp://alice:Alice-Pass-1@${target}`]);
    expect(run.code).toBe(0);
    const result = parsed(run);
    expect(result.user).toBe('alice');
    expect(result.findings).toContain('login.password-in-url');
    expect(run.stdout + run.stderr).not.toContain('Alice-Pass-1');
  });

  it('a user in the URL takes FTP_PASSWORD', async () => {
    const run = await cli([`ftp://alice@${target}`], { env: { FTP_PASSWORD: 'Alice-Pass-1' } });
    expect(run.code, run.stdout).toBe(0);
    expect(parsed(run).user).toBe('alice');
  });

  describe('--netrc-file and --netrc', () => {
    const write = async (name: string, text: string) => {
      const path = join(dir, name);
      await writeFile(path, text, { mode: 0o600 });
      return path;
    };

    it('a machine block for the host gives user and password', async () => {
      const file = await write(
        'machine.netrc',
        `machine other.example.com login nobody password nothing\nmachine 127.0.0.1\n  login alice\n  password Alice-Pass-1\n`,
      );
      const run = await cli([target, '--netrc-file', file]);
      expect(run.code, run.stdout).toBe(0);
      expect(parsed(run).user).toBe('alice');
    });

    it('a macdef before the machine block is skipped (CRLF file), account from the block', async () => {
      const file = await write(
        'macdef.netrc',
        'macdef init\r\nmachine 127.0.0.1 login mallory password evil\r\n\r\nmachine 127.0.0.1 login bob password Bob-Pass-2 account Bob-Acct-3\r\n',
      );
      const run = await cli([target, '--netrc-file', file]);
      expect(run.code, run.stdout).toBe(0);
      expect(parsed(run).user).toBe('bob');
    });

    it('the default block applies to any host', async () => {
      const file = await write(
        'default.netrc',
        'machine elsewhere login x password y\ndefault login alice password Alice-Pass-1\n',
      );
      const run = await cli([target, '--netrc-file', file]);
      expect(run.code, run.stdout).toBe(0);
      expect(parsed(run).user).toBe('alice');
    });

    it('--user picks the block with that login', async () => {
      const file = await write(
        'two.netrc',
        'machine 127.0.0.1 login alice password Alice-Pass-1\nmachine 127.0.0.1 login bob password Bob-Pass-2 account Bob-Acct-3\n',
      );
      const run = await cli([target, '--netrc-file', file, '--user', 'bob']);
      expect(run.code, run.stdout).toBe(0);
      expect(parsed(run).user).toBe('bob');
    });

    it('--netrc reads ~/.netrc (HOME)', async () => {
      const home = await mkdtemp(join(dir, 'home-'));
      await writeFile(join(home, '.netrc'), 'machine 127.0.0.1 login alice password Alice-Pass-1\n', {
        mode: 0o600,
      });
      const run = await cli([target, '--netrc'], { env: { HOME: home } });
      expect(run.code, run.stdout).toBe(0);
      expect(parsed(run).user).toBe('alice');
    });

    it('a missing file or a syntax error is a usage error naming the file, exit 2', async () => {
      const missing = await cli([target, '--netrc-file', join(dir, 'absent.netrc')]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/absent\.netrc.*ENOENT|ENOENT.*absent\.netrc/);
      const broken = await write('broken.netrc', 'login alice password Alice-Pass-1\n');
      const bad = await cli([target, '--netrc-file', broken]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('broken.netrc');
      expect(bad.stderr).not.toContain('Alice-Pass-1');
    });
  });
});
