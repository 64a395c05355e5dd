import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** TestCertificate is a PEM certificate and key, also written to files for real servers. */
export interface TestCertificate {
  readonly cert: string;
  readonly key: string;
  readonly certPath: string;
  readonly keyPath: string;
  /** For CA-signed certificates: the CA certificate that makes the chain trusted. */
  readonly caCert?: string;
  readonly caCertPath?: string;
}

/** TestCertificates is a set generated once per test file; remove() deletes the files. */
export interface TestCertificates {
  readonly selfSigned: TestCertificate;
  readonly expired: TestCertificate;
  readonly caSigned: TestCertificate;
  readonly dir: string;
  remove(): Promise<void>;
}

// EC keys keep generation fast (a few milliseconds) compared with RSA.
const KEY_ARGS = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

async function openssl(args: readonly string[], cwd: string): Promise<void> {
  await run('openssl', [...args], { cwd, timeout: 20_000 });
}

async function loaded(
  dir: string,
  name: string,
  extra: Partial<TestCertificate> = {},
): Promise<TestCertificate> {
  const certPath = join(dir, `${name}.crt`);
  const keyPath = join(dir, `${name}.key`);
  return {
    cert: await readFile(certPath, 'utf8'),
    key: await readFile(keyPath, 'utf8'),
    certPath,
    keyPath,
    ...extra,
  };
}

/**
 * selfSignedArgs: the openssl arguments for a self-signed certificate (an EC key, so generating
 * one takes milliseconds) for `subject`, valid `days` days, with the given subjectAltName list.
 */
function selfSignedArgs(
  keyFile: string,
  certFile: string,
  days: number,
  subject: string,
  sans: string | null,
): string[] {
  return [
    'req',
    '-x509',
    ...KEY_ARGS,
    '-keyout',
    keyFile,
    '-out',
    certFile,
    '-days',
    String(days),
    '-subj',
    subject,
    ...(sans === null ? [] : ['-addext', sans]),
  ];
}

/** SAN_LOOPBACK names what the test servers are reached as. */
const SAN_LOOPBACK = 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1';

/**
 * generateTestCertificates makes, with the openssl command line:
 * - `selfSigned`: CN=localhost, SANs localhost/127.0.0.1/::1, valid for 30 days;
 * - `expired`: the same names, signed by the test CA, valid from 2020-01-01 to 2020-01-02;
 * - `caSigned`: the same names, signed by a throwaway test CA (`caCert` trusts it).
 */
export async function generateTestCertificates(): Promise<TestCertificates> {
  const dir = await mkdtemp(join(tmpdir(), 'ftp-doctor-certs-'));
  try {
    await openssl(
      ['req', '-x509', ...KEY_ARGS, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '30'].concat([
        '-subj',
        '/CN=ftp-doctor test CA',
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign',
      ]),
      dir,
    );
    // SANs on the self-signed one too, so a client that checks names accepts 127.0.0.1.
    await openssl(selfSignedArgs('self.key', 'self.crt', 30, '/CN=localhost', SAN_LOOPBACK), dir);
    await writeFile(join(dir, 'leaf.ext'), `${SAN_LOOPBACK}\nbasicConstraints=CA:FALSE\n`);
    for (const name of ['signed', 'expired']) {
      await openssl(
        ['req', ...KEY_ARGS, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', '/CN=localhost'],
        dir,
      );
    }
    await openssl(
      [
        'x509',
        '-req',
        '-in',
        'signed.csr',
        '-CA',
        'ca.crt',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-days',
        '30',
        '-extfile',
        'leaf.ext',
        '-out',
        'signed.crt',
      ],
      dir,
    );
    await writeCaConfig(dir);
    await openssl(
      [
        'ca',
        '-batch',
        '-config',
        'ca.cnf',
        '-in',
        'expired.csr',
        '-out',
        'expired.crt',
        '-startdate',
        '20200101000000Z',
        '-enddate',
        '20200102000000Z',
        '-extfile',
        'leaf.ext',
        '-notext',
      ],
      dir,
    );
    const caCert = await readFile(join(dir, 'ca.crt'), 'utf8');
    const caCertPath = join(dir, 'ca.crt');
    return {
      selfSigned: await loaded(dir, 'self'),
      expired: await loaded(dir, 'expired', { caCert, caCertPath }),
      caSigned: await loaded(dir, 'signed', { caCert, caCertPath }),
      dir,
      remove: () => rm(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

// `openssl ca` is the only openssl command that takes explicit start and end dates in 3.0.
async function writeCaConfig(dir: string): Promise<void> {
  await writeFile(join(dir, 'index.txt'), '');
  await writeFile(join(dir, 'serial'), '1000\n');
  await writeFile(
    join(dir, 'ca.cnf'),
    [
      '[ca]',
      'default_ca = test_ca',
      '[test_ca]',
      `dir = ${dir}`,
      'database = $dir/index.txt',
      'serial = $dir/serial',
      'new_certs_dir = $dir',
      'certificate = $dir/ca.crt',
      'private_key = $dir/ca.key',
      'default_md = sha256',
      'policy = any_policy',
      'unique_subject = no',
      'email_in_dn = no',
      '[any_policy]',
      'commonName = supplied',
      '',
    ].join('\n'),
  );
}

/** ServerCertificate is a self-signed certificate made for named hosts; remove() deletes its files. */
export interface ServerCertificate extends TestCertificate {
  readonly names: readonly string[];
  remove(): Promise<void>;
}

/**
 * generateServerCertificate makes a self-signed certificate (CN=localhost) whose SANs name
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
  const sans = `subjectAltName=${hosts.map((host) => (isIP(host) === 0 ? `DNS:${host}` : `IP:${host}`)).join(',')}`;
  try {
    await openssl(selfSignedArgs('server.key', 'server.crt', days, '/CN=localhost', sans), dir);
    return {
      ...(await loaded(dir, 'server')),
      names: [...hosts],
      remove: () => rm(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** ThrowawayCertificate: a self-signed certificate for CN=localhost, made synchronously. */
export interface ThrowawayCertificate {
  readonly key: string;
  readonly cert: string;
  remove(): void;
}

/** makeSelfSignedCert runs openssl into a fresh temporary directory (valid two days, no SANs). */
export function makeSelfSignedCert(): ThrowawayCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'ftp-doctor-cert-'));
  execFileSync('openssl', selfSignedArgs('key.pem', 'cert.pem', 2, '/CN=localhost', null), {
    cwd: dir,
    stdio: 'ignore',
    timeout: 10_000,
  });
  return {
    key: readFileSync(join(dir, 'key.pem'), 'utf8'),
    cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
