import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoopbackFirewall, nftAvailable } from '../support/loopbackFirewall.js';
import { freePortRange, uniqueLoopbackAddress } from '../support/loopbackPorts.js';
import { type RealServer, realServerSkipReason, startVsftpd } from '../support/realServers.js';
import {
  type CliProcess,
  checkStruckRun,
  deadlineDueAt,
  EXIT_BOUND_MS,
  ExitFigures,
  type Expected,
  finishRun,
  saveArgs,
  startCli,
} from './interruptionRuns.js';

// A real vsftpd whose passive range an nftables rule DROPs: the probe's waits are real (a SYN
// nobody answers), and the user presses Ctrl-C or the deadline runs out while it waits. The CLI
// announces nothing, so the test watches its sockets with `ss`: a SYN-SENT socket of the CLI's
// pid towards the passive range means a data-port test-connect (or the range scan) is under way.

const run = promisify(execFile);
const skip = realServerSkipReason('vsftpd');

/** The data timeout is far beyond the strikes: only the strike may end a port test. */
const ARGS = ['--tls', 'off', '--connect-timeout', '3s', '--reply-timeout', '5s', '--data-timeout', '20s'];

/** sockets lists the CLI's TCP connections in `state` (syn-sent, established), as `address:port`. */
async function sockets(pid: number, state: 'syn-sent' | 'established'): Promise<string[]> {
  const { stdout } = await run('ss', ['-tnpH', 'state', state], { timeout: 5000 });
  return stdout
    .split('\n')
    .filter((line) => line.includes(`pid=${pid},`))
    .map((line) => line.trim().split(/\s+/)[3] ?? '');
}

