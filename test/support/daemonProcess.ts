import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';

/** DaemonProcess is a server started in the foreground, known by its pid, never by its name. */
export interface DaemonProcess {
  readonly pid: number;
  readonly outputPath: string;
  /** exited resolves with the exit code (or signal) once the process is gone. */
  readonly exited: Promise<number | string>;
  /** stop sends SIGTERM to its process group, then SIGKILL after `graceMs`; resolves once it is gone. */
  stop(graceMs?: number): Promise<void>;
}

// Daemons still running when the worker exits (a test that forgot stop(), a failed hook) are
// killed on the way out; detached groups would otherwise outlive the test run.
const liveGroups = new Set<number>();
let exitHookInstalled = false;
function killLiveGroupsOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const pid of liveGroups) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  });
}

/**
 * startDaemon spawns `command` as the leader of a new process group, so stop() also ends the
 * per-connection children that FTP daemons fork. stdout and stderr go to `outputPath`.
 */
export function startDaemon(command: string, args: readonly string[], outputPath: string): DaemonProcess {
  const output = createWriteStream(outputPath, { flags: 'a' });
  const child: ChildProcess = spawn(command, [...args], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  output.on('error', () => {});
  child.stdout?.pipe(output, { end: false });
  child.stderr?.pipe(output, { end: false });
  // 'close' comes after both pipes are drained; 'exit' may come before the last output.
  child.once('close', () => output.end());
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
    child.once('error', (error) => resolve(error.message));
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${command}`);
  killLiveGroupsOnExit();
  liveGroups.add(pid);
  void exited.then(() => liveGroups.delete(pid));

  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  let stopping: Promise<void> | null = null;
  return {
    pid,
    outputPath,
    exited,
    stop: (graceMs = 3000) => {
      stopping ??= (async () => {
        signalGroup('SIGTERM');
        const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
        // Session children of the group may outlive the leader for a moment.
        signalGroup('SIGKILL');
      })();
      return stopping;
    },
  };
}

/** pidIsAlive tells whether a process with this pid exists (an unreaped zombie still counts). */
export function pidIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function tryConnect(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * waitForPort polls until host:port accepts a connection, the daemon exits, or `timeoutMs` passes;
 * on failure the error carries the daemon's output, which usually says what was wrong.
 */
export async function waitForPort(
  daemon: DaemonProcess,
  host: string,
  port: number,
  timeoutMs = 10_000,
): Promise<void> {
  let exitedWith: number | string | null = null;
  void daemon.exited.then((code) => {
    exitedWith = code;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitedWith !== null) break;
    if (await tryConnect(host, port, 500)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const output = await readFile(daemon.outputPath, 'utf8').catch(() => '');
  await daemon.stop();
  const why = exitedWith !== null ? `exited with ${exitedWith}` : `did not listen within ${timeoutMs} ms`;
  throw new Error(`server pid ${daemon.pid} ${why} on ${host}:${port}; output:\n${output.slice(-2000)}`);
}

/** processStartTime reads when a pid started (clock ticks since boot), or null if it is gone. */
export async function processStartTime(pid: number): Promise<string | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (stat === null) return null;
  // Fields after the parenthesised command name start at field 3; the start time is field 22.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
}

/**
 * killOrphanedDaemon ends a daemon group left behind by a test process that died without
 * stopping it. The pid is only signalled if it still has the start time recorded at launch,
 * so a recycled pid is never hit (daemons rewrite their command lines, so those cannot tell).
 */
export async function killOrphanedDaemon(pid: number, startTime: string): Promise<boolean> {
  if ((await processStartTime(pid)) !== startTime) return false;
  try {
    process.kill(-pid, 'SIGKILL');
    return true;
  } catch {
    return false;
  }
}
