import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findStep } from '../../src/probe/types.js';
import { LoopbackFirewall } from '../support/loopbackFirewall.js';
import { findingIds, probeTarget } from '../support/probeHelpers.js';
import { type RealServer, realServerSkipReason, startVsftpd, TEST_USER } from '../support/realServers.js';
import { looksLikeStackTrace, runCli } from '../support/runCli.js';

const skip = realServerSkipReason('vsftpd');
const target = (server: RealServer) => `${server.host}:${server.port}`;

// A real vsftpd from Debian's package, healthy and misconfigured.
describe.skipIf(skip !== null)(`real vsftpd${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let healthy: RealServer;
  beforeAll(async () => {
    healthy = await startVsftpd();
  });
  afterAll(async () => {
    await healthy?.stop();
  });

  it('healthy anonymous vsftpd: every step works, the software is named, exit 0', async () => {
    const report = await probeTarget(target(healthy), { tls: 'off' });
    expect(report.diagnosis.verdict.exitCode).toBe(0);
    expect(report.diagnosis.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(report.diagnosis.server.software).toBe('vsftpd');
    const transfer = report.probe.steps.find((s) => s.name === 'transfer');
    expect(transfer?.ran).toBe(true);
    const epsv = report.probe.steps.find((s) => s.name === 'epsv')!.data as { port: number };
    expect(epsv.port).toBeGreaterThanOrEqual(healthy.passiveRange.low);
    expect(epsv.port).toBeLessThanOrEqual(healthy.passiveRange.high);
  });

  it('the CLI against vsftpd prints a report and exits 0', async () => {
    const run = await runCli([target(healthy), '--tls', 'off']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/vsftpd/i);
    expect(run.stdout).toMatch(/transfer/);
    expect(looksLikeStackTrace(run.stdout + run.stderr)).toBe(false);
  });

  it('samples reveal the passive range, and data-port fixes use vsftpd keys with it', async () => {
    const report = await probeTarget(target(healthy), { tls: 'off', samples: 6 });
    const epsv = findStep(report.probe, 'epsv')!.data!;
    expect(epsv.samples).toHaveLength(6);
    const range = report.diagnosis.findings.find((f) => f.id === 'passive.range-observed');
    expect(range?.detail).toMatch(/\d+–\d+/);
    for (const sample of epsv.samples) {
      expect(sample.port).toBeGreaterThanOrEqual(healthy.passiveRange.low);
      expect(sample.port).toBeLessThanOrEqual(healthy.passiveRange.high);
    }
  });

  describe('pasv_address naming a loopback address where nothing listens', () => {
    let server: RealServer;
    beforeAll(async () => {
      server = await startVsftpd({ pasvAddress: '127.0.0.99' });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('reports the advertised address and, with --trust-pasv-address, that it does not answer', async () => {
      const plain = await probeTarget(target(server), { tls: 'off' });
      expect(findingIds(plain)).toContain('pasv.address-loopback');
      const pasvFinding = plain.diagnosis.findings.find((f) => f.id === 'pasv.address-loopback')!;
      expect(pasvFinding.fixes.some((f) => f.dialect === 'vsftpd' && f.text.includes('pasv_address'))).toBe(
        true,
      );
      const trusting = await probeTarget(target(server), { tls: 'off', trustPasvAddress: true });
      expect(findingIds(trusting)).toContain('data.advertised-address-fails');
    });
  });

  describe('passive range blocked by a firewall on the loopback address', () => {
    let server: RealServer;
    let firewall: LoopbackFirewall | null = null;
    beforeAll(async () => {
      server = await startVsftpd();
    });
    afterAll(async () => {
      await firewall?.remove();
      await server?.stop();
    });

    it.each([
      { rule: 'reset' as const, id: 'data.port-closed' },
      { rule: 'drop' as const, id: 'data.port-filtered' },
      { rule: 'icmp' as const, id: 'data.port-unreachable' },
    ])('$rule on the passive range → $id, exit 8, fixes name the range', async ({ rule, id }) => {
      firewall = await LoopbackFirewall.block(
        server.host,
        server.passiveRange.low,
        server.passiveRange.high,
        rule,
      );
      try {
        const started = Date.now();
        const report = await probeTarget(target(server), { tls: 'off', dataTimeoutMs: 1000 });
        expect(Date.now() - started).toBeLessThan(10_000);
        expect(findingIds(report)).toContain(id);
        expect(report.diagnosis.verdict.exitCode).toBe(8);
        const finding = report.diagnosis.findings.find((f) => f.id === id)!;
        // vsftpd listened on the ports it announced: the rule that blocks them is looked for first,
        // and vsftpd's own range is read, not rewritten.
        expect(finding.fixes[0]!.dialect).toBe('packet-filter');
        expect(finding.fixes[0]!.text).toContain(
          `nft list ruleset | grep -n ${rule === 'drop' ? 'drop' : 'reject'}`,
        );
        const vsftpdFix = finding.fixes.find((f) => f.dialect === 'vsftpd');
        expect(vsftpdFix?.text).toContain("grep -E 'pasv_m(in|ax)_port' /etc/vsftpd.conf");
        expect(vsftpdFix?.text).not.toMatch(/^pasv_min_port=/m);
        // A reset, silence or an ICMP error from an announced port on loopback all come from the
        // host's own packet filter: its rules, never a cloud or cluster rule.
        const iptables = finding.fixes.find((f) => f.dialect === 'iptables');
        expect(iptables?.text).toMatch(/--dport \d+(:\d+)?/);
        expect(finding.fixes.some((f) => f.dialect === 'aws' || f.dialect === 'kubernetes')).toBe(false);
        expect(finding.detail).not.toMatch(/cloud security group|in front of the server/);
      } finally {
        await firewall.remove();
        firewall = null;
      }
    });
  });

  describe('pasv_enable=NO', () => {
    let server: RealServer;
    beforeAll(async () => {
      server = await startVsftpd({ pasvDisabled: true });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('EPSV and PASV both refused → passive.none, exit 7', async () => {
      const report = await probeTarget(target(server), { tls: 'off' });
      expect(findingIds(report)).toContain('passive.none');
      expect(report.diagnosis.verdict.exitCode).toBe(7);
    });
  });

  describe('anonymous disabled', () => {
    let server: RealServer;
    beforeAll(async () => {
      server = await startVsftpd({ anonymous: false, localUser: true });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('anonymous login refused → exit 6 with a vsftpd fix naming anonymous_enable', async () => {
      // vsftpd (through PAM) delays every failed login by seconds.
      const report = await probeTarget(target(server), { tls: 'off', replyTimeoutMs: 10_000 });
      expect(findingIds(report)).toContain('login.anonymous-refused');
      expect(report.diagnosis.verdict.exitCode).toBe(6);
      const finding = report.diagnosis.findings.find((f) => f.id === 'login.anonymous-refused')!;
      expect(finding.fixes.some((f) => f.dialect === 'vsftpd' && f.text.includes('anonymous_enable'))).toBe(
        true,
      );
    });

    it('a wrong password for a real account → login.refused, exit 6', async () => {
      const report = await probeTarget(target(server), {
        tls: 'off',
        user: TEST_USER.name,
        password: 'definitely-wrong',
        replyTimeoutMs: 10_000,
      });
      expect(findingIds(report)).toContain('login.refused');
      expect(report.diagnosis.verdict.exitCode).toBe(6);
    });
  });
});

describe.skipIf(skip !== null)('vsftpd with local and anonymous access both off', () => {
  let server: RealServer;
  beforeAll(async () => {
    server = await startVsftpd({ anonymous: false, localUser: false });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('greets with 500 OOPS: reported as a bad greeting (exit 4) with vsftpd’s reason explained', async () => {
    const report = await probeTarget(target(server), { tls: 'off' });
    expect(findingIds(report)).toEqual(['banner.unexpected-reply']);
    expect(report.diagnosis.verdict.exitCode).toBe(4);
    expect(report.diagnosis.findings[0]!.detail).toMatch(/local and anonymous/i);
  });
});
