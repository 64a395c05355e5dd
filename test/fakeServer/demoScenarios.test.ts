import { describe, expect, it } from 'vitest';
import { DEMO_SCENARIOS } from '../../src/fakeServer/demoScenarios.js';
import { startFakeFtpServer } from '../../src/fakeServer/fakeFtpServer.js';
import {
  openDataConnection,
  parseEpsvPort,
  parsePasvAddress,
  RawFtpClient,
} from '../support/rawFtpClient.js';

async function withScenario(name: string, check: (client: RawFtpClient) => Promise<void>): Promise<void> {
  const scenario = DEMO_SCENARIOS[name];
  if (!scenario) throw new Error(`no scenario ${name}`);
  const server = await startFakeFtpServer(await scenario.script());
  const client = await RawFtpClient.connect(server.host, server.port);
  try {
    await check(client);
  } finally {
    client.destroy();
    await server.close();
  }
}

async function login(client: RawFtpClient): Promise<number> {
  await client.command('USER anonymous');
  return (await client.command('PASS demo@example.com')).code;
}

describe('DEMO_SCENARIOS', () => {
  it('names the required scenarios, each with a title and a description', () => {
    expect(Object.keys(DEMO_SCENARIOS)).toEqual(
      expect.arrayContaining(['healthy', 'epsv-refused', 'pasv-private-address', 'data-port-closed']),
    );
    for (const scenario of Object.values(DEMO_SCENARIOS)) {
      expect(scenario.title.length).toBeGreaterThan(5);
      expect(scenario.description.length).toBeGreaterThan(20);
    }
  });

  it('every scenario starts on loopback and closes cleanly', async () => {
    for (const scenario of Object.values(DEMO_SCENARIOS)) {
      const server = await startFakeFtpServer(await scenario.script());
      expect(server.host).toBe('127.0.0.1');
      await server.close();
    }
  });

  it('healthy: login and a listing over EPSV', () =>
    withScenario('healthy', async (client) => {
      expect((await client.reply()).code).toBe(220);
      expect(await login(client)).toBe(230);
      const data = openDataConnection('127.0.0.1', parseEpsvPort(await client.command('EPSV')));
      expect((await client.command('LIST')).code).toBe(150);
      expect((await client.reply()).code).toBe(226);
      expect((await data.done).body.length).toBeGreaterThan(0);
    }));

  it('epsv-refused: EPSV 500, PASV 227', () =>
    withScenario('epsv-refused', async (client) => {
      await client.reply();
      await login(client);
      expect((await client.command('EPSV')).code).toBe(500);
      expect((await client.command('PASV')).code).toBe(227);
    }));

  it('pasv-private-address: 227 names 10.0.0.5 while the port answers on 127.0.0.1', () =>
    withScenario('pasv-private-address', async (client) => {
      await client.reply();
      await login(client);
      const address = parsePasvAddress(await client.command('PASV'));
      expect(address.host).toBe('10.0.0.5');
      await openDataConnection('127.0.0.1', address.port).connected;
    }));

  it('data-port-closed: both passive modes advertise refusing ports', () =>
    withScenario('data-port-closed', async (client) => {
      await client.reply();
      await login(client);
      const epsv = openDataConnection('127.0.0.1', parseEpsvPort(await client.command('EPSV')));
      await expect(epsv.connected).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      const pasv = openDataConnection('127.0.0.1', parsePasvAddress(await client.command('PASV')).port);
      await expect(pasv.connected).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    }));

  it('login-refused and server-busy-421 fail where they say', async () => {
    await withScenario('login-refused', async (client) => {
      await client.reply();
      expect(await login(client)).toBe(530);
    });
    await withScenario('server-busy-421', async (client) => {
      expect((await client.reply()).code).toBe(421);
      expect(await client.closed()).toBe('end');
    });
  });
});
