import { once } from 'node:events';
import { connect, isIP, type Socket } from 'node:net';
import { type CommandLine, CommandLineReader } from './commandLineReader.js';
import { COMMANDS_BEFORE_LOGIN, DEFAULT_COMMANDS, DEFAULT_GREETING } from './defaultCommands.js';
import {
  type DataPortBehaviour,
  ENDLESS_LISTING_LIMIT_BYTES,
  type FakeCommandContext,
  type FakeReply,
  type FakeServerScript,
  type FakeSession,
} from './fakeServerScript.js';
import { openPassiveDataPort, type PassiveDataPort } from './passiveDataPort.js';
import { type PlayOutcome, pause, playReply, type ReplySink } from './replyPlayer.js';
import type { ResourceTracker } from './resourceTracker.js';
import type { PassiveMode, SessionControl, SessionState } from './sessionControl.js';
import type { TlsUpgrader } from './tlsUpgrade.js';

/** SessionEnvironment is what the server shares with each of its connections. */
export interface SessionEnvironment {
  readonly script: FakeServerScript;
  readonly host: string;
  readonly tracker: ResourceTracker;
  readonly tls: TlsUpgrader | null;
  readonly connectionIndex: number;
  /** Wait for data peers and TLS handshakes. */
  readonly timeoutMs: number;
  readonly idleTimeoutMs: number;
  /** Called as each command arrives, before it is answered; PASS arrives masked. */
  recordCommand(command: string, connection: number): void;
  countDataConnection(): void;
  /** Files stored with STOR, shared by every connection of the server. */
  readonly uploads: Map<string, Buffer>;
}

/** A client that pipelines more than this many commands without reading is cut off. */
const MAX_QUEUED_COMMANDS = 1000;
/** After an orderly close, a peer that keeps its side open is cut off after this long. */
const CLOSE_GRACE_MS = 2000;

/**
 * SessionPhase is where a control connection stands:
 * starting (TLS handshake, greeting) → ready ⇄ busy (one command at a time) → closed,
 * or hung (a script said to stop answering; input is read and ignored).
 */
type SessionPhase = 'starting' | 'ready' | 'busy' | 'hung' | 'closed';

/** serveFtpSession runs one control connection until it closes; it never throws. */
export function serveFtpSession(socket: Socket, environment: SessionEnvironment): void {
  const session = new FtpSession(socket, environment);
  session.start().catch(() => session.shutdown());
}

const LOGIN_VERBS: ReadonlySet<string> = new Set(['USER', 'PASS', 'ACCT']);

/** isPositiveCompletion: a scripted reply whose first line is a 2xx reply (or one matching `code`). */
function isPositiveCompletion(reply: FakeReply, code = /^2[0-9][0-9]/): boolean {
  const first = typeof reply === 'string' ? reply : Array.isArray(reply) ? reply[0] : undefined;
  return typeof first === 'string' && code.test(first) && /^[0-9]{3}[ -]/.test(first);
}

