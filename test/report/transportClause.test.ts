import { describe, expect, it } from 'vitest';
import { type TransportFacts, transportClause } from '../../src/report/text/transportClause.js';

describe('transportClause', () => {
  const table: { title: string; input: TransportFacts; expected: string }[] = [
    {
      title: "Node's connect error: channel, address and errno once each",
      input: {
        channel: 'control',
        failure: 'refused',
        errno: 'ECONNREFUSED',
        message: 'control connection: connection refused (connect ECONNREFUSED 127.0.0.1:9)',
      },
      expected: 'control connection to 127.0.0.1:9 refused (ECONNREFUSED)',
    },
    {
      title: 'a message of our own after the failure',
      input: {
        channel: 'data',
        failure: 'timeout',
        errno: 'ETIMEDOUT',
        message: 'no answer from 198.51.100.7:40140',
      },
      expected: 'data connection timed out (ETIMEDOUT): no answer from 198.51.100.7:40140',
    },
    {
      title: 'a prefixed message without errno',
      input: {
        channel: 'control',
        failure: 'timeout',
        message: 'control connection: no reply within 10000 ms',
      },
      expected: 'control connection timed out: no reply within 10000 ms',
    },
    {
      title: 'a message that already says what happened',
      input: { channel: 'control', failure: 'closed', message: 'control connection: closed by the server' },
      expected: 'control connection closed by the server',
    },
    {
      title: 'an errno already in the message is not repeated',
      input: {
        channel: 'control',
        failure: 'dns',
        errno: 'ENOTFOUND',
        message: 'DNS lookup failed (ENOTFOUND)',
      },
      expected: 'DNS lookup failed (ENOTFOUND)',
    },
    {
      title: 'an unknown failure word still reads as a failure',
      input: { channel: 'data', failure: 'weird', message: 'something odd' },
      expected: 'data connection failed: something odd',
    },
  ];
  it.each(table)('$title', ({ input, expected }) => {
    expect(transportClause(input)).toBe(expected);
  });
});
