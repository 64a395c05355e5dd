import { describe, expect, it } from 'vitest';
import type { AddressClass } from '../../src/probe/types.js';
import { classifyAdvertisedAddress, isLoopback, normalizeAddress } from '../../src/protocol/address.js';

describe('classifyAdvertisedAddress', () => {
  const rows: { title: string; input: [advertised: string, peer: string]; expected: AddressClass }[] = [
    { title: 'same as the peer', input: ['203.0.113.7', '203.0.113.7'], expected: 'same' },
    { title: 'same as an IPv4-mapped peer', input: ['127.0.0.1', '::ffff:127.0.0.1'], expected: 'same' },
    { title: 'same as a hex IPv4-mapped peer', input: ['127.0.0.1', '::ffff:7f00:1'], expected: 'same' },
    { title: 'same, with leading zeros', input: ['010.000.000.001', '10.0.0.1'], expected: 'same' },
    { title: 'unspecified 0.0.0.0', input: ['0.0.0.0', '203.0.113.7'], expected: 'unspecified' },
    { title: 'loopback behind a proxy', input: ['127.0.0.1', '203.0.113.7'], expected: 'loopback' },
    { title: 'another loopback address', input: ['127.0.1.1', '127.0.0.1'], expected: 'loopback' },
    { title: 'private 10/8', input: ['10.1.2.3', '203.0.113.7'], expected: 'private' },
    { title: 'private 172.16/12 low end', input: ['172.16.0.1', '203.0.113.7'], expected: 'private' },
    { title: 'private 172.16/12 high end', input: ['172.31.255.254', '203.0.113.7'], expected: 'private' },
    { title: '172.32 is public', input: ['172.32.0.1', '203.0.113.7'], expected: 'different-public' },
    { title: 'private 192.168/16', input: ['192.168.1.10', '203.0.113.7'], expected: 'private' },
    { title: 'link-local', input: ['169.254.10.20', '203.0.113.7'], expected: 'link-local' },
    { title: 'carrier-grade NAT low end', input: ['100.64.0.1', '203.0.113.7'], expected: 'shared' },
    { title: 'carrier-grade NAT high end', input: ['100.127.255.255', '203.0.113.7'], expected: 'shared' },
    { title: '100.128 is public', input: ['100.128.0.1', '203.0.113.7'], expected: 'different-public' },
    { title: 'another public address', input: ['198.51.100.1', '203.0.113.7'], expected: 'different-public' },
    {
      title: 'a private address that is the peer',
      input: ['192.168.1.10', '192.168.1.10'],
      expected: 'same',
    },
    {
      title: 'IPv6 same with different spelling',
      input: ['2001:DB8::1', '2001:db8:0:0::1'],
      expected: 'same',
    },
    { title: 'IPv6 unspecified', input: ['::', '2001:db8::1'], expected: 'unspecified' },
    { title: 'IPv6 loopback', input: ['::1', '2001:db8::1'], expected: 'loopback' },
    { title: 'IPv6 unique local', input: ['fd00::5', '2001:db8::1'], expected: 'private' },
    { title: 'IPv6 link-local', input: ['fe80::1', '2001:db8::1'], expected: 'link-local' },
    { title: 'IPv6 other', input: ['2001:db8::2', '2001:db8::1'], expected: 'different-public' },
  ];
  it.each(rows)('$title', ({ input, expected }) => {
    expect(classifyAdvertisedAddress(...input)).toBe(expected);
  });
});

describe('normalizeAddress', () => {
  const rows: { title: string; input: string; expected: string }[] = [
    { title: 'plain IPv4', input: '192.0.2.1', expected: '192.0.2.1' },
    { title: 'IPv4-mapped', input: '::ffff:192.0.2.1', expected: '192.0.2.1' },
    { title: 'IPv4-mapped, upper case', input: '::FFFF:192.0.2.1', expected: '192.0.2.1' },
    { title: 'IPv4-mapped in hex', input: '::ffff:c000:201', expected: '192.0.2.1' },
    { title: 'brackets', input: '[2001:db8::1]', expected: '2001:db8::1' },
    {
      title: 'long IPv6 form compressed',
      input: '2001:0DB8:0000:0000:0000:0000:0000:0001',
      expected: '2001:db8::1',
    },
    { title: 'zone index dropped', input: 'fe80::1%eth0', expected: 'fe80::1' },
    { title: 'leading zeros in IPv4', input: '127.000.000.001', expected: '127.0.0.1' },
    { title: 'IPv4-compatible is not mapped', input: '::192.0.2.1', expected: '::c000:201' },
    { title: 'a host name is left alone', input: ' ftp.example.com ', expected: 'ftp.example.com' },
  ];
  it.each(rows)('$title', ({ input, expected }) => {
    expect(normalizeAddress(input)).toBe(expected);
  });
});

describe('isLoopback', () => {
  const rows: { title: string; input: string; expected: boolean }[] = [
    { title: '127.0.0.1', input: '127.0.0.1', expected: true },
    { title: '127.255.0.9', input: '127.255.0.9', expected: true },
    { title: '::1', input: '::1', expected: true },
    { title: 'mapped 127.0.0.1', input: '::ffff:127.0.0.1', expected: true },
    { title: 'private address', input: '10.0.0.1', expected: false },
    { title: 'test network', input: '198.18.0.1', expected: false },
    { title: 'unique local IPv6', input: 'fd00::1', expected: false },
    { title: 'a name', input: 'localhost', expected: false },
  ];
  it.each(rows)('$title', ({ input, expected }) => {
    expect(isLoopback(input)).toBe(expected);
  });
});
