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
