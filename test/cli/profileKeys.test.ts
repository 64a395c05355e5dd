import { describe, expect, it } from 'vitest';
import { OPTION_KEYS, optionSpec, profileKey } from '../../src/config/optionTable.js';
import { checkProfileSetting, profileKeyTable } from '../../src/config/profileKeys.js';

describe('profile keys (what the config loader checks a profile against)', () => {
  it('every option a profile may set is a key, in snake_case; one-run options are not', () => {
    const table = profileKeyTable();
    for (const key of OPTION_KEYS) {
      const spec = optionSpec(key);
      expect(table.has(profileKey(spec)), spec.long).toBe(spec.inProfile);
    }
    expect(table.has('connect_timeout')).toBe(true);
    for (const key of ['password_file', 'password_env', 'require_tls']) expect(table.has(key)).toBe(true);
  });

  it.each([
    ['connect_timeout', '2s'],
    ['connect_timeout', 3],
    ['samples', 10],
    ['tls', 'explicit'],
    ['fix_for', ['vsftpd', 'nftables']],
    ['scan_range', '50000-50100'],
    ['insecure', true],
    ['color', false],
    ['password_env', 'PROD_FTP_PASSWORD'],
    ['password_file', '/run/secrets/ftp'],
    ['require_tls', true],
  ])('%s: %j is accepted', (key, value) => {
    expect(checkProfileSetting(key, value)).toBeNull();
  });

  it.each([
    ['password', 'hunter2', /may not be written in the config file; .*password_file or password_env/],
    ['Password', 'hunter2', /may not be written in the config file/],
    ['tls', 'maybe', /"maybe" is not one of auto, explicit, implicit, off/],
    ['fix_for', 'bogus', /unknown value "bogus"; valid: /],
    ['samples', 'ten', /is not a whole number/],
    ['insecure', 'yes', /is not true or false/],
    ['password_env', 'not a name', /is not an environment variable name/],
    ['require_tls', 'yes', /is not true or false/],
    ['conect_timeout', '5s', /^unknown key \(did you mean connect_timeout\?\)$/],
    ['output', 'r.json', /--output is for one run only/],
    ['user', null, /has no value/],
  ])('%s: %j is refused: %s', (key, value, reason) => {
    expect(checkProfileSetting(key, value)).toMatch(reason);
  });
});
