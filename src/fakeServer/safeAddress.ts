import { isIP } from 'node:net';

/**
 * The fake server must never touch the outside network: it listens only on loopback or on the
 * addresses tests give to network namespaces they create, and connects back (active mode) only
 * to loopback.
 */

function ipv4Octets(address: string): number[] | null {
  const mapped = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(mapped) !== 4) return null;
  return mapped.split('.').map(Number);
}

/** isLoopbackAddress: 127.0.0.0/8, ::1, or an IPv4-mapped 127.x address. */
export function isLoopbackAddress(address: string): boolean {
  const octets = ipv4Octets(address);
  if (octets) return octets[0] === 127;
  return isIP(address) === 6 && /^(0{0,4}:){2,7}0{0,3}1$|^::1$/i.test(address);
}

/** isTestNetworkAddress: 198.18.0.0/15 or fd00::/8, the ranges test namespaces use. */
export function isTestNetworkAddress(address: string): boolean {
  const octets = ipv4Octets(address);
  if (octets) return octets[0] === 198 && (octets[1] === 18 || octets[1] === 19);
  return isIP(address) === 6 && /^fd[0-9a-f]{2}:/i.test(address);
}

/** isSafeListenAddress: where the fake server may listen. */
export function isSafeListenAddress(address: string): boolean {
  return isLoopbackAddress(address) || isTestNetworkAddress(address);
}
