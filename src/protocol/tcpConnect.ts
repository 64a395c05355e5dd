import { connect as netConnect, type Socket } from 'node:net';
import { TransportError } from './errors.js';
import { classifySocketError } from './transportError.js';
import type { AddressFamily, Channel } from './types.js';

/** TcpConnectOptions: where to connect, how long to wait, and on which channel to blame failures. */
export interface TcpConnectOptions {
  readonly host: string;
  readonly port: number;
  readonly family?: AddressFamily;
  readonly localAddress?: string;
  readonly timeoutMs: number;
  readonly channel: Channel;
  readonly signal?: AbortSignal;
}

/**
 * tcpConnect opens a TCP connection and resolves once the handshake completed. It rejects with a
 * TransportError on the given channel (refused, unreachable, dns, …), with failure `timeout` when
 * nothing answered within timeoutMs (a DROP rule looks exactly like this), or with the signal's
 * reason when aborted. No socket or timer survives a rejection.
 */
export function tcpConnect(options: TcpConnectOptions): Promise<Socket> {
  const { signal, channel, timeoutMs } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<Socket>((resolve, reject) => {
    const socket = netConnect({
      host: options.host,
      port: options.port,
      ...(options.family ? { family: options.family } : {}),
      ...(options.localAddress ? { localAddress: options.localAddress } : {}),
      // Happy-eyeballs would try other addresses of a name; the probe picks the address itself.
      autoSelectFamily: false,
    });
    const settle = (error: unknown): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.removeListener('connect', onConnect);
      socket.removeListener('error', onError);
      if (error === undefined) {
        resolve(socket);
        return;
      }
      socket.destroy();
      reject(error);
    };
    const onConnect = (): void => settle(undefined);
    const onError = (error: Error): void => settle(classifySocketError(error, channel));
    const onAbort = (): void => settle(signal?.reason);
    const timer = setTimeout(
      () =>
        settle(
          new TransportError(
            channel,
            'timeout',
            `${channel} connection: no answer from ${options.host}:${options.port} within ${timeoutMs} ms`,
          ),
        ),
      timeoutMs,
    );
    socket.once('connect', onConnect);
    socket.once('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
