import type { AnyStepRecord, PortRange, ProbeResult, StepDataMap, StepName } from '../../probe/types.js';
import { isLoopback } from '../../protocol/address.js';
import { deviceFixPathFor } from '../servers/devices/deviceFixPathTable.js';
import { fingerprintServer } from '../servers/fingerprint.js';
import { observedReplies } from '../servers/observedReplies.js';
import type { ServerFingerprint } from '../servers/serverFingerprint.js';
import type { SoftwareId } from '../servers/softwareIds.js';
import type { Fix } from '../types.js';
import { type BlockingKind, findBlockingRuleFix } from './fixes/filterRule.js';
import { firewallFixes } from './fixes/firewall.js';
import type { RangeConfidence } from './fixes/firewallRequest.js';
import { SUGGESTED_PASSIVE_RANGE } from './fixes/fixValues.js';
import { estimatePassiveRange, type RangeEstimate, SCATTERED_SPAN } from './fixes/passiveRange.js';
import { passiveRangeCheckFix } from './fixes/passiveRangeCheck.js';
import { type ServerFixTopic, serverFixes } from './fixes/server.js';

/** DiagnosisOptions: how strict the verdict is; mirrors the CLI flags that change judgement. */
export interface DiagnosisOptions {
  /** --insecure: an untrusted certificate is a warning, not a failure. */
  readonly insecure: boolean;
  /** The moment "now" for certificate expiry, injectable for tests. */
  readonly now: Date;
  /** --pasv-range: the passive range the admin says the server is configured with. */
  readonly statedPassiveRange?: PortRange | null;
}

/** PassiveRangeEstimate: the range firewall and server fixes should use, and how sure we are. */
export interface PassiveRangeEstimate {
  readonly range: PortRange;
  readonly confidence: RangeConfidence;
  readonly portsSeen: readonly number[];
  /** Ports scattered over a wide span: the server has no configured range. */
  readonly scattered: boolean;
}

/**
 * DiagnosisContext gathers the facts several rules need: the steps by name, the control
 * connection's address family, the detected server software, and the passive range seen.
 */
export class DiagnosisContext {
  private readonly byName = new Map<StepName, AnyStepRecord>();
  private cachedFingerprint: ServerFingerprint | null = null;

  constructor(
    readonly result: ProbeResult,
    readonly options: DiagnosisOptions,
  ) {
    for (const step of result.steps) this.byName.set(step.name, step);
  }

  /** data returns a step's data when the step ran. */
  data<N extends StepName>(name: N): StepDataMap[N] | null {
    const step = this.byName.get(name);
    if (!step?.ran) return null;
    return step.data as StepDataMap[N] | null;
  }

  step(name: StepName): AnyStepRecord | undefined {
    return this.byName.get(name);
  }

  get controlAddress(): string | null {
    return this.data('connect')?.address ?? this.data('resolve')?.chosen ?? null;
  }

  get family(): 4 | 6 {
    return this.data('connect')?.family ?? (this.controlAddress?.includes(':') ? 6 : 4);
  }

  /** fingerprint: the server software as far as its greeting, SYST, FEAT and other replies show it. */
  get fingerprint(): ServerFingerprint {
    this.cachedFingerprint ??= fingerprintServer(observedReplies(this.result));
    return this.cachedFingerprint;
  }

  /**
   * software is the fingerprint id used to pick server fixes: only a medium or high guess tailors
   * them ('unknown' otherwise), because a fix for the wrong product is worse than generic advice.
   */
  get software(): SoftwareId | 'unknown' {
    const fingerprint = this.fingerprint;
    return fingerprint.confidence === 'high' || fingerprint.confidence === 'medium'
      ? fingerprint.software
      : 'unknown';
  }

  get tlsActive(): boolean {
    const tls = this.data('tls');
    return tls?.protocol != null;
  }

  /** passivePortsSeen lists every passive port the server handed out, EPSV and PASV samples included. */
  passivePortsSeen(): number[] {
    const ports = new Set<number>();
    const epsv = this.data('epsv');
    const pasv = this.data('pasv');
    const transfer = this.data('transfer');
    for (const port of [epsv?.port, pasv?.port, transfer?.dataPort]) if (port != null) ports.add(port);
    for (const sample of [...(epsv?.samples ?? []), ...(pasv?.samples ?? [])])
      if (sample.port != null) ports.add(sample.port);
    return [...ports].sort((a, b) => a - b);
  }

  /**
   * passivePortSamples lists every EPSV and PASV sample's port, repeats included: each request is
   * one draw from the server's range, which is what the range estimate counts.
   */
  passivePortSamples(): number[] {
    const samples = [...(this.data('epsv')?.samples ?? []), ...(this.data('pasv')?.samples ?? [])];
    return samples.flatMap((sample) => (sample.port == null ? [] : [sample.port]));
  }

