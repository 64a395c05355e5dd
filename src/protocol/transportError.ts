import { TransportError } from './errors.js';
import type { Channel, TransportFailure } from './types.js';

/**
 * How each system error code maps onto a failure kind. On Linux, ICMP errors reach a TCP client
 * as errno values (checked against nftables reject rules in test/protocol/icmpErrno.test.ts):
 *
 *   IPv4 admin-prohibited, host-unreachable, host-prohibited   EHOSTUNREACH
 *   IPv4 net-unreachable, net-prohibited                       ENETUNREACH
 *   IPv6 admin-prohibited                                      EACCES
 *   IPv6 addr-unreachable / no-route                           EHOSTUNREACH / ENETUNREACH
 *   port-unreachable (both), and tcp reset                     ECONNREFUSED: looks like "closed"
 *   drop                                                       nothing: our own timeout
 *
 * EPERM comes from a local rule refusing our own packet (seen with UDP more than TCP).
 */
const FAILURE_BY_ERRNO: Readonly<Record<string, TransportFailure>> = {
  ECONNREFUSED: 'refused',
  ETIMEDOUT: 'timeout',
  ERR_SOCKET_CONNECTION_TIMEOUT: 'timeout',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  EHOSTDOWN: 'unreachable',
  ENETDOWN: 'unreachable',
  EACCES: 'unreachable',
  EPERM: 'unreachable',
  ENONET: 'unreachable',
  ECONNRESET: 'reset',
  ECONNABORTED: 'reset',
  EPIPE: 'reset',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_FAIL: 'dns',
  EAI_NONAME: 'dns',
  EAI_NODATA: 'dns',
  ENODATA: 'dns',
  ESERVFAIL: 'dns',
  EPROTO: 'tls',
  ERR_STREAM_PREMATURE_CLOSE: 'closed',
  ERR_STREAM_DESTROYED: 'closed',
  ERR_STREAM_WRITE_AFTER_END: 'closed',
  ERR_SOCKET_CLOSED: 'closed',
};

const WORDS: Readonly<Record<TransportFailure, string>> = {
  dns: 'name lookup failed',
  refused: 'connection refused',
  timeout: 'timed out',
  unreachable: 'host or network unreachable',
  reset: 'connection reset by peer',
  closed: 'connection closed',
  tls: 'TLS failure',
  other: 'socket error',
};

/**
 * classifySocketError turns whatever a socket, a DNS lookup or a TLS handshake threw into a
 * TransportError for the given channel, keeping the errno (ECONNREFUSED, EHOSTUNREACH, …) in
 * its own field. A TransportError passes through unchanged apart from its channel. OpenSSL
 * failures (ERR_SSL_*, ERR_TLS_*, certificate codes, EPROTO) become `tls`.
 */
export function classifySocketError(error: unknown, channel: Channel): TransportError {
  if (error instanceof TransportError) {
    return error.channel === channel
      ? error
      : new TransportError(channel, error.failure, error.message, error.errno);
  }
  const code = errnoOf(error);
  const failure = code === undefined ? 'other' : failureOf(code, error);
  const detail = error instanceof Error ? error.message : String(error);
  return new TransportError(channel, failure, `${channel} connection: ${WORDS[failure]} (${detail})`, code);
}

/** transportFailureWords is the short human phrase for a failure kind, e.g. 'connection refused'. */
export function transportFailureWords(failure: TransportFailure): string {
  return WORDS[failure];
}

function failureOf(code: string, error: unknown): TransportFailure {
  const mapped = FAILURE_BY_ERRNO[code];
  if (mapped) return mapped;
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || isOpenSslError(error)) return 'tls';
  if (/CERT|_SIGNATURE|SELF_SIGNED|UNABLE_TO_/.test(code)) return 'tls';
  return 'other';
}

function isOpenSslError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'library' in error && 'reason' in error;
}

function errnoOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const { code } = error as { code: unknown };
  return typeof code === 'string' && code.length > 0 ? code : undefined;
}
