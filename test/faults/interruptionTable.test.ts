import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeFtpServer,
  type FakeServerEvent,
  type FakeServerScript,
  startFakeFtpServer,
} from '../../src/fakeServer/fakeFtpServer.js';
import { parseNagios } from '../formats/formatParsers.js';
import { generateTestCertificates, type TestCertificate } from '../support/certs.js';
import {
  checkStruckRun,
  deadlineDueAt,
  EXIT_BOUND_MS,
  ExitFigures,
  type Expected,
  finishRun,
  saveArgs,
  startCli,
} from './interruptionRuns.js';

// A signal or the deadline at every step boundary and in the middle of every waiting step of a
// probe of the fake server, which announces each connection, command and data connection so the
// test strikes at a known moment. Each case checks the exit code, a report in every format that
// parses, no stack trace, no "internal error", the process gone within EXIT_BOUND_MS of the
// strike, and no socket left open (the CLI exits by draining its event loop, so a socket or timer
// left behind would keep it alive past the bound; the fake server's own count must reach 0 too).

/** How long a strike "in the middle" waits after the step began: the step is then waiting. */
const MIDDLE_MS = 300;
const DEADLINE_MS = 1500;
/** Every step's own timeout is far beyond the test: only the strike may end a wait. */
const LONG_TIMEOUTS = ['--connect-timeout', '5s', '--reply-timeout', '30s', '--data-timeout', '30s'] as const;
const silence = { steps: [] } as const;

interface Waypoint {
  readonly name: string;
  /** The step a strike in the middle must land in (what the report names). */
  readonly step: string;
  readonly trigger: (event: FakeServerEvent) => boolean;
  /** Makes the step wait; absent when the fake server cannot make this wait last. */
  readonly hang?: FakeServerScript;
  readonly script?: FakeServerScript;
  readonly args?: readonly string[];
  /** The server offers explicit TLS with a test certificate (the probe is told to trust it). */
  readonly tls?: { readonly handshake?: 'stall' };
  /**
   * A strike at this boundary may come after the probe's last step: the report is then whole and
   * the signal changes nothing in it (the CLI still writes it and exits with its verdict).
   */
  readonly mayFinish?: boolean;
}

const command =
  (verb: string, connection = 1) =>
  (event: FakeServerEvent): boolean =>
    event.kind === 'command' && event.connection === connection && event.command.split(' ')[0] === verb;

const WAYPOINTS: readonly Waypoint[] = [
  {
    name: 'connected, waiting for the greeting',
    step: 'banner',
    trigger: (event) => event.kind === 'connection' && event.connection === 1,
    hang: { greeting: silence },
  },
  { name: 'FEAT', step: 'features', trigger: command('FEAT'), hang: { replies: { FEAT: silence } } },
  {
    name: 'AUTH TLS',
    step: 'tls',
    trigger: command('AUTH'),
    hang: { replies: { AUTH: silence } },
    tls: {},
  },
  {
    name: 'the TLS handshake',
    step: 'tls',
    trigger: command('AUTH'),
    hang: {},
    tls: { handshake: 'stall' },
  },
  { name: 'USER', step: 'login', trigger: command('USER'), hang: { replies: { USER: silence } } },
  { name: 'PASS', step: 'login', trigger: command('PASS'), hang: { replies: { PASS: silence } } },
  {
    name: 'second control connection (PASV there)',
    step: 'pasv',
    trigger: command('USER', 2),
    hang: {
      replies: { USER: (context) => (context.session.connectionIndex === 2 ? silence : undefined) },
      // The first connection's listing waits too, so the probe is still in the PASV step.
      transferReplies: { completion: silence },
    },
  },
  { name: 'EPSV', step: 'epsv', trigger: command('EPSV'), hang: { replies: { EPSV: silence } } },
  {
    name: 'EPSV data port test-connect',
    step: 'epsv',
    trigger: (event) => event.kind === 'data-connection',
  },
  {
    name: 'PASV',
    step: 'pasv',
    trigger: command('PASV', 2),
    hang: { replies: { PASV: silence } },
  },
  {
    name: 'the listing command',
    step: 'transfer',
    trigger: (event) => event.kind === 'command' && /^(MLSD|LIST)\b/.test(event.command),
    hang: { replies: { MLSD: silence, LIST: silence } },
  },
  {
    name: 'the listing, data sent, no 226',
    step: 'transfer',
    trigger: (event) => event.kind === 'command' && /^(MLSD|LIST)\b/.test(event.command),
    hang: { transferReplies: { completion: silence } },
  },
  {
    name: 'active mode (EPRT/PORT)',
    step: 'active',
    trigger: (event) => event.kind === 'command' && /^(EPRT|PORT)\b/.test(event.command),
    hang: { replies: { EPRT: silence, PORT: silence } },
    args: ['--active'],
  },
  {
    // A step another helper added (the write test): the runner cuts it as any other.
    name: 'the write test (STOR)',
    step: 'write',
    trigger: command('STOR'),
    script: { uploads: 'stored' },
    hang: { replies: { STOR: silence } },
    args: ['--write-test', '--write-test-anonymous'],
  },
  {
    name: 'QUIT',
    step: 'quit',
    trigger: command('QUIT'),
    hang: { replies: { QUIT: silence } },
    mayFinish: true,
  },
];

