import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TargetReport } from '../../src/knowledge/types.js';
import { findStep } from '../../src/probe/types.js';
import { generateServerCertificate, type ServerCertificate } from '../support/certs.js';
import { uniqueLoopbackAddress } from '../support/loopbackPorts.js';
import { findingIds, probeTarget } from '../support/probeHelpers.js';
import type { RealServerOptions, RealServerTls } from '../support/realServerOptions.js';
import {
  type RealServer,
  realServerSkipReason,
  startProftpd,
  startVsftpd,
  TEST_USER,
} from '../support/realServers.js';
import { createUploadDirectory, type UploadDirectory } from './uploadDirectory.js';

const hostPort = (server: RealServer) => `${server.host}:${server.port}`;
const account = { user: TEST_USER.name, password: TEST_USER.password, tls: 'explicit' as const };

function problems(report: TargetReport): string[] {
  return report.diagnosis.findings.filter((f) => f.severity !== 'info').map((f) => f.id);
}

function policy(report: TargetReport) {
  const transfer = findStep(report.probe, 'transfer')?.data;
  return {
    protocol: findStep(report.probe, 'tls')?.data?.protocol,
    listing: transfer?.finalReply?.code,
    resumed: transfer?.tlsSessionReused,
    required: transfer?.reuseRequired,
  };
}

type TlsVariant = Omit<RealServerTls, 'mode' | 'certificate'>;

/**
 * TlsPair: servers of one kind, each on a loopback address of its own with one certificate for
 * all, that differ only in their TLS options; filled in before the describe's tests run.
 */
interface TlsPair<Name extends string> {
  readonly servers: Record<Name, RealServer>;
  cert: ServerCertificate;
}

/** tlsPair starts the servers before the describe's tests (beforeAll) and stops them after. */
function tlsPair<Name extends string>(
  start: (options: RealServerOptions) => Promise<RealServer>,
  base: () => Promise<RealServerOptions> | RealServerOptions,
  variants: Record<Name, TlsVariant>,
): TlsPair<Name> {
  const names = Object.keys(variants) as Name[];
  const hosts = names.map(() => uniqueLoopbackAddress());
  const pair = { servers: {} as Record<Name, RealServer> } as TlsPair<Name>;
  beforeAll(async () => {
    pair.cert = await generateServerCertificate(hosts);
    const local = await base();
    const started = await Promise.all(
      names.map((name, index) =>
        start({
          ...local,
          host: hosts[index],
          tls: { mode: 'explicit', certificate: pair.cert, ...variants[name] },
        }),
      ),
    );
    names.forEach((name, index) => {
      pair.servers[name] = started[index]!;
    });
  }, 30_000);
  afterAll(async () => {
    await Promise.all(names.map((name) => pair.servers[name]?.stop()));
  });
  return pair;
}

// TLS data-channel policy: whether the server insists that data connections resume the control
// connection's TLS session, measured under TLS 1.2 and TLS 1.3 (--tls-version), with
// ftp-doctor's own resumption working under both (it waits for the TLS 1.3 ticket).
const vsftpdSkip = realServerSkipReason('vsftpd');
describe.skipIf(vsftpdSkip !== null)(
  `TLS data policy, real vsftpd${vsftpdSkip ? ` (skipped: ${vsftpdSkip})` : ''}`,
  () => {
    const local = { anonymous: false, localUser: true };
    const pair = tlsPair(startVsftpd, () => local, {
      reuse: { requireSessionReuse: true },
      free: { requireSessionReuse: false },
    });

    for (const version of ['1.2', '1.3'] as const) {
      it(`require_ssl_reuse=YES under TLS ${version}: ftp-doctor resumes, and the requirement is named with its setting`, async () => {
        const report = await probeTarget(hostPort(pair.servers.reuse), {
          ...account,
          ca: pair.cert.cert,
          tlsVersion: version,
        });
        expect(policy(report)).toEqual({
          protocol: `TLSv${version}`,
          listing: 226,
          resumed: true,
          required: true,
        });
        const found = report.diagnosis.findings.find((f) => f.id === 'transfer.tls-session-reuse');
        // A protection vsftpd turns on by default: no fix that weakens it, a client note instead.
        expect(found?.fixes.map((fix) => fix.text).join('\n')).not.toContain('require_ssl_reuse=NO');
        expect(found?.fixes.map((fix) => fix.audience)).toEqual(['client']);
        expect(findingIds(report)).not.toContain('tls.data-resumption-policy');
        expect(problems(report)).toEqual([]);
      });

      it(`require_ssl_reuse=NO under TLS ${version}: both kinds of data connection are accepted`, async () => {
        const report = await probeTarget(hostPort(pair.servers.free), {
          ...account,
          ca: pair.cert.cert,
          tlsVersion: version,
        });
        expect(policy(report)).toEqual({
          protocol: `TLSv${version}`,
          listing: 226,
          resumed: true,
          required: false,
        });
        expect(findingIds(report)).toContain('tls.data-resumption-policy');
        const policyFixes = report.diagnosis.findings.find(
          (f) => f.id === 'tls.data-resumption-policy',
        )?.fixes;
        expect(policyFixes?.map((fix) => fix.text).join('\n')).toContain('require_ssl_reuse=YES');
        expect(findingIds(report)).not.toContain('transfer.tls-session-reuse');
        expect(problems(report)).toEqual([]);
      });
    }
  },
);

