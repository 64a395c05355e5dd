import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeFtpServer } from '../../src/fakeServer/fakeFtpServer.js';
import type { FakeFtpServer } from '../../src/fakeServer/fakeServerScript.js';
import { FAST } from '../formats/formatRuns.js';
import { validateReportJson } from '../report/schema.js';
import { CLI_PATH, type CliRun, looksLikeStackTrace, runCli } from '../support/runCli.js';
import { runInPty, scriptSkipReason } from './ptyRun.js';

const ESC = '\u001b';
/** ora's default spinner (cli-spinners "dots") draws braille frames. */
const SPINNER_FRAME = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;
interface SignalRun extends CliRun {
  readonly signalledAfterMs: number;
}

/**
 * runAndSignal runs the CLI with pipes and sends `signal` once stderr contains `waitFor`, or once
 * `waitFor` returns true when it is a function (with --quiet nothing is written before the end;
 * a fake server's connection count says when the probe is under way).
 */
function runAndSignal(
  args: readonly string[],
  signal: NodeJS.Signals,
  waitFor: string | (() => boolean),
  env: NodeJS.ProcessEnv = {},
): Promise<SignalRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], {
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, CI: 'true', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let signalledAt = -1;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    const poll =
      typeof waitFor === 'function'
        ? setInterval(() => {
            if (signalledAt >= 0 || !waitFor()) return;
            signalledAt = Date.now() - started;
            // Let the probe reach its wait for the silent server before the signal lands.
            setTimeout(() => child.kill(signal), 300);
          }, 20)
        : undefined;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (typeof waitFor === 'string' && signalledAt < 0 && stderr.includes(waitFor)) {
        signalledAt = Date.now() - started;
        // Let the probe reach its first wait for the silent server before the signal lands.
        setTimeout(() => child.kill(signal), 300);
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('close', (code, closeSignal) => {
      clearTimeout(timer);
      clearInterval(poll);
      resolve({
        code,
        signal: closeSignal,
        stdout,
        stderr,
        ms: Date.now() - started,
        signalledAfterMs: signalledAt,
      });
    });
    child.stdin.end();
  });
}

