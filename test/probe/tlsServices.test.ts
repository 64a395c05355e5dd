import type { AddressInfo } from 'node:net';
import { createServer, type Server, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findStep } from '../../src/probe/types.js';
import { generateTestCertificates, type TestCertificates } from '../support/certs.js';
import { findingIds, probeTarget } from '../support/probeHelpers.js';

/** A TLS service that greets (or not) inside TLS: an implicit-FTPS server, or an HTTPS-like one. */
async function tlsService(
  certs: TestCertificates,
  greeting: string | null,
): Promise<{ server: Server; port: number; sockets: Set<TLSSocket> }> {
  const sockets = new Set<TLSSocket>();
  const server = createServer({ cert: certs.selfSigned.cert, key: certs.selfSigned.key }, (socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    if (greeting !== null) socket.write(`${greeting}\r\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, sockets };
}

// A port that is silent to plain clients and completes a TLS handshake is implicit FTPS only if an
// FTP greeting follows inside TLS; an HTTPS server waits for the client instead.
describe('silent ports that speak TLS', () => {
  let certs: TestCertificates;
  beforeAll(async () => {
    certs = await generateTestCertificates();
  });
  const services: { server: Server; sockets: Set<TLSSocket> }[] = [];
  afterAll(async () => {
    for (const s of services) {
      for (const socket of s.sockets) socket.destroy();
      await new Promise<void>((resolve) => s.server.close(() => resolve()));
    }
  });

  it('greets with 220 inside TLS → banner.implicit-tls-port (use ftps://)', async () => {
    const service = await tlsService(certs, '220 implicit FTPS ready');
    services.push(service);
    const report = await probeTarget(`127.0.0.1:${service.port}`, { replyTimeoutMs: 800 });
    expect(findingIds(report)).toContain('banner.implicit-tls-port');
    expect(findStep(report.probe, 'banner')?.data?.implicitTlsCheck?.greetingOverTls).toBe(
      '220 implicit FTPS ready',
    );
    expect(report.diagnosis.verdict.exitCode).toBe(4);
  });

  it('silent inside TLS too → banner.not-ftp (most likely HTTPS), never "use ftps://"', async () => {
    const service = await tlsService(certs, null);
    services.push(service);
    const report = await probeTarget(`127.0.0.1:${service.port}`, { replyTimeoutMs: 800 });
    expect(findingIds(report)).toEqual(['banner.not-ftp']);
    expect(report.diagnosis.findings[0]!.detail).toMatch(/HTTPS/);
    expect(report.diagnosis.verdict.exitCode).toBe(4);
  });
});
