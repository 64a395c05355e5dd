import { type Socket, connect as tcpConnect } from 'node:net';
import { type TLSSocket, connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateServerCertificate, type ServerCertificate } from '../support/certs.js';
import { uniqueLoopbackAddress } from '../support/loopbackPorts.js';
import {
  type RealServer,
  realServerSkipReason,
  startProftpd,
  startVsftpd,
  TEST_USER,
} from '../support/realServers.js';

/**
 * Which reply a real daemon sends, and in which order, when an FTPS transfer is refused. The 522
 * entry of `explain` depends on it:
 * - vsftpd 3.0.3 checks force_local_data_ssl before the transfer starts (postlogin.c
 *   data_transfer_checks_ok), so a LIST without PROT P gets 522 instead of 150;
 * - with PROT P and a data connection that does not resume the control session
 *   (require_ssl_reuse=YES), the 150 comes first and 522 follows the failed handshake;
 * - ProFTPD 1.3.8 with TLSRequired on refuses the LIST before any 150 as well.
 */

/** Dialog: one control connection whose socket can be swapped for TLS; every read has a timeout. */
class Dialog {
  private buffer = '';
  private wake: (() => void) | null = null;
  private closed = false;

  constructor(private socket: Socket | TLSSocket) {
    this.listen(socket);
  }

  private listen(socket: Socket | TLSSocket): void {
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      this.wake?.();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake?.();
    });
    socket.on('error', () => {
      this.closed = true;
      this.wake?.();
    });
  }

  static open(host: string, port: number): Promise<Dialog> {
    return new Promise((resolve, reject) => {
      const socket = tcpConnect(port, host, () => resolve(new Dialog(socket)));
      socket.once('error', reject);
    });
  }

  /** reply returns the next complete reply's last line, '(closed)' or '(timeout)'. */
  async reply(timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const lines = this.buffer.split('\r\n');
      const index = lines.findIndex((line, at) => at < lines.length - 1 && /^\d{3} /.test(line));
      if (index >= 0) {
        this.buffer = lines.slice(index + 1).join('\r\n');
        return lines[index]!;
      }
      if (this.closed) return '(closed)';
      const left = deadline - Date.now();
      if (left <= 0) return '(timeout)';
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          this.wake = null;
          resolve();
        };
      });
    }
  }

  send(command: string): Promise<string> {
    this.socket.write(`${command}\r\n`);
    return this.reply();
  }

  /** secure runs AUTH TLS and upgrades the control connection; returns the TLS socket. */
  async secure(host: string): Promise<TLSSocket> {
    expect(await this.send('AUTH TLS')).toMatch(/^234 /);
    const plain = this.socket as Socket;
    plain.removeAllListeners('data');
    const secured = await new Promise<TLSSocket>((resolve, reject) => {
      const socket = tlsConnect({ socket: plain, servername: undefined, rejectUnauthorized: false, host });
      socket.once('secureConnect', () => resolve(socket));
      socket.once('error', reject);
    });
    this.socket = secured;
    this.listen(secured);
    return secured;
  }

  close(): void {
    this.socket.destroy();
  }
}

function passivePort(reply: string): number {
  const match = /\((\d+),(\d+),(\d+),(\d+),(\d+),(\d+)\)/.exec(reply);
  if (!match) throw new Error(`no address in ${reply}`);
  return Number(match[5]) * 256 + Number(match[6]);
}

/** login: AUTH TLS, USER/PASS, PBSZ 0, then PROT P when asked. */
async function login(server: RealServer, protect: boolean): Promise<{ dialog: Dialog; tls: TLSSocket }> {
  const dialog = await Dialog.open(server.host, server.port);
  expect(await dialog.reply()).toMatch(/^220 /);
  const tls = await dialog.secure(server.host);
  expect(await dialog.send(`USER ${TEST_USER.name}`)).toMatch(/^331 /);
  expect(await dialog.send(`PASS ${TEST_USER.password}`)).toMatch(/^230 /);
  expect(await dialog.send('PBSZ 0')).toMatch(/^200 /);
  if (protect) expect(await dialog.send('PROT P')).toMatch(/^200 /);
  return { dialog, tls };
}

const skipVsftpd = realServerSkipReason('vsftpd');
const skipProftpd = realServerSkipReason('proftpd');

