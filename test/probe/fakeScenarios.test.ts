import { describe, expect, it } from 'vitest';
import type { FakeServerScript } from '../../src/fakeServer/fakeServerScript.js';
import type { ProbeOptions } from '../../src/probe/types.js';
import { findingIds, offLoopback, probeFake, probeTarget } from '../support/probeHelpers.js';
import { closedPort } from '../support/scriptServer.js';

interface Row {
  readonly title: string;
  readonly script: FakeServerScript;
  readonly options?: Partial<ProbeOptions>;
  readonly findings: readonly string[];
  readonly absent?: readonly string[];
  readonly exitCode: number;
}

// Every finding the foundation promises, driven by the fake server.
const rows: readonly Row[] = [
  { title: 'healthy server, TLS off', script: {}, options: { tls: 'off' }, findings: [], exitCode: 0 },
  {
    title: 'healthy server without TLS warns about clear text',
    script: {},
    findings: ['tls.not-offered'],
    exitCode: 0,
  },
  {
    title: 'banner never sent',
    script: { greeting: { steps: [] } },
    findings: ['banner.missing'],
    exitCode: 4,
  },
  {
    title: '421 on connect',
    script: { greeting: { steps: [{ lines: ['421 Too many users, try later.'] }, { close: 'end' }] } },
    findings: ['banner.service-unavailable'],
    exitCode: 4,
  },
  {
    title: 'close right after accept',
    script: { greeting: { close: 'end' } },
    findings: ['banner.closed'],
    exitCode: 4,
  },
  {
    title: 'anonymous login refused',
    script: { anonymous: false },
    options: { tls: 'off' },
    findings: ['login.anonymous-refused'],
    exitCode: 6,
  },
  {
    title: 'vsftpd OOPS after PASS is a server error, not a refused login',
    script: { replies: { PASS: '500 OOPS: cannot change directory:/srv/ftp' } },
    options: { tls: 'off' },
    findings: ['login.server-error'],
    absent: ['login.anonymous-refused'],
    exitCode: 6,
  },
  {
    title: 'wrong password',
    script: { users: { alice: 'right' } },
    options: { tls: 'off', user: 'alice', password: 'wrong' },
    findings: ['login.refused'],
    exitCode: 6,
  },
  {
    title: 'EPSV refused, PASV works',
    script: { replies: { EPSV: '500 Unknown command.' } },
    options: { tls: 'off' },
    findings: ['epsv.refused'],
    absent: ['passive.none'],
    exitCode: 0,
  },
  {
    title: 'PASV refused, EPSV works',
    script: { replies: { PASV: '502 Command not implemented.' } },
    options: { tls: 'off' },
    findings: ['pasv.refused'],
    exitCode: 0,
  },
  {
    title: 'EPSV and PASV both refused',
    script: { replies: { EPSV: '500 Unknown command.', PASV: '550 Permission denied.' } },
    options: { tls: 'off' },
    findings: ['passive.none'],
    absent: ['epsv.refused', 'pasv.refused'],
    exitCode: 7,
  },
  {
    title: 'PASV advertises a private address',
    script: { pasvAdvertise: '10.0.0.5' },
    options: { tls: 'off' },
    findings: ['pasv.address-private'],
    exitCode: 0,
  },
  {
    title: 'PASV advertises another loopback address',
    script: { pasvAdvertise: '127.0.0.2' },
    options: { tls: 'off' },
    findings: ['pasv.address-loopback'],
    exitCode: 0,
  },
  {
    title: 'PASV advertises a different public address',
    script: { pasvAdvertise: '203.0.113.9' },
    options: { tls: 'off' },
    findings: ['pasv.address-different'],
    exitCode: 0,
  },
  {
    title: 'PASV advertises 0.0.0.0',
    script: { pasvAdvertise: '0.0.0.0' },
    options: { tls: 'off' },
    findings: ['pasv.address-unspecified'],
    exitCode: 0,
  },
  {
    title: 'data ports closed in both modes',
    script: { dataPort: 'closed' },
    options: { tls: 'off' },
    findings: ['data.port-closed'],
    exitCode: 8,
  },
  {
    title: 'data port closed in PASV only',
    script: { dataPort: { pasv: 'closed' } },
    options: { tls: 'off' },
    findings: ['data.port-closed'],
    exitCode: 8,
  },
  {
    title: 'listing refused with 550',
    script: { transferReplies: { opening: '550 Failed to open directory.' } },
    options: { tls: 'off' },
    findings: ['transfer.refused'],
    exitCode: 9,
  },
  {
    title: 'listing refused with 450',
    script: { transferReplies: { opening: '450 Directory busy.' } },
    options: { tls: 'off' },
    findings: ['transfer.refused'],
    exitCode: 9,
  },
  {
    title: 'listing refused with 425',
    script: { transferReplies: { opening: "425 Can't open data connection." } },
    options: { tls: 'off' },
    findings: ['transfer.refused'],
    exitCode: 9,
  },
  {
    title: 'transfer aborted with 426',
    script: { transferReplies: { completion: '426 Connection closed; transfer aborted.' } },
    options: { tls: 'off' },
    findings: ['transfer.failed'],
    exitCode: 9,
  },
  {
    title: 'transfer failed with 451',
    script: { transferReplies: { completion: '451 Local error in processing.' } },
    options: { tls: 'off' },
    findings: ['transfer.failed'],
    exitCode: 9,
  },
  {
    title: 'data connection accepts and stays silent',
    script: { dataPort: 'accept-silent' },
    options: { tls: 'off' },
    findings: ['transfer.data-timeout'],
    exitCode: 9,
  },
];

