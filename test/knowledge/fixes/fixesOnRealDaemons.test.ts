import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serverFixes } from '../../../src/knowledge/diagnosis/fixes/server.js';
import { startDaemon, waitForPort } from '../../support/daemonProcess.js';
import { freePort, uniqueLoopbackAddress } from '../../support/loopbackPorts.js';
import { REAL_SERVER_BINARIES } from '../../support/realServers.js';
import { toolGate } from './toolGate.js';

/**
 * The fixes whose claims are about a server's behaviour are applied to the real daemon and the
 * behaviour is checked: before the fix the problem shows, after it the problem is gone.
 * - ProFTPD 1.3.8: the printed <Anonymous> block logs anonymous in (230) on an account whose shell
 *   is nologin; the same block without RequireValidShell off is refused (530).
 * - Pure-FTPd 1.0.50: -b refuses EPSV on IPv4 ("500 Unknown command") and keeps PASV; -N refuses
 *   both; the enable-epsv fix (-b off; PASV working rules -N out) gets 229.
 * - vsftpd 3.0.3: cmds_denied=EPSV,DELE answers EPSV with 550 and PASV with 227; doing what the
 *   enable-epsv fix says (EPSV out of cmds_denied) gets 229.
 */

const work = mkdtempSync(join(tmpdir(), 'ftp-doctor-kr-fixes-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** FtpDialog: one control connection, commands in, final replies out; every read has a timeout. */
class FtpDialog {
  private buffer = '';
  private readonly waiters: (() => void)[] = [];
  private closed = false;

  constructor(private readonly socket: Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      for (const wake of this.waiters.splice(0)) wake();
    });
    const end = () => {
      this.closed = true;
      for (const wake of this.waiters.splice(0)) wake();
    };
    socket.on('close', end);
    socket.on('error', end);
  }

  static open(host: string, port: number): Promise<FtpDialog> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, host, () => resolve(new FtpDialog(socket)));
      socket.once('error', reject);
      socket.setTimeout(5000, () => socket.destroy(new Error('connect timeout')));
    });
  }

  /** reply waits for one complete (possibly multi-line) reply and returns its last line. */
  async reply(timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const lines = this.buffer.split('\r\n');
      for (let index = 0; index < lines.length - 1; index++) {
        if (/^\d{3} /.test(lines[index]!)) {
          this.buffer = lines.slice(index + 1).join('\r\n');
          return lines[index]!;
        }
      }
      if (this.closed) return `(closed) ${this.buffer}`;
      const left = deadline - Date.now();
      if (left <= 0) return `(timeout) ${this.buffer}`;
      await new Promise<void>((wake) => {
        const timer = setTimeout(wake, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          wake();
        });
      });
    }
  }

  async send(command: string): Promise<string> {
    this.socket.write(`${command}\r\n`);
    return this.reply();
  }

  close(): void {
    this.socket.destroy();
  }
}

/** anonymousEpsv logs in anonymously and returns the replies to PASS, EPSV and PASV. */
async function anonymousSession(dialog: FtpDialog): Promise<{ login: string; epsv: string; pasv: string }> {
  await dialog.reply();
  const user = await dialog.send('USER anonymous');
  const login = user.startsWith('331') ? await dialog.send('PASS ftp-doctor@example.com') : user;
  const epsv = await dialog.send('EPSV');
  const pasv = await dialog.send('PASV');
  dialog.close();
  return { login, epsv, pasv };
}

function fixText(
  software: Parameters<typeof serverFixes>[1]['software'],
  topic: Parameters<typeof serverFixes>[0],
  anonymous?: 'enable',
): string {
  const [fix] = serverFixes(topic, {
    software,
    dialects: [software],
    passiveRange: { low: 40000, high: 40099 },
    publicAddress: null,
    ...(anonymous ? { anonymous } : {}),
  });
  if (!fix) throw new Error(`no ${software} fix for ${topic}`);
  return fix.text;
}

