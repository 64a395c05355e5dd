import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDRESS_PLACEHOLDER } from '../../src/knowledge/diagnosis/fixes/serverContext.js';
import type { TargetReport } from '../../src/knowledge/types.js';
import { LoopbackFirewall } from '../support/loopbackFirewall.js';
import { findingIds, probeTarget } from '../support/probeHelpers.js';
import {
  type RealServer,
  type RealServerName,
  realServerSkipReason,
  START_REAL_SERVER,
} from '../support/realServers.js';
import { type CliRun, runCli } from '../support/runCli.js';

/** NEUTRAL_BANNER: what hardening guides tell admins to greet with — nothing about the product. */
const NEUTRAL_BANNER = 'Welcome to ACME file transfer';

/**
 * What each daemon's own configuration calls the passive range and the announced address; the
 * report must write these, not "look for a setting named like passive ports". The probe reaches
 * these servers over loopback, which remote clients cannot use, so the address to announce is the
 * public-address placeholder rather than the control address.
 */
const TAILORED: Readonly<Record<RealServerName, (address: string) => { range: RegExp; address: string }>> = {
  // The ports came from one configured range: the fix reads that setting, in the product's own terms.
  vsftpd: (address) => ({ range: /^grep -E 'pasv_m\(in\|ax\)_port' /m, address: `pasv_address=${address}` }),
  proftpd: (address) => ({ range: /^grep -rn PassivePorts /m, address: `MasqueradeAddress ${address}` }),
  'pure-ftpd': (address) => ({ range: /\/etc\/pure-ftpd\/conf\/PassivePortRange/, address: `-P ${address}` }),
};

// The banner replaced by a neutral text (vsftpd ftpd_banner, ProFTPD ServerIdent, a Pure-FTPd
// fortunes file): the daemon is still named from what else it says, and its own fixes are used.
describe.each(['vsftpd', 'proftpd', 'pure-ftpd'] as const)('real %s behind a neutral banner', (name) => {
  const skip = realServerSkipReason(name);
  let server: RealServer;
  let firewall: LoopbackFirewall;
  let report: TargetReport;
  let cli: CliRun;

  beforeAll(async () => {
    if (skip !== null) return;
    server = await START_REAL_SERVER[name]({ banner: NEUTRAL_BANNER, pasvAddress: '127.0.0.99' });
    firewall = await LoopbackFirewall.block(
      server.host,
      server.passiveRange.low,
      server.passiveRange.high,
      'reset',
    );
    report = await probeTarget(`${server.host}:${server.port}`, { tls: 'off' });
    cli = await runCli([`${server.host}:${server.port}`, '--tls', 'off', '--fix-for', 'all', '-v']);
  }, 60_000);
  afterAll(async () => {
    await firewall?.remove();
    await server?.stop();
  });

  it.skipIf(skip !== null)(
    `greets neutrally and is named from its behaviour${skip ? ` (skipped: ${skip})` : ''}`,
    () => {
      const banner = report.probe.steps.find((step) => step.name === 'banner')?.exchanges[0]?.replies[0];
      expect(banner?.text).toContain(NEUTRAL_BANNER);
      expect(banner?.text).not.toMatch(/vsftpd|proftpd|pure-ftpd/i);
      const fingerprint = report.diagnosis.server;
      expect(fingerprint.software).toBe(name);
      expect(fingerprint.confidence).toBe('high');
      expect(fingerprint.signals.length).toBeGreaterThanOrEqual(3);
      expect(fingerprint.signals.every((signal) => signal.weight !== 'names')).toBe(true);
    },
  );

  it.skipIf(skip !== null)('uses its own fixes for the passive range and the announced address', () => {
    expect(findingIds(report)).toEqual(expect.arrayContaining(['data.port-closed', 'pasv.address-loopback']));
    const serverFixes = report.diagnosis.findings.flatMap((finding) =>
      finding.fixes.filter((fix) => fix.audience === 'server'),
    );
    expect(new Set(serverFixes.map((fix) => fix.dialect))).toEqual(new Set([name]));
    const texts = serverFixes.map((fix) => fix.text).join('\n');
    const tailored = TAILORED[name](ADDRESS_PLACEHOLDER);
    expect(texts).toMatch(tailored.range);
    expect(texts).toContain(tailored.address);
    // Never the loopback address the probe used: remote clients would be sent to themselves.
    expect(texts).not.toContain(TAILORED[name](server.host).address);
  });

  it.skipIf(skip !== null)('the human report names the signals', () => {
    expect(cli.code, cli.stderr).toBe(8);
    // The server line wraps at 80 columns: its continuation lines are indented deeper.
    const lines = cli.stdout.split('\n');
    const first = lines.findIndex((text) => /^\s*server\b/.test(text));
    const rest = lines.slice(first + 1);
    const more = rest.slice(
      0,
      Math.max(
        0,
        rest.findIndex((text) => !/^\s{12,}\S/.test(text)),
      ),
    );
    const line = first < 0 ? '' : [lines[first]!, ...more].map((text) => text.trim()).join(' ');
    const expected = report.diagnosis.server.signals.slice(0, 2).map((signal) => signal.label);
    expect(line).toContain('high confidence');
    for (const label of expected) expect(line).toContain(label);
    expect(cli.stdout).not.toMatch(/look for a setting named like/i);
  });
});
