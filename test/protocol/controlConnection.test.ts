import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { UnsafeCommandError } from '../../src/protocol/command.js';
import { ControlConnection } from '../../src/protocol/controlConnection.js';
import { ProtocolViolationError, TransportError } from '../../src/protocol/errors.js';
import { closedPort, onLines, type ScriptServer, startScriptServer } from '../support/scriptServer.js';
import { type StalledListener, startStalledListener } from '../support/stalledListener.js';

const frozenClock = (): number => 0;
const cleanups: (() => unknown)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(script: (socket: Socket) => void): Promise<ScriptServer> {
  const server = await startScriptServer(script);
  cleanups.push(() => server.close());
  return server;
}

async function open(port: number, extra: { signal?: AbortSignal } = {}): Promise<ControlConnection> {
  const connection = await ControlConnection.connect({
    host: '127.0.0.1',
    port,
    timeoutMs: 2000,
    clock: frozenClock,
    ...extra,
  });
  cleanups.push(() => connection.close());
  return connection;
}

function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

/** A minimal FTP dialogue: greeting, FEAT, USER/PASS, NOOP answered twice, QUIT. */
function miniFtp(socket: Socket): void {
  socket.write('220-Welcome to the test server\r\n second line\r\n220 Ready\r\n');
  onLines(socket, (line) => {
    const verb = line.split(' ')[0]!.toUpperCase();
    if (verb === 'FEAT') socket.write('211-Features:\r\n EPSV\r\n UTF8\r\n211 End\r\n');
    else if (verb === 'USER') socket.write('331 Password please\r\n');
    else if (verb === 'PASS') socket.write('230 Logged in\r\n');
    else if (verb === 'NOOP') socket.write('200 ok\r\n200 ok again\r\n');
    else if (verb === 'LIST') socket.write('150 Here it comes\r\n226 Done\r\n');
    else if (verb === 'NLST') socket.write('550 No files\r\n');
    else if (verb === 'QUIT') socket.end('221 Bye\r\n');
    else socket.write('502 Not implemented\r\n');
  });
}

describe('ControlConnection: a normal dialogue', () => {
  it('queues the greeting, frames multi-line replies and keeps a masked transcript', async () => {
    const server = await serve(miniFtp);
    const control = await open(server.port);
    expect(control.remoteAddress).toBe('127.0.0.1');
    expect(control.remotePort).toBe(server.port);
    expect(control.remoteFamily).toBe(4);
    expect(control.localAddress).toBe('127.0.0.1');
    expect(control.isTls).toBe(false);

    const greeting = await control.readReply(1000);
    expect(greeting).toEqual({
      code: 220,
      lines: ['220-Welcome to the test server', ' second line', '220 Ready'],
      text: 'Welcome to the test server\n second line\nReady',
    });
    expect((await control.command('FEAT', 1000)).lines).toEqual([
      '211-Features:',
      ' EPSV',
      ' UTF8',
      '211 End',
    ]);
    expect((await control.command('USER alice', 1000)).code).toBe(331);
    expect((await control.command('PASS hunter2', 1000)).code).toBe(230);
    expect((await control.command('QUIT', 1000)).code).toBe(221);

    const lines = control.transcript.map((entry) => `${entry.direction} ${entry.text}`);
    expect(lines).toEqual([
      `event connected to 127.0.0.1:${server.port} from 127.0.0.1:${control.localPort}`,
      'received 220-Welcome to the test server',
      'received  second line',
      'received 220 Ready',
      'sent FEAT',
      'received 211-Features:',
      'received  EPSV',
      'received  UTF8',
      'received 211 End',
      'sent USER alice',
      'received 331 Password please',
      'sent PASS ****',
      'received 230 Logged in',
      'sent QUIT',
      'received 221 Bye',
    ]);
    expect(JSON.stringify(control.transcript)).not.toContain('hunter2');
    expect(control.transcript.every((entry) => entry.channel === 'control' && entry.atMs === 0)).toBe(true);
  });

  it('speaks IPv6 to ::1 and reports family 6', async () => {
    let server: ScriptServer;
    try {
      server = await startScriptServer((socket) => socket.write('220 v6\r\n'), '::1');
    } catch (error) {
      if (process.env.CI) throw error;
      console.warn(`skipping IPv6 test: ${String(error)}`);
      return;
    }
    cleanups.push(() => server.close());
    const control = await ControlConnection.connect({
      host: '::1',
      port: server.port,
      family: 6,
      timeoutMs: 2000,
      clock: frozenClock,
    });
    cleanups.push(() => control.close());
    expect([control.remoteAddress, control.remoteFamily, control.localAddress]).toEqual(['::1', 6, '::1']);
    expect(control.transcript[0]?.text).toBe(
      `connected to [::1]:${server.port} from [::1]:${control.localPort}`,
    );
    expect((await control.readReply(1000)).text).toBe('v6');
  });

  it('hands out a duplicate reply to whoever reads next, and counts it as queued', async () => {
    const server = await serve(miniFtp);
    const control = await open(server.port);
    await control.readReply(1000);
    expect((await control.command('NOOP', 1000)).text).toBe('ok');
    await waitUntil(() => control.queuedReplyCount === 1);
    expect((await control.readReply(1000)).text).toBe('ok again');
    expect(control.queuedReplyCount).toBe(0);
  });

  it('queues replies that arrive before any command (120 then 220)', async () => {
    const server = await serve((socket) => socket.write('120 Ready in 1 minute\r\n220 Ready\r\n'));
    const control = await open(server.port);
    await waitUntil(() => control.queuedReplyCount === 2);
    expect((await control.readReply(1000)).code).toBe(120);
    expect((await control.readReply(1000)).code).toBe(220);
  });

  it('reads a 1yz and then the final reply, or a final reply alone', async () => {
    const server = await serve(miniFtp);
    const control = await open(server.port);
    await control.readReply(1000);
    const timeouts = { preliminaryTimeoutMs: 1000, finalTimeoutMs: 1000 };
    const list = await control.commandWithPreliminary('LIST', timeouts);
    expect([list.preliminary?.code, list.final.code]).toEqual([150, 226]);
    const nlst = await control.commandWithPreliminary('NLST', timeouts);
    expect([nlst.preliminary, nlst.final.code]).toEqual([null, 550]);
  });

  it('frames a banner that arrives one byte at a time', async () => {
    const banner = Buffer.from('220-Wélcome\r\n220 Ready\r\n', 'utf8');
    const server = await serve((socket) => {
      socket.setNoDelay(true);
      let index = 0;
      const next = (): void => {
        if (index >= banner.length || socket.destroyed) return;
        socket.write(banner.subarray(index, index + 1));
        index++;
        setImmediate(next);
      };
      next();
    });
    const control = await open(server.port);
    expect(await control.readReply(2000)).toEqual({
      code: 220,
      lines: ['220-Wélcome', '220 Ready'],
      text: 'Wélcome\nReady',
    });
  });
});

