import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { pidIsAlive } from '../support/daemonProcess.js';
import { namespaceExists, netnsSkipReason, withTestNamespace } from '../support/netns.js';
import { parsePasvAddress, RawFtpClient } from '../support/rawFtpClient.js';
import { realServerSkipReason, startVsftpd } from '../support/realServers.js';

/** What a plain TCP connect saw: connected, an errno, or nothing before the timeout. */
type ConnectResult = { readonly connected: true } | { readonly errno: string } | { readonly timedOut: true };

function tryConnect(host: string, port: number, timeoutMs: number): Promise<ConnectResult> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const finish = (result: ConnectResult): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ timedOut: true }), timeoutMs);
    socket.once('connect', () => finish({ connected: true }));
    socket.once('error', (error: NodeJS.ErrnoException) => finish({ errno: error.code ?? error.message }));
  });
}

const skip = netnsSkipReason() ?? realServerSkipReason('vsftpd');

describe.skipIf(skip !== null)(`network namespace harness${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('runs vsftpd inside, reaches it over the veth pair, and tells DROP, RESET and ICMP apart', async () => {
    let namespaceName = '';
    let hostInterface = '';
    let serverPid = 0;
    await withTestNamespace(async (namespace) => {
      namespaceName = namespace.name;
      hostInterface = namespace.hostInterface;
      expect(namespace.namespaceAddress).toMatch(/^198\.18\.\d+\.2$/);
      const server = await startVsftpd({ netns: namespace.name, host: namespace.namespaceAddress });
      serverPid = server.pid;
      try {
        const client = await RawFtpClient.connect(server.host, server.port);
        try {
          expect((await client.reply()).code).toBe(220);
          await client.command('USER anonymous');
          expect((await client.command('PASS doctor@example.com')).code).toBe(230);
          const address = parsePasvAddress(await client.command('PASV'));
          expect(address.host).toBe(namespace.namespaceAddress);
          expect(await tryConnect(address.host, address.port, 2000)).toEqual({ connected: true });
        } finally {
          client.destroy();
        }

        const { low } = server.passiveRange;
        await namespace.setFirewall([
          { ports: low, verdict: 'drop' },
          { ports: low + 1, verdict: 'reset' },
          { ports: low + 2, verdict: 'icmp-admin-prohibited' },
          { ports: low + 3, verdict: 'icmp-port-unreachable' },
        ]);
        const host = namespace.namespaceAddress;
        const [dropped, reset, prohibited, unreachable, closed] = await Promise.all([
          tryConnect(host, low, 700),
          tryConnect(host, low + 1, 3000),
          tryConnect(host, low + 2, 3000),
          tryConnect(host, low + 3, 3000),
          tryConnect(host, low + 4, 3000),
        ]);
        expect(dropped).toEqual({ timedOut: true });
        expect(reset).toEqual({ errno: 'ECONNREFUSED' });
        // Linux reports an ICMP admin-prohibited answer to a SYN as EHOSTUNREACH.
        expect(prohibited).toEqual({ errno: 'EHOSTUNREACH' });
        // A port-unreachable answer looks exactly like a RST to the client.
        expect(unreachable).toEqual({ errno: 'ECONNREFUSED' });
        expect(closed).toEqual({ errno: 'ECONNREFUSED' });

        // The control port can be filtered just the same.
        await namespace.setFirewall([{ ports: server.port, verdict: 'reset' }]);
        expect(await tryConnect(host, server.port, 3000)).toEqual({ errno: 'ECONNREFUSED' });
        await namespace.setFirewall([]);
        expect(await tryConnect(host, server.port, 3000)).toEqual({ connected: true });
      } finally {
        await server.stop();
      }
    });
    expect(pidIsAlive(serverPid)).toBe(false);
    expect(await namespaceExists(namespaceName)).toBe(false);
    const { execFileSync } = await import('node:child_process');
    expect(() => execFileSync('ip', ['link', 'show', hostInterface], { stdio: 'ignore' })).toThrow();
  });

  it('removes the namespace even when the body fails', async () => {
    let name = '';
    await expect(
      withTestNamespace(async (namespace) => {
        name = namespace.name;
        throw new Error('body failed');
      }),
    ).rejects.toThrow('body failed');
    expect(await namespaceExists(name)).toBe(false);
  });
});
