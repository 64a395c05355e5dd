import type { DataPortBehaviour, FakeReply, FakeServerScript } from './fakeServerScript.js';
import type { PlayOutcome } from './replyPlayer.js';

/** LoginState names where a connection is in the USER → PASS → ACCT sequence. */
export type LoginState =
  | { readonly phase: 'anonymous-visitor' }
  | { readonly phase: 'user-given'; readonly user: string }
  | { readonly phase: 'account-needed'; readonly user: string; readonly account: string }
  | { readonly phase: 'logged-in'; readonly user: string };

/** SessionState is the mutable state of one control connection that commands change. */
export interface SessionState {
  login: LoginState;
  secure: boolean;
  protection: 'C' | 'P';
  cwd: string;
  /** Set by `EPSV ALL` (RFC 2428 §4): from then on only EPSV may set up data connections. */
  epsvAll: boolean;
}

/** PassiveMode names which command opened a passive port, since each mode may behave differently. */
export type PassiveMode = 'epsv' | 'pasv';

/**
 * SessionControl is what the default command handlers may do with a connection. It keeps the
 * handlers (what a healthy server answers) apart from the session (sockets, TLS, timers).
 */
export interface SessionControl {
  readonly script: FakeServerScript;
  readonly state: SessionState;
  /** The address the control connection was accepted on, and its family. */
  readonly localAddress: string;
  readonly family: 4 | 6;
  /** Whether AUTH TLS can be honoured (TLS configured and not implicit). */
  readonly explicitTlsOffered: boolean;
  play(reply: FakeReply): Promise<PlayOutcome>;
  /** openPassive replaces any earlier passive port with a new one and returns its port. */
  openPassive(mode: PassiveMode): Promise<number>;
  passiveBehaviour(mode: PassiveMode): DataPortBehaviour;
  /** setActiveTarget records a PORT/EPRT address (already checked to be loopback). */
  setActiveTarget(host: string, port: number): void;
  /** startTls replies 234 and upgrades the control connection. */
  startTls(): Promise<PlayOutcome>;
  /** transfer runs one transfer over the prepared data connection: 150, body, 226. */
  transfer(body: string | Uint8Array): Promise<PlayOutcome>;
  /** receive runs one upload: 150, read until the client closes, hand the bytes to `store`, 226. */
  receive(store: (bytes: Buffer) => void): Promise<PlayOutcome>;
  /** Files stored with STOR on this server (every connection sees the same ones). */
  readonly uploads: Map<string, Buffer>;
}
