import { isIPv6 } from 'node:net';
import type { AddressClass } from './types.js';

export type { AddressClass };

/**
 * normalizeAddress puts an IP address into the form used for comparisons: IPv4-mapped IPv6
 * (`::ffff:127.0.0.1`, `::ffff:7f00:1`, as node reports peers of a dual-stack socket) becomes
 * plain IPv4, IPv6 is lower-cased with brackets and zone index removed, IPv4 loses leading
 * zeros. Anything that is not an IP address comes back trimmed and otherwise unchanged.
 */
export function normalizeAddress(address: string): string {
  let candidate = address.trim();
  if (candidate.startsWith('[') && candidate.endsWith(']')) candidate = candidate.slice(1, -1);
  const zone = candidate.indexOf('%');
  if (zone >= 0 && isIPv6(candidate)) candidate = candidate.slice(0, zone);
  const v4 = parseIPv4(candidate);
  if (v4) return v4.join('.');
  if (!isIPv6(candidate)) return candidate;
  const words = expandIPv6(candidate.toLowerCase());
  if (words?.slice(0, 5).every((word) => word === 0) && words[5] === 0xffff) {
    return [words[6]! >> 8, words[6]! & 0xff, words[7]! >> 8, words[7]! & 0xff].join('.');
  }
  return words ? compressIPv6(words) : candidate.toLowerCase();
}

/** isLoopback: 127.0.0.0/8, ::1, and their IPv4-mapped forms. */
export function isLoopback(address: string): boolean {
  const normalized = normalizeAddress(address);
  const v4 = parseIPv4(normalized);
  if (v4) return v4[0] === 127;
  return normalized === '::1';
}

/**
 * classifyAdvertisedAddress relates the address a PASV reply advertises to the peer of the
 * control connection. Anything but `same` means a client that follows the advertisement connects
 * somewhere else; the class names the likely cause:
 *
 *   same              the control peer itself (after normalizing ::ffff: forms)
 *   unspecified       0.0.0.0 / ::, the server printed its wildcard bind address
 *   loopback          127/8, ::1: the server sits behind a proxy or port forward on its host
 *   private           RFC 1918 (10/8, 172.16/12, 192.168/16) or IPv6 ULA fc00::/7: NAT
 *   docker-bridge     172.17/16, Docker's default bridge: the server runs in a container
 *   link-local        169.254/16, fe80::/10
 *   shared            100.64/10, carrier-grade NAT (RFC 6598)
 *   different-public  any other address: a wrong masquerade address or another host
 */
export function classifyAdvertisedAddress(advertised: string, controlPeer: string): AddressClass {
  const address = normalizeAddress(advertised);
  if (address === normalizeAddress(controlPeer)) return 'same';
  const v4 = parseIPv4(address);
  if (v4) return classifyIPv4(v4);
  const words = isIPv6(address) ? expandIPv6(address) : null;
  if (words) return classifyIPv6(words);
  return 'different-public';
}

function classifyIPv4([a, b]: readonly number[]): AddressClass {
  if (a === undefined || b === undefined) return 'different-public';
  if (a === 0) return 'unspecified';
  if (a === 127) return 'loopback';
  // Docker's default bridge (172.17.0.0/16) lies inside 172.16/12; its own class carries its own advice.
  if (a === 172 && b === 17) return 'docker-bridge';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 100 && b >= 64 && b <= 127) return 'shared';
  return 'different-public';
}

function classifyIPv6(words: readonly number[]): AddressClass {
  const first = words[0]!;
  if (words.every((word) => word === 0)) return 'unspecified';
  if (words.slice(0, 7).every((word) => word === 0) && words[7] === 1) return 'loopback';
  if ((first & 0xfe00) === 0xfc00) return 'private';
  if ((first & 0xffc0) === 0xfe80) return 'link-local';
  return 'different-public';
}

/** parseIPv4 accepts dotted quads, tolerating leading zeros (as PASV replies may carry them). */
function parseIPv4(address: string): number[] | null {
  if (!/^\d{1,3}(?:\.\d{1,3}){3}$/.test(address)) return null;
  const parts = address.split('.').map(Number);
  return parts.every((part) => part <= 255) ? parts : null;
}

/** expandIPv6 returns the eight 16-bit words of a valid IPv6 address (embedded IPv4 allowed). */
function expandIPv6(address: string): number[] | null {
  if (!isIPv6(address)) return null;
  let text = address;
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const v4 = tail[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, tail.index)}${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const headWords = head === '' ? [] : head.split(':');
  const tailWords = rest === undefined || rest === '' ? [] : rest.split(':');
  const missing = 8 - headWords.length - tailWords.length;
  const words = [...headWords, ...Array<string>(rest === undefined ? 0 : missing).fill('0'), ...tailWords];
  return words.length === 8 ? words.map((word) => Number.parseInt(word, 16)) : null;
}

/** compressIPv6 writes the words in RFC 5952 form: lower case, longest zero run as `::`. */
function compressIPv6(words: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 0;
  for (let start = 0; start < 8; ) {
    if (words[start] !== 0) {
      start++;
      continue;
    }
    let end = start;
    while (end < 8 && words[end] === 0) end++;
    if (end - start > bestLength && end - start > 1) {
      bestStart = start;
      bestLength = end - start;
    }
    start = end;
  }
  const hex = words.map((word) => word.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/**
 * formatEndpoint writes `host:port`, with brackets around an IPv6 address (`[::1]:21`), the way
 * URLs and every client print it.
 */
export function formatEndpoint(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
