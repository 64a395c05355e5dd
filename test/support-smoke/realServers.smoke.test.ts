import { afterEach, describe, expect, it } from 'vitest';
import { pidIsAlive } from '../support/daemonProcess.js';
import { openDataConnection, parsePasvAddress, RawFtpClient } from '../support/rawFtpClient.js';
import {
  type RealServer,
  type RealServerName,
  realServerSkipReason,
  START_REAL_SERVER,
} from '../support/realServers.js';
import { TEST_FILE_NAME } from '../support/testUser.js';

const started: RealServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((server) => server.stop()));
});

const SERVERS: readonly RealServerName[] = ['vsftpd', 'proftpd', 'pure-ftpd'];

for (const name of SERVERS) {
  const skip = realServerSkipReason(name);
  describe.skipIf(skip !== null)(`${name} harness${skip ? ` (skipped: ${skip})` : ''}`, () => {
    it('starts, greets, lets anonymous in, lists over PASV, and stops by pid', async () => {
      const server = await START_REAL_SERVER[name]();
      started.push(server);
      expect(server.host).toMatch(/^127\./);
      expect(pidIsAlive(server.pid)).toBe(true);

      const client = await RawFtpClient.connect(server.host, server.port);
      try {
        expect((await client.reply()).code).toBe(220);
        const user = await client.command('USER anonymous');
        if (user.code === 331) expect((await client.command('PASS doctor@example.com')).code).toBe(230);
        else expect(user.code).toBe(230);
        const address = parsePasvAddress(await client.command('PASV'));
        expect(address.host).toBe(server.host);
        expect(address.port).toBeGreaterThanOrEqual(server.passiveRange.low);
        expect(address.port).toBeLessThanOrEqual(server.passiveRange.high);
        const data = openDataConnection(address.host, address.port);
        await data.connected;
        expect((await client.command('LIST')).code).toBe(150);
        expect((await client.reply()).code).toBe(226);
        expect((await data.done).body.toString()).toContain(TEST_FILE_NAME);
        expect((await client.command('QUIT')).code).toBe(221);
      } finally {
        client.destroy();
      }

      await server.stop();
      expect(pidIsAlive(server.pid)).toBe(false);
      const refused = openDataConnection(server.host, server.port, { timeoutMs: 1000 });
      await expect(refused.connected).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    });
  });
}