describe('ProFTPD runs the printed anonymous block', () => {
  const gate = toolGate([REAL_SERVER_BINARIES.proftpd], true);
  const block = fixText('proftpd', 'anonymous-access', 'enable')
    .split('\n')
    .filter((line) => !line.startsWith('#'));

  async function anonymousLogin(anonymousBlock: readonly string[]): Promise<string> {
    const host = uniqueLoopbackAddress();
    const port = await freePort(host);
    const dir = mkdtempSync(join(work, 'proftpd-'));
    const config = join(dir, 'proftpd.conf');
    writeFileSync(
      config,
      [
        'ServerType standalone',
        'DefaultServer on',
        'SocketBindTight on',
        `DefaultAddress ${host}`,
        `Port ${port}`,
        'UseIPv6 off',
        'User nobody',
        'Group nogroup',
        `PidFile ${dir}/proftpd.pid`,
        `ScoreboardFile ${dir}/proftpd.scoreboard`,
        `DelayTable ${dir}/proftpd.delay`,
        'WtmpLog off',
        'UseReverseDNS off',
        // The PAM service file is not installed with the unpacked package; the shell check under
        // test is mod_auth's own (RequireValidShell), which does not depend on PAM.
        'AuthPAM off',
        'AuthOrder mod_auth_unix.c',
        ...anonymousBlock,
        '',
      ].join('\n'),
    );
    const daemon = startDaemon(
      REAL_SERVER_BINARIES.proftpd,
      ['-n', '-q', '-c', config],
      join(dir, 'out.log'),
    );
    try {
      await waitForPort(daemon, host, port);
      const dialog = await FtpDialog.open(host, port);
      return (await anonymousSession(dialog)).login;
    } finally {
      await daemon.stop();
    }
  }

  it.skipIf(!gate.run)(
    `230 with the block as printed, 530 without RequireValidShell off${gate.reason ? ` (skipped: ${gate.reason})` : ''}`,
    async () => {
      if (gate.reason) throw new Error(gate.reason);
      expect(block).toContain('  RequireValidShell off');
      expect(await anonymousLogin(block)).toMatch(/^230 /);
      expect(await anonymousLogin(block.filter((line) => !/RequireValidShell/.test(line)))).toMatch(/^530 /);
    },
    30_000,
  );
});

describe('Pure-FTPd: which switch refuses EPSV', () => {
  const gate = toolGate([REAL_SERVER_BINARIES['pure-ftpd']], true);

  async function session(flags: readonly string[]): Promise<{ login: string; epsv: string; pasv: string }> {
    const host = uniqueLoopbackAddress();
    const port = await freePort(host);
    const dir = mkdtempSync(join(work, 'pure-'));
    const daemon = startDaemon(
      REAL_SERVER_BINARIES['pure-ftpd'],
      [`--bind=${host},${port}`, '--dontresolve', '--anonymousonly', `--pidfile=${dir}/pure.pid`, ...flags],
      join(dir, 'out.log'),
    );
    try {
      await waitForPort(daemon, host, port);
      return await anonymousSession(await FtpDialog.open(host, port));
    } finally {
      await daemon.stop();
    }
  }

  it.skipIf(!gate.run)(
    `-b refuses EPSV only, -N both, the fix answers EPSV${gate.reason ? ` (skipped: ${gate.reason})` : ''}`,
    async () => {
      if (gate.reason) throw new Error(gate.reason);
      const fix = fixText('pure-ftpd', 'enable-epsv');
      expect(fix).toContain("echo 'no' > /etc/pure-ftpd/conf/BrokenClientsCompatibility");
      // The fix is only written when PASV works, which -N would refuse too.
      expect(fix).not.toContain('NATmode');
      const broken = await session(['-b']);
      expect(broken.login).toMatch(/^230 /);
      expect(broken.epsv).toMatch(/^500 /);
      expect(broken.pasv).toMatch(/^227 /);
      const nat = await session(['-N']);
      expect(nat.epsv).toMatch(/^500 /);
      expect(nat.pasv).toMatch(/^500 /);
      // The fix turns -b off (and -N is off, as PASV works): neither switch.
      const fixed = await session([]);
      expect(fixed.epsv).toMatch(/^229 /);
      expect(fixed.pasv).toMatch(/^227 /);
      // The session-reuse fix turns -b on, and says what that costs.
      expect(fixText('pure-ftpd', 'tls-session-reuse')).toMatch(/refuses EPSV on IPv4/);
    },
    30_000,
  );

  it.skipIf(!gate.run)(
    `a fortunes file (-F) replaces the "Welcome to Pure-FTPd" banner${gate.reason ? ` (skipped: ${gate.reason})` : ''}`,
    async () => {
      if (gate.reason) throw new Error(gate.reason);
      const host = uniqueLoopbackAddress();
      const port = await freePort(host);
      const dir = mkdtempSync(join(work, 'pure-f-'));
      writeFileSync(join(dir, 'fortunes'), 'Maintained by the ops team\n%\n');
      const daemon = startDaemon(
        REAL_SERVER_BINARIES['pure-ftpd'],
        [`--bind=${host},${port}`, '--dontresolve', '--anonymousonly', '-F', join(dir, 'fortunes')],
        join(dir, 'out.log'),
      );
      try {
        await waitForPort(daemon, host, port);
        const socket = connect(port, host);
        const greeting = await new Promise<string>((resolve) => {
          let text = '';
          const timer = setTimeout(() => resolve(text), 3000);
          socket.setEncoding('latin1');
          socket.on('data', (chunk: string) => {
            text += chunk;
            if (/^\d{3} .*\r\n/m.test(text)) {
              clearTimeout(timer);
              resolve(text);
            }
          });
        });
        socket.destroy();
        expect(greeting).toContain('Maintained by the ops team');
        expect(greeting).not.toMatch(/Pure-FTPd/);
      } finally {
        await daemon.stop();
      }
    },
    30_000,
  );
});

