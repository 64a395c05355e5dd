import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findStep } from '../../src/probe/types.js';
import { LoopbackFirewall } from '../support/loopbackFirewall.js';
import { findingIds, probeTarget } from '../support/probeHelpers.js';
import { type RealServer, realServerSkipReason, startVsftpd } from '../support/realServers.js';

const skip = realServerSkipReason('vsftpd');

// Against a real vsftpd: IPv6, active mode, and the passive-range map.
describe.skipIf(skip !== null)(`real vsftpd data paths${skip ? ` (skipped: ${skip})` : ''}`, () => {
  describe('listening on ::1', () => {
    let server: RealServer;
    beforeAll(async () => {
      server = await startVsftpd({ host: '::1' });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('EPSV works, PASV answers 227 with 0.0.0.0 — harmless, reported as information', async () => {
      const report = await probeTarget(`[::1]:${server.port}`, { tls: 'off' });
      expect(report.diagnosis.verdict.exitCode).toBe(0);
      expect(findStep(report.probe, 'transfer')?.data?.via).toBe('epsv');
      expect(findingIds(report)).toContain('pasv.refused-ipv6');
      expect(report.diagnosis.findings.filter((f) => f.severity !== 'info').map((f) => f.id)).toEqual([]);
    });
  });

  describe('on 127.x', () => {
    let server: RealServer;
    let firewall: LoopbackFirewall | null = null;
    beforeAll(async () => {
      server = await startVsftpd({ passiveRange: undefined });
    });
    afterAll(async () => {
      await firewall?.remove();
      await server?.stop();
    });

    it('--active: vsftpd connects back for EPRT and PORT', async () => {
      const report = await probeTarget(`${server.host}:${server.port}`, { tls: 'off', active: true });
      const attempts = findStep(report.probe, 'active')?.data?.attempts ?? [];
      expect(attempts.map((a) => [a.command, a.reply?.code, a.connectedBack])).toEqual([
        ['EPRT', 200, true],
        ['PORT', 200, true],
      ]);
      expect(attempts[0]!.transferReply?.code).toBe(226);
      expect(findingIds(report)).toContain('active.works');
    });

    it('--scan-range draws the exact reachable/filtered split a firewall makes', async () => {
      const { low, high } = server.passiveRange;
      const middle = low + Math.floor((high - low) / 2);
      firewall = await LoopbackFirewall.block(server.host, middle + 1, high, 'drop');
      try {
        const report = await probeTarget(`${server.host}:${server.port}`, {
          tls: 'off',
          dataTimeoutMs: 800,
          scanRange: { low, high },
        });
        const scan = findStep(report.probe, 'scan')?.data;
        expect(scan?.runs).toEqual([
          { low, high: middle, outcome: 'open' },
          { low: middle + 1, high, outcome: 'filtered' },
        ]);
        const finding = report.diagnosis.findings.find((f) => f.id === 'scan.partly-blocked');
        expect(finding).toBeDefined();
        const nft = finding!.fixes.find((f) => f.dialect === 'nftables');
        expect(nft?.text).toContain(middle + 1 === high ? `dport ${high}` : `dport ${middle + 1}-${high}`);
        expect(report.diagnosis.verdict.exitCode).toBe(8);
      } finally {
        await firewall.remove();
        firewall = null;
      }
    });
  });
});