describe.skipIf(skipVsftpd !== null && skipProftpd !== null)(
  '522 on real FTPS daemons: before or after 150',
  () => {
    let cert: ServerCertificate;
    let vsftpd: RealServer | undefined;
    let proftpd: RealServer | undefined;
    const hosts = [uniqueLoopbackAddress(), uniqueLoopbackAddress()] as const;

    beforeAll(async () => {
      cert = await generateServerCertificate([...hosts]);
      const tls = { mode: 'explicit' as const, certificate: cert, required: true, requireSessionReuse: true };
      [vsftpd, proftpd] = await Promise.all([
        skipVsftpd === null
          ? startVsftpd({ host: hosts[0], anonymous: false, localUser: true, tls })
          : undefined,
        skipProftpd === null
          ? startProftpd({ host: hosts[1], anonymous: false, localUser: true, tls })
          : undefined,
      ]);
    });
    afterAll(async () => {
      await Promise.all([vsftpd?.stop(), proftpd?.stop()]);
      await cert?.remove();
    });

    it.skipIf(skipVsftpd !== null)('vsftpd: LIST without PROT P gets 522 at once, no 150', async () => {
      const { dialog } = await login(vsftpd!, false);
      const pasv = await dialog.send('PASV');
      expect(pasv).toMatch(/^227 /);
      expect(await dialog.send('LIST')).toMatch(/^522 /);
      dialog.close();
    });

    it.skipIf(skipVsftpd !== null)(
      'vsftpd: with PROT P and a fresh TLS session on the data connection, 150 then 522',
      async () => {
        const { dialog } = await login(vsftpd!, true);
        const port = passivePort(await dialog.send('PASV'));
        const listReply = dialog.send('LIST');
        const data = await new Promise<Socket>((resolve, reject) => {
          const socket = tcpConnect(port, vsftpd!.host, () => resolve(socket));
          socket.once('error', reject);
        });
        // A TLS client on the data connection without the control connection's session.
        const fresh = tlsConnect({ socket: data, rejectUnauthorized: false });
        fresh.on('error', () => undefined);
        const first = await listReply;
        const second = first.startsWith('150 ') ? await dialog.reply() : first;
        expect(first).toMatch(/^150 /);
        expect(second).toMatch(/^522 /);
        fresh.destroy();
        dialog.close();
      },
    );

    it.skipIf(skipProftpd !== null)('ProFTPD: LIST without PROT P is refused before any 150', async () => {
      const { dialog } = await login(proftpd!, false);
      expect(await dialog.send('PASV')).toMatch(/^227 /);
      const reply = await dialog.send('LIST');
      expect(reply).not.toMatch(/^150 /);
      expect(reply).toMatch(/^522 /);
      dialog.close();
    });
  },
);

/**
 * Plain-FTP replies the reference entries quote, checked on the real daemons (anonymous login,
 * IPv4 listener): ABOR with nothing running (225/226), malformed or refused PORT/EPRT (500/501),
 * and an IPv6 EPRT on an IPv4-only server (vsftpd 500, ProFTPD 522).
 */
describe.skipIf(skipVsftpd !== null && skipProftpd !== null)('reply texts of real daemons', () => {
  let vsftpd: RealServer | undefined;
  let proftpd: RealServer | undefined;

  beforeAll(async () => {
    [vsftpd, proftpd] = await Promise.all([
      skipVsftpd === null ? startVsftpd() : undefined,
      skipProftpd === null ? startProftpd() : undefined,
    ]);
  });
  afterAll(async () => {
    await Promise.all([vsftpd?.stop(), proftpd?.stop()]);
  });

  async function anonymous(server: RealServer): Promise<Dialog> {
    const dialog = await Dialog.open(server.host, server.port);
    expect(await dialog.reply()).toMatch(/^220 /);
    expect(await dialog.send('USER anonymous')).toMatch(/^331 /);
    expect(await dialog.send('PASS doctor@example.org')).toMatch(/^230 /);
    return dialog;
  }

  it.skipIf(skipVsftpd !== null)('vsftpd 3.0.3', async () => {
    const dialog = await anonymous(vsftpd!);
    expect(await dialog.send('ABOR')).toBe('225 No transfer to ABOR.');
    expect(await dialog.send('PORT 1,2,3')).toBe('500 Illegal PORT command.');
    expect(await dialog.send('PORT 10,0,0,1,4,0')).toBe('500 Illegal PORT command.');
    expect(await dialog.send('EPRT |1|garbage|')).toBe('500 Bad EPRT command.');
    expect(await dialog.send('EPRT |2|::1|2000|')).toBe('500 Bad EPRT protocol.');
    expect(await dialog.send('EPSV 2')).toMatch(/^522 /);
    dialog.close();
  });

  it.skipIf(skipProftpd !== null)('ProFTPD 1.3.8', async () => {
    const dialog = await anonymous(proftpd!);
    expect(await dialog.send('ABOR')).toMatch(/^226 /);
    expect(await dialog.send('PORT 1,2,3')).toBe('501 Illegal PORT command');
    // A privileged port (below 1024) is refused with 500.
    const privileged = `PORT ${proftpd!.host.replaceAll('.', ',')},0,20`;
    expect(await dialog.send(privileged)).toBe('500 Illegal PORT command');
    expect(await dialog.send('EPRT |2|::1|2000|')).toBe('522 Network protocol not supported, use (1)');
    dialog.close();
  });
});
