import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeFtpServer } from '../../src/fakeServer/fakeFtpServer.js';
import { AUTO_RANGE_SAMPLES } from '../../src/probe/steps/rangeSampling.js';
import { findStep } from '../../src/probe/types.js';
import { probeFake } from '../support/probeHelpers.js';
import { CLI_PATH, runCli } from '../support/runCli.js';

const work = mkdtempSync(join(tmpdir(), 'ftp-doctor-demo-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Running {
  readonly child: ReturnType<typeof spawn>;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exit: Promise<number | null>;
  waitFor(stream: 'stdout' | 'stderr', pattern: RegExp): Promise<RegExpExecArray>;
}

/** start runs the CLI and lets a test wait for its output; a hard timeout kills it by its pid. */
function start(args: readonly string[]): Running {
  const child = spawn(process.execPath, [CLI_PATH, ...args], {
    env: { ...process.env, NO_COLOR: '1', CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const text = { stdout: '', stderr: '' };
  const waiters: (() => void)[] = [];
  for (const stream of ['stdout', 'stderr'] as const) {
    child[stream].on('data', (chunk: Buffer) => {
      text[stream] += chunk.toString('utf8');
      for (const wake of waiters.splice(0)) wake();
    });
  }
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const exit = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    }),
  );
  return {
    child,
    stdout: () => text.stdout,
    stderr: () => text.stderr,
    exit,
    async waitFor(stream, pattern) {
      for (;;) {
        const match = pattern.exec(text[stream]);
        if (match) return match;
        const closed = await Promise.race([
          exit.then(() => true),
          new Promise<boolean>((r) => waiters.push(() => r(false))),
        ]);
        if (closed) {
          const last = pattern.exec(text[stream]);
          if (last) return last;
          throw new Error(`exited before ${pattern}: ${text.stdout}\n${text.stderr}`);
        }
      }
    },
  };
}

describe('ftp-doctor demo', () => {
  it('takes the output options: --format junit, -o with the human report on the terminal', async () => {
    const file = join(work, 'demo.xml');
    const run = await runCli(['demo', 'healthy', 'data-port-closed', '--format', 'junit', '-o', file]);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^<\?xml[\s\S]*<testsuites[\s\S]*data\.port-closed/);
    expect(run.stdout).toContain('ftp-doctor report: demo:data-port-closed');
    const json = await runCli(['demo', 'epsv-refused', '--json']);
    expect(JSON.parse(json.stdout).targets[0].verdict.status).toBe('warning');
  });

  it('--fix-for and -v choose the fixes like a probe; -q prints one line per scenario', async () => {
    const chosen = await runCli(['demo', 'data-port-closed', '--fix-for', 'vsftpd']);
    expect(chosen.stdout).toContain('(vsftpd): vsftpd: hand out passive ports');
    expect(chosen.stdout).not.toContain('(proftpd)');
    const verbose = await runCli(['demo', 'data-port-closed', '-v']);
    for (const dialect of ['generic', 'vsftpd', 'proftpd', 'pure-ftpd'])
      expect(verbose.stdout).toContain(`(${dialect})`);
    const quiet = await runCli(['demo', 'healthy', 'login-refused', '-q']);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^HEALTHY demo:healthy \(exit 0\)/),
      expect.stringMatching(/^FAILED demo:login-refused \(exit 6\)/),
    ]);
  });

  it('shows progress per scenario and, on Ctrl-C, prints what it has and exits 130', async () => {
    const demo = start(['demo', 'healthy', 'banner-silent', 'transfer-hangs']);
    await demo.waitFor('stderr', /probing demo 2\/3 banner-silent/);
    demo.child.kill('SIGINT');
    expect(await demo.exit).toBe(130);
    expect(demo.stdout()).toContain('ftp-doctor report: demo:healthy');
    expect(demo.stdout()).toContain('ftp-doctor report: demo:banner-silent');
    expect(demo.stdout()).toContain('interrupted by a signal');
    expect(demo.stderr()).toContain('ftp-doctor demo: interrupted; not run: transfer-hangs');
  });

  it('--serve keeps one scenario on 127.0.0.1 for other clients until Ctrl-C, then exits 0', async () => {
    const served = start(['demo', '--serve', 'data-port-closed']);
    const [, port] = await served.waitFor('stdout', /listening on 127\.0\.0\.1:(\d+)\n/);
    const probe = await runCli([`127.0.0.1:${port}`, '--tls', 'off', '-q']);
    expect(probe.code).toBe(8);
    expect(probe.stdout).toMatch(/^FAILED 127\.0\.0\.1:\d+ \(exit 8\): Passive data port closed/);
    served.child.kill('SIGINT');
    expect(await served.exit).toBe(0);
    expect(served.stdout()).toContain('demo server "data-port-closed" stopped');
  });

  it('an unknown scenario is a usage error naming the known ones', async () => {
    const run = await runCli(['demo', 'nope']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown demo scenario "nope"; known: healthy, epsv-refused');
  });
});

describe('--pasv-range', () => {
  it('a port outside the stated range is its own finding, and fixes use the stated range', async () => {
    const server = await startFakeFtpServer({});
    try {
      const args = [`127.0.0.1:${server.port}`, '--tls', 'off', '--json'];
      const inside = await runCli([...args, '--pasv-range', '1-65535']);
      const ids = (run: { stdout: string }) =>
        (JSON.parse(run.stdout).targets[0].findings as { id: string }[]).map((f) => f.id);
      expect(ids(inside)).not.toContain('passive.port-outside-range');
      const outside = await runCli([...args, '--pasv-range', '2-3']);
      expect(outside.code).toBe(0);
      const finding = JSON.parse(outside.stdout).targets[0].findings.find(
        (f: { id: string }) => f.id === 'passive.port-outside-range',
      );
      expect(finding.severity).toBe('warning');
      expect(finding.detail).toContain('You gave 2–3');
      expect(finding.fixes[0].text).toContain('2–3');
      const bad = await runCli([...args, '--pasv-range', '9-1']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--pasv-range: 9-1 is not a range within 1-65535');
    } finally {
      await server.close();
    }
  });
});

describe('more samples when a data port fails', () => {
  it('a failed data port draws 20 EPSV samples on the same session; a working one only --samples', async () => {
    const closed = await probeFake({ dataPort: 'closed' }, { tls: 'off' });
    const epsv = findStep(closed.probe, 'epsv')!.data!;
    const pasv = findStep(closed.probe, 'pasv')!.data!;
    expect(epsv.samples.length + pasv.samples.length).toBe(AUTO_RANGE_SAMPLES);
    expect(epsv.samples.every((sample) => sample.port !== null)).toBe(true);
    const finding = closed.diagnosis.findings.find((f) => f.id === 'data.port-closed')!;
    expect(finding.detail).toContain(`from ${AUTO_RANGE_SAMPLES} samples`);

    const healthy = await probeFake({}, { tls: 'off' });
    expect(findStep(healthy.probe, 'epsv')!.data!.samples).toHaveLength(1);
  });
});
