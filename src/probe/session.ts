import { maskCommand } from '../protocol/command.js';
import type { ControlConnection } from '../protocol/controlConnection.js';
import type { DataConnection } from '../protocol/dataConnection.js';
import type { Reply, TranscriptEntry } from '../protocol/types.js';
import type { Deadline } from './deadline.js';
import { toFailureInfo } from './failureInfo.js';
import type { StepRecorder } from './stepRecorder.js';
import type { ProbeOptions, StepName, Target } from './types.js';

/**
 * ProbeSession is the state one probe carries from step to step: the control connection, the
 * TLS session to resume on data connections, and the probe's own transcript events.
 */
export class ProbeSession {
  control: ControlConnection | null = null;
  /** Whether PROT P was accepted: data connections must then speak TLS. */
  dataProtected = false;
  /** The name a certificate must carry: the target's host as typed. */
  readonly servername: string;
  readonly events: TranscriptEntry[] = [];
  /** The features FEAT listed, upper-cased (used to choose MLSD and to decide on AUTH TLS). */
  features: readonly string[] = [];
  featOk = false;
  /**
   * The EPSV step's test connection, kept open for the listing when the data channel is plain:
   * the listing then needs neither a second EPSV nor a second connect (issue #7).
   */
  private heldData: {
    readonly via: 'epsv';
    readonly port: number;
    readonly connection: DataConnection;
  } | null = null;

  constructor(
    readonly target: Target,
    readonly options: ProbeOptions,
    readonly deadline: Deadline,
    readonly now: () => number,
  ) {
    this.servername = target.host;
  }

  /** holdDataConnection keeps an open test connection for the listing (replacing any other). */
  holdDataConnection(via: 'epsv', port: number, connection: DataConnection): void {
    this.releaseDataConnection();
    this.heldData = { via, port, connection };
  }

  /** takeDataConnection hands the held connection for `via` to the listing, once. */
  takeDataConnection(via: 'epsv' | 'pasv'): { port: number; connection: DataConnection } | null {
    const held = this.heldData;
    if (held?.via !== via) return null;
    this.heldData = null;
    return held;
  }

  /** releaseDataConnection closes a held connection nobody used. */
  releaseDataConnection(): void {
    this.heldData?.connection.close();
    this.heldData = null;
  }

  requireControl(): ControlConnection {
    if (!this.control) throw new Error('no control connection');
    return this.control;
  }

  /** event notes something the transcript should show that is not a control-channel line. */
  event(text: string, channel: 'control' | 'data' = 'data'): void {
    this.events.push({ direction: 'event', text, atMs: this.now(), channel });
  }

  /**
   * exchange sends one command and reads its final reply, recording both in the step. Failures
   * are recorded and rethrown, so each step decides whether it can go on.
   */
  async exchange<N extends StepName>(
    recorder: StepRecorder<N>,
    line: string,
    timeoutMs?: number,
  ): Promise<Reply> {
    const started = this.now();
    const masked = maskCommand(line);
    try {
      const reply = await this.requireControl().command(
        line,
        this.deadline.timeoutFor(timeoutMs ?? this.options.replyTimeoutMs),
      );
      recorder.record(masked, [reply], started);
      return reply;
    } catch (error) {
      recorder.record(masked, [], started, toFailureInfo(error));
      throw error;
    }
  }

  /** hasFeature matches a FEAT line by its keyword, e.g. 'MLST' or 'AUTH TLS'. */
  hasFeature(keyword: string): boolean {
    const wanted = keyword.toUpperCase();
    return this.features.some(
      (line) =>
        line === wanted ||
        line.startsWith(`${wanted} `) ||
        (wanted === 'AUTH TLS' && /^AUTH\b.*\bTLS\b/.test(line)),
    );
  }
}
