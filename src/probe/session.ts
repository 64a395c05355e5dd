import { maskCommand } from '../protocol/command.js';
import type { ControlConnection } from '../protocol/controlConnection.js';
import type { DataConnection, DataTlsOptions } from '../protocol/dataConnection.js';
import type { Reply, TranscriptEntry } from '../protocol/types.js';
import type { Deadline } from './deadline.js';
import { toFailureInfo } from './failureInfo.js';
import type { StepRecorder } from './stepRecorder.js';
import type { HostLookup } from './steps/resolveStep.js';
import type { ProbeOptions, ResolveData, StepName, Target } from './types.js';

/** ProbeInputs: what the caller already knows or replaces for one probe. */
export interface ProbeInputs {
  /** --all-addresses resolved the name once already: this probe's resolve step is that lookup. */
  readonly resolved?: ResolveData;
  /** Replaces the system resolver (tests use it to produce DNS failures without touching DNS). */
  readonly lookup?: HostLookup;
}

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
   * the listing then needs neither a second EPSV nor a second connect (measured with npm run bench).
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
    readonly inputs: ProbeInputs = {},
  ) {
    this.servername = target.host;
  }

  /**
   * dataTls: the TLS a data connection needs once PROT P was accepted (resuming `resumeFrom`, the
   * control connection's session, when given), or nothing when the data channel is plain.
   */
  dataTls(resumeFrom: Buffer | null): { readonly tls?: DataTlsOptions } {
    if (!this.dataProtected) return {};
    return {
      tls: {
        servername: this.servername,
        ...(resumeFrom ? { session: resumeFrom } : {}),
        ...(this.options.ca ? { ca: this.options.ca } : {}),
        ...(this.options.tlsVersion ? { version: this.options.tlsVersion } : {}),
      },
    };
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

  /**
   * exchangeTogether sends the lines at once, without waiting for each reply (one round trip for
   * all), and reads the replies in order; each is recorded like an exchange. A command that failed
   * gives null in its place. Only for commands whose replies cannot change what comes next.
   */
  exchangeTogether<N extends StepName>(
    recorder: StepRecorder<N>,
    lines: readonly string[],
    timeoutMs?: number,
  ): Promise<(Reply | null)[]> {
    return Promise.all(lines.map((line) => this.exchange(recorder, line, timeoutMs).catch(() => null)));
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