describe('ControlConnection: failures', () => {
  it('times out when the server says nothing, and stays usable', async () => {
    let client: Socket | undefined;
    const server = await serve((socket) => {
      client = socket;
    });
    const control = await open(server.port);
    const started = performance.now();
    const error = await rejection(control.readReply(100));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ channel: 'control', failure: 'timeout' });
    expect(control.transcript.at(-1)?.text).toBe('no reply within 100 ms');
    client!.write('220 Late\r\n');
    expect((await control.readReply(1000)).text).toBe('Late');
  });

  it('tells a refused connection apart', async () => {
    const port = await closedPort();
    const error = await rejection(
      ControlConnection.connect({ host: '127.0.0.1', port, timeoutMs: 1000, clock: frozenClock }),
    );
    expect(error).toMatchObject({
      name: 'TransportError',
      channel: 'control',
      failure: 'refused',
      errno: 'ECONNREFUSED',
    });
  });

  it('times out connecting when SYNs are dropped', async () => {
    let stalled: StalledListener;
    try {
      stalled = await startStalledListener();
    } catch (error) {
      if (process.env.CI) throw error;
      console.warn(`skipping connect-timeout test: ${String(error)}`);
      return;
    }
    cleanups.push(() => stalled.stop());
    const started = performance.now();
    const error = await rejection(
      ControlConnection.connect({
        host: '127.0.0.1',
        port: stalled.port,
        timeoutMs: 150,
        clock: frozenClock,
      }),
    );
    expect(error).toMatchObject({ channel: 'control', failure: 'timeout' });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('reports a reset in the middle of a reply', async () => {
    const server = await serve((socket) => {
      socket.write('220-Partial\r\n', () => setTimeout(() => socket.resetAndDestroy(), 20));
    });
    const control = await open(server.port);
    const error = await rejection(control.readReply(2000));
    expect(error).toMatchObject({ channel: 'control', failure: 'reset', errno: 'ECONNRESET' });
    expect(control.isOpen).toBe(false);
  });

  it('reports an orderly close in the middle of a reply', async () => {
    const server = await serve((socket) => socket.end('220-Partial\r\n'));
    const control = await open(server.port);
    const error = await rejection(control.readReply(2000));
    expect(error).toMatchObject({ channel: 'control', failure: 'closed' });
    expect((error as Error).message).toContain('in the middle of a reply');
  });

  it('still hands out replies that arrived before the server closed', async () => {
    const server = await serve((socket) => socket.end('421 Too many users\r\n'));
    const control = await open(server.port);
    await waitUntil(() => !control.isOpen);
    expect((await control.readReply(1000)).code).toBe(421);
    expect(await rejection(control.readReply(1000))).toMatchObject({ failure: 'closed' });
  });

  it('rejects a server that does not speak FTP with a protocol violation', async () => {
    const server = await serve((socket) => socket.write('SSH-2.0-OpenSSH_9.2p1\r\n'));
    const control = await open(server.port);
    const error = await rejection(control.readReply(1000));
    expect(error).toBeInstanceOf(ProtocolViolationError);
    expect(error).toMatchObject({ violation: 'reply-syntax', offendingText: 'SSH-2.0-OpenSSH_9.2p1' });
    expect(control.isOpen).toBe(false);
  });

  it('cuts off a peer that floods one endless line', async () => {
    const server = await serve((socket) => {
      const chunk = Buffer.alloc(4096, 'a');
      socket.write('220 ');
      const pump = (): void => {
        while (!socket.destroyed && socket.write(chunk)) {
          /* keep writing until the buffer is full */
        }
        if (!socket.destroyed) socket.once('drain', pump);
      };
      pump();
    });
    const control = await open(server.port);
    expect(await rejection(control.readReply(2000))).toMatchObject({ violation: 'line-too-long' });
  });

  it('cuts off a peer that floods with unsolicited replies', async () => {
    const server = await serve((socket) => socket.write('200 spam\r\n'.repeat(100)));
    const control = await open(server.port);
    await waitUntil(() => !control.isOpen);
    const replies: number[] = [];
    let error: unknown;
    try {
      for (;;) replies.push((await control.readReply(1000)).code);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ violation: 'reply-flood' });
    expect(replies.length).toBeLessThanOrEqual(33);
  });

  it('refuses to send CR, LF or NUL and writes nothing', async () => {
    const received: string[] = [];
    const server = await serve((socket) => {
      socket.write('220 Ready\r\n');
      onLines(socket, (line) => received.push(line));
    });
    const control = await open(server.port);
    expect(() => control.send('USER x\r\nDELE important')).toThrow(UnsafeCommandError);
    expect(() => control.send('PASS a\u0000b')).toThrow(UnsafeCommandError);
    control.send('NOOP');
    await waitUntil(() => received.length === 1);
    expect(received).toEqual(['NOOP']);
    expect(
      control.transcript.filter((entry) => entry.direction === 'sent').map((entry) => entry.text),
    ).toEqual(['NOOP']);
  });

  it('aborts every wait with the signal reason and releases the socket', async () => {
    const server = await serve(() => {});
    const controller = new AbortController();
    const control = await open(server.port, { signal: controller.signal });
    const waits = [control.readReply(5000), control.readReply(5000)];
    const reason = new Error('deadline reached');
    setTimeout(() => controller.abort(reason), 20);
    for (const wait of waits) expect(await rejection(wait)).toBe(reason);
    expect(control.isOpen).toBe(false);
    expect(() => control.send('NOOP')).toThrow(reason);
  });

  it('rejects at once when connecting with an already aborted signal', async () => {
    const reason = new Error('stop');
    const error = await rejection(
      ControlConnection.connect({
        host: '127.0.0.1',
        port: 9,
        timeoutMs: 1000,
        clock: frozenClock,
        signal: AbortSignal.abort(reason),
      }),
    );
    expect(error).toBe(reason);
  });

  it('closes idempotently; later reads and sends fail as closed', async () => {
    const server = await serve(miniFtp);
    const control = await open(server.port);
    const pending = control.readReply(5000);
    await pending;
    const waiting = control.readReply(5000);
    control.close();
    control.close();
    expect(await rejection(waiting)).toMatchObject({ failure: 'closed' });
    expect(await rejection(control.readReply(100))).toMatchObject({ failure: 'closed' });
    expect(() => control.send('NOOP')).toThrow(TransportError);
    expect(control.transcript.filter((entry) => entry.text === 'closed by ftp-doctor')).toHaveLength(1);
  });
});

describe('ControlConnection: resources', () => {
  it('leaves no socket or timer behind after close, even with reads pending', async () => {
    const count = (kind: string): number =>
      process.getActiveResourcesInfo().filter((name) => name === kind).length;
    const server = await startScriptServer((socket) => socket.write('220-unfinished\r\n'));
    const baseline = { sockets: count('TCPSocketWrap'), timers: count('Timeout') };
    const control = await ControlConnection.connect({
      host: '127.0.0.1',
      port: server.port,
      timeoutMs: 2000,
      clock: frozenClock,
    });
    const pending = [control.readReply(60_000), control.readReply(60_000)];
    expect(count('Timeout')).toBeGreaterThanOrEqual(baseline.timers + 2);
    control.close();
    await Promise.allSettled(pending);
    await server.close();
    await new Promise((resolve) => setImmediate(resolve));
    expect({ sockets: count('TCPSocketWrap'), timers: count('Timeout') }).toEqual(baseline);
  });
});

/** waitUntil polls a condition every few milliseconds, failing after one second. */
async function waitUntil(condition: () => boolean): Promise<void> {
  const deadline = performance.now() + 1000;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error('condition not met within 1 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
