import { isIP } from 'node:net';
import { addressBits, parseTargetPattern, type TargetPattern } from '../config/configFile.js';

/**
 * Allowlist decides which hosts /probe may reach, before any lookup or connection. A host name
 * matches only name patterns and an IP address only addresses and CIDR ranges: a name is never
 * resolved to decide, so a DNS answer cannot widen what the operator allowed.
 */
export class Allowlist {
  private constructor(
    private readonly patterns: readonly TargetPattern[],
    readonly entries: readonly string[],
  ) {}

  /** Entries were checked when the config was loaded; one that is not a pattern is a bug. */
  static of(entries: readonly string[]): Allowlist {
    const patterns = entries.map((entry) => {
      const pattern = parseTargetPattern(entry);
      if (pattern === null) throw new Error(`allowlist entry "${entry}" is not a pattern`);
      return pattern;
    });
    return new Allowlist(patterns, entries);
  }

  allows(host: string): boolean {
    const family = isIP(host);
    if (family !== 0) {
      const bits = addressBits(host);
      return this.patterns.some(
        (pattern) =>
          pattern.kind === 'network' &&
          pattern.family === family &&
          prefixOf(bits, family, pattern.prefix) === prefixOf(pattern.bits, family, pattern.prefix),
      );
    }
    const labels = host.toLowerCase().replace(/\.$/, '').split('.');
    return this.patterns.some(
      (pattern) =>
        pattern.kind === 'name' &&
        pattern.labels.length === labels.length &&
        pattern.labels.every((wanted, index) => labelMatches(wanted, labels[index]!)),
    );
  }
}

function prefixOf(bits: bigint, family: 4 | 6, prefix: number): bigint {
  return bits >> BigInt((family === 4 ? 32 : 128) - prefix);
}

/** labelMatches: `*` stands for any run of characters inside one label, never a dot. */
function labelMatches(pattern: string, label: string): boolean {
  if (!pattern.includes('*')) return pattern === label;
  const parts = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\-]/g, '\\$&'));
  return new RegExp(`^${parts.join('[^.]*')}$`).test(label);
}
