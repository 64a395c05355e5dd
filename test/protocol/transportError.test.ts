import { describe, expect, it } from 'vitest';
import { TransportError } from '../../src/protocol/errors.js';
import { classifySocketError } from '../../src/protocol/transportError.js';
import type { TransportFailure } from '../../src/protocol/types.js';

function systemError(code: string, message = `connect ${code} 127.0.0.1:21`): Error {
  return Object.assign(new Error(message), { code });
}

describe('classifySocketError', () => {
  const rows: { title: string; input: string; expected: TransportFailure }[] = [
    { title: 'RST on connect (or ICMP port-unreachable)', input: 'ECONNREFUSED', expected: 'refused' },
    { title: 'kernel connect timeout', input: 'ETIMEDOUT', expected: 'timeout' },
    { title: 'ICMP host-unreachable or admin-prohibited', input: 'EHOSTUNREACH', expected: 'unreachable' },
    { title: 'ICMP net-unreachable, or no route', input: 'ENETUNREACH', expected: 'unreachable' },
    { title: 'local firewall rule (EACCES)', input: 'EACCES', expected: 'unreachable' },
    { title: 'local firewall rule (EPERM)', input: 'EPERM', expected: 'unreachable' },
    { title: 'reset after connecting', input: 'ECONNRESET', expected: 'reset' },
    { title: 'write after the peer reset', input: 'EPIPE', expected: 'reset' },
    { title: 'unknown host', input: 'ENOTFOUND', expected: 'dns' },
    { title: 'DNS server failure', input: 'EAI_AGAIN', expected: 'dns' },
    { title: 'OpenSSL wrong version', input: 'ERR_SSL_WRONG_VERSION_NUMBER', expected: 'tls' },
    { title: 'OpenSSL via EPROTO', input: 'EPROTO', expected: 'tls' },
    { title: 'certificate problem', input: 'CERT_HAS_EXPIRED', expected: 'tls' },
    { title: 'self-signed', input: 'DEPTH_ZERO_SELF_SIGNED_CERT', expected: 'tls' },
    { title: 'name mismatch', input: 'ERR_TLS_CERT_ALTNAME_INVALID', expected: 'tls' },
    { title: 'stream closed', input: 'ERR_STREAM_DESTROYED', expected: 'closed' },
    { title: 'something else', input: 'EMFILE', expected: 'other' },
  ];
  it.each(rows)('$input: $title', ({ input, expected }) => {
    const error = classifySocketError(systemError(input), 'data');
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ channel: 'data', failure: expected, errno: input });
    expect(error.message).toContain('data connection');
    expect(error.message).toContain(input);
  });

  it('keeps an existing TransportError, moving it to the asked channel when needed', () => {
    const original = new TransportError('control', 'timeout', 'no reply');
    expect(classifySocketError(original, 'control')).toBe(original);
    expect(classifySocketError(original, 'data')).toMatchObject({ channel: 'data', failure: 'timeout' });
  });

  it('treats an OpenSSL error object without a known code as tls', () => {
    const error = Object.assign(new Error('handshake failure'), {
      code: 'SOMETHING',
      library: 'SSL routines',
      reason: 'x',
    });
    expect(classifySocketError(error, 'control').failure).toBe('tls');
  });

  it('copes with values that are not errors', () => {
    expect(classifySocketError('weird', 'control')).toMatchObject({ failure: 'other', errno: undefined });
    expect(classifySocketError(null, 'control')).toMatchObject({ failure: 'other' });
  });
});
