import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, Fix, TargetReport } from '../../src/knowledge/types.js';
import { findStep, type PortRange } from '../../src/probe/types.js';
import { LoopbackFirewall, nftAvailable } from '../support/loopbackFirewall.js';
import { offLoopback, probeTarget } from '../support/probeHelpers.js';
import {
  REAL_SERVER_BINARIES,
  type RealServer,
  type RealServerName,
  realServerSkipReason,
  START_REAL_SERVER,
} from '../support/realServers.js';
import { type CliRun, runCli } from '../support/runCli.js';

// Against real vsftpd, ProFTPD and Pure-FTPd the report
// names the software and prints fixes with that software's own configuration keys and the ports
// actually seen. Each server is probed healthy, then with its passive range rejected (RST) by a
// loopback nftables rule, through the library and through the built CLI; the statements of the
// fix it shows are then checked against Debian's packages of that server.

const run = promisify(execFile);
const PKG = fileURLToPath(new URL('../../.servers/pkg/', import.meta.url));
const DEBS = fileURLToPath(new URL('../../.servers/debs/', import.meta.url));
const SERVER_DIALECTS = ['vsftpd', 'proftpd', 'pure-ftpd', 'filezilla-server', 'iis', 'pyftpdlib'];
const LINUX_FIREWALLS = ['iptables', 'nftables', 'ufw', 'firewalld'];
const OPT_IN_DIALECTS = ['windows', 'aws', 'kubernetes', 'docker', 'conntrack'];

const nftReady = await nftAvailable();
if (!nftReady && process.env.CI === 'true') throw new Error('CI=true but nft (as root) is not available');

/** ServerCase: what differs per server — its name in reports and how its own fix spells the range. */
interface ServerCase {
  readonly name: RealServerName;
  readonly displayName: string;
  /** The passive range written in the server's own fix text, read back with its own keys. */
  readonly rangeInFix: (text: string) => PortRange | null;
}

function rangeFrom(match: RegExpExecArray | null): PortRange | null {
  return match ? { low: Number(match[1]), high: Number(match[2]) } : null;
}

const CASES: readonly ServerCase[] = [
  {
    name: 'vsftpd',
    displayName: 'vsftpd',
    rangeInFix: (text) => {
      const low = /^pasv_min_port=(\d+)$/m.exec(text)?.[1];
      const high = /^pasv_max_port=(\d+)$/m.exec(text)?.[1];
      return low && high ? { low: Number(low), high: Number(high) } : null;
    },
  },
  {
    name: 'proftpd',
    displayName: 'ProFTPD',
    rangeInFix: (text) => rangeFrom(/^PassivePorts (\d+) (\d+)$/m.exec(text)),
  },
  {
    name: 'pure-ftpd',
    displayName: 'Pure-FTPd',
    rangeInFix: (text) => {
      const file = rangeFrom(/^echo '(\d+) (\d+)' > \/etc\/pure-ftpd\/conf\/PassivePortRange$/m.exec(text));
      const flag = rangeFrom(/-p (\d+):(\d+)/.exec(text));
      return file && flag && file.low === flag.low && file.high === flag.high ? file : null;
    },
  },
];

const target = (server: RealServer) => `${server.host}:${server.port}`;

/** portsSeen: every passive port the probe was handed, EPSV and PASV samples included. */
function portsSeen(report: TargetReport): number[] {
  const epsv = findStep(report.probe, 'epsv')?.data;
  const pasv = findStep(report.probe, 'pasv')?.data;
  const ports = [epsv?.port, pasv?.port, ...(epsv?.samples ?? []), ...(pasv?.samples ?? [])].map((p) =>
    typeof p === 'object' && p !== null ? p.port : p,
  );
  return [...new Set(ports.filter((p): p is number => typeof p === 'number'))].sort((a, b) => a - b);
}

function covers(range: PortRange, ports: readonly number[]): boolean {
  return ports.every((port) => port >= range.low && port <= range.high);
}

