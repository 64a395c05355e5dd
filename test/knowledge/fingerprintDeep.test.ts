import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEEP_FINGERPRINT_COMMANDS } from '../../src/knowledge/servers/deepFingerprint.js';
import type { TargetReport } from '../../src/knowledge/types.js';
import { neutralServer } from '../support/neutralReplies.js';
import { probeFake, probeTarget } from '../support/probeHelpers.js';
import { type RealServer, realServerSkipReason, START_REAL_SERVER } from '../support/realServers.js';
import { runCli } from '../support/runCli.js';

const DEEP = { tls: 'off' as const, fingerprintQueries: DEEP_FINGERPRINT_COMMANDS };
const verbs = (commands: readonly string[]) =>
  commands.map((command) => command.split(' ')[0]!.toUpperCase());

describe('--fingerprint deep on the fake server', () => {
  it('the default probe sends none of the fingerprint queries', async () => {
    const { server, diagnosis } = await probeFake(neutralServer(['220 Welcome']), { tls: 'off' });
    expect(diagnosis.verdict.exitCode).toBe(0);
    for (const query of DEEP_FINGERPRINT_COMMANDS) expect(server.commandsSeen, query).not.toContain(query);
  });

  it('deep asks each query before login and again before QUIT, and the verdict does not change', async () => {
    const { server, diagnosis, probe } = await probeFake(neutralServer(['220 Welcome']), DEEP);
    expect(diagnosis.verdict.exitCode).toBe(0);
    for (const query of DEEP_FINGERPRINT_COMMANDS)
      expect(
        server.commandsSeen.filter((command) => command === query),
        query,
      ).toHaveLength(2);
    const seen = verbs(server.commandsSeen);
    expect(seen.indexOf('STAT')).toBeLessThan(seen.indexOf('USER'));
    expect(seen.lastIndexOf('STAT')).toBeGreaterThan(seen.lastIndexOf('EPSV'));
    expect(seen.at(-1)).toBe('QUIT');
    const features = probe.steps.find((step) => step.name === 'features')!;
    expect(features.exchanges.filter((exchange) => exchange.command === 'HELP')).toHaveLength(2);
  });
});

// Behind a neutral banner the deep replies add what the default probe cannot see: vsftpd's
// version (its STAT names it), ProFTPD's HELP and unknown-command wording, Pure-FTPd's own URL.
describe.each([
  {
    name: 'vsftpd',
    version: '3.0.3',
    labels: ['STAT names the product', 'HELP layout', '530 before login wording'],
  },
  {
    name: 'proftpd',
    version: null,
    labels: ['HELP layout', 'SITE HELP layout', 'STAT layout', 'unknown-command wording'],
  },
  { name: 'pure-ftpd', version: null, labels: ['HELP names the product', '530 before login wording'] },
] as const)('--fingerprint deep on a real $name behind a neutral banner', ({ name, version, labels }) => {
  const skip = realServerSkipReason(name);
  let server: RealServer;
  let report: TargetReport;
  beforeAll(async () => {
    if (skip !== null) return;
    server = await START_REAL_SERVER[name]({ banner: 'Welcome to ACME file transfer' });
    report = await probeTarget(`${server.host}:${server.port}`, DEEP);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it.skipIf(skip !== null)(
    `is named, with the signals only the deep replies give${skip ? ` (skipped: ${skip})` : ''}`,
    () => {
      expect(report.diagnosis.verdict.exitCode).toBe(0);
      expect(report.diagnosis.server).toMatchObject({ software: name, confidence: 'high', version });
      const found = report.diagnosis.server.signals.map((signal) => signal.label);
      for (const label of labels) expect(found).toContain(label);
    },
  );
});

describe('the --fingerprint option', () => {
  it('refuses an unknown mode with a usage error that lists the valid ones', async () => {
    const run = await runCli(['127.0.0.1:1', '--fingerprint', 'bogus']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--fingerprint: "bogus" is not one of default, deep/);
  });

  const skip = realServerSkipReason('vsftpd');
  it.skipIf(skip !== null)(
    '--fingerprint deep --json names vsftpd and its version behind a neutral banner',
    async () => {
      const server = await START_REAL_SERVER.vsftpd({ banner: 'Welcome to ACME file transfer' });
      try {
        const plain = await runCli([`${server.host}:${server.port}`, '--tls', 'off', '--json']);
        const deep = await runCli([
          `${server.host}:${server.port}`,
          '--tls',
          'off',
          '--json',
          '--fingerprint',
          'deep',
        ]);
        expect(deep.code, deep.stderr).toBe(0);
        const serverOf = (stdout: string) =>
          (JSON.parse(stdout) as { targets: { server: { software: string; version: string | null } }[] })
            .targets[0]!.server;
        expect(serverOf(plain.stdout)).toMatchObject({ software: 'vsftpd', version: null });
        expect(serverOf(deep.stdout)).toMatchObject({ software: 'vsftpd', version: '3.0.3' });
      } finally {
        await server.stop();
      }
    },
  );
});
