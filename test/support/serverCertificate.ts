import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestCertificate } from './certs.js';

const run = promisify(execFile);

/** ServerCertificate is a self-signed certificate made for named hosts; remove() deletes its files. */
export interface ServerCertificate extends TestCertificate {
  readonly names: readonly string[];
  remove(): Promise<void>;
}

/**
 * generateServerCertificate makes a self-signed EC certificate (CN=localhost) whose SANs name
 * `hosts` (IP literals become IP SANs, anything else DNS SANs), valid for `days` days (default
 * 400, so no "expires soon" warning gets in the way). The real-server suites listen on their own
 * 127.x.y.1 addresses, which the shared test certificates (127.0.0.1, ::1, localhost) do not name;
 * this one does, so trust and name checks can pass when they should.
 */
export async function generateServerCertificate(
  hosts: readonly string[],
  days = 400,
): Promise<ServerCertificate> {
  const dir = await mkdtemp(join(tmpdir(), 'ftp-doctor-servercert-'));
  const sans = hosts.map((host) => (isIP(host) === 0 ? `DNS:${host}` : `IP:${host}`)).join(',');
  try {
    await run(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        'server.key',
        '-out',
        'server.crt',
        '-days',
        String(days),
        '-subj',
        '/CN=localhost',
        '-addext',
        `subjectAltName=${sans}`,
      ],
      { cwd: dir, timeout: 20_000 },
    );
    const certPath = join(dir, 'server.crt');
    const keyPath = join(dir, 'server.key');
    return {
      cert: await readFile(certPath, 'utf8'),
      key: await readFile(keyPath, 'utf8'),
      certPath,
      keyPath,
      names: [...hosts],
      remove: () => rm(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