/** firewallRange reads the port range a Linux firewall fix opens, in each tool's own syntax. */
function firewallRange(fix: Fix): PortRange | null {
  const patterns: Record<string, RegExp> = {
    iptables: /--dport (\d+):(\d+)/,
    nftables: /tcp dport (\d+)-(\d+)/,
    ufw: /ufw allow (\d+):(\d+)\/tcp/,
    firewalld: /--add-port=(\d+)-(\d+)\/tcp/,
  };
  const pattern = patterns[fix.dialect];
  return pattern ? rangeFrom(pattern.exec(fix.text)) : null;
}

/** shownDialects lists the dialect tags ("[vsftpd] …") printed in a human report. */
function shownDialects(stdout: string): Set<string> {
  return new Set(
    [...stdout.matchAll(/^ {4}Fix \d+ [^(]*(?:\([^)]*\) )?\(([a-z-]+)\): /gm)].map((m) => m[1]!),
  );
}

/** debianVersion is the upstream part of an installed package's version ("3.0.3-13+b2" → "3.0.3"). */
async function debianUpstreamVersion(pkg: string): Promise<string> {
  // `dpkg-query -W NAME` prints "NAME<tab>VERSION".
  const { stdout } = await run('dpkg-query', ['-W', pkg]);
  const version = stdout.trim().split('\t')[1] ?? '';
  return version.replace(/^\d+:/, '').replace(/-[^-]*$/, '');
}

/** debFile finds a downloaded .deb by package name (scripts/install-servers.sh keeps them). */
function debFile(pkg: string): string {
  const name = readdirSync(DEBS).find((file) => file.startsWith(`${pkg}_`) && file.endsWith('.deb'));
  if (!name) throw new Error(`${pkg}_*.deb is missing from ${DEBS}; run scripts/install-servers.sh`);
  return join(DEBS, name);
}

