import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateServerCertificate, type ServerCertificate } from '../support/certs.js';
import { LoopbackFirewall, nftAvailable } from '../support/loopbackFirewall.js';
import { uniqueLoopbackAddress } from '../support/loopbackPorts.js';
import { type RealServer, realServerSkipReason, startVsftpd } from '../support/realServers.js';
import { checkAllFormats, FAST, runAllFormats } from './formatRuns.js';

const skip = realServerSkipReason('vsftpd');
const hostPort = (server: RealServer) => `${server.host}:${server.port}`;

// Every format rendered from probes of a real vsftpd (Debian's package, on loopback),
// healthy and broken, read back by the same parsers as the fake-server runs.
describe.skipIf(skip !== null)(`every format from a real vsftpd${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const host = uniqueLoopbackAddress();
  let cert: ServerCertificate;
  let healthy: RealServer;
  let noPassive: RealServer;
  let plain: RealServer;
  beforeAll(async () => {
    cert = await generateServerCertificate([host, 'localhost']);
    [healthy, noPassive, plain] = await Promise.all([
      startVsftpd({ host, tls: { mode: 'explicit', certificate: cert } }),
      startVsftpd({ pasvDisabled: true }),
      startVsftpd(),
    ]);
  });
  afterAll(async () => {
    await Promise.all([healthy, noPassive, plain].map((server) => server?.stop()));
    await cert?.remove();
  });

  it('healthy explicit FTPS vsftpd: exit 0 in every format, certificate expiry exported', async () => {
    const target = hostPort(healthy);
    const checked = await checkAllFormats(await runAllFormats([target, '--ca', cert.certPath, ...FAST]), [
      { label: target, exitCode: 0 },
    ]);
    expect(checked.junit.suites[0]!.properties.server).toMatch(/^vsftpd/);
    expect(checked.nagios.state).toBe('OK');
    expect(checked.nagios.perfdata.find((p) => p.label === 'cert_days_left')?.value).toBeGreaterThan(390);
    const expiry = checked.prometheus.find(
      (f) => f.name === 'ftp_doctor_tls_certificate_expiry_timestamp_seconds',
    );
    expect(expiry?.samples).toHaveLength(1);
    // The TLS facts in every format. vsftpd requires the data connection to resume the
    // control session (require_ssl_reuse=YES by default), and the probe's listing did.
    const tls = checked.junit.suites[0]!.properties;
    expect(tls).toMatchObject({
      'tls.trusted': 'true',
      'tls.nameMatches': 'true',
      'tls.dataProtection': 'private',
      'tls.dataSessionReused': 'true',
    });
    const reused = checked.prometheus.find((f) => f.name === 'ftp_doctor_tls_data_session_reused');
    expect(reused?.samples.map((s) => s.value)).toEqual([1]);
    expect(checked.nagios.perfdata.find((p) => p.label === 'tls_handshake')?.unit).toBe('s');
  });

  it('a healthy and a broken vsftpd (pasv_enable=NO) in one run: each keeps its own report', async () => {
    const good = hostPort(healthy);
    const bad = hostPort(noPassive);
    const checked = await checkAllFormats(
      await runAllFormats([good, bad, '--ca', cert.certPath, '--tls', 'auto', ...FAST]),
      [
        { label: good, exitCode: 0 },
        { label: bad, exitCode: 7, findings: ['passive.none'] },
      ],
    );
    expect(checked.junit.suites.map((s) => [s.name, s.failures > 0])).toEqual([
      [good, false],
      [bad, true],
    ]);
    expect(checked.nagios.state).toBe('CRITICAL');
    expect(checked.nagios.text).toContain(bad);
  });

  it('passive range rejected by a firewall: exit 8 in every format, the port named', async () => {
    if (!(await nftAvailable())) {
      if (process.env.CI === 'true') throw new Error('CI=true but nft is not available');
      return;
    }
    const firewall = await LoopbackFirewall.block(
      plain.host,
      plain.passiveRange.low,
      plain.passiveRange.high,
      'reset',
    );
    try {
      const target = hostPort(plain);
      const checked = await checkAllFormats(await runAllFormats([target, '--tls', 'off', ...FAST]), [
        { label: target, exitCode: 8, findings: ['data.port-closed'] },
      ]);
      const error = checked.github.find((c) => c.command === 'error')!;
      expect(error.properties.title).toMatch(/Passive data port closed .*port \d+/);
      const failure = checked.junit.suites[0]!.cases.find((c) => c.failure?.type === 'data.port-closed');
      // The server fix names vsftpd's own setting: it reads the configured range (the ports came from one).
      expect(failure?.failure?.body).toMatch(/pasv_m\(in\|ax\)_port|pasv_min_port=\d+/);
    } finally {
      await firewall.remove();
    }
  });
});
