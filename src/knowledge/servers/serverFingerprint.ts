import type { SoftwareId } from './softwareIds.js';

/**
 * FingerprintConfidence: 'high' when the server names itself or several independent behaviours
 * agree, 'medium' on fewer distinctive behaviours, 'low' on a hint that other software may share.
 * Fixes are tailored from 'medium' up.
 */
export type FingerprintConfidence = 'high' | 'medium' | 'low' | 'none';

/**
 * SignalWeight: how much one observed behaviour says. 'names' is the product's own name in a
 * reply; 'distinctive' a wording or layout only this product is known to send; 'supporting' a
 * trait it shares with a few others.
 */
export type SignalWeight = 'names' | 'distinctive' | 'supporting';

/** MatchedSignal: one table row that matched, with the reply that matched it. */
export interface MatchedSignal {
  /** What matched, in words: 'greeting names the product', 'FEAT layout', '331 wording'. */
  readonly label: string;
  readonly weight: SignalWeight;
  /** The command the reply answered ('USER', 'SYST'), or null for the greeting. */
  readonly command: string | null;
  /** The reply code and first line (untrusted server text). */
  readonly reply: string;
}

/** ServerFingerprint: the server software as far as its replies show it. */
export interface ServerFingerprint {
  /** Stable id (see SOFTWARE in softwareIds.ts), or 'unknown' when unsure. */
  readonly software: SoftwareId | 'unknown';
  readonly displayName: string;
  readonly version: string | null;
  readonly confidence: FingerprintConfidence;
  /** Which replies matched: 'banner', 'syst', 'feat', 'help', 'replies' (other commands). */
  readonly basis: readonly string[];
  /** The signals behind the guess, strongest first. */
  readonly signals: readonly MatchedSignal[];
}
