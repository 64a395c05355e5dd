// test/support/realServers.ts

// test/support/daemonProcess.ts
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import {
  chmod as chmod2,
  mkdir as mkdir2,
  mkdtemp,
  readFile,
  rm,
  writeFile as writeFile2,
} from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function startDaemon(command, args, outputPath) {
  const output = createWriteStream(outputPath, { flags: 'a' });
  const child = spawn(command, [...args], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(output);
  child.stderr?.pipe(output);
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
    child.once('error', (error) => resolve(error.message));
  });
  void exited.then(() => output.end());
  const pid = child.pid;
  if (pid === void 0) throw new Error(`could not start ${command}`);
  const signalGroup = (signal) => {
    try {
      process.kill(-pid, signal);
    } catch {}
  };
  let stopping = null;
  return {
    pid,
    outputPath,
    exited,
    stop: (graceMs = 3e3) => {
      stopping ??= (async () => {
        signalGroup('SIGTERM');
        const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
        signalGroup('SIGKILL');
      })();
      return stopping;
    },
  };
}
function tryConnect(host, port, timeoutMs) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
async function waitForPort(daemon, host, port, timeoutMs = 1e4) {
  let exitedWith = null;
  void daemon.exited.then((code) => {
    exitedWith = code;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitedWith !== null) break;
    if (await tryConnect(host, port, 500)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const output = await readFile(daemon.outputPath, 'utf8').catch(() => '');
  await daemon.stop();
  const why = exitedWith !== null ? `exited with ${exitedWith}` : `did not listen within ${timeoutMs} ms`;
  throw new Error(`server pid ${daemon.pid} ${why} on ${host}:${port}; output:
${output.slice(-2e3)}`);
}

// test/support/loopbackPorts.ts
import { createServer } from 'node:net';

var nextServer = 0;
function uniqueLoopbackAddress() {
  nextServer += 1;
  const worker = 20 + (process.pid % 200);
  return `127.${worker}.${(nextServer % 250) + 1}.1`;
}
function portIsFree(host, port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}
function freePort(host) {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ host, port: 0, exclusive: true }, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
async function freePortRange(host, size) {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const low = 2e4 + Math.floor(Math.random() * 1e4);
    const ports = Array.from({ length: size }, (_, index) => low + index);
    const free = await Promise.all(ports.map((port) => portIsFree(host, port)));
    if (free.every(Boolean)) return { low, high: low + size - 1 };
  }
  throw new Error(`no ${size} consecutive free ports on ${host}`);
}

// test/support/proftpdConfig.ts
import { isIP } from 'node:net';

var PROFTPD_MODULE_PATH = new URL('../../.servers/pkg/usr/lib/proftpd', import.meta.url).pathname;
function proftpdConfig(plan2) {
  const { options, dir } = plan2;
  const lines = [
    'ServerName "ftp-doctor test server"',
    'ServerType standalone',
    'DefaultServer on',
    // Bind only the plan's address, not every interface.
    'SocketBindTight on',
    `DefaultAddress ${plan2.host}`,
    `Port ${plan2.port}`,
    `UseIPv6 ${isIP(plan2.host) === 6 ? 'on' : 'off'}`,
    'User nobody',
    'Group nogroup',
    `PidFile ${dir}/proftpd.pid`,
    `ScoreboardFile ${dir}/proftpd.scoreboard`,
    `DelayTable ${dir}/proftpd.delay`,
    `SystemLog ${plan2.logPath}`,
    `TransferLog ${dir}/xfer.log`,
    'WtmpLog off',
    'UseReverseDNS off',
    // The PAM service file is not installed with the unpacked package; check /etc/shadow directly.
    'AuthPAM off',
    'AuthOrder mod_auth_unix.c',
    'RequireValidShell off',
    'Umask 022',
    `PassivePorts ${plan2.passiveRange.low} ${plan2.passiveRange.high}`,
    `ServerIdent on "${options.banner ?? 'ftp-doctor test ProFTPD'}"`,
  ];
  if (options.pasvAddress) lines.push(`MasqueradeAddress ${options.pasvAddress}`);
  if (options.maxClients !== void 0) lines.push(`MaxInstances ${options.maxClients}`);
  lines.push('<Limit WRITE>', '  DenyAll', '</Limit>');
  if (!(options.localUser ?? false)) lines.push('<Limit LOGIN>', '  DenyAll', '</Limit>');
  if (options.pasvDisabled) lines.push('<Limit PASV EPSV>', '  DenyAll', '</Limit>');
  else if (options.epsvDenied) lines.push('<Limit EPSV>', '  DenyAll', '</Limit>');
  if (options.anonymous ?? true) {
    lines.push(
      `<Anonymous ${plan2.anonRoot}>`,
      '  User ftp',
      '  Group nogroup',
      '  UserAlias anonymous ftp',
      '  RequireValidShell off',
      '  <Limit LOGIN>',
      '    AllowAll',
      '  </Limit>',
      '  <Limit WRITE>',
      '    DenyAll',
      '  </Limit>',
      '</Anonymous>',
    );
  }
  const tls = options.tls;
  if (tls) {
    const tlsOptions = [
      ...(tls.mode === 'implicit' ? ['UseImplicitSSL'] : []),
      ...(tls.requireSessionReuse === false ? ['NoSessionReuseRequired'] : []),
    ];
    lines.push(
      `ModulePath ${PROFTPD_MODULE_PATH}`,
      'LoadModule mod_tls.c',
      'TLSEngine on',
      `TLSLog ${dir}/tls.log`,
      'TLSProtocol TLSv1.2 TLSv1.3',
      `TLSECCertificateFile ${tls.certificate.certPath}`,
      `TLSECCertificateKeyFile ${tls.certificate.keyPath}`,
      'TLSVerifyClient off',
      `TLSRequired ${tls.required ? 'on' : 'off'}`,
    );
    if (tlsOptions.length > 0) lines.push(`TLSOptions ${tlsOptions.join(' ')}`);
  }
  return `${lines.join('\n')}
`;
}

// test/support/pureFtpdArguments.ts
var PURE_FTPD_ANON_ROOT = '/srv/ftp';
function pureFtpdArguments(plan2) {
  const { options } = plan2;
  const args = [
    `--bind=${plan2.host},${plan2.port}`,
    `--passiveportrange=${plan2.passiveRange.low}:${plan2.passiveRange.high}`,
    '--dontresolve',
    '--login=unix',
    `--pidfile=${plan2.dir}/pure-ftpd.pid`,
    `--altlog=clf:${plan2.dir}/xfer.log`,
    '--anonymouscantupload',
    '--verboselog',
  ];
  const anonymous = options.anonymous ?? true;
  const local = options.localUser ?? false;
  if (anonymous && !local) args.push('--anonymousonly');
  if (!anonymous) args.push('--noanonymous');
  if (options.pasvAddress) args.push(`--forcepassiveip=${options.pasvAddress}`);
  if (options.maxClients !== void 0) args.push(`--maxclientsnumber=${options.maxClients}`);
  const tls = options.tls;
  if (tls) {
    args.push(
      `--tls=${tls.required ? 2 : 1}`,
      `--certfile=${tls.certificate.certPath},${tls.certificate.keyPath}`,
    );
  }
  return args;
}

// test/support/testUser.ts
import { execFile } from 'node:child_process';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';

var run = promisify(execFile);
var TEST_USER = {
  name: 'ftpdoctor',
  password: 'ftp-doctor-test-password',
  home: '/home/ftpdoctor',
};
var TEST_FILE_NAME = 'readme.txt';
var TEST_FILE_CONTENT = 'served by an ftp-doctor test server\n';
async function userExists(name) {
  try {
    await run('getent', ['passwd', name]);
    return true;
  } catch {
    return false;
  }
}
async function ensureTestUser() {
  if (!(await userExists(TEST_USER.name))) {
    try {
      await run('useradd', [
        '--create-home',
        '--home-dir',
        TEST_USER.home,
        '--shell',
        '/bin/sh',
        TEST_USER.name,
      ]);
    } catch (error) {
      if (!(await userExists(TEST_USER.name))) throw error;
    }
  }
  await new Promise((resolve, reject) => {
    const child = execFile('chpasswd', (error) => (error ? reject(error) : resolve()));
    child.stdin?.end(`${TEST_USER.name}:${TEST_USER.password}
`);
  });
  await mkdir(TEST_USER.home, { recursive: true });
  await writeFile(`${TEST_USER.home}/${TEST_FILE_NAME}`, TEST_FILE_CONTENT);
  await run('chown', ['-R', `${TEST_USER.name}:`, TEST_USER.home]);
  await chmod(TEST_USER.home, 493);
  return TEST_USER;
}

// test/support/vsftpdConfig.ts
import { isIP as isIP2 } from 'node:net';

var VSFTPD_SECURE_CHROOT_DIR = '/var/run/vsftpd/empty';
var yesNo = (value) => (value ? 'YES' : 'NO');
function vsftpdConfig(plan2) {
  const { options } = plan2;
  const ipv6 = isIP2(plan2.host) === 6;
  const lines = [
    'background=NO',
    ipv6 ? 'listen=NO' : 'listen=YES',
    ipv6 ? 'listen_ipv6=YES' : 'listen_ipv6=NO',
    ipv6 ? `listen_address6=${plan2.host}` : `listen_address=${plan2.host}`,
    `listen_port=${plan2.port}`,
    'seccomp_sandbox=NO',
    'isolate=NO',
    'isolate_network=NO',
    `secure_chroot_dir=${VSFTPD_SECURE_CHROOT_DIR}`,
    'nopriv_user=ftp',
    'ftp_username=ftp',
    `anonymous_enable=${yesNo(options.anonymous ?? true)}`,
    `anon_root=${plan2.anonRoot}`,
    `local_enable=${yesNo(options.localUser ?? false)}`,
    'pam_service_name=vsftpd',
    'write_enable=NO',
    'use_localtime=NO',
    `pasv_enable=${yesNo(!(options.pasvDisabled ?? false))}`,
    `pasv_min_port=${plan2.passiveRange.low}`,
    `pasv_max_port=${plan2.passiveRange.high}`,
    'xferlog_enable=YES',
    'xferlog_std_format=NO',
    'log_ftp_protocol=YES',
    `vsftpd_log_file=${plan2.logPath}`,
  ];
  if (options.pasvAddress) lines.push(`pasv_address=${options.pasvAddress}`);
  if (options.banner) lines.push(`ftpd_banner=${options.banner}`);
  if (options.maxClients !== void 0) lines.push(`max_clients=${options.maxClients}`);
  const tls = options.tls;
  if (tls) {
    lines.push(
      'ssl_enable=YES',
      `rsa_cert_file=${tls.certificate.certPath}`,
      `rsa_private_key_file=${tls.certificate.keyPath}`,
      // vsftpd's default cipher list (DES-CBC3-SHA) is refused by current OpenSSL.
      'ssl_ciphers=HIGH',
      'allow_anon_ssl=YES',
      `implicit_ssl=${yesNo(tls.mode === 'implicit')}`,
      `force_local_logins_ssl=${yesNo(tls.required ?? false)}`,
      `force_local_data_ssl=${yesNo(tls.required ?? false)}`,
      `force_anon_logins_ssl=${yesNo(tls.required ?? false)}`,
      `force_anon_data_ssl=${yesNo(tls.required ?? false)}`,
    );
    if (tls.requireSessionReuse !== void 0) lines.push(`require_ssl_reuse=${yesNo(tls.requireSessionReuse)}`);
  }
  return `${lines.join('\n')}
`;
}

// test/support/realServers.ts
var PACKAGE_ROOT = new URL('../../.servers/pkg/usr/sbin/', import.meta.url).pathname;
var REAL_SERVER_BINARIES = {
  vsftpd: '/usr/sbin/vsftpd',
  proftpd: join(PACKAGE_ROOT, 'proftpd'),
  'pure-ftpd': join(PACKAGE_ROOT, 'pure-ftpd'),
};
async function plan(name, options) {
  const host = options.host ?? uniqueLoopbackAddress();
  const inNamespace = options.netns !== void 0;
  const port = options.port ?? (inNamespace ? 2121 : await freePort(host));
  const passiveRange =
    options.passiveRange ?? (inNamespace ? { low: 3e4, high: 30009 } : await freePortRange(host, 10));
  const dir = await mkdtemp(join(tmpdir(), `ftp-doctor-${name}-`));
  await chmod2(dir, 493);
  const anonRoot = name === 'pure-ftpd' ? PURE_FTPD_ANON_ROOT : join(dir, 'anon');
  await mkdir2(anonRoot, { recursive: true, mode: 493 });
  await writeFile2(join(anonRoot, TEST_FILE_NAME), TEST_FILE_CONTENT, { mode: 420 });
  const logPath = join(dir, name === 'pure-ftpd' ? 'output.log' : `${name}.log`);
  return { host, port, passiveRange, dir, anonRoot, logPath, options };
}
async function launch(name, options, build) {
  if (options.localUser) await ensureTestUser();
  const serverPlan = await plan(name, options);
  let daemon;
  try {
    const { args, configPath } = await build(serverPlan);
    const binary = REAL_SERVER_BINARIES[name];
    const command = options.netns ? 'ip' : binary;
    const commandArgs = options.netns ? ['netns', 'exec', options.netns, binary, ...args] : args;
    daemon = startDaemon(command, commandArgs, join(serverPlan.dir, 'output.log'));
    await waitForPort(daemon, serverPlan.host, serverPlan.port);
    const running = daemon;
    return {
      name,
      host: serverPlan.host,
      port: serverPlan.port,
      pid: running.pid,
      passiveRange: serverPlan.passiveRange,
      configPath,
      logPath: serverPlan.logPath,
      stop: async () => {
        await running.stop();
        await rm(serverPlan.dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await daemon?.stop();
    await rm(serverPlan.dir, { recursive: true, force: true });
    throw error;
  }
}
function startVsftpd(options = {}) {
  if (options.epsvDenied) return Promise.reject(new Error('vsftpd cannot refuse EPSV alone'));
  return launch('vsftpd', options, async (serverPlan) => {
    const configPath = join(serverPlan.dir, 'vsftpd.conf');
    await writeFile2(configPath, vsftpdConfig(serverPlan));
    return { args: [configPath], configPath };
  });
}
function startProftpd(options = {}) {
  return launch('proftpd', options, async (serverPlan) => {
    const configPath = join(serverPlan.dir, 'proftpd.conf');
    await writeFile2(configPath, proftpdConfig(serverPlan));
    return { args: ['-n', '-c', configPath], configPath };
  });
}
function startPureFtpd(options = {}) {
  if (options.tls?.mode === 'implicit') {
    return Promise.reject(new Error("Debian's Pure-FTPd is built without implicit TLS"));
  }
  if (options.epsvDenied) return Promise.reject(new Error('Pure-FTPd cannot refuse EPSV alone'));
  if (options.pasvDisabled) return Promise.reject(new Error('Pure-FTPd cannot disable passive mode'));
  return launch('pure-ftpd', options, async (serverPlan) => {
    const args = pureFtpdArguments(serverPlan);
    const configPath = join(serverPlan.dir, 'pure-ftpd.args');
    await writeFile2(
      configPath,
      `${args.join('\n')}
`,
    );
    return { args, configPath };
  });
}

// test/support/certs.ts
import { execFile as execFile2 } from 'node:child_process';
import {
  mkdtemp as mkdtemp2,
  readFile as readFile2,
  rm as rm2,
  writeFile as writeFile3,
} from 'node:fs/promises';
import { tmpdir as tmpdir2 } from 'node:os';
import { join as join2 } from 'node:path';
import { promisify as promisify2 } from 'node:util';

var run2 = promisify2(execFile2);
var KEY_ARGS = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
async function openssl(args, cwd) {
  await run2('openssl', [...args], { cwd, timeout: 2e4 });
}
async function loaded(dir, name, extra = {}) {
  const certPath = join2(dir, `${name}.crt`);
  const keyPath = join2(dir, `${name}.key`);
  return {
    cert: await readFile2(certPath, 'utf8'),
    key: await readFile2(keyPath, 'utf8'),
    certPath,
    keyPath,
    ...extra,
  };
}
var SAN_LOOPBACK = 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1';
async function generateTestCertificates() {
  const dir = await mkdtemp2(join2(tmpdir2(), 'ftp-doctor-certs-'));
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
    await openssl(
      [
        'req',
        '-x509',
        ...KEY_ARGS,
        '-keyout',
        'self.key',
        '-out',
        'self.crt',
        '-days',
        '30',
        '-subj',
        '/CN=localhost',
        '-addext',
        SAN_LOOPBACK,
      ],
      dir,
    );
    await writeFile3(
      join2(dir, 'leaf.ext'),
      `${SAN_LOOPBACK}
basicConstraints=CA:FALSE
`,
    );
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
    const caCert = await readFile2(join2(dir, 'ca.crt'), 'utf8');
    const caCertPath = join2(dir, 'ca.crt');
    return {
      selfSigned: await loaded(dir, 'self'),
      expired: await loaded(dir, 'expired', { caCert, caCertPath }),
      caSigned: await loaded(dir, 'signed', { caCert, caCertPath }),
      dir,
      remove: () => rm2(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm2(dir, { recursive: true, force: true });
    throw error;
  }
}
async function writeCaConfig(dir) {
  await writeFile3(join2(dir, 'index.txt'), '');
  await writeFile3(join2(dir, 'serial'), '1000\n');
  await writeFile3(
    join2(dir, 'ca.cnf'),
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

// test/support/rawFtpClient.ts
import { connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

var DEFAULT_TIMEOUT_MS = 5e3;
var RawFtpClient = class _RawFtpClient {
  buffer = '';
  bytes = [];
  waiters = [];
  ended = null;
  socket;
  constructor(socket) {
    this.socket = socket;
    this.attach(socket);
  }
  /** connect opens a control connection (optionally TLS from the first byte). */
  static connect(host, port, options = {}) {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      const socket = options.implicitTls
        ? tlsConnect({ host, port, servername: void 0, ...options.implicitTls })
        : netConnect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`connect to ${host}:${port} timed out`));
      }, timeoutMs);
      socket.once(options.implicitTls ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        socket.off('error', onError);
        resolve(new _RawFtpClient(socket));
      });
      const onError = (error) => {
        clearTimeout(timer);
        reject(error);
      };
      socket.once('error', onError);
    });
  }
  attach(socket) {
    socket.on('data', this.onData);
    socket.on('end', () => this.finish('end'));
    socket.on('error', (error) => this.finish(error.code === 'ECONNRESET' ? 'reset' : 'error'));
    socket.on('close', () => this.finish('end'));
  }
  onData = (chunk) => {
    this.bytes.push(chunk);
    this.buffer += chunk.toString('latin1');
    this.wake();
  };
  finish(kind) {
    this.ended ??= kind;
    this.wake();
  }
  wake() {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
  async waitFor(check, timeoutMs, what) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const result = check();
      if (result !== void 0) return result;
      if (this.ended) throw new Error(`connection closed (${this.ended}) while waiting for ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
  /** received is every byte so far, decoded as latin1 so any byte survives. */
  get received() {
    return Buffer.concat(this.bytes).toString('latin1');
  }
  get closeKind() {
    return this.ended;
  }
  takeLine() {
    const end = this.buffer.indexOf('\r\n');
    if (end < 0) return void 0;
    const line = this.buffer.slice(0, end);
    this.buffer = this.buffer.slice(end + 2);
    return line;
  }
  /** reply reads one complete reply, multi-line included; lines are returned as latin1 text. */
  async reply(timeoutMs = DEFAULT_TIMEOUT_MS) {
    const lines = [];
    return this.waitFor(
      () => {
        for (let line = this.takeLine(); line !== void 0; line = this.takeLine()) {
          lines.push(line);
          const first = lines[0];
          const code = first.slice(0, 3);
          if (!/^\d{3}[ -]/.test(first) && !/^\d{3}$/.test(first)) {
            throw new Error(`malformed reply line: ${JSON.stringify(first.slice(0, 80))}`);
          }
          if (first[3] !== '-' || (lines.length > 1 && line.startsWith(`${code} `))) {
            return { code: Number(code), lines };
          }
        }
        return void 0;
      },
      timeoutMs,
      'a reply',
    );
  }
  /** send writes one command with CRLF. */
  send(line) {
    this.socket.write(`${line}\r
`);
  }
  /** command sends a line and reads its reply. */
  async command(line, timeoutMs = DEFAULT_TIMEOUT_MS) {
    this.send(line);
    return this.reply(timeoutMs);
  }
  /** closed resolves with how the connection ended. */
  async closed(timeoutMs = DEFAULT_TIMEOUT_MS) {
    try {
      return await this.waitFor(() => this.ended ?? void 0, timeoutMs, 'the connection to close');
    } catch {
      return this.ended ?? 'timeout';
    }
  }
  /** startTls upgrades the control connection after a 234 (rejectUnauthorized off by default). */
  async startTls(options = {}, timeoutMs = DEFAULT_TIMEOUT_MS) {
    const plain = this.socket;
    plain.off('data', this.onData);
    const secured = tlsConnect({ socket: plain, rejectUnauthorized: false, ...options });
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('TLS handshake timed out')), timeoutMs);
      secured.once('secureConnect', () => {
        clearTimeout(timer);
        resolve();
      });
      secured.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    this.socket = secured;
    secured.on('data', this.onData);
    secured.on('error', () => {});
    return secured;
  }
  get tlsSocket() {
    return 'encrypted' in this.socket ? this.socket : null;
  }
  /** destroy drops the connection without QUIT. */
  destroy() {
    this.socket.destroy();
  }
  /** quit sends QUIT, reads 221 if it comes, and closes. */
  async quit() {
    try {
      if (!this.ended) await this.command('QUIT', 2e3);
    } catch {
    } finally {
      this.socket.destroy();
    }
  }
};
function parseEpsvPort(reply) {
  const match = /\((.)\1\1(\d+)\1\)/.exec(reply.lines.join('\n'));
  if (!match) throw new Error(`no EPSV port in ${reply.lines.join(' / ')}`);
  return Number(match[2]);
}
function openDataConnection(host, port, options = {}) {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const socket = options.tls
    ? tlsConnect({ host, port, rejectUnauthorized: false, ...options.tls })
    : netConnect({ host, port });
  const chunks = [];
  let total = 0;
  const connected = new Promise((resolve, reject) => {
    socket.once(options.tls ? 'secureConnect' : 'connect', () => resolve());
    socket.once('error', reject);
  });
  connected.catch(() => {});
  const done = new Promise((resolve) => {
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    let finished = false;
    const finish = (end) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      const reused = options.tls ? socket.isSessionReused() : void 0;
      socket.destroy();
      resolve({
        body: Buffer.concat(chunks),
        end,
        ...(reused === void 0 ? {} : { sessionReused: reused }),
      });
    };
    socket.on('data', (chunk) => {
      total += chunk.length;
      if (total <= (options.maxBytes ?? 16 * 1024 * 1024)) chunks.push(chunk);
    });
    socket.once('end', () => finish('end'));
    socket.once('close', () => finish('end'));
    socket.once('error', (error) => finish(error.code === 'ECONNRESET' ? 'reset' : 'error'));
  });
  return { connected, done };
}

// test/support/_try.ts
import { readFileSync } from 'node:fs';

var certs = await generateTestCertificates();
var which = process.argv[2];
var opts = JSON.parse(process.argv[3] ?? '{}');
if (opts.tls) opts.tls.certificate = certs.selfSigned;
var start = { vsftpd: startVsftpd, proftpd: startProftpd, pure: startPureFtpd }[which];
var s = await start(opts);
console.log(which, s.host, s.port, s.pid);
var log = (r) => console.log(r.lines.join(' | '));
try {
  const c = await RawFtpClient.connect(
    s.host,
    s.port,
    opts.tls?.mode === 'implicit' ? { implicitTls: { rejectUnauthorized: false } } : {},
  );
  log(await c.reply());
  if (process.argv[4] === 'tls') {
    log(await c.command('AUTH TLS'));
    await c.startTls();
    console.log('tls', c.tlsSocket.getProtocol());
    log(await c.command('PBSZ 0'));
    log(await c.command('PROT P'));
  }
  const user = opts.localUser ? TEST_USER.name : 'anonymous';
  log(await c.command(`USER ${user}`));
  log(await c.command(`PASS ${opts.localUser ? TEST_USER.password : 'x@y'}`));
  const e = await c.command('EPSV');
  log(e);
  const p = await c.command('PASV');
  log(p);
  if (e.code === 229) {
    const session = c.tlsSocket?.getSession();
    const d = openDataConnection(
      s.host,
      parseEpsvPort(e),
      process.argv[4] === 'tls' ? { tls: process.argv[5] === 'noreuse' ? {} : { session } } : {},
    );
    log(await c.command('LIST'));
    log(await c.reply());
    const r = await d.done;
    console.log(JSON.stringify(r.body.toString()), r.end, r.sessionReused);
  }
  await c.quit();
} catch (e) {
  console.log('error', e.message);
}
try {
  console.log(readFileSync(s.logPath, 'utf8').slice(-1e3));
} catch {}
await s.stop();
await certs.remove();
