import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateServerCertificate, type ServerCertificate } from '../support/certs.js';
import { uniqueLoopbackAddress } from '../support/loopbackPorts.js';
import {
  type RealServer,
  realServerSkipReason,
  startPureFtpd,
  startVsftpd,
  TEST_USER,
} from '../support/realServers.js';
import { runCli } from '../support/runCli.js';
import { ensureTestUser } from '../support/testUser.js';

const run = promisify(execFile);
const skip = realServerSkipReason('vsftpd') ?? realServerSkipReason('pure-ftpd');
const target = (server: RealServer) => `${server.host}:${server.port}`;

/** report: the human report on stdout (piped: 80 columns), without the progress lines on stderr. */
async function report(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const result = await runCli(args, { env, timeoutMs: 60_000 });
  expect(result.stdout, result.stderr).toContain('ftp-doctor report:');
  return result.stdout.trimEnd();
}

function tooWide(text: string): string[] {
  return text.split('\n').filter((line) => [...line].length > 80);
}

// The default report of real servers, read the way a person reads it at 80 columns: a healthy
// server fits one screen, and every reply it shows is explained for its command and moment.
describe.skipIf(skip !== null)(`human report of real servers${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let plain: RealServer;
  let tls: RealServer;
  let writable: RealServer;
  let pure: RealServer;
  let certificate: ServerCertificate;
  let writableDir: string;

  beforeAll(async () => {
    await ensureTestUser();
    const tlsHost = uniqueLoopbackAddress();
    certificate = await generateServerCertificate([tlsHost]);
    writableDir = await mkdtemp(join(tmpdir(), 'rp-write-'));
    await run('chown', [`${TEST_USER.name}:`, writableDir]);
    [plain, tls, writable, pure] = await Promise.all([
      startVsftpd({}),
      startVsftpd({ host: tlsHost, tls: { mode: 'explicit', certificate } }),
      startVsftpd({ anonymous: false, localUser: true, writable: true, localRoot: writableDir }),
      startPureFtpd({}),
    ]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([plain, tls, writable, pure].map((server) => server?.stop()));
    await certificate?.remove();
    if (writableDir) await rm(writableDir, { recursive: true, force: true });
  });

  it('a plain anonymous vsftpd: at most 20 lines, no note on SYST before login', async () => {
    const text = await report([target(plain)]);
    expect(text.split('\n').length, text).toBeLessThanOrEqual(20);
    expect(tooWide(text)).toEqual([]);
    expect(text).toMatch(/^ {2}server {4}vsftpd /m);
    expect(text).not.toContain('SYST');
    // The only problem is named, without the FTPS setup a person need not act on here.
    expect(text).toContain('TLS is not offered');
    expect(text).not.toContain('ssl_enable=YES');
    // -v explains the 530 for its moment, not as a refused login.
    const verbose = (await report([target(plain), '-v'])).replace(/\s+/g, ' ');
    expect(verbose).toMatch(
      /SYST → 530 Please login with USER and PASS\.\s+— This server answers SYST only after login; the probe asked again after login\./,
    );
    expect(verbose).not.toMatch(/SYST → 530 [^—]+— The login was refused/);
    expect(verbose).toContain('ssl_enable=YES');
  });

  it('vsftpd with TLS and a trusted certificate: HEALTHY in at most 20 lines', async () => {
    const text = await report([target(tls), '--ca', certificate.certPath]);
    expect(text).toContain('✔ HEALTHY (exit 0)');
    expect(text.split('\n').length, text).toBeLessThanOrEqual(20);
    expect(tooWide(text)).toEqual([]);
    // The TLS facts: one line by default, the details with -v.
    expect(text).toMatch(/^ {2}✔ tls {7}TLSv1\.[23] .*certificate trusted/m);
    expect(text).not.toContain('sha-256');
    const verbose = await report([target(tls), '--ca', certificate.certPath, '-v']);
    expect(verbose).toMatch(/^ {2}sha-256 {6}[0-9A-F]{2}:/m);
    expect(tooWide(verbose)).toEqual([]);
  });

  it('--write-test that works: no replies by default; -v reads SIZE before the upload as the check', async () => {
    const args = [target(writable), '-u', TEST_USER.name, '--write-test'];
    const env = { FTP_PASSWORD: TEST_USER.password };
    const text = await report(args, env);
    expect(text).toMatch(/✔ [a-z, ]*write/);
    expect(text).not.toMatch(/STOR|RETR|DELE|SIZE .* → /);
    const verbose = (await report([...args, '-v'], env)).replace(/\s+/g, ' ');
    expect(verbose).toMatch(/SIZE [^→]+→ 550 [^—]+— The name is not taken yet/);
    // vsftpd is the server here: nothing about another server's habits.
    expect(verbose).not.toContain('ProFTPD');
  });

  it('Pure-FTPd refusing AUTH TLS it lists in FEAT: the step note follows the evidence', async () => {
    const text = await report([target(pure)]);
    expect(text).toContain('The server refused AUTH TLS');
    expect(text).toContain('FEAT listed AUTH TLS, so the server knows the command');
    expect(text).not.toContain('does not know AUTH');
    expect(tooWide(text)).toEqual([]);
  });
});
