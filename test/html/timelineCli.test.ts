import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeFtpServer } from '../../src/fakeServer/fakeFtpServer.js';
import type { FakeFtpServer } from '../../src/fakeServer/fakeServerScript.js';
import { runCli } from '../support/runCli.js';

/** chart: the Timeline section's lines, from its heading to the next section's heading. */
function chart(stdout: string): string[] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith('Timeline ('));
  expect(start, stdout).toBeGreaterThan(0);
  const next = lines.findIndex((line, index) => index > start && line !== '' && !line.startsWith(' '));
  return lines.slice(start, next < 0 ? undefined : next).filter((line) => line !== '');
}

describe('--timeline', () => {
  let server: FakeFtpServer;
  let target = '';
  beforeAll(async () => {
    server = await startFakeFtpServer({ dataPort: { pasv: 'closed' } });
    target = `127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server.close();
  });

  it('draws the chart under the steps, in Unicode blocks, 80 columns wide when not on a terminal', async () => {
    const run = await runCli([target, '--timeline']);
    expect(run.code).toBe(8);
    const lines = chart(run.stdout);
    expect(lines.some((line) => line.startsWith('  control ') && line.includes('│'))).toBe(true);
    expect(lines.some((line) => line.startsWith('  PASV data') && line.includes('╳'))).toBe(true);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
    expect(run.stdout.indexOf('Steps')).toBeLessThan(run.stdout.indexOf('Timeline ('));
  });

  it.each([
    ['--ascii', {}],
    ['TERM=dumb', { TERM: 'dumb' }],
  ])('keeps to ASCII with %s', async (flag, env) => {
    const run = await runCli([target, '--timeline', ...(flag === '--ascii' ? ['--ascii'] : [])], { env });
    const lines = chart(run.stdout);
    for (const line of lines) expect(line).toMatch(/^[\x20-\x7e]*$/);
    expect(lines.some((line) => line.startsWith('  PASV data') && line.includes('x'))).toBe(true);
  });

  it('draws nothing without --timeline', async () => {
    const run = await runCli([target]);
    expect(run.stdout).not.toContain('Timeline (');
  });
});
