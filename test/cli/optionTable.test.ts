import { describe, expect, it } from 'vitest';
import { suggestCommand } from '../../src/cli/options/commandSuggestion.js';
import { readOptionValues } from '../../src/cli/options/readOptionValues.js';
import { unbracketedPortHint } from '../../src/cli/options/targetArgs.js';
import { UsageError } from '../../src/cli/usageError.js';
import { FIX_DIALECT_CHOICES } from '../../src/config/fixDialectChoices.js';
import {
  flagName,
  OPTION_KEYS,
  optionSpec,
  PROBE_OPTIONS,
  profileKey,
} from '../../src/config/optionTable.js';
import { describeValue, parseOptionValue, shortenLongWords } from '../../src/config/optionValues.js';
import { FIREWALL_DIALECTS } from '../../src/knowledge/diagnosis/fixes/firewall.js';
import { SERVER_DIALECTS } from '../../src/knowledge/diagnosis/fixes/server.js';

/** commanderKey: the attribute name commander gives a long flag (`--connect-timeout` → connectTimeout). */
function commanderKey(long: string): string {
  return long.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

describe('the option table', () => {
  it('each key is the name commander reads the option into, so no mapping is written twice', () => {
    for (const key of OPTION_KEYS) expect(commanderKey(PROBE_OPTIONS[key].long)).toBe(key);
  });

  it('flags and profile keys are unique', () => {
    const flags = OPTION_KEYS.map((key) => flagName(PROBE_OPTIONS[key]));
    const shorts = OPTION_KEYS.flatMap((key) => optionSpec(key).short ?? []);
    expect(new Set(flags).size).toBe(flags.length);
    expect(new Set(shorts).size).toBe(shorts.length);
    expect(new Set(OPTION_KEYS.map((key) => profileKey(PROBE_OPTIONS[key]))).size).toBe(OPTION_KEYS.length);
  });

  it('--fix-for accepts every dialect the knowledge layer writes fixes in', () => {
    for (const dialect of [...SERVER_DIALECTS, ...FIREWALL_DIALECTS])
      expect(FIX_DIALECT_CHOICES).toContain(dialect);
  });

  it('every default parses with its own row', () => {
    const values = readOptionValues({}, null).values;
    expect(values.connectTimeout).toBe(5000);
    expect(values.deadline).toBe(60_000);
    expect(values.format).toBe('human');
    expect(values.color).toBe(true);
    expect(values.tls).toBeNull();
    expect(values.warning).toBeNull();
  });
});

describe('parseOptionValue', () => {
  const parse = (key: keyof typeof PROBE_OPTIONS, raw: Parameters<typeof parseOptionValue>[1]) =>
    parseOptionValue(PROBE_OPTIONS[key], raw);

  it.each([
    ['connectTimeout', '500ms', 500],
    ['connectTimeout', '1.5', 1500],
    ['connectTimeout', 2, 2000],
    ['deadline', '2m', 120_000],
    ['samples', '10', 10],
    ['tls', 'Implicit', 'implicit'],
    ['fixFor', 'vsftpd, NFTABLES', ['vsftpd', 'nftables']],
    ['fixFor', ['ufw', 'all'], ['ufw', 'all']],
    ['scanRange', '50000-50100', { low: 50000, high: 50100 }],
    ['scanRange', true, 'inferred'],
    ['insecure', true, true],
  ] as const)('%s %j → %j', (key, raw, expected) => {
    expect(parse(key, raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['connectTimeout', 'soon', /"soon" is not a duration/],
    ['connectTimeout', '0', /outside 1 ms – 60 minutes/],
    ['samples', '51', /51 is outside 1–50/],
    ['concurrency', 'many', /"many" is not a whole number/],
    ['tls', 'maybe', /^"maybe" is not one of auto, explicit, implicit, off$/],
    ['format', 'x', /is not one of human, json, /],
    ['fixFor', 'bogus,nftables', /^unknown value "bogus"; valid: vsftpd, /],
    ['scanRange', '1-9999', /at most 4096 ports/],
    ['insecure', 'yes', /is not true or false/],
  ] as const)('%s %j is refused: %s', (key, raw, reason) => {
    const parsed = parse(key, raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });

  it('a huge value is never echoed whole', () => {
    const huge = 'x'.repeat(100_000);
    const parsed = parse('tls', huge);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.reason.length).toBeLessThan(200);
      expect(parsed.reason).toContain('(100000 characters)');
    }
    expect(describeValue('short')).toBe('"short"');
    expect(shortenLongWords(`a ${huge} b`).length).toBeLessThan(100);
  });
});

describe('readOptionValues', () => {
  it('command line over profile over default; a profile value is checked like a flag', () => {
    const profile = {
      name: 'prod',
      file: '/etc/x.yml',
      settings: { connect_timeout: '2s', tls: 'explicit' },
    };
    const { values, given } = readOptionValues({ tls: 'off' }, profile);
    expect(values.tls).toBe('off');
    expect(values.connectTimeout).toBe(2000);
    expect(values.replyTimeout).toBe(10_000);
    expect([...given].sort()).toEqual(['connectTimeout', 'tls']);
    expect(() => readOptionValues({}, { ...profile, settings: { tls: 'maybe' } })).toThrow(
      /profile "prod" in \/etc\/x\.yml: tls: "maybe" is not one of/,
    );
  });

  it('a bad flag is a UsageError that names the flag', () => {
    expect(() => readOptionValues({ fixFor: 'bogus' }, null)).toThrow(UsageError);
    expect(() => readOptionValues({ fixFor: 'bogus' }, null)).toThrow(/^--fix-for: unknown value "bogus"/);
    // commander presets --no-color to true: that is not "given".
    expect(readOptionValues({ color: true }, null).given.has('color')).toBe(false);
    expect(readOptionValues({ color: false }, null).values.color).toBe(false);
  });
});

describe('suggestCommand', () => {
  const commands = ['probe', 'explain', 'compare', 'demo', 'completion', 'serve'];
  it.each([
    ['exlpain', 'explain'],
    ['comapre', 'compare'],
    ['dmeo', 'demo'],
    ['serev', 'serve'],
    ['compleiton', 'completion'],
    ['EXPLIAN', 'explain'],
  ])('%s → %s', (word, expected) => {
    expect(suggestCommand(word, commands)).toBe(expected);
  });

  it.each(['ftp.example.com', 'localhost', 'explain', 'ftp', 'host:21', 'dmz', '127.0.0.1'])(
    '%s → no suggestion',
    (word) => {
      expect(suggestCommand(word, commands)).toBeNull();
    },
  );
});

describe('unbracketedPortHint', () => {
  it('::1:9 is both an address and ::1 port 9: both readings are named', () => {
    const hint = unbracketedPortHint('::1:9');
    expect(hint).toContain('did you mean [::1]:9');
    expect(hint).toContain('[::1:9]');
  });
  it('::1:65000 can only mean a port', () => {
    expect(unbracketedPortHint('::1:65000')).toMatch(/not an address; did you mean \[::1\]:65000\?$/);
  });
  it.each(['2001:db8::1', '::1', '[::1]:9', '1:2:3:4:5:6:7:8', 'host:21', 'ftp://[::1]:21/', '::1:0'])(
    '%s → no hint',
    (text) => {
      expect(unbracketedPortHint(text)).toBeNull();
    },
  );
});