  /** rangeEstimate: what the sampled ports say about the configured range, or null without samples. */
  rangeEstimate(): RangeEstimate | null {
    const samples = this.passivePortSamples();
    return samples.length === 0 ? null : estimatePassiveRange(samples);
  }

  /**
   * passiveRange: the range fixes write. The range the admin stated (--pasv-range) is used as is;
   * else the estimate's confidence bound once there are enough samples; else a suggested range,
   * set in the server and opened in the firewall alike, because a span guessed from a few ports
   * is no rule to paste.
   */
  passiveRange(): PassiveRangeEstimate {
    const ports = this.passivePortsSeen();
    const stated = this.options.statedPassiveRange ?? null;
    if (stated !== null) return { range: stated, confidence: 'stated', portsSeen: ports, scattered: false };
    const estimate = this.rangeEstimate();
    const suggested = (scattered: boolean): PassiveRangeEstimate => ({
      range: SUGGESTED_PASSIVE_RANGE,
      confidence: 'suggested',
      portsSeen: ports,
      scattered,
    });
    if (estimate === null) return suggested(false);
    const span = estimate.portsSeen[estimate.portsSeen.length - 1]! - estimate.portsSeen[0]!;
    if (span > SCATTERED_SPAN) return suggested(true);
    if (!estimate.enough) return suggested(false);
    // Every port of the span seen: the span is the range; its setting confirms it (passiveRangeCheck).
    if (estimate.covered)
      return { range: estimate.probable, confidence: 'observed', portsSeen: ports, scattered: false };
    return { range: estimate.bound, confidence: 'inferred', portsSeen: ports, scattered: false };
  }

  /**
   * dataPortFixes: a filter answered for a port the server announced. First find the rule that
   * blocks (when the test-connect showed how it blocks), then accept the range in the firewall. The server's range is rewritten only when the
   * ports look random (no configured range); otherwise its setting is read, so the firewall can
   * open the same range: the server listened, so its range is not what failed.
   */
  dataPortFixes(blocking: BlockingKind | null): Fix[] {
    const estimate = this.passiveRange();
    const device = deviceFixPathFor(this.software)?.passiveRange ?? null;
    // An appliance that documents no passive range takes any free port: no rule for a fixed range
    // can match it, only the FTP helper that follows the control connection can.
    const anyPort = device !== null && 'cannot' in device;
    const firewall = firewallFixes({
      purpose: 'open-data-ports',
      ports: estimate.range,
      family: this.family,
      rangeConfidence: fixConfidence(estimate.confidence),
      controlPort: this.result.target.port,
      ...(this.controlAddress ? { serverAddress: this.controlAddress } : {}),
      ...(anyPort ? { dialects: ['conntrack'] } : {}),
    });
    // An appliance's own entry (its menu path, or that it has no range) beats the generic check.
    const server =
      estimate.scattered || device !== null
        ? this.serverFixes('passive-range')
        : [passiveRangeCheckFix(this.software, estimate.range, estimate.confidence !== 'suggested')];
    const find = blocking === null || anyPort ? [] : [findBlockingRuleFix(blocking, estimate.range)];
    return [...find, ...firewall, ...server];
  }

  controlPortFixes(): Fix[] {
    const port = this.result.target.port;
    return firewallFixes({
      purpose: 'open-control-port',
      ports: { low: port, high: port },
      family: this.family,
      controlPort: port,
      ...(this.controlAddress ? { serverAddress: this.controlAddress } : {}),
    });
  }

  /**
   * announcedAddress: the address server fixes tell the server to announce in PASV replies: the one
   * this probe reached it on, except loopback — a probe run on the server itself reaches 127.0.0.1,
   * which remote clients cannot use, so the fixes then name a placeholder for the public address.
   */
  private announcedAddress(): string | null {
    const address = this.controlAddress;
    return address === null || isLoopback(address) ? null : address;
  }

  serverFixes(topic: ServerFixTopic, extra: { readonly anonymous?: 'enable' | 'disable' } = {}): Fix[] {
    const estimate = this.passiveRange();
    return serverFixes(topic, {
      software: this.software,
      passiveRange: estimate.confidence === 'suggested' ? null : estimate.range,
      rangeConfidence: fixConfidence(estimate.confidence),
      publicAddress: this.announcedAddress(),
      ...extra,
    });
  }
}

/**
 * fixConfidence: how sure a fix may sound about the range. A probe sees only the ports the server
 * handed out, never its configuration, so even the exact span of the samples ('observed') may be
 * narrower than the configured range (ProFTPD PassivePorts 24946 24955 handed out 24946–24953 in
 * ten samples): a firewall opened for the span alone fails now and then. Such fixes say so.
 */
function fixConfidence(confidence: RangeConfidence): RangeConfidence {
  return confidence === 'observed' ? 'inferred' : confidence;
}
