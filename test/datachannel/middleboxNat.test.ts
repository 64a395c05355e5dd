import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateReportJson } from '../report/schema.js';
import { generateServerCertificate, type ServerCertificate } from '../support/certs.js';
import { netnsSkipReason } from '../support/netns.js';
import { realServerSkipReason } from '../support/realServers.js';
import { looksLikeStackTrace } from '../support/runCli.js';
import { createRoutedNetwork, FTP_PORT, PASSIVE_RANGE, type RoutedNetwork } from './routedNetwork.js';

const skip = netnsSkipReason() ?? realServerSkipReason('vsftpd');

interface JsonReport {
  readonly findings: {
    readonly id: string;
    readonly detail: string;
    readonly fixes: { readonly text: string }[];
  }[];
  readonly steps: { readonly name: string; readonly data: Record<string, unknown> | null }[];
}

/**
 * natGateway: a port forward of the control port and the passive range from the router's address
 * to the server, masquerading towards it, and (with `helper`) the kernel's FTP helper on the
 * control port, which rewrites the address in plain PASV replies (nf_nat_ftp).
 */
function natGateway(network: RoutedNetwork, helper: boolean): string {
  return `
table ip dc_nat {}
delete table ip dc_nat
table ip dc_nat {
  ${helper ? 'ct helper ftp-control { type "ftp" protocol tcp; }' : ''}
  chain prerouting {
    type nat hook prerouting priority dstnat; policy accept;
    ip daddr ${network.routerAddress} tcp dport { ${FTP_PORT}, ${PASSIVE_RANGE.low}-${PASSIVE_RANGE.high} } dnat to ${network.serverAddresses[0]}
  }
  chain helpers {
    type filter hook prerouting priority filter; policy accept;
    ${helper ? `tcp dport ${FTP_PORT} ct helper set "ftp-control"` : ''}
  }
  chain postrouting {
    type nat hook postrouting priority srcnat; policy accept;
    oifname "rs1" masquerade
  }
}
`;
}

// A NAT router with the kernel's FTP helper in front of a real vsftpd that announces its own,
// internal address: the helper rewrites plain PASV replies and cannot touch the TLS ones.
describe.skipIf(skip !== null)(`FTP-rewriting NAT router${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let network: RoutedNetwork;
  let cert: ServerCertificate;
  beforeAll(async () => {
    network = await createRoutedNetwork(1);
    cert = await generateServerCertificate([network.routerAddress]);
  }, 30_000);
  afterAll(async () => {
    await network?.remove();
    await cert?.remove();
  });

  const probe = () =>
    network.runCli([
      `${network.routerAddress}:${FTP_PORT}`,
      '--tls',
      'explicit',
      '--ca',
      cert.certPath,
      '--json',
    ]);

  it('plain PASV arrives rewritten, the TLS one does not: the rewriting device is named', async () => {
    const server = await network.startVsftpd(0, { tls: { mode: 'explicit', certificate: cert } });
    try {
      await network.nft(network.router, natGateway(network, true));
      const run = await probe();
      expect(looksLikeStackTrace(run.stderr)).toBe(false);
      const report = (JSON.parse(run.stdout) as { targets: JsonReport[] }).targets[0]!;
      const middlebox = report.steps.find((s) => s.name === 'middlebox')?.data;
      expect(middlebox).toMatchObject({
        tlsAdvertisedHost: network.serverAddresses[0],
        plainAdvertisedHost: network.routerAddress,
        rewritten: true,
      });
      const found = report.findings.find((f) => f.id === 'middlebox.pasv-rewritten');
      expect(found?.detail).toContain('nf_nat_ftp');
      expect(validateReportJson(JSON.parse(run.stdout)).errors).toEqual([]);
      expect(found?.fixes.map((fix) => fix.text).join('\n')).toContain(
        `pasv_address=${network.routerAddress}`,
      );
    } finally {
      await server.stop();
    }
  }, 60_000);

  it('the same NAT without the FTP helper: plain and TLS PASV agree, no rewriting is reported', async () => {
    const server = await network.startVsftpd(0, { tls: { mode: 'explicit', certificate: cert } });
    try {
      await network.nft(network.router, natGateway(network, false));
      const run = await probe();
      const report = (JSON.parse(run.stdout) as { targets: JsonReport[] }).targets[0]!;
      expect(report.steps.find((s) => s.name === 'middlebox')?.data).toMatchObject({
        plainAdvertisedHost: network.serverAddresses[0],
        rewritten: false,
      });
      expect(report.findings.map((f) => f.id)).not.toContain('middlebox.pasv-rewritten');
    } finally {
      await server.stop();
    }
  }, 60_000);

  it('a server that announces the public address itself: healthy, no comparison needed, nothing reported', async () => {
    const server = await network.startVsftpd(0, {
      tls: { mode: 'explicit', certificate: cert },
      pasvAddress: network.routerAddress,
    });
    try {
      await network.nft(network.router, natGateway(network, true));
      const run = await probe();
      const report = (JSON.parse(run.stdout) as { targets: JsonReport[] }).targets[0]!;
      expect(report.steps.map((s) => s.name)).not.toContain('middlebox');
      expect(report.findings.map((f) => f.id)).not.toContain('middlebox.pasv-rewritten');
      expect(run.code).toBe(0);
    } finally {
      await server.stop();
    }
  }, 60_000);
});