describe('probe + diagnosis against the fake server', () => {
  it.each(rows)('$title', async (row) => {
    const report = await probeFake(row.script, row.options);
    const ids = findingIds(report);
    for (const id of row.findings) expect(ids).toContain(id);
    for (const id of row.absent ?? []) expect(ids).not.toContain(id);
    expect(report.diagnosis.verdict.exitCode).toBe(row.exitCode);
  });

  it('connection refused is exit 3 with connect.refused', async () => {
    const port = await closedPort();
    const report = await probeTarget(`127.0.0.1:${port}`);
    expect(findingIds(report)).toEqual(['connect.refused']);
    expect(report.diagnosis.verdict.exitCode).toBe(3);
    expect(report.probe.steps.filter((s) => !s.ran).map((s) => s.name)).toContain('banner');
  });

  it('an unknown host name is exit 3 with dns.not-found (resolver injected, no DNS traffic)', async () => {
    const lookup = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    const report = await probeTarget('no-such-host.example', {}, { lookup });
    expect(findingIds(report)).toEqual(['dns.not-found']);
    expect(report.diagnosis.verdict.exitCode).toBe(3);
  });

  it('the data-port finding names both modes and the observed ports, and its fixes use them', async () => {
    const report = await probeFake({ dataPort: 'closed' }, { tls: 'off' });
    const finding = report.diagnosis.findings.find((f) => f.id === 'data.port-closed')!;
    const epsvPort = report.probe.steps.find((s) => s.name === 'epsv')!.data as { port: number };
    expect(finding.title).toContain(`EPSV port ${epsvPort.port}`);
    expect(finding.title).toContain('PASV port');
    // On loopback a refused port the server had just announced can only be a filter on this host
    // (or a server that does not listen where it said): host packet-filter advice, never cloud or
    // container advice.
    const firewallDialects = finding.fixes.filter((f) => f.audience === 'firewall').map((f) => f.dialect);
    expect(
      firewallDialects.every((d) =>
        ['packet-filter', 'iptables', 'nftables', 'ufw', 'firewalld'].includes(d),
      ),
    ).toBe(true);
    expect(finding.fixes.some((f) => f.audience === 'network')).toBe(false);
    const generic = finding.fixes.find((f) => f.audience === 'server' && f.dialect === 'generic');
    expect(generic?.text).toMatch(/passive \(PASV\) port range to \d+–\d+/);
    expect(finding.detail).toContain(`Ports seen: `);
    expect(finding.detail).toContain(String(epsvPort.port));
  });

  it('a listing that stops midway: over loopback the server stopped; routed, the path MTU is named with its fixes', async () => {
    const fast = { tls: 'off', dataTimeoutMs: 400, replyTimeoutMs: 400 } as const;
    const midway = await probeFake({ dataPort: 'stall-midway' }, fast);
    const received = (midway.probe.steps.find((s) => s.name === 'transfer')!.data as { bytes: number }).bytes;
    expect(received).toBeGreaterThan(0);
    const local = midway.diagnosis.findings.find((f) => f.id === 'transfer.data-timeout')!;
    expect(local.detail).toMatch(new RegExp(`^${received} bytes of the listing arrived`));
    expect(local.detail).toContain('so the server stopped sending');
    expect(local.detail).not.toContain('MTU');
    expect(local.fixes).toEqual([]);
    // The proof reads in time order: 150, the bytes, then the silence.
    expect(local.evidence.map((e) => e.kind)).toEqual(['reply', 'observation', 'error']);
    expect(local.evidence[1]).toEqual({
      kind: 'observation',
      text: `${received} bytes received over the data connection`,
    });

    const routed = offLoopback(midway).diagnosis.findings.find((f) => f.id === 'transfer.data-timeout')!;
    expect(routed.detail).toContain('path-MTU black hole');
    expect(routed.fixes.map((f) => f.title)).toEqual(
      expect.arrayContaining([
        'Check the path MTU in both directions',
        expect.stringMatching(/clamp the MSS \(nftables\)/),
      ]),
    );

    const silent = await probeFake({ dataPort: 'accept-silent' }, fast);
    const never = silent.diagnosis.findings.find((f) => f.id === 'transfer.data-timeout')!;
    expect(never.detail).not.toContain('MTU');
    expect(never.detail).toContain('run again with a longer --data-timeout');
    expect(never.fixes).toEqual([]);
  });

  it('never connects to a private address that PASV advertises', async () => {
    const report = await probeFake({ pasvAdvertise: '10.0.0.5' }, { tls: 'off', trustPasvAddress: false });
    const pasv = report.probe.steps.find((s) => s.name === 'pasv')!.data as {
      advertisedPortTest: unknown;
      portTest: { host: string };
    };
    expect(pasv.advertisedPortTest).toBeNull();
    expect(pasv.portTest.host).toBe('127.0.0.1');
  });

  it('records every step with a duration and lists the directory', async () => {
    const report = await probeFake({}, { tls: 'off' });
    const names = report.probe.steps.map((s) => s.name);
    expect(names).toEqual([
      'resolve',
      'connect',
      'banner',
      'features',
      'tls',
      'login',
      'epsv',
      'pasv',
      'transfer',
      'quit',
    ]);
    const transfer = report.probe.steps.find((s) => s.name === 'transfer')!.data as {
      entries: number;
      command: string;
    };
    expect(transfer.entries).toBeGreaterThan(0);
    expect(transfer.command).toBe('MLSD');
    expect(report.probe.transcript.some((e) => e.text === 'PASS ****')).toBe(true);
    expect(JSON.stringify(report)).not.toContain('test@ftp-doctor');
  });
});
