import { describe, expect, it } from 'vitest';
import { firewallRuleset } from '../support/netns.js';

describe('firewallRuleset', () => {
  it('replaces the table atomically and renders each verdict', () => {
    const text = firewallRuleset([
      { ports: { low: 30000, high: 30009 }, verdict: 'drop' },
      { ports: 2121, verdict: 'reset' },
      { ports: 30010, verdict: 'icmp-admin-prohibited' },
      { ports: 30011, verdict: 'icmp-port-unreachable' },
    ]);
    expect(text.startsWith('table inet ftpdoctor_test {}\ndelete table inet ftpdoctor_test\n')).toBe(true);
    expect(text).toContain('tcp dport 30000-30009 drop');
    expect(text).toContain('tcp dport 2121 reject with tcp reset');
    expect(text).toContain('tcp dport 30010 reject with icmpx type admin-prohibited');
    expect(text).toContain('tcp dport 30011 reject with icmpx type port-unreachable');
  });

  it('with no rules leaves an empty accepting chain', () => {
    expect(firewallRuleset([])).not.toMatch(/dport/);
  });
});