describe('vsftpd: cmds_denied=EPSV and the enable-epsv fix', () => {
  const gate = toolGate([REAL_SERVER_BINARIES.vsftpd], true);

  /** inetdSession runs vsftpd on one loopback connection (inetd mode) with the given lines. */
  async function inetdSession(
    lines: readonly string[],
  ): Promise<{ login: string; epsv: string; pasv: string }> {
    const config = join(mkdtempSync(join(work, 'vsftpd-')), 'vsftpd.conf');
    writeFileSync(
      config,
      [
        'listen=NO',
        'listen_ipv6=NO',
        'seccomp_sandbox=NO',
        'isolate=NO',
        'isolate_network=NO',
        'secure_chroot_dir=/var/run/vsftpd/empty',
        'anonymous_enable=YES',
        'no_anon_password=YES',
        'local_enable=NO',
        'ftp_username=ftp',
        'anon_root=/srv/ftp',
        ...lines,
        '',
      ].join('\n'),
    );
    const server = createServer();
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    const accepted = new Promise<Socket>((ready) => server.once('connection', ready));
    const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
    const serverSide = await accepted;
    const child = spawn(REAL_SERVER_BINARIES.vsftpd, [config], { stdio: [serverSide, serverSide, 'ignore'] });
    serverSide.destroy();
    try {
      return await anonymousSession(new FtpDialog(client));
    } finally {
      client.destroy();
      if (child.exitCode === null) child.kill('SIGKILL');
      server.close();
    }
  }

  it.skipIf(!gate.run)(
    `EPSV gets 550 while denied, 229 with the fix${gate.reason ? ` (skipped: ${gate.reason})` : ''}`,
    async () => {
      if (gate.reason) throw new Error(gate.reason);
      const denied = await inetdSession(['cmds_denied=EPSV,DELE']);
      expect(denied.login).toMatch(/^230 /);
      expect(denied.epsv).toMatch(/^550 /);
      expect(denied.pasv).toMatch(/^227 /);
      // The fix is comments only (vsftpd.conf syntax) and says which line to change, and how.
      const fix = fixText('vsftpd', 'enable-epsv');
      expect(fix.split('\n').every((line) => line.startsWith('#'))).toBe(true);
      expect(fix).toContain('cmds_denied=EPSV,DELE becomes cmds_denied=DELE');
      expect(fix).not.toContain('pasv_enable');
      const fixed = await inetdSession(['cmds_denied=DELE', fix]);
      expect(fixed.epsv).toMatch(/^229 /);
    },
    30_000,
  );
});
