import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ControlConnection } from '../../src/protocol/controlConnection.js';
import { ProtocolViolationError, TransportError } from '../../src/protocol/errors.js';
import { onLines, type ScriptServer, startScriptServer } from '../support/scriptServer.js';

// How the control connection keeps replies and commands paired when a server sends
// replies nobody asked for, leaves a reply unfinished, or answers after the reader gave up.

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(script: (socket: Socket) => void): Promise<ControlConnection> {
  const server: ScriptServer = await startScriptServer(script);
  cleanups.push(() => server.close());
  const control = await ControlConnection.connect({
    host: '127.0.0.1',
    port: server.port,
    timeoutMs: 2000,
    clock: () => 0,
  });
  cleanups.push(() => control.close());
  return control;
}

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
}

async function failureOf(action: () => Promise<unknown>): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('control stream: replies out of turn', () => {
  it('refuses to send while a reply nobody asked for waits (a duplicate), and stays failed', async () => {
    const control = await serve((socket) => {
      socket.write('220 Ready\r\n');
      onLines(socket, (line) => {
        if (line.startsWith('USER')) socket.write('331 Password\r\n331 Password\r\n');
        else socket.write('230 Logged in\r\n');
      });
    });
    await control.readReply(1000);
    expect((await control.command('USER anonymous', 1000)).code).toBe(331);
    await waitUntil(() => control.queuedReplyCount === 1);
    const error = await failureOf(() => control.command('PASS secret', 1000));
    expect(error).toBeInstanceOf(ProtocolViolationError);
    expect(error).toMatchObject({ violation: 'unsolicited-reply', offendingText: '331 Password' });
    expect(control.isOpen).toBe(false);
    expect(await failureOf(() => control.command('QUIT', 100))).toBe(error);
    expect(control.transcript.map((entry) => entry.text)).not.toContain('PASS ****');
  });

  it('refuses extra replies sent right after the greeting', async () => {
    const control = await serve((socket) => socket.write('220 Ready\r\n200 Unasked\r\n'));
    await control.readReply(1000);
    await waitUntil(() => control.queuedReplyCount === 1);
    expect(await failureOf(() => control.command('FEAT', 1000))).toMatchObject({
      violation: 'unsolicited-reply',
    });
  });

  it('drops a late answer to a command whose read timed out, so the next command gets its own', async () => {
    const control = await serve((socket) => {
      socket.write('220 Ready\r\n');
      onLines(socket, (line) => {
        if (line === 'SYST') setTimeout(() => socket.write('215 UNIX, late\r\n'), 150);
        else socket.write('200 NOOP ok\r\n');
      });
    });
    await control.readReply(1000);
    expect(await failureOf(() => control.command('SYST', 50))).toMatchObject({ failure: 'timeout' });
    await waitUntil(() => control.queuedReplyCount === 1);
    expect((await control.command('NOOP', 1000)).text).toBe('NOOP ok');
    expect(control.transcript.map((entry) => entry.text)).toContain(
      'dropped 1 late reply to an earlier command',
    );
  });
});

describe('control stream: an unfinished reply', () => {
  it('fails the connection when a multi-line reply has not ended by the timeout', async () => {
    const control = await serve((socket) => {
      socket.write('220 Ready\r\n');
      onLines(socket, () => socket.write('211-Features:\r\n EPSV\r\n'));
    });
    await control.readReply(1000);
    const error = await failureOf(() => control.command('FEAT', 100));
    expect(error).toBeInstanceOf(ProtocolViolationError);
    expect(error).toMatchObject({ violation: 'incomplete-reply' });
    expect((error as ProtocolViolationError).offendingText).toContain('211-Features:');
    expect(control.isOpen).toBe(false);
  });

  it('still reports a plain timeout, and stays usable, when nothing at all arrived', async () => {
    const control = await serve((socket) => socket.write('220 Ready\r\n'));
    await control.readReply(1000);
    const error = await failureOf(() => control.command('NOOP', 50));
    expect(error).toBeInstanceOf(TransportError);
    expect(control.isOpen).toBe(true);
  });
});