// A spinner only where a person watches; plain progress lines on stderr in CI and pipes;
// the report on stdout; --quiet for the verdict only; Ctrl-C and SIGTERM report what was found.
describe('terminal manners (CLI subprocess)', () => {
  let healthy: FakeFtpServer;
  let silent: FakeFtpServer;
  let slow: FakeFtpServer;
  let dir: string;
  const target = (server: FakeFtpServer) => `127.0.0.1:${server.port}`;
  beforeAll(async () => {
    [healthy, silent, slow] = await Promise.all([
      startFakeFtpServer({}),
      startFakeFtpServer({ greeting: { steps: [] } }),
      startFakeFtpServer({ greeting: { steps: [{ delayMs: 700 }, { lines: ['220 Slow.'] }] } }),
    ]);
    dir = await mkdtemp(join(tmpdir(), 'ftp-doctor-terminal-'));
  });
  afterAll(async () => {
    await Promise.all([healthy?.close(), silent?.close(), slow?.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  describe('without a terminal (pipes)', () => {
    it.each([
      { title: 'CI=true', env: { CI: 'true' } },
      { title: 'no CI variable', env: { CI: undefined } },
    ])('$title: plain progress lines on stderr, the report on stdout, no escape codes', async ({ env }) => {
      const run = await runCli([target(healthy), '--tls', 'off', ...FAST], {
        env: { ...env, NO_COLOR: undefined },
      });
      expect(run.code).toBe(0);
      const t = target(healthy).replaceAll('.', '\\.');
      expect(run.stderr).toMatch(
        new RegExp(
          `^ftp-doctor: probing ${t}\\nftp-doctor: ${t}: HEALTHY: control and data channels work \\(exit 0, \\d+ ms\\)\\n$`,
        ),
      );
      expect(run.stdout.startsWith(`ftp-doctor report: ${target(healthy)}\n`)).toBe(true);
      expect(run.stdout + run.stderr).not.toContain(ESC);
    });

    it('--quiet: only the verdict line on stdout, nothing on stderr', async () => {
      const run = await runCli([target(healthy), target(silent), '--tls', 'off', '-q', ...FAST]);
      expect(run.code).toBe(4);
      expect(run.stderr).toBe('');
      expect(run.stdout.split('\n')).toEqual([
        `HEALTHY ${target(healthy)} (exit 0): control and data channels work`,
        expect.stringMatching(
          new RegExp(`^FAILED ${target(silent).replaceAll('.', '\\.')} \\(exit 4\\): .*greeting`),
        ),
        '',
      ]);
    });

    it('a usage error is one line and a hint to --help on stderr, exit 2', async () => {
      const run = await runCli([target(healthy), '--concurrency', '0']);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^ftp-doctor: --concurrency[^\n]*\nTry 'ftp-doctor --help'\.\n$/);
    });
  });

  const ptySkip = scriptSkipReason();
  describe.skipIf(ptySkip !== null)(
    `on a terminal (util-linux script)${ptySkip ? ` (skipped: ${ptySkip})` : ''}`,
    () => {
      it('an interactive terminal gets the spinner, and the cursor back at the end', async () => {
        const run = await runInPty([target(slow), '--tls', 'off', ...FAST]);
        expect(run.code).toBe(0);
        expect(run.output).toMatch(SPINNER_FRAME);
        expect(run.output).toContain(`${target(slow)}: banner`);
        expect(run.output).not.toContain('ftp-doctor: probing');
        expect(run.text).toContain(`ftp-doctor report: ${target(slow)}`);
        expect(run.output.lastIndexOf(`${ESC}[?25h`)).toBeGreaterThan(run.output.lastIndexOf(`${ESC}[?25l`));
      });

      it.each([
        { title: 'CI=true', env: { CI: 'true' }, columns: 100 },
        { title: 'TERM=dumb', env: { TERM: 'dumb' }, columns: 100 },
        // Regression: with 0 columns ora cleared lines forever and never exited.
        { title: 'a pty without a size (0 columns)', env: {}, columns: null },
      ])('$title: plain lines, no spinner', async ({ env, columns }) => {
        const run = await runInPty([target(slow), '--tls', 'off', ...FAST], { env, columns });
        expect(run.code).toBe(0);
        expect(run.output.length).toBeLessThan(64 * 1024);
        expect(run.output).not.toMatch(SPINNER_FRAME);
        expect(run.output).toContain(`ftp-doctor: probing ${target(slow)}`);
      });

      it('Ctrl-C typed on the terminal: the spinner stops, the partial report is printed, exit 130', async () => {
        const run = await runInPty([target(silent), '--tls', 'off', '--reply-timeout', '15s'], {
          ctrlC: `${target(silent)}: banner`,
        });
        expect(run.code).toBe(130);
        expect(run.text).toContain('The probe was interrupted');
        // The header says why the report is partial (the failure line itself is shown with -v).
        expect(run.text).toContain('stopped   interrupted by SIGINT; later steps did not run');
        expect(run.output.lastIndexOf(`${ESC}[?25h`)).toBeGreaterThan(run.output.lastIndexOf(`${ESC}[?25l`));
      });
    },
  );

  describe('signals', () => {
    it.each([
      { signal: 'SIGINT' as const, code: 130 },
      { signal: 'SIGTERM' as const, code: 143 },
    ])('$signal against a silent server: what was found so far, exit $code', async ({ signal, code }) => {
      const file = join(dir, `${signal}.json`);
      const run = await runAndSignal(
        [target(silent), '--tls', 'off', '--reply-timeout', '15s', '--json', '-o', file],
        signal,
        'probing',
      );
      expect(run.code, run.stderr).toBe(code);
      expect(run.ms).toBeLessThan(10_000);
      // The terminal gets the human report of what was found: connected, then no greeting.
      // (steps that worked share a line by default; the address line says where it connected)
      expect(run.stdout).toMatch(/address +127\.0\.0\.1:\d+/);
      expect(run.stdout).toMatch(/✔ resolve, connect +\d+ ms/);
      // Cut short, not failed: the server's silence for a second proves nothing yet.
      expect(run.stdout).toMatch(/! banner/);
      expect(run.stdout).toMatch(/INTERRUPTED \(exit \d+: interrupted \(SIG(INT|TERM)\)\)/);
      expect(run.stdout).toContain('[probe.interrupted]');
      expect(looksLikeStackTrace(run.stdout + run.stderr)).toBe(false);
      // The file holds the JSON report, valid, with the signal's exit code.
      const report = JSON.parse(await readFile(file, 'utf8')) as {
        exitCode: number;
        targets: { interrupted: string | null }[];
      };
      expect(validateReportJson(report).errors).toEqual([]);
      expect(report.exitCode).toBe(code);
      expect(report.targets.map((t) => t.interrupted)).toEqual(['signal']);
    });

    it('after Ctrl-C no further target starts; the ones left are named', async () => {
      const before = silent.connections;
      const run = await runAndSignal(
        [
          target(silent),
          target(healthy),
          target(slow),
          '--tls',
          'off',
          '--reply-timeout',
          '15s',
          '--concurrency',
          '1',
          '-q',
        ],
        'SIGINT',
        () => silent.connections > before,
      );
      expect(run.code).toBe(130);
      expect(run.stderr).toContain(
        `ftp-doctor: interrupted; not probed: ${target(healthy)}, ${target(slow)}\n`,
      );
      expect(run.stdout.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stdout).toMatch(/^INTERRUPTED .*\(exit 130\): SIGINT stopped the probe/);
    });
  });
});
