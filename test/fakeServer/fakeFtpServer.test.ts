import { createServer, connect as netConnect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeFtpServer } from '../../src/fakeServer/fakeFtpServer.js';
import type { FakeFtpServer, FakeServerScript } from '../../src/fakeServer/fakeServerScript.js';
import {
  openDataConnection,
  parseEpsvPort,
  parsePasvAddress,
  RawFtpClient,
} from '../support/rawFtpClient.js';

const running: FakeFtpServer[] = [];
const clients: RawFtpClient[] = [];

async function serve(script: FakeServerScript = {}): Promise<FakeFtpServer> {
  const server = await startFakeFtpServer(script);
  running.push(server);
  return server;
}

async function dial(server: FakeFtpServer): Promise<RawFtpClient> {
  const client = await RawFtpClient.connect(server.host, server.port);
  clients.push(client);
  return client;
}

async function loggedIn(server: FakeFtpServer): Promise<RawFtpClient> {
  const client = await dial(server);
  expect((await client.reply()).code).toBe(220);
  expect((await client.command('USER anonymous')).code).toBe(331);
  expect((await client.command('PASS guest@example.com')).code).toBe(230);
  return client;
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await Promise.all(running.splice(0).map((server) => server.close()));
});

describe('healthy default (RFC 959, 2389, 2428, 3659)', () => {
  it('greets with a multi-line 220 and answers FEAT, SYST, login, PWD, CWD, TYPE, QUIT', async () => {
    const server = await serve();
    const client = await dial(server);
    const greeting = await client.reply();
    expect(greeting.code).toBe(220);
    expect(greeting.lines.length).toBeGreaterThan(1);
    expect(greeting.lines[0]).toMatch(/^220-/);

    const feat = await client.command('FEAT');
    expect(feat.code).toBe(211);
    expect(feat.lines).toContain(' EPSV');
    expect(feat.lines).toContain(' MLST type*;size*;modify*;');
    expect(feat.lines.some((line) => line.includes('AUTH TLS'))).toBe(false);
    expect(await client.command('SYST')).toEqual({ code: 215, lines: ['215 UNIX Type: L8'] });
    expect((await client.command('PWD')).code).toBe(530);
    expect((await client.command('USER anonymous')).code).toBe(331);
    expect((await client.command('PASS secret-address')).code).toBe(230);
    expect((await client.command('PWD')).lines[0]).toBe('257 "/" is the current directory');
    expect((await client.command('CWD pub')).code).toBe(250);
    expect((await client.command('PWD')).lines[0]).toContain('"/pub"');
    expect((await client.command('TYPE I')).code).toBe(200);
    expect((await client.command('TYPE X')).code).toBe(504);
    expect((await client.command('OPTS UTF8 ON')).code).toBe(200);
    expect((await client.command('NOOP')).code).toBe(200);
    expect((await client.command('HELP')).code).toBe(214);
    expect((await client.command('XYZZY')).code).toBe(502);
    expect((await client.command('QUIT')).code).toBe(221);
    expect(await client.closed()).toBe('end');
    expect(server.connections).toBe(1);
    expect(server.commandsSeen).toContain('PASS ****');
    expect(server.commandsSeen.join('\n')).not.toContain('secret-address');
  });

  it('lists over EPSV and PASV, one-shot data ports on the server host', async () => {
    const server = await serve();
    const client = await loggedIn(server);
    const epsv = await client.command('EPSV');
    expect(epsv.lines[0]).toMatch(/^229 .*\(\|\|\|\d+\|\)$/);
    const data = openDataConnection('127.0.0.1', parseEpsvPort(epsv));
    await data.connected;
    expect((await client.command('LIST')).code).toBe(150);
    expect((await client.reply()).code).toBe(226);
    const listing = await data.done;
    expect(listing.body.toString()).toMatch(/^-rw-r--r-- .* readme\.txt\r\n$/);

    const pasv = await client.command('PASV');
    const address = parsePasvAddress(pasv);
    expect(address.host).toBe('127.0.0.1');
    const mlsd = openDataConnection(address.host, address.port);
    expect((await client.command('MLSD')).code).toBe(150);
    expect((await client.reply()).code).toBe(226);
    expect((await mlsd.done).body.toString()).toContain('type=file;size=');

    // The PASV port was one-shot: it no longer accepts.
    const again = openDataConnection(address.host, address.port, { timeoutMs: 2000 });
    await expect(again.connected).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(server.dataConnectionsAccepted).toBe(2);
  });

  it('refuses wrong passwords and honours configured accounts and ACCT', async () => {
    const server = await serve({
      anonymous: false,
      users: { alice: 'wonderland', bob: { password: 'builder', account: 'site' } },
    });
    const client = await dial(server);
    await client.reply();
    await client.command('USER anonymous');
    expect((await client.command('PASS x')).code).toBe(530);
    await client.command('USER alice');
    expect((await client.command('PASS nope')).code).toBe(530);
    await client.command('USER alice');
    expect((await client.command('PASS wonderland')).code).toBe(230);
    const second = await dial(server);
    await second.reply();
    await second.command('USER bob');
    expect((await second.command('PASS builder')).code).toBe(332);
    expect((await second.command('ACCT site')).code).toBe(230);
    expect((await second.command('ACCT site')).code).toBe(202);
  });

  it('connects back for EPRT and PORT only to loopback', async () => {
    const server = await serve();
    const client = await loggedIn(server);
    const listener = createServer();
    const received: Buffer[] = [];
    listener.on('connection', (socket) => socket.on('data', (chunk: Buffer) => received.push(chunk)));
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const port = (listener.address() as { port: number }).port;
    try {
      expect((await client.command(`EPRT |1|127.0.0.1|${port}|`)).code).toBe(200);
      expect((await client.command('NLST')).code).toBe(150);
      expect((await client.reply()).code).toBe(226);
      expect(Buffer.concat(received).toString()).toBe('readme.txt\r\n');
      expect((await client.command(`PORT 10,0,0,5,${port >> 8},${port & 255}`)).code).toBe(500);
      expect((await client.command('EPRT |1|192.0.2.1|21|')).code).toBe(500);
      expect((await client.command('PORT 1,2,3')).code).toBe(501);
    } finally {
      listener.close();
    }
  });

  it('follows EPSV ALL (RFC 2428 §4) and EPSV with a protocol number', async () => {
    const server = await serve();
    const client = await loggedIn(server);
    expect((await client.command('EPSV 2')).code).toBe(522);
    expect((await client.command('EPSV 1')).code).toBe(229);
    expect((await client.command('EPSV ALL')).code).toBe(200);
    expect((await client.command('PASV')).code).toBe(503);
    expect((await client.command('PORT 127,0,0,1,4,1')).code).toBe(503);
  });

  it('listens on ::1 and refuses PASV there like Pure-FTPd', async () => {
    const server = await serve({ host: '::1' });
    const client = await loggedIn(server);
    expect((await client.command('PASV')).code).toBe(425);
    const epsv = await client.command('EPSV');
    const data = openDataConnection('::1', parseEpsvPort(epsv));
    expect((await client.command('LIST')).code).toBe(150);
    expect((await client.reply()).code).toBe(226);
    expect((await data.done).body.length).toBeGreaterThan(0);
  });

  it('refuses to listen anywhere but loopback or a test-namespace address', async () => {
    await expect(startFakeFtpServer({ host: '0.0.0.0' })).rejects.toThrow(/refuses to listen/);
    await expect(startFakeFtpServer({ host: '192.0.2.1' })).rejects.toThrow(/refuses to listen/);
  });
});