/** waitForSyn resolves once the CLI has `count` SYN-SENT sockets to the passive range (or its end). */
async function waitForSyn(cli: CliProcess, server: RealServer, count: number): Promise<number> {
  const inRange = (endpoint: string): boolean => {
    const port = Number(endpoint.slice(endpoint.lastIndexOf(':') + 1));
    return port >= server.passiveRange.low && port <= server.passiveRange.high;
  };
  let ended = false;
  void cli.done.then(() => {
    ended = true;
  });
  for (;;) {
    if (ended) throw new Error('the CLI ended before its data-port test began');
    const pid = cli.child.pid;
    if (pid !== undefined && (await sockets(pid, 'syn-sent')).filter(inRange).length >= count)
      return Date.now();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** waitForControl resolves once the CLI's control connection is established: the probe has begun. */
async function waitForControl(cli: CliProcess, server: RealServer): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const pid = cli.child.pid;
    if (pid !== undefined && (await sockets(pid, 'established')).includes(`${server.host}:${server.port}`))
      return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the CLI never connected');
}

/** The whole passive range, named: every port of it is dropped, so the scan waits on each. */
const scanRange = (server: RealServer): string => `${server.passiveRange.low}-${server.passiveRange.high}`;

interface Case {
  readonly title: string;
  readonly args?: (server: RealServer) => readonly string[];
  /** SYN-SENT sockets to wait for before striking (2: EPSV and PASV tests at once; 3+: the scan). */
  readonly syns: number;
  /** Strike this long after the sockets appeared; 0 is the step boundary. */
  readonly afterMs: number;
  readonly signal: 'SIGINT' | 'SIGTERM';
  readonly expect: Expected;
}

const interrupted = (signal: 'SIGINT' | 'SIGTERM', findings: readonly string[] = []): Expected => ({
  exitCode: signal === 'SIGINT' ? 130 : 143,
  status: 'interrupted',
  interrupted: 'signal',
  findings,
});

const SIGNAL_CASES: readonly Case[] = (['SIGINT', 'SIGTERM'] as const).flatMap((signal) => [
  // The test-connect has just begun: too soon to prove anything about the port.
  {
    title: `${signal} as the data-port test begins`,
    syns: 1,
    afterMs: 0,
    signal,
    expect: interrupted(signal),
  },
  // Seconds of silence are evidence: the report names the filtered port, the verdict stays INTERRUPTED.
  {
    title: `${signal} 2 s into the data-port tests`,
    syns: 2,
    afterMs: 2000,
    signal,
    expect: interrupted(signal, ['data.port-filtered']),
  },
  {
    title: `${signal} in the middle of the range scan`,
    args: (server: RealServer) => ['--data-timeout', '1500ms', '--scan-range', scanRange(server)],
    syns: 3,
    afterMs: 500,
    signal,
    expect: interrupted(signal, ['data.port-filtered']),
  },
]);

/** Ctrl-C at several seconds into the probe, as a user gives up waiting. */
const CTRL_C_AT_SECONDS = [1, 3, 5] as const;

interface DeadlineCase {
  readonly title: string;
  readonly deadline: string;
  readonly args?: (server: RealServer) => readonly string[];
  readonly expect: Expected;
  /** The finding says how long the port stayed silent before the deadline. */
  readonly cutPortFinding?: boolean;
}

const DEADLINE_CASES: readonly DeadlineCase[] = [
  {
    // The port tests begin within ~100 ms; 3 s of silence is a finding, and the verdict rules give 8.
    title: '--deadline 3s, shorter than the data timeout: the filtered port is the verdict (8)',
    deadline: '3s',
    expect: { exitCode: 8, status: 'failed', interrupted: 'deadline', findings: ['data.port-filtered'] },
    cutPortFinding: true,
  },
  {
    // Less than a second of silence proves nothing yet: the probe is INCOMPLETE.
    title: '--deadline 600ms: cut before the silence means anything, INCOMPLETE (11)',
    deadline: '600ms',
    expect: { exitCode: 11, status: 'incomplete', interrupted: 'deadline' },
  },
  {
    // The port tests ran their whole (short) data timeout, then the scan was cut.
    title: '--deadline in the middle of the range scan: failed (8) from the ports tested before',
    deadline: '3s',
    args: (server: RealServer) => ['--data-timeout', '1500ms', '--scan-range', scanRange(server)],
    expect: { exitCode: 8, status: 'failed', interrupted: 'deadline', findings: ['data.port-filtered'] },
  },
];

describe.skipIf(skip !== null)(
  `interruptions against vsftpd with its passive range dropped${skip ? ` (skipped: ${skip})` : ''}`,
  () => {
    let server: RealServer;
    let firewall: LoopbackFirewall | null = null;
    let dir = '';
    const signalFigures = new ExitFigures();
    const deadlineFigures = new ExitFigures();

    beforeAll(async () => {
      if (!(await nftAvailable())) {
        if (process.env.CI === 'true') throw new Error('CI=true but nft is not available');
        throw new Error('nft is needed to drop the passive range (run as root with nftables)');
      }
      dir = await mkdtemp(join(tmpdir(), 'ftp-doctor-interruptions-vsftpd-'));
      // vsftpd keeps a passive listener for each PASV/EPSV until its own timeout: the default ten
      // ports run out ("500 OOPS: vsf_sysutil_bind") when a dozen cut probes have each taken two.
      const host = uniqueLoopbackAddress();
      server = await startVsftpd({ host, passiveRange: await freePortRange(host, 60) });
      firewall = await LoopbackFirewall.block(
        server.host,
        server.passiveRange.low,
        server.passiveRange.high,
        'drop',
      );
    }, 60_000);

    afterAll(async () => {
      await firewall?.remove();
      await server?.stop();
      await rm(dir, { recursive: true, force: true });
      console.log(signalFigures.summary('vsftpd, signals'));
      console.log(deadlineFigures.summary('vsftpd, deadline'));
    });

    const target = () => `${server.host}:${server.port}`;

    describe.concurrent('signals while a data port stays silent', () => {
      it.each(SIGNAL_CASES.map((c, index) => ({ ...c, index })))(
        '$title',
        async ({ args, syns, afterMs, signal, expect: want, index }) => {
          const stem = `signal-${index}`;
          const cli = startCli([target(), ...ARGS, ...(args?.(server) ?? []), ...saveArgs(dir, stem)]);
          await waitForSyn(cli, server, syns);
          if (afterMs > 0) await new Promise((resolve) => setTimeout(resolve, afterMs));
          const sentAt = Date.now();
          cli.child.kill(signal);
          const struck = await finishRun(cli, dir, stem, () => sentAt);
          checkStruckRun(struck, want, `vsftpd ${signal} ${afterMs} ms after ${syns} SYN`);
          expect(struck.goneAfterMs).toBeLessThan(EXIT_BOUND_MS);
          signalFigures.add(`${signal} ${afterMs} ms`, struck.goneAfterMs);
        },
        30_000,
      );

      it.each(CTRL_C_AT_SECONDS)(
        'Ctrl-C %i s into the probe: a report and exit 130',
        async (seconds) => {
          const stem = `ctrl-c-${seconds}`;
          const cli = startCli([target(), ...ARGS, ...saveArgs(dir, stem)]);
          // Counted from the control connection: node's start-up on a loaded machine is not the probe.
          await waitForControl(cli, server);
          await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
          const sentAt = Date.now();
          cli.child.kill('SIGINT');
          const struck = await finishRun(cli, dir, stem, () => sentAt);
          // From a second of silence on, the filtered port is named (the verdict stays INTERRUPTED).
          const findings = seconds >= 2 ? ['data.port-filtered'] : [];
          checkStruckRun(struck, interrupted('SIGINT', findings), `vsftpd Ctrl-C at ${seconds} s`);
          expect(struck.goneAfterMs).toBeLessThan(EXIT_BOUND_MS);
          signalFigures.add(`Ctrl-C at ${seconds} s`, struck.goneAfterMs);
        },
        30_000,
      );
    });

    describe.concurrent('the deadline while a data port stays silent', () => {
      it.each(DEADLINE_CASES.map((c, index) => ({ ...c, index })))(
        '$title',
        async ({ deadline, args, expect: want, cutPortFinding, index }) => {
          const stem = `deadline-${index}`;
          const cli = startCli([
            target(),
            ...ARGS,
            ...(args?.(server) ?? []),
            '--deadline',
            deadline,
            ...saveArgs(dir, stem),
          ]);
          const deadlineMs = deadline.endsWith('ms')
            ? Number(deadline.slice(0, -2))
            : Number(deadline.slice(0, -1)) * 1000;
          const struck = await finishRun(cli, dir, stem, (json) => deadlineDueAt(json, deadlineMs));
          checkStruckRun(struck, want, `vsftpd --deadline ${deadline}`);
          if (cutPortFinding) expect(struck.stdout).toMatch(/no answer within \d+\.\d s \(deadline\)/);
          expect(struck.goneAfterMs).toBeLessThan(EXIT_BOUND_MS);
          deadlineFigures.add(`--deadline ${deadline}`, struck.goneAfterMs);
        },
        30_000,
      );
    });
  },
);