const proftpdSkip = realServerSkipReason('proftpd');
describe.skipIf(proftpdSkip !== null)(
  `TLS data policy, real ProFTPD${proftpdSkip ? ` (skipped: ${proftpdSkip})` : ''}`,
  () => {
    const local = { anonymous: false, localUser: true };
    // mod_tls requires session reuse by default: the first server keeps that default.
    const pair = tlsPair(startProftpd, () => local, {
      reuse: {},
      free: { requireSessionReuse: false },
    });

    for (const version of ['1.2', '1.3'] as const) {
      it(`mod_tls default under TLS ${version}: session reuse required, named with TLSOptions NoSessionReuseRequired`, async () => {
        const report = await probeTarget(hostPort(pair.servers.reuse), {
          ...account,
          ca: pair.cert.cert,
          tlsVersion: version,
        });
        expect(policy(report)).toEqual({
          protocol: `TLSv${version}`,
          listing: 226,
          resumed: true,
          required: true,
        });
        const found = report.diagnosis.findings.find((f) => f.id === 'transfer.tls-session-reuse');
        expect(found?.fixes.map((fix) => fix.audience)).toEqual(['client']);
      });

      it(`TLSOptions NoSessionReuseRequired under TLS ${version}: both accepted`, async () => {
        const report = await probeTarget(hostPort(pair.servers.free), {
          ...account,
          ca: pair.cert.cert,
          tlsVersion: version,
        });
        expect(policy(report)).toEqual({
          protocol: `TLSv${version}`,
          listing: 226,
          resumed: true,
          required: false,
        });
        expect(findingIds(report)).toContain('tls.data-resumption-policy');
      });
    }
  },
);

// An upload whose TLS data connection ends without close_notify: vsftpd with
// strict_ssl_read_eof=YES counts it as a failed transfer; with NO it accepts the bare EOF.
describe.skipIf(vsftpdSkip !== null)(
  `close_notify on uploads, real vsftpd${vsftpdSkip ? ` (skipped: ${vsftpdSkip})` : ''}`,
  () => {
    let uploads: UploadDirectory;
    // Registered first, so it runs after the servers have stopped.
    afterAll(async () => {
      await uploads?.remove();
    });
    const pair = tlsPair(
      startVsftpd,
      async () => {
        uploads = await createUploadDirectory();
        return { anonymous: false, localUser: true, writable: true, localRoot: uploads.path };
      },
      { strict: { strictReadEof: true }, lenient: { strictReadEof: false } },
    );
    const writeTest = { writeTest: { directory: null, sizeBytes: 8192, allowAnonymous: false } };

    it('strict_ssl_read_eof=YES: the upload without close_notify is refused, and named', async () => {
      const report = await probeTarget(hostPort(pair.servers.strict), {
        ...account,
        ca: pair.cert.cert,
        ...writeTest,
      });
      const write = findStep(report.probe, 'write')?.data;
      expect(write?.sha256Received).toBe(write?.sha256Sent);
      expect(write?.withoutCloseNotify?.finalReply?.code).toBeGreaterThanOrEqual(400);
      expect(findingIds(report)).toContain('tls.data-close-notify-required');
      expect(write?.leftovers).toEqual([]);
    });

    it('strict_ssl_read_eof=NO: both uploads succeed and nothing is reported about close_notify', async () => {
      const report = await probeTarget(hostPort(pair.servers.lenient), {
        ...account,
        ca: pair.cert.cert,
        ...writeTest,
      });
      const write = findStep(report.probe, 'write')?.data;
      expect(write?.withoutCloseNotify?.finalReply?.code).toBe(226);
      expect(findingIds(report)).not.toContain('tls.data-close-notify-required');
      expect(problems(report)).toEqual([]);
    });
  },
);
