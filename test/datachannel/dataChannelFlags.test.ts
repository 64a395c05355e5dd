import { describe, expect, it } from 'vitest';
import { looksLikeStackTrace, runCli } from '../support/runCli.js';

// Usage errors of the data-channel flags: a clear message and exit 2, decided before any
// connection is made (the target is the discard port on loopback; nothing connects to it).
describe('data-channel flags', () => {
  it.each([
    { args: ['--write-size', '100'], message: 'need --write-test' },
    { args: ['--write-dir', '/upload'], message: 'need --write-test' },
    { args: ['--write-test', '--write-size', '0'], message: '--write-size: 0 is outside' },
    { args: ['--write-test', '--write-size', '999999999'], message: '--write-size: 999999999 is outside' },
    { args: ['--write-test', '--write-size', 'big'], message: '--write-size: "big" is not a whole number' },
    { args: ['--repeat', '0'], message: '--repeat: 0 is outside' },
    {
      args: ['--repeat', '3', '--all-addresses'],
      message: '--repeat and --all-addresses exclude each other',
    },
    { args: ['--repeat', '3', '--interval', 'soon'], message: '--interval: "soon" is not a duration' },
    { args: ['--tls-version', '1.1'], message: '1.1' },
  ])('$args → exit 2', async ({ args, message }) => {
    const run = await runCli(['127.0.0.1:9', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(looksLikeStackTrace(run.stderr)).toBe(false);
  });
});
