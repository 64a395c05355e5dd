import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeFtpServer } from '../../src/fakeServer/fakeFtpServer.js';
import type { FakeFtpServer } from '../../src/fakeServer/fakeServerScript.js';
import { runCli } from '../support/runCli.js';
import { NAGIOS_EXIT, parseNagios } from './formatParsers.js';
import { FAST } from './formatRuns.js';

/** GREETING_DELAY_MS: the slow server greets after this long, then behaves. */
const GREETING_DELAY_MS = 1200;

// --warning/--critical turn a slow but working server into WARNING or CRITICAL, as
// check_ftp's -w/-c do; a bare number means seconds, as Nagios users write thresholds.
describe('--format nagios thresholds (CLI subprocess)', () => {
  let slow: FakeFtpServer;
  let broken: FakeFtpServer;
  const target = (server: FakeFtpServer) => `127.0.0.1:${server.port}`;
  beforeAll(async () => {
    [slow, broken] = await Promise.all([
      startFakeFtpServer({
        greeting: { steps: [{ delayMs: GREETING_DELAY_MS }, { lines: ['220 Slow, but here.'] }] },
      }),
      startFakeFtpServer({ dataPort: 'closed' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([slow?.close(), broken?.close()]);
  });

  const nagios = async (args: string[]) => {
    const run = await runCli([...args, '--tls', 'off', '--format', 'nagios', ...FAST]);
    const output = parseNagios(run.stdout);
    expect(run.code, run.stderr).toBe(NAGIOS_EXIT[output.state]);
    return output;
  };

  const cases = [
    {
      thresholds: ['--warning', '500ms', '--critical', '5s'],
      state: 'WARNING',
      reason: /over the warning 0\.500 s/,
    },
    {
      thresholds: ['--warning', '1', '--critical', '10'],
      state: 'WARNING',
      reason: /over the warning 1\.000 s/,
    },
    {
      thresholds: ['--warning', '300ms', '--critical', '800ms'],
      state: 'CRITICAL',
      reason: /over the critical 0\.800 s/,
    },
    { thresholds: ['--warning', '5s', '--critical', '10s'], state: 'OK', reason: /HEALTHY/ },
    { thresholds: [], state: 'OK', reason: /HEALTHY/ },
  ];

  it('a greeting 1.2 s late is WARNING or CRITICAL past the thresholds, OK within them', async () => {
    // The five runs go at once: each waits for the slow greeting.
    const outputs = await Promise.all(cases.map(({ thresholds }) => nagios([target(slow), ...thresholds])));
    for (const [index, { thresholds, state, reason }] of cases.entries()) {
      const output = outputs[index]!;
      const title = thresholds.join(' ') || 'no thresholds';
      expect(output.state, title).toBe(state);
      expect(output.text, title).toMatch(reason);
      const time = output.perfdata.find((p) => p.label === 'time')!;
      expect(time.unit).toBe('s');
      expect(time.value).toBeGreaterThanOrEqual(GREETING_DELAY_MS / 1000);
      // The greeting's delay starts at accept, so part of it may fall into the connect step on a
      // loaded machine: only the presence of the banner figure is checked, not its size.
      const banner = output.perfdata.find((p) => p.label === 'banner')!;
      expect(banner.unit).toBe('s');
      // The thresholds are echoed in the perfdata, in seconds, so graphs can draw them.
      expect(time.warn === '', title).toBe(thresholds.length === 0);
      expect(time.crit === '', title).toBe(thresholds.length === 0);
    }
  });

  it('a broken server stays CRITICAL whatever the thresholds', async () => {
    const output = await nagios([target(broken), '--warning', '30s', '--critical', '60s']);
    expect(output.state).toBe('CRITICAL');
    expect(output.text).toMatch(/Passive data port closed/);
  });

  it('several targets: the worst state wins and each target has its own perfdata and line', async () => {
    const output = await nagios([target(slow), target(broken), '--warning', '500ms', '--critical', '30s']);
    expect(output.state).toBe('CRITICAL');
    expect(output.text).toMatch(/^2 of 2 targets not OK; /);
    expect(output.perfdata.map((p) => p.label).filter((l) => l.endsWith(' time'))).toEqual([
      `${target(slow)} time`,
      `${target(broken)} time`,
    ]);
    expect(output.longText.filter((line) => line.startsWith('['))).toEqual([
      expect.stringMatching(/^\[WARNING\] /),
      expect.stringMatching(/^\[CRITICAL\] /),
    ]);
  });

  it('a usage error is UNKNOWN (exit 3), with a status line Nagios can show', async () => {
    const run = await runCli([target(slow), '--format', 'nagios', '--warning', 'soon']);
    expect(run.code).toBe(3);
    const output = parseNagios(run.stdout);
    expect(output.state).toBe('UNKNOWN');
    expect(output.text).toContain('--warning');
    expect(run.stderr).toMatch(/^ftp-doctor: --warning: .*\nTry 'ftp-doctor --help'\.\n$/);
  });
});