type Strike = 'SIGINT' | 'SIGTERM' | 'deadline';
interface Case {
  readonly title: string;
  readonly waypoint: Waypoint;
  readonly strike: Strike;
  readonly middle: boolean;
}

const CASES: readonly Case[] = WAYPOINTS.flatMap((waypoint) => {
  const cases: Case[] = [];
  for (const strike of ['SIGINT', 'SIGTERM'] as const)
    cases.push({ title: `${strike} at ${waypoint.name} (boundary)`, waypoint, strike, middle: false });
  if (waypoint.hang) {
    for (const strike of ['SIGINT', 'SIGTERM', 'deadline'] as const)
      cases.push({ title: `${strike} in the middle of ${waypoint.name}`, waypoint, strike, middle: true });
  }
  return cases;
});

function expected(strike: Strike): Expected {
  if (strike === 'SIGINT') return { exitCode: 130, status: 'interrupted', interrupted: 'signal' };
  if (strike === 'SIGTERM') return { exitCode: 143, status: 'interrupted', interrupted: 'signal' };
  // Nothing the fake server does here is a failure: it is only slow.
  return { exitCode: 11, status: 'incomplete', interrupted: 'deadline' };
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

const signalFigures = new ExitFigures();
const deadlineFigures = new ExitFigures();
let dir = '';
let certificate: TestCertificate;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ftp-doctor-interruptions-'));
  certificate = (await generateTestCertificates()).selfSigned;
});

function scriptFor(waypoint: Waypoint, middle: boolean): FakeServerScript {
  const tls = waypoint.tls
    ? {
        tls: {
          cert: certificate.cert,
          key: certificate.key,
          ...(middle && waypoint.tls.handshake ? { handshake: waypoint.tls.handshake } : {}),
        },
        features: ['AUTH TLS', 'PBSZ', 'PROT', 'EPSV', 'PASV', 'UTF8'],
      }
    : {};
  return { ...waypoint.script, ...tls, ...(middle ? waypoint.hang : {}) };
}

function argsFor(waypoint: Waypoint): readonly string[] {
  return [
    ...(waypoint.tls ? ['--tls', 'explicit', '--insecure'] : ['--tls', 'off']),
    ...(waypoint.args ?? []),
  ];
}
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  console.log(signalFigures.summary('fake server, signals (from the signal)'));
  console.log(deadlineFigures.summary('fake server, deadline (from the deadline)'));
});