for (const serverCase of CASES) {
  const { name, displayName } = serverCase;
  const skip = realServerSkipReason(name) ?? (nftReady ? null : 'nft (as root) is not available');

  describe.skipIf(skip !== null)(
    `${displayName}: the report names it and fixes it in its own words${skip ? ` (skipped: ${skip})` : ''}`,
    () => {
      let server: RealServer;
      let firewall: LoopbackFirewall | null = null;
      let blocked: TargetReport;
      let dataPortFinding: Finding;
      let ownFix: Fix;
      const cli: Record<'default' | 'all' | 'nftables', CliRun | null> = {
        default: null,
        all: null,
        nftables: null,
      };

      beforeAll(async () => {
        server = await START_REAL_SERVER[name]();
        firewall = await LoopbackFirewall.block(
          server.host,
          server.passiveRange.low,
          server.passiveRange.high,
          'reset',
        );
        try {
          blocked = await probeTarget(target(server), { tls: 'off', samples: 5 });
          const args = [target(server), '--tls', 'off', '--samples', '5', '--data-timeout', '2s'];
          cli.default = await runCli(args);
          cli.all = await runCli([...args, '--fix-for', 'all']);
          cli.nftables = await runCli([...args, '--fix-for', 'nftables']);
        } finally {
          await firewall.remove();
          firewall = null;
        }
        const found = blocked.diagnosis.findings.find((f) => f.id === 'data.port-closed');
        if (!found)
          throw new Error(`no data.port-closed among ${blocked.diagnosis.findings.map((f) => f.id)}`);
        dataPortFinding = found;
        const fix = found.fixes.find((f) => f.dialect === name);
        if (!fix) throw new Error(`no ${name} fix among ${found.fixes.map((f) => f.dialect)}`);
        ownFix = fix;
      }, 60_000);

      afterAll(async () => {
        await firewall?.remove();
        await server?.stop();
      });

      it('healthy: every step works and diagnosis.server names the software (and the version its banner shows)', async () => {
        const report = await probeTarget(target(server), { tls: 'off' });
        expect(report.diagnosis.verdict.exitCode).toBe(0);
        const fingerprint = report.diagnosis.server;
        expect(fingerprint).toMatchObject({ software: name, displayName, confidence: 'high' });
        expect(fingerprint.basis).toContain('banner');
        const greeting = findStep(report.probe, 'banner')?.data?.greeting?.text ?? '';
        if (name === 'vsftpd') {
          // "(vsFTPd 3.0.3)": the version is Debian's upstream version, not a guess.
          expect(fingerprint.version).toBe(await debianUpstreamVersion('vsftpd'));
          expect(greeting).toContain(fingerprint.version);
        } else {
          // ProFTPD's default ServerIdent and Pure-FTPd's banner carry no version: none is invented.
          expect(greeting.replace(server.host, 'ADDRESS')).not.toMatch(/\d+\.\d+/);
          expect(fingerprint.version).toBeNull();
        }
      });

      it('passive range rejected, --samples 5: exit 8, the finding names the ports seen', () => {
        expect(blocked.diagnosis.verdict.exitCode).toBe(8);
        expect(dataPortFinding, JSON.stringify(blocked.diagnosis.findings.map((f) => f.id))).toBeDefined();
        const seen = portsSeen(blocked);
        expect(seen.length).toBeGreaterThanOrEqual(2);
        expect(covers(server.passiveRange, seen)).toBe(true);
        const epsvPort = findStep(blocked.probe, 'epsv')?.data?.port;
        const pasvPort = findStep(blocked.probe, 'pasv')?.data?.port;
        expect(dataPortFinding.title).toContain(String(epsvPort));
        expect(dataPortFinding.title).toContain(String(pasvPort));
        const range = blocked.diagnosis.findings.find((f) => f.id === 'passive.range-observed');
        for (const port of seen) expect(range?.detail).toContain(String(port));
      });

      it(`the server fix uses ${displayName}'s own keys with a range covering every port seen`, () => {
        expect(ownFix, `no ${name} fix among ${dataPortFinding.fixes.map((f) => f.dialect)}`).toBeDefined();
        const range = serverCase.rangeInFix(ownFix.text);
        expect(range, ownFix.text).not.toBeNull();
        expect(covers(range!, portsSeen(blocked))).toBe(true);
        // Only the detected server's dialect: no other product's configuration is offered.
        const otherServers = dataPortFinding.fixes.filter(
          (f) => f.audience === 'server' && f.dialect !== name && SERVER_DIALECTS.includes(f.dialect),
        );
        expect(otherServers).toEqual([]);
        // The range comes from samples, so the fix says to prefer the server's configured range.
        expect(ownFix.text).toMatch(/inferred from the ports seen/);
      });

      it('the firewall fixes open the same range, which covers every port seen', () => {
        const range = serverCase.rangeInFix(ownFix.text)!;
        // On loopback there is no firewall advice; reached on a routed address, the same probe gets it.
        expect(dataPortFinding.fixes.filter((f) => f.audience === 'firewall')).toEqual([]);
        const routed = offLoopback(blocked).diagnosis.findings.find((f) => f.id === 'data.port-closed')!;
        for (const dialect of LINUX_FIREWALLS) {
          const fix = routed.fixes.find((f) => f.dialect === dialect);
          expect(fix, dialect).toBeDefined();
          expect(firewallRange(fix!), `${dialect}: ${fix!.text}`).toEqual(range);
          expect(fix!.title).toContain(`${range.low}–${range.high}`);
        }
      });

      it('CLI, default selection: the detected server’s fix, nothing else (a loopback target gets no firewall advice)', () => {
        const run = cli.default!;
        expect(run.code, run.stderr).toBe(8);
        expect(run.stdout).toContain(`server    ${displayName}`);
        const shown = shownDialects(run.stdout);
        expect(shown, run.stdout).toContain(name);
        for (const dialect of [
          ...LINUX_FIREWALLS,
          ...OPT_IN_DIALECTS,
          ...SERVER_DIALECTS.filter((d) => d !== name),
        ])
          expect(shown, dialect).not.toContain(dialect);
        // The server's own key is printed with a range covering the ports of this run.
        const section = run.stdout.slice(run.stdout.indexOf(`(${name}): `));
        const range = serverCase.rangeInFix(section.replace(/^ {6}/gm, ''));
        expect(range).not.toBeNull();
        const printedPorts = [...run.stdout.replace(/\s+/g, ' ').matchAll(/(?:EPSV|PASV) port (\d+)/g)].map(
          (m) => Number(m[1]),
        );
        expect(printedPorts.length).toBeGreaterThan(0);
        expect(covers(range!, printedPorts)).toBe(true);
      });

      it('CLI --fix-for all and --fix-for nftables: the server’s own fix; no firewall rule for loopback', () => {
        const all = shownDialects(cli.all!.stdout);
        expect(cli.all!.code).toBe(8);
        expect(all, cli.all!.stdout).toContain(name);
        expect(cli.all!.stdout).not.toMatch(/more fix/);
        const nft = cli.nftables!;
        expect(nft.code).toBe(8);
        // Naming a firewall that has nothing to say still shows the server's own advice.
        expect([...shownDialects(nft.stdout)]).toEqual([name]);
        expect(nft.stdout).not.toMatch(/nft add rule/);
      });

      it(`every statement of the shown ${displayName} fix holds for Debian's package`, async () => {
        await checkStatements(serverCase, ownFix, server);
      }, 60_000);
    },
  );
}

