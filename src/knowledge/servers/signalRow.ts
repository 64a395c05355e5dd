import type { SignalWeight } from './serverFingerprint.js';
import type { SoftwareId } from './softwareIds.js';

/**
 * LoginPhase: whether a command was sent before the login completed or after. Servers differ most
 * before login (vsftpd refuses nearly everything with 530; ProFTPD and Pure-FTPd answer SYST).
 */
export type LoginPhase = 'before-login' | 'after-login';

/**
 * SignalRow: one recognisable trait of one product, as table data.
 *
 * `on` is 'greeting' or the command verb whose reply is tested (upper case). `pattern` is tried on
 * the reply's text (the lines with their codes removed, joined with \n, trimmed); `codes`, when
 * given, must hold the reply code. `example` is a real reply, with its code, that the pattern
 * matches (lines separated by \n), and `source` says where it was seen. Tests run every pattern
 * against its own example and against every other product's examples.
 */
export interface SignalRow {
  readonly software: SoftwareId;
  readonly label: string;
  readonly weight: SignalWeight;
  readonly on: 'greeting' | string;
  readonly phase?: LoginPhase;
  readonly codes?: readonly number[];
  readonly pattern: RegExp;
  /** Capture group holding the version, when the text shows one. */
  readonly versionGroup?: number;
  readonly example: string;
  readonly source: string;
}

/**
 * RuleOutRow: a behaviour a product never departs from. When the reply to `on` in `phase` has a
 * code outside `codes`, the product is not this one (unless it names itself). Only rows proven on
 * the real server belong here: a wrong rule-out costs a name, a wrong match costs the right fix.
 */
export interface RuleOutRow {
  readonly software: SoftwareId;
  readonly label: string;
  readonly on: string;
  readonly phase: LoginPhase;
  readonly codes: readonly number[];
  readonly source: string;
}