describe('scripted replies', () => {
  it('overrides a verb with a fixed reply, a callback, or falls back when the callback returns nothing', async () => {
    let pasvCalls = 0;
    const server = await serve({
      replies: {
        EPSV: '500 Unknown command.',
        PASV: () => {
          pasvCalls += 1;
          return pasvCalls === 1 ? '421 Try again' : undefined;
        },
        SYST: ({ session }) =>
          `215 UNIX Type: L8 (connection ${session.connectionIndex}, secure ${session.secure})`,
      },
    });
    const client = await loggedIn(server);
    expect((await client.command('EPSV')).lines).toEqual(['500 Unknown command.']);
    expect((await client.command('PASV')).code).toBe(421);
    expect((await client.command('PASV')).code).toBe(227);
    expect((await client.command('SYST')).lines[0]).toBe('215 UNIX Type: L8 (connection 1, secure false)');
  });

  it('advertises a foreign PASV address without ever connecting to it', async () => {
    const server = await serve({ pasvAdvertise: '10.0.0.5' });
    const client = await loggedIn(server);
    const address = parsePasvAddress(await client.command('PASV'));
    expect(address.host).toBe('10.0.0.5');
    const data = openDataConnection('127.0.0.1', address.port);
    expect((await client.command('LIST')).code).toBe(150);
    expect((await client.reply()).code).toBe(226);
    expect((await data.done).end).toBe('end');
  });

  it('lets a callback wrap a working port in a malformed 227', async () => {
    const server = await serve({
      replies: {
        PASV: async ({ openPassivePort }) => {
          const port = await openPassivePort();
          return `227 Entering passive mode =127,0,0,1,${port >> 8},${port & 255}`;
        },
      },
    });
    const client = await loggedIn(server);
    const reply = await client.command('PASV');
    expect(reply.lines[0]).toMatch(/^227 Entering passive mode =127,0,0,1,\d+,\d+$/);
    const data = openDataConnection('127.0.0.1', parsePasvAddress(reply).port);
    expect((await client.command('LIST')).code).toBe(150);
    expect((await client.reply()).code).toBe(226);
    expect((await data.done).body.length).toBeGreaterThan(0);
  });

  it('sends malformed codes, duplicates and unterminated multi-line replies verbatim', async () => {
    const server = await serve({
      replies: {
        NOOP: ['200 one', '200 two'],
        SYST: '2x0 odd',
        STAT: ['211-Status', ' never ends'],
      },
    });
    const client = await loggedIn(server);
    client.send('NOOP');
    client.send('SYST');
    client.send('STAT');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(client.received).toContain('200 one\r\n200 two\r\n2x0 odd\r\n211-Status\r\n never ends\r\n');
  });

  it('reports a throwing callback as a 451 and keeps serving', async () => {
    const server = await serve({
      replies: {
        NOOP: () => {
          throw new Error('script bug');
        },
      },
    });
    const client = await loggedIn(server);
    expect((await client.command('NOOP')).lines[0]).toBe('451 Fake server script failed: script bug');
    expect((await client.command('SYST')).code).toBe(215);
  });

  it('answers FEAT with 502 when features is null, and with the given lines otherwise', async () => {
    const none = await serve({ features: null });
    const a = await dial(none);
    await a.reply();
    expect((await a.command('FEAT')).code).toBe(502);
    const custom = await serve({ features: ['MDTM', 'REST STREAM'] });
    const b = await dial(custom);
    await b.reply();
    expect((await b.command('FEAT')).lines).toEqual(['211-Features:', ' MDTM', ' REST STREAM', '211 End']);
  });

  it('replaces 150 and 226 around a transfer (150 then silence on control)', async () => {
    const server = await serve({ transferReplies: { completion: { steps: [] } } });
    const client = await loggedIn(server);
    const data = openDataConnection('127.0.0.1', parseEpsvPort(await client.command('EPSV')));
    expect((await client.command('LIST')).code).toBe(150);
    expect((await data.done).body.length).toBeGreaterThan(0);
    await expect(client.reply(300)).rejects.toThrow(/timed out/);
  });
});