describe.concurrent('interruption table against the fake server', () => {
  it.each(CASES.map((c, index) => ({ ...c, index })))(
    '$title',
    async ({ waypoint, strike, middle, index }) => {
      const server: FakeFtpServer = await startFakeFtpServer(scriptFor(waypoint, middle));
      try {
        const stem = `case-${index}`;
        let triggeredAt: number | null = null;
        let sentAt: number | null = null;
        const cli = startCli([
          `127.0.0.1:${server.port}`,
          ...LONG_TIMEOUTS,
          '--deadline',
          strike === 'deadline' ? `${DEADLINE_MS}ms` : '60s',
          ...argsFor(waypoint),
          ...saveArgs(dir, stem),
        ]);
        const stop = server.onEvent((event) => {
          if (triggeredAt !== null || !waypoint.trigger(event)) return;
          triggeredAt = Date.now();
          if (strike === 'deadline') return;
          const send = () => {
            sentAt = Date.now();
            cli.child.kill(strike);
          };
          if (middle) setTimeout(send, MIDDLE_MS);
          else send();
        });
        const run = await finishRun(cli, dir, stem, (json) =>
          strike === 'deadline' ? deadlineDueAt(json, DEADLINE_MS) : (sentAt ?? Date.now()),
        );
        stop();
        const context = `${strike} ${middle ? 'middle' : 'boundary'} ${waypoint.name}`;
        expect(triggeredAt, `${context}: the probe never reached the waypoint\n${run.stdout}`).not.toBeNull();
        const finished =
          !middle && waypoint.mayFinish === true && !run.saved.json.includes('"interrupted": "signal"');
        if (finished) {
          // The signal came after the last step: a whole report, with the verdict's own code.
          expect(run.code, context).toBe(0);
          expect(run.stdout, context).toMatch(/HEALTHY \(exit 0/);
        } else {
          const cutStep = checkStruckRun(run, expected(strike), context);
          if (middle) expect(cutStep, context).toBe(waypoint.step);
        }
        expect(run.goneAfterMs, context).toBeLessThan(EXIT_BOUND_MS);
        (strike === 'deadline' ? deadlineFigures : signalFigures).add(context, run.goneAfterMs);
        // The CLI is gone; every socket it had is closed, so the server's side must close too.
        expect(await until(() => server.openSockets === 0, 2000), `${context}: sockets left open`).toBe(true);
      } finally {
        await server.close();
      }
    },
    30_000,
  );
});

describe.concurrent('what else a cut run says', () => {
  /** probeUntil starts the CLI against `script` and strikes `after` ms after the server sees `verb`. */
  async function struck(
    script: FakeServerScript,
    args: readonly string[],
    strike: {
      readonly on: string;
      readonly after: number;
      readonly signals: readonly NodeJS.Signals[];
    } | null,
  ): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const server = await startFakeFtpServer(script);
    try {
      const cli = startCli([`127.0.0.1:${server.port}`, ...LONG_TIMEOUTS, '--tls', 'off', ...args]);
      server.onEvent((event) => {
        if (strike === null || event.kind !== 'command' || event.command.split(' ')[0] !== strike.on) return;
        setTimeout(() => {
          for (const signal of strike.signals) cli.child.kill(signal);
        }, strike.after);
      });
      const ended = await cli.done;
      return { code: ended.code, ...cli.output() };
    } finally {
      await server.close();
    }
  }
  const epsvHangs: FakeServerScript = { replies: { EPSV: silence } };

  it.each([
    ['SIGINT', 130, 'INTERRUPTED', 'SIGINT stopped the probe during the epsv step'],
    ['SIGTERM', 143, 'INTERRUPTED', 'SIGTERM stopped the probe during the epsv step'],
  ] as const)('-q after %s: one line, exit %i', async (signal, code, word, text) => {
    const run = await struck(epsvHangs, ['-q'], { on: 'EPSV', after: MIDDLE_MS, signals: [signal] });
    expect(run.code, run.stderr).toBe(code);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${word} 127\\.0\\.0\\.1:\\d+ \\(exit ${code}\\): ${text}$`));
  });

  it('-q after the deadline: INCOMPLETE, exit 11, the step named', async () => {
    const run = await struck(epsvHangs, ['-q', '--deadline', `${DEADLINE_MS}ms`], null);
    expect(run.code, run.stderr).toBe(11);
    expect(run.stdout).toMatch(
      /^INCOMPLETE 127\.0\.0\.1:\d+ \(exit 11\): the deadline \(1\.5 s\) ran out during the epsv step, before any failure showed\n$/,
    );
  });

  it.each([
    ['SIGINT', ['--format', 'nagios']],
    ['SIGTERM', ['--format', 'nagios']],
    ['deadline', ['--format', 'nagios', '--deadline', `${DEADLINE_MS}ms`]],
  ] as const)('--format nagios after %s: UNKNOWN, exit 3', async (strike, args) => {
    const run = await struck(
      epsvHangs,
      args,
      strike === 'deadline' ? null : { on: 'EPSV', after: MIDDLE_MS, signals: [strike] },
    );
    expect(run.code, run.stderr).toBe(3);
    const nagios = parseNagios(run.stdout);
    expect(nagios.state).toBe('UNKNOWN');
    expect(nagios.text).toMatch(strike === 'deadline' ? /INCOMPLETE/ : /INTERRUPTED/);
  });

  it('--repeat: a series cut in its second session is INTERRUPTED, one exit code everywhere', async () => {
    const server = await startFakeFtpServer({
      // The second session's EPSV never gets an answer.
      replies: { EPSV: (context) => (context.session.connectionIndex > 2 ? silence : undefined) },
    });
    try {
      const stem = 'repeat';
      const cli = startCli([
        `127.0.0.1:${server.port}`,
        ...LONG_TIMEOUTS,
        '--tls',
        'off',
        '--repeat',
        '3',
        '--interval',
        '100ms',
        ...saveArgs(dir, stem),
      ]);
      server.onEvent((event) => {
        if (event.kind === 'command' && event.command === 'EPSV' && event.connection > 2)
          setTimeout(() => cli.child.kill('SIGINT'), MIDDLE_MS);
      });
      const run = await finishRun(cli, dir, stem, () => Date.now());
      checkStruckRun(run, { exitCode: 130, status: 'interrupted', interrupted: 'signal' }, 'repeat');
    } finally {
      await server.close();
    }
  });

  it('several targets: a failure in one is not hidden by another one left incomplete', async () => {
    const slow = await startFakeFtpServer(epsvHangs);
    const closed = await startFakeFtpServer({ dataPort: 'closed' });
    try {
      const stem = 'several';
      const cli = startCli([
        `127.0.0.1:${slow.port}`,
        `127.0.0.1:${closed.port}`,
        ...LONG_TIMEOUTS,
        '--tls',
        'off',
        '--deadline',
        `${DEADLINE_MS}ms`,
        ...saveArgs(dir, stem),
      ]);
      const run = await finishRun(cli, dir, stem, () => Date.now());
      expect(run.code, run.stderr).toBe(8);
      const report = JSON.parse(run.saved.json) as {
        exitCode: number;
        targets: { verdict: { status: string; exitCode: number } }[];
      };
      expect(report.exitCode).toBe(8);
      expect(report.targets.map((t) => [t.verdict.status, t.verdict.exitCode])).toEqual([
        ['incomplete', 11],
        ['failed', 8],
      ]);
      // Nagios: CRITICAL from the broken server wins over UNKNOWN from the slow one.
      expect(parseNagios(run.saved.nagios).state).toBe('CRITICAL');
    } finally {
      await Promise.all([slow.close(), closed.close()]);
    }
  });
});
