import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfigFile, parseTargetPattern } from '../../src/config/configFile.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ftp-doctor-config-'));
  await writeFile(join(dir, 'secret'), 'not-used\n', { mode: 0o600 });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function load(text: string) {
  const path = join(dir, 'ftp.yml');
  await writeFile(path, text);
  return loadConfigFile(path);
}

async function refusal(text: string): Promise<ConfigError> {
  const error = await load(text).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('loadConfigFile', () => {
  it('reads allowed_targets and modules, with paths made absolute', async () => {
    const config = await load(
      [
        'allowed_targets: ["ftp.example.com", "*.example.net", "192.0.2.0/24", "::1"]',
        'modules:',
        '  default:',
        '  partner:',
        '    user: feed',
        '    password_file: secret',
        '    require_tls: true',
        '    connect_timeout: 2s',
        '    samples: 3',
        '    scan_range: 50000-50010',
        '',
      ].join('\n'),
    );
    expect(config.allowedTargets).toEqual(['ftp.example.com', '*.example.net', '192.0.2.0/24', '::1']);
    expect(config.profiles.get('default')).toEqual({});
    expect(config.profiles.get('partner')).toEqual({
      user: 'feed',
      password_file: join(dir, 'secret'),
      require_tls: true,
      connect_timeout: '2s',
      samples: 3,
      scan_range: '50000-50010',
    });
    expect(config.lineOf('partner', 'samples')).toBe(9);
  });

  it.each([
    ['modules:\n  a:\n    password: hunter2\n', 3, 'modules.a.password', /password_file or password_env/],
    ['modules:\n  a:\n    connect-timeout: 5s\n', 3, 'modules.a.connect-timeout', /connect_timeout/],
    ['modules:\n  a:\n    connect_timeout: soon\n', 3, 'modules.a.connect_timeout', /not a duration/],
    ['modules:\n  a:\n    samples: 99\n', 3, 'modules.a.samples', /1[–-]50/],
    ['modules:\n  a:\n    tls: maybe\n', 3, 'modules.a.tls', /auto, explicit/],
    ['modules:\n  a:\n    password_file: /nonexistent/pw\n', 3, 'modules.a.password_file', /ENOENT/],
    ['allowed_targets:\n  - ok.example.com\n  - 10.0.0.0/33\n', 3, 'allowed_targets[1]', /CIDR/],
    ['modulez: {}\n', 1, 'modulez', /unknown top-level key/],
    [
      'modules:\n  a:\n    allowed_targets:\n      - 10.0.0.0/33\n',
      4,
      'modules.a.allowed_targets[0]',
      /CIDR/,
    ],
    ['modules:\n  a:\n    allowed_targets: ftp.example.com\n', 3, 'modules.a.allowed_targets', /a list/],
    ['modules:\n  a: {}\n  a: {}\n', 3, 'yaml', /unique/i],
    ['modules:\n  a:\n    tls: off\n    require_tls: true\n', 3, 'modules.a', /exclude/],
  ])('refuses %j at line %i', async (text, line, key, reason) => {
    const error = await refusal(text);
    expect({ line: error.line, key: error.key }).toEqual({ line, key });
    expect(error.reason).toMatch(reason);
    expect(error.message).toBe(`${join(dir, 'ftp.yml')}:${line}: ${key}: ${error.reason}`);
  });

  it('refuses a file it cannot read, with line 0', async () => {
    const error = await loadConfigFile(join(dir, 'missing.yml')).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ line: 0, key: 'file' });
    expect((error as Error).message).toMatch(/ENOENT/);
  });
});

describe('parseTargetPattern', () => {
  it.each([
    ['10.0.0.0/8', { kind: 'network', family: 4, prefix: 8 }],
    ['fd00::/8', { kind: 'network', family: 6, prefix: 8 }],
    ['127.0.0.1', { kind: 'network', family: 4, prefix: 32 }],
    ['*.Example.com', { kind: 'name', labels: ['*', 'example', 'com'] }],
  ])('%s', (text, expected) => {
    expect(parseTargetPattern(text)).toMatchObject(expected);
  });
  it.each(['', 'a b', 'host/8', '10.0.0.0/x', 'fd00::/129'])('refuses %j', (text) => {
    expect(parseTargetPattern(text)).toBeNull();
  });
});