class FtpSession implements SessionControl {
  readonly state: SessionState = {
    login: { phase: 'anonymous-visitor' },
    secure: false,
    protection: 'C',
    cwd: '/',
    epsvAll: false,
  };
  private control: Socket;
  private phase: SessionPhase = 'starting';
  private readonly reader = new CommandLineReader();
  private readonly queue: CommandLine[] = [];
  private readonly commands: string[] = [];
  private readonly controller = new AbortController();
  private readonly dataSockets = new Set<Socket>();
  private passive: PassiveDataPort | null = null;
  private activeTarget: { host: string; port: number } | null = null;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly raw: Socket,
    private readonly environment: SessionEnvironment,
  ) {
    this.control = raw;
    const onServerClose = (): void => this.shutdown();
    environment.tracker.signal.addEventListener('abort', onServerClose, { once: true });
    raw.once('close', () => {
      environment.tracker.signal.removeEventListener('abort', onServerClose);
      this.shutdown();
    });
  }

  get script(): FakeServerScript {
    return this.environment.script;
  }

  get localAddress(): string {
    return this.environment.host;
  }

  get uploads(): Map<string, Buffer> {
    return this.environment.uploads;
  }

  get family(): 4 | 6 {
    return isIP(this.environment.host) === 6 ? 6 : 4;
  }

  get explicitTlsOffered(): boolean {
    return this.script.tls !== undefined && this.script.tls.implicit !== true;
  }

  private get signal(): AbortSignal {
    return this.controller.signal;
  }

  async start(): Promise<void> {
    this.resetIdleTimer();
    if (this.script.tls?.implicit) {
      const outcome = await this.handshake();
      if (outcome !== 'open') return this.settle(outcome);
    } else {
      this.control.on('data', this.onData);
    }
    const greeting = this.script.greeting ?? DEFAULT_GREETING;
    // A 230 greeting: the server authenticated the client by its address or certificate.
    if (isPositiveCompletion(greeting, /^23[0-9]/))
      this.state.login = { phase: 'logged-in', user: 'anonymous' };
    const outcome = await this.play(greeting);
    if (outcome !== 'open') return this.settle(outcome);
    this.phase = 'ready';
    await this.drain();
  }

  shutdown(): void {
    if (this.phase === 'closed' && this.signal.aborted) return;
    this.phase = 'closed';
    this.controller.abort();
    clearTimeout(this.idleTimer);
    this.passive?.close();
    this.passive = null;
    for (const socket of this.dataSockets) socket.destroy();
    this.control.destroy();
    this.raw.destroy();
  }

  private settle(outcome: PlayOutcome): void {
    if (outcome === 'hung') {
      this.phase = 'hung';
      this.queue.length = 0;
    } else if (outcome === 'closed') {
      this.phase = 'closed';
      this.queue.length = 0;
    }
  }

  private readonly onData = (chunk: Buffer): void => {
    if (this.phase === 'hung' || this.phase === 'closed') return;
    this.queue.push(...this.reader.push(chunk));
    if (this.queue.length > MAX_QUEUED_COMMANDS) {
      this.shutdown();
      return;
    }
    void this.drain();
  };

  private async drain(): Promise<void> {
    if (this.phase !== 'ready') return;
    this.phase = 'busy';
    while (this.phase === 'busy') {
      const line = this.queue.shift();
      if (line === undefined) break;
      const outcome = await this.handle(line).catch((error: unknown) =>
        // A throwing script callback should show up in the client's transcript, not kill the server.
        this.play(`451 Fake server script failed: ${error instanceof Error ? error.message : String(error)}`),
      );
      this.settle(outcome);
    }
    if (this.phase === 'busy') this.phase = 'ready';
  }

  private async handle(line: CommandLine): Promise<PlayOutcome> {
    this.resetIdleTimer();
    if (!('text' in line)) return this.play('500 Command line too long.');
    const space = line.text.indexOf(' ');
    const verb = (space < 0 ? line.text : line.text.slice(0, space)).toUpperCase();
    const arg = space < 0 ? '' : line.text.slice(space + 1);
    const shown = verb === 'PASS' ? 'PASS ****' : line.text;
    this.commands.push(shown);
    this.environment.recordCommand(shown, this.environment.connectionIndex);

    const replies = this.script.replies ?? {};
    const override = Object.hasOwn(replies, verb) ? replies[verb] : undefined;
    if (override !== undefined) {
      const reply = typeof override === 'function' ? await override(this.contextFor(verb, arg)) : override;
      if (reply !== undefined) {
        // A 2xx to USER, PASS or ACCT logs the session in (RFC 959 §5.4: 230, or 202 "not needed").
        if (LOGIN_VERBS.has(verb) && isPositiveCompletion(reply)) {
          this.state.login = { phase: 'logged-in', user: arg.trim() || 'anonymous' };
        }
        return this.play(reply);
      }
    }
    if (verb === '') return this.play('500 Empty command.');
    const handler = Object.hasOwn(DEFAULT_COMMANDS, verb) ? DEFAULT_COMMANDS[verb] : undefined;
    if (handler === undefined) return this.play('502 Command not implemented.');
    if (!COMMANDS_BEFORE_LOGIN.has(verb) && this.state.login.phase !== 'logged-in') {
      return this.play('530 Please login with USER and PASS.');
    }
    return handler(this, arg);
  }

  private contextFor(verb: string, arg: string): FakeCommandContext {
    const session = this;
    const view: FakeSession = {
      connectionIndex: this.environment.connectionIndex,
      remoteAddress: this.raw.remoteAddress ?? '',
      get user() {
        const login = session.state.login;
        return login.phase === 'anonymous-visitor' ? null : login.user;
      },
      get loggedIn() {
        return session.state.login.phase === 'logged-in';
      },
      get secure() {
        return session.state.secure;
      },
      get protection() {
        return session.state.protection;
      },
      get cwd() {
        return session.state.cwd;
      },
      commands: [...this.commands],
    };
    return {
      verb,
      arg,
      session: view,
      openPassivePort: () => this.openPassive(verb === 'EPSV' ? 'epsv' : 'pasv'),
    };
  }

  private resetIdleTimer(): void {
    clearTimeout(this.idleTimer);
    if (this.phase === 'closed') return;
    this.idleTimer = setTimeout(() => {
      void this.play('421 Timeout.').then(() => this.endGracefully());
    }, this.environment.idleTimeoutMs);
  }

  play(reply: FakeReply): Promise<PlayOutcome> {
    return playReply(this.sink, reply);
  }

  private readonly sink: ReplySink = {
    write: (data) => this.write(data),
    end: () => this.endGracefully(),
    reset: () => {
      try {
        this.raw.resetAndDestroy();
      } catch {
        this.raw.destroy();
      }
      this.shutdown();
    },
    signal: this.controller.signal,
  };

  private write(data: string | Uint8Array): Promise<void> {
    const socket = this.control;
    if (socket.destroyed || !socket.writable || this.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.signal.removeEventListener('abort', done);
        resolve();
      };
      this.signal.addEventListener('abort', done, { once: true });
      socket.write(data, done);
    });
  }

  private endGracefully(): void {
    this.phase = 'closed';
    this.control.end();
    void pause(CLOSE_GRACE_MS, this.signal).then(() => this.shutdown());
  }

  /** handshake turns the control connection into TLS, the way the script's `handshake` says. */
  private async handshake(): Promise<PlayOutcome> {
    this.control.off('data', this.onData);
    this.raw.pause();
    const leftover = this.reader.takeRemainder();
    if (leftover.length > 0) this.raw.unshift(leftover);
    const mode = this.script.tls?.handshake ?? 'normal';
    if (mode === 'stall' || mode === 'garbage') {
      // Read the ClientHello (so the client is not stuck on a full window) and never answer it,
      // or answer it with bytes that cannot start a TLS record.
      this.raw.on('data', () => {
        if (mode === 'garbage' && this.raw.writable) this.raw.write('garbage, not a ServerHello\r\n');
      });
      this.raw.resume();
      return 'hung';
    }
    const upgrader = this.environment.tls;
    const secured = upgrader
      ? await upgrader.upgrade(this.raw, this.environment.timeoutMs, this.signal)
      : null;
    if (secured === null) {
      this.shutdown();
      return 'closed';
    }
    this.environment.tracker.trackSocket(secured);
    this.control = secured;
    this.state.secure = true;
    secured.on('data', this.onData);
    return 'open';
  }

  async startTls(): Promise<PlayOutcome> {
    // Stop reading before 234 goes out, so no byte of the ClientHello is taken for a command.
    this.control.off('data', this.onData);
    this.raw.pause();
    const outcome = await this.play('234 AUTH TLS OK.');
    if (outcome !== 'open') return outcome;
    return this.handshake();
  }

  passiveBehaviour(mode: PassiveMode): DataPortBehaviour {
    const setting = this.script.dataPort ?? 'normal';
    return typeof setting === 'string' ? setting : (setting[mode] ?? 'normal');
  }

  async openPassive(mode: PassiveMode): Promise<number> {
    this.passive?.close();
    this.activeTarget = null;
    const port = await openPassiveDataPort(
      this.environment.host,
      this.passiveBehaviour(mode),
      this.environment.timeoutMs,
      this.environment.tracker,
      () => this.environment.countDataConnection(),
    );
    if (this.signal.aborted) port.close();
    else this.passive = port;
    return port.port;
  }

  setActiveTarget(host: string, port: number): void {
    this.passive?.close();
    this.passive = null;
    this.activeTarget = { host, port };
  }

  private connectActive(target: { host: string; port: number }): Promise<Socket | null> {
    return new Promise((resolve) => {
      const socket = this.environment.tracker.trackSocket(connect({ host: target.host, port: target.port }));
      const finish = (result: Socket | null): void => {
        clearTimeout(timer);
        if (result === null) socket.destroy();
        else this.environment.countDataConnection();
        resolve(result);
      };
      const timer = setTimeout(() => finish(null), this.environment.timeoutMs);
      socket.once('connect', () => finish(socket));
      socket.once('error', () => finish(null));
    });
  }

  /** openData accepts the data connection, sends the 1yz reply, and secures it after PROT P. */
  private async openData(): Promise<PlayOutcome | { data: Socket; behaviour: DataPortBehaviour }> {
    const passive = this.passive;
    const active = this.activeTarget;
    this.passive = null;
    this.activeTarget = null;
    if (!passive && !active) return this.play('425 Use PORT or PASV first.');
    const behaviour = passive?.behaviour ?? 'normal';
    let data = passive ? await passive.connection() : await this.connectActive(active!);
    if (data === null) {
      passive?.close();
      return this.play('425 Failed to establish connection.');
    }
    this.dataSockets.add(data);
    const opening = await this.play(this.script.transferReplies?.opening ?? '150 Opening data connection.');
    if (opening !== 'open') return opening;

    if (this.state.protection === 'P') {
      const upgrader = this.environment.tls;
      const secured = upgrader ? await upgrader.upgrade(data, this.environment.timeoutMs, this.signal) : null;
      if (secured === null) return this.play('522 SSL connection failed.');
      this.dataSockets.add(this.environment.tracker.trackSocket(secured));
      if (this.script.tls?.refuseResumedSessions && secured.isSessionReused()) {
        secured.destroy();
        return this.play('522 SSL connection failed.');
      }
      if (this.script.tls?.requireSessionReuse && !secured.isSessionReused()) {
        secured.destroy();
        return this.play('522 SSL connection failed: session reuse required');
      }
      data = secured;
    }
    return { data, behaviour };
  }

  async receive(store: (bytes: Buffer) => void): Promise<PlayOutcome> {
    const opened = await this.openData();
    if (typeof opened === 'string') return opened;
    const { data } = opened;
    const chunks: Buffer[] = [];
    data.on('data', (chunk: Buffer) => chunks.push(chunk));
    const complete = await Promise.race([
      once(data, 'end', { signal: this.signal }).then(
        () => true,
        () => false,
      ),
      once(data, 'error', { signal: this.signal }).then(
        () => false,
        () => false,
      ),
    ]);
    data.destroy();
    if (!complete) return this.play('426 Connection closed; transfer aborted.');
    store(Buffer.concat(chunks));
    return this.play('226 Transfer complete.');
  }

  async transfer(body: string | Uint8Array): Promise<PlayOutcome> {
    const opened = await this.openData();
    if (typeof opened === 'string') return opened;
    const { data, behaviour } = opened;
    // An accepted-but-silent data port keeps the transfer open until the session ends.
    if (behaviour === 'accept-silent') return 'open';
    if (behaviour === 'stall-midway') {
      const bytes = Buffer.from(body);
      data.write(bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2))));
      return 'open';
    }
    const complete = behaviour === 'endless' ? await this.sendEndless(data) : await this.sendBody(data, body);
    if (!complete) return this.play('426 Connection closed; transfer aborted.');
    return this.play(this.script.transferReplies?.completion ?? '226 Transfer complete.');
  }

  private async sendBody(data: Socket, body: string | Uint8Array): Promise<boolean> {
    if (data.destroyed) return false;
    data.once('end', () => data.destroy());
    const finished = once(data, 'finish', { signal: this.signal }).then(
      () => true,
      () => false,
    );
    const closedEarly = once(data, 'close', { signal: this.signal }).then(
      () => false,
      () => false,
    );
    data.end(body);
    return Promise.race([finished, closedEarly]);
  }

  private async sendEndless(data: Socket): Promise<boolean> {
    const line = '-rw-r--r--    1 ftp      ftp            56 Jan 01  2024 this-listing-never-ends.txt\r\n';
    const chunk = Buffer.from(line.repeat(Math.floor(65536 / line.length)));
    let closed = data.destroyed;
    data.once('close', () => {
      closed = true;
    });
    for (let sent = 0; sent < ENDLESS_LISTING_LIMIT_BYTES && !closed; sent += chunk.length) {
      if (this.signal.aborted) return false;
      if (!data.write(chunk)) {
        const drained = await Promise.race([
          once(data, 'drain', { signal: this.signal }).then(
            () => true,
            () => false,
          ),
          once(data, 'close').then(() => false),
        ]);
        if (!drained) return false;
      }
    }
    if (closed) return false;
    return this.sendBody(data, '');
  }
}