describe('greeting faults', () => {
  it('never sends a banner, and ignores commands after hang', async () => {
    const server = await serve({ greeting: { hang: true } });
    const client = await dial(server);
    client.send('USER anonymous');
    await expect(client.reply(300)).rejects.toThrow(/timed out/);
    expect(client.received).toBe('');
  });

  it('closes or resets right after accept', async () => {
    const closing = await serve({ greeting: { close: 'end' } });
    const a = await dial(closing);
    expect(await a.closed()).toBe('end');
    // The RST can beat the client's own connect notification, so watch a bare socket.
    const resetting = await serve({ greeting: { close: 'reset' } });
    const socket = netConnect({ host: resetting.host, port: resetting.port });
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      socket.once('error', resolve);
      socket.once('end', () => resolve(null));
    });
    socket.destroy();
    expect(error?.code).toBe('ECONNRESET');
  });

  it('sends 421 and closes, or 120 then 220', async () => {
    const busy = await serve({ greeting: { steps: [{ lines: ['421 Too busy'] }, { close: 'end' }] } });
    const a = await dial(busy);
    expect((await a.reply()).code).toBe(421);
    expect(await a.closed()).toBe('end');
    const later = await serve({
      greeting: { steps: [{ lines: ['120 Ready in 1 minute'] }, { delayMs: 50 }, { lines: ['220 Ready'] }] },
    });
    const b = await dial(later);
    expect((await b.reply()).code).toBe(120);
    expect((await b.reply()).code).toBe(220);
  });

  it('trickles the banner at a set byte rate', async () => {
    const server = await serve({ greeting: { slow: '220 Slow\r\n', bytesPerSecond: 50 } });
    const client = await dial(server);
    const started = Date.now();
    expect((await client.reply()).lines).toEqual(['220 Slow']);
    // 10 bytes at 50 B/s: about 180 ms of gaps.
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('sends raw bytes: bare LF, NUL, invalid UTF-8, escapes, a split CRLF, a 1 MiB line, 10,000 lines', async () => {
    const nasty = Buffer.concat([
      Buffer.from('220-\u001b[31mred\u001b]0;title\u0007 \u202eevil\u202c back\b\b\n'),
      Buffer.from([0x32, 0x32, 0x30, 0x2d, 0x00, 0xff, 0xfe, 0x0d, 0x0a]),
    ]);
    const server = await serve({
      greeting: { steps: [{ raw: nasty }, { raw: '220 end\r' }, { delayMs: 20 }, { raw: '\n' }] },
    });
    const client = await dial(server);
    await client.reply();
    expect(
      Buffer.from(client.received, 'latin1').equals(Buffer.concat([nasty, Buffer.from('220 end\r\n')])),
    ).toBe(true);

    const huge = await serve({ greeting: { raw: 'x'.repeat(1024 * 1024) } });
    const b = await dial(huge);
    await expect(b.reply(300)).rejects.toThrow(/timed out|malformed/);
    const many = Array.from({ length: 10_000 }, (_, index) => `220-line ${index}`);
    const long = await serve({ greeting: [...many, '220 done'] });
    const c = await dial(long);
    expect((await c.reply()).lines.length).toBe(10_001);
  });

  it('sends a reply before any command, as an unsolicited extra', async () => {
    const server = await serve({ greeting: ['220 Hello', '200 nobody asked'] });
    const client = await dial(server);
    expect((await client.reply()).code).toBe(220);
    expect((await client.reply()).code).toBe(200);
  });

  it('resets in the middle of a reply', async () => {
    // Without the pause, Linux may hand the client the partial line and the RST together, and
    // the client then reads a plain end of stream instead of ECONNRESET.
    const server = await serve({
      replies: { SYST: { steps: [{ raw: '215 UNIX Ty' }, { delayMs: 50 }, { close: 'reset' }] } },
    });
    const client = await dial(server);
    await client.reply();
    client.send('SYST');
    expect(await client.closed()).toBe('reset');
    expect(client.received).toMatch(/215 UNIX Ty$/);
  });

  it('answers over maxConnections with 421 and closes', async () => {
    const server = await serve({ maxConnections: 1 });
    const first = await dial(server);
    expect((await first.reply()).code).toBe(220);
    const second = await dial(server);
    expect((await second.reply()).code).toBe(421);
    expect(await second.closed()).toBe('end');
  });
});