/** checkStatements verifies, per server, what its passive-range fix claims: paths, units, keys, limits. */
async function checkStatements(serverCase: ServerCase, fix: Fix, server: RealServer): Promise<void> {
  const range = serverCase.rangeInFix(fix.text)!;
  switch (serverCase.name) {
    case 'vsftpd': {
      // "# In /etc/vsftpd.conf (RHEL/Fedora: …), then: systemctl restart vsftpd"
      expect(fix.text).toContain('# In /etc/vsftpd.conf');
      expect(fix.text).toContain('systemctl restart vsftpd');
      // The package's own files, unpacked from its .deb (it is never apt-installed: see install-servers.sh).
      expect(existsSync(join(PKG, 'etc/vsftpd.conf'))).toBe(true);
      expect(existsSync(join(PKG, 'lib/systemd/system/vsftpd.service'))).toBe(true);
      // Every key the fix sets is one vsftpd's parser knows (an unknown key stops vsftpd).
      const binary = readFileSync(REAL_SERVER_BINARIES.vsftpd).toString('latin1');
      const keys = [...fix.text.matchAll(/^([a-z_]+)=/gm)].map((m) => m[1]!);
      expect(keys).toEqual(['pasv_enable', 'pasv_min_port', 'pasv_max_port']);
      for (const key of keys) expect(binary, key).toContain(`\0${key}\0`);
      break;
    }
    case 'proftpd': {
      // "# In /etc/proftpd/proftpd.conf or a file in /etc/proftpd/conf.d/ (…), then: systemctl restart proftpd"
      expect(fix.text).toContain('/etc/proftpd/proftpd.conf or a file in /etc/proftpd/conf.d/');
      expect(fix.text).toContain('systemctl restart proftpd');
      const deb = debFile('proftpd-core');
      const postinst = (await run('dpkg-deb', ['--info', deb, 'postinst'])).stdout;
      expect(postinst).toContain('/etc/proftpd/proftpd.conf');
      const template = readFileSync(join(PKG, 'usr/share/proftpd/templates/proftpd.conf'), 'utf8');
      expect(template).toMatch(/^Include \/etc\/proftpd\/conf\.d\/$/m);
      expect(existsSync(join(PKG, 'lib/systemd/system/proftpd.service'))).toBe(true);
      // The directive, put in place of the running server's own, passes `proftpd -t`.
      const directives = fix.text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
      expect(directives).toEqual([`PassivePorts ${range.low} ${range.high}`]);
      const config = (await readFile(server.configPath, 'utf8')).replace(
        /^PassivePorts .*$/m,
        directives.join('\n'),
      );
      const dir = await mkdtemp(join(tmpdir(), 'ftp-doctor-kb-proftpd-'));
      try {
        await writeFile(join(dir, 'proftpd.conf'), config);
        const checked = await run(REAL_SERVER_BINARIES.proftpd, ['-t', '-c', join(dir, 'proftpd.conf')]);
        // `proftpd -t` exits non-zero (and `run` rejects) on an unknown directive or a bad argument.
        expect(`${checked.stdout}${checked.stderr}`).not.toMatch(/fatal|error/i);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
      break;
    }
    case 'pure-ftpd': {
      await checkPureFtpdStatements(fix, range);
      break;
    }
  }
}

/**
 * checkPureFtpdStatements runs what the fix says on Debian: the `echo … > /etc/pure-ftpd/conf/…`
 * line into a copy of that directory, Debian's own pure-ftpd-wrapper (pointed at the copy) to turn
 * it into daemon flags, and then the daemon, to check the client cap the fix announces.
 */
async function checkPureFtpdStatements(fix: Fix, range: PortRange): Promise<void> {
  const wrapperPath = join(PKG, 'usr/sbin/pure-ftpd-wrapper');
  if (!existsSync(wrapperPath)) {
    const reason = `${wrapperPath} is missing; run scripts/install-servers.sh (pure-ftpd-common)`;
    if (process.env.CI === 'true') throw new Error(reason);
    console.warn(`skipping the Pure-FTPd wrapper check: ${reason}`);
    return;
  }
  expect(fix.text).toContain('systemctl restart pure-ftpd');
  // Debian's pure-ftpd ships a SysV script, from which systemd makes pure-ftpd.service.
  expect(existsSync(join(PKG, 'etc/init.d/pure-ftpd'))).toBe(true);
  // "Elsewhere, the same in pure-ftpd.conf": the key exists in the upstream sample.
  const sample = readFileSync(join(PKG, 'etc/pure-ftpd/pure-ftpd.conf'), 'utf8');
  expect(sample).toMatch(/^#?\s*PassivePortRange\s+\d+ \d+$/m);
  expect(fix.text).toContain(`#   PassivePortRange ${range.low} ${range.high}`);

  const dir = await mkdtemp(join(tmpdir(), 'ftp-doctor-kb-pure-'));
  try {
    await mkdir(join(dir, 'conf'));
    await mkdir(join(dir, 'auth'));
    const echo = fix.text.split('\n').find((line) => line.startsWith('echo '))!;
    await run('sh', ['-c', echo.replace('/etc/pure-ftpd/', `${dir}/`)]);
    const wrapper = readFileSync(wrapperPath, 'utf8').replaceAll('/etc/pure-ftpd', dir);
    await writeFile(join(dir, 'wrapper.pl'), wrapper);
    const { stdout } = await run('perl', [join(dir, 'wrapper.pl'), '--show-options']);
    const flag = `-p ${range.low}:${range.high}`;
    expect(stdout).toContain(flag);
    expect(fix.text).toContain(`# or on the command line: ${flag}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  // "Pure-FTPd caps the client limit (-c) at half the range size: N here."
  const cap = Number(/caps the client limit \(-c\) at half the range size: (\d+) here/.exec(fix.text)?.[1]);
  expect(cap).toBe(Math.floor((range.high - range.low + 1) / 2));
  const capped = await START_REAL_SERVER['pure-ftpd']({ passiveRange: range, maxClients: cap + 10 });
  try {
    expect(await capGreeting(capped, cap)).toMatch(new RegExp(`^421 ${cap} users \\(the maximum\\)`));
  } finally {
    await capped.stop();
  }
}

/**
 * capGreeting holds `accepted` greeted connections, then returns the last line the
 * next connection gets. A connection that just closed (the harness's readiness check) may still
 * count for a moment, so an early refusal is retried before it counts as the answer.
 */
async function capGreeting(server: RealServer, accepted: number): Promise<string> {
  const sockets: ReturnType<typeof connect>[] = [];
  const greet = async (): Promise<string> => {
    const socket = connect(server.port, server.host);
    sockets.push(socket);
    return new Promise<string>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error('no greeting within 10 s')), 10_000);
      socket.on('error', reject);
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString('latin1');
        if (/(?:^|\r\n)\d{3} [^\r\n]*\r\n$/.test(text)) {
          clearTimeout(timer);
          resolve(text.trimEnd().split('\r\n').at(-1)!);
        }
      });
    });
  };
  try {
    for (let held = 0, refused = 0; held < accepted; ) {
      const line = await greet();
      if (line.startsWith('220')) held++;
      else if (++refused > 20) throw new Error(`refused after ${held} clients: ${line}`);
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return await greet();
  } finally {
    for (const socket of sockets) socket.destroy();
  }
}
