import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import { createSecureContext, type SecureContext, TLSSocket } from 'node:tls';
import type { FakeTlsOptions } from './fakeServerScript.js';

/**
 * TlsUpgrader turns accepted TCP sockets (control after AUTH TLS, implicit control, PROT P data)
 * into server-side TLS sockets. All of them share one secure context, so the data connections
 * can resume the control connection's session through its tickets, as FTPS clients expect.
 */
export interface TlsUpgrader {
  /** upgrade resolves with the secured socket, or null if the handshake failed or timed out. */
  upgrade(socket: Socket, timeoutMs: number, signal: AbortSignal): Promise<TLSSocket | null>;
}

/** createTlsUpgrader checks the options and builds the shared secure context. */
export function createTlsUpgrader(options: FakeTlsOptions): TlsUpgrader | null {
  if (options.cert === undefined || options.key === undefined) return null;
  const context: SecureContext = createSecureContext({
    cert: options.cert,
    key: options.key,
    ticketKeys: randomBytes(48),
  });
  return {
    upgrade: (socket, timeoutMs, signal) => upgradeSocket(socket, context, timeoutMs, signal),
  };
}

function upgradeSocket(
  socket: Socket,
  secureContext: SecureContext,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<TLSSocket | null> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve(null);
      return;
    }
    const secured = new TLSSocket(socket, { isServer: true, secureContext });
    secured.on('error', () => {});
    const finish = (result: TLSSocket | null): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      secured.off('close', onFailure);
      if (result === null) secured.destroy();
      resolve(result);
    };
    const onFailure = (): void => finish(null);
    const onAbort = (): void => finish(null);
    const timer = setTimeout(onFailure, timeoutMs);
    signal.addEventListener('abort', onAbort, { once: true });
    // 'secure' is the server-side counterpart of 'secureConnect' on a TLSSocket built by hand.
    secured.once('secure', () => finish(secured));
    secured.once('close', onFailure);
    secured.once('error', onFailure);
  });
}