describe('data port faults', () => {
  it('advertises a closed port', async () => {
    const server = await serve({ dataPort: 'closed' });
    const client = await loggedIn(server);
    const data = openDataConnection('127.0.0.1', parseEpsvPort(await client.command('EPSV')));
    await expect(data.connected).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect((await client.command('LIST')).code).toBe(425);
  });

  it('accepts then resets', async () => {
    const server = await serve({ dataPort: 'accept-then-reset' });
    const client = await loggedIn(server);
    const data = openDataConnection('127.0.0.1', parseEpsvPort(await client.command('EPSV')));
    expect((await data.done).end).toBe('reset');
    expect((await client.command('LIST')).code).toBe(425);
  });

  it('accepts and stays silent; 150 and nothing more', async () => {
    const server = await serve({ dataPort: 'accept-silent' });
    const client = await loggedIn(server);
    const data = openDataConnection('127.0.0.1', parseEpsvPort(await client.command('EPSV')), {
      timeoutMs: 400,
    });
    await data.connected;
    expect((await client.command('LIST')).code).toBe(150);
    expect((await data.done).end).toBe('timeout');
    await expect(client.reply(100)).rejects.toThrow(/timed out/);
  });

  it('streams an endless listing until the client hangs up, then says 426', async () => {
    const server = await serve({ dataPort: 'endless' });
    const client = await loggedIn(server);
    const port = parseEpsvPort(await client.command('EPSV'));
    const socket = netConnect({ port, host: '127.0.0.1' });
    let received = 0;
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > 1024 * 1024) socket.destroy();
    });
    expect((await client.command('LIST')).code).toBe(150);
    expect((await client.reply()).code).toBe(426);
    expect(received).toBeGreaterThan(1024 * 1024);
  });

  it('applies separate behaviours to EPSV and PASV', async () => {
    const server = await serve({ dataPort: { epsv: 'closed' } });
    const client = await loggedIn(server);
    const epsv = openDataConnection('127.0.0.1', parseEpsvPort(await client.command('EPSV')));
    await expect(epsv.connected).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    const pasv = openDataConnection('127.0.0.1', parsePasvAddress(await client.command('PASV')).port);
    await pasv.connected;
  });

  it('closes an unused passive listener after the data timeout', async () => {
    const server = await serve({ dataTimeoutMs: 100 });
    const client = await loggedIn(server);
    const port = parseEpsvPort(await client.command('EPSV'));
    await new Promise((resolve) => setTimeout(resolve, 250));
    const data = openDataConnection('127.0.0.1', port);
    await expect(data.connected).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect((await client.command('LIST')).code).toBe(425);
  });
});

describe('robustness', () => {
  it('survives garbage, overlong lines and abrupt disconnects, and close() leaves no handles', async () => {
    const before = process.getActiveResourcesInfo().length;
    const server = await serve({ dataPort: 'accept-silent' });
    const a = await dial(server);
    await a.reply();
    a.send(`${'A'.repeat(10_000)}`);
    expect((await a.reply()).code).toBe(500);
    a.send('\u0000\u00ff\u0016\u0003\u0001 binary');
    expect((await a.reply()).code).toBe(502);
    const b = await loggedIn(server);
    openDataConnection('127.0.0.1', parseEpsvPort(await b.command('EPSV')), { timeoutMs: 300 });
    b.send('LIST');
    b.destroy();
    const c = await dial(server);
    expect((await c.reply()).code).toBe(220);
    await server.close();
    expect(await c.closed()).not.toBe('timeout');
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(process.getActiveResourcesInfo().length).toBeLessThanOrEqual(before);
  });
});
