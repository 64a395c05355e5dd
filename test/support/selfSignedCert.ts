import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** TestCertificate: a throwaway self-signed certificate for CN=localhost. */
export interface TestCertificate {
  readonly key: string;
  readonly cert: string;
  remove(): void;
}

/** makeSelfSignedCert runs openssl into a fresh temporary directory (P-256 key, valid two days). */
export function makeSelfSignedCert(): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'ftp-doctor-cert-'));
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-keyout',
      keyPath,
      '-out',
      certPath,
    ],
    { stdio: 'ignore', timeout: 10_000 },
  );
  return {
    key: readFileSync(keyPath, 'utf8'),
    cert: readFileSync(certPath, 'utf8'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
