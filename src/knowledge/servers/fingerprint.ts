import { BEHAVIOUR_SIGNALS, RULE_OUTS } from './behaviourSignals.js';
import { GREETING_SIGNATURES } from './greetingSignatures.js';
import type { ObservedReply } from './observedReplies.js';
import type {
  FingerprintConfidence,
  MatchedSignal,
  ServerFingerprint,
  SignalWeight,
} from './serverFingerprint.js';
import type { SignalRow } from './signalRow.js';
import { baseSoftware, SOFTWARE, type SoftwareId, UNKNOWN_SOFTWARE } from './softwareIds.js';

/** SIGNAL_ROWS: every table the fingerprint reads. */
export const SIGNAL_ROWS: readonly SignalRow[] = [...GREETING_SIGNATURES, ...BEHAVIOUR_SIGNALS];

/** Points per weight; a 'names' signal decides on its own. */
const POINTS: Readonly<Record<Exclude<SignalWeight, 'names'>, number>> = { distinctive: 2, supporting: 1 };
const WEIGHT_ORDER: readonly SignalWeight[] = ['names', 'distinctive', 'supporting'];
const CONFIDENCE_ORDER: readonly FingerprintConfidence[] = ['none', 'low', 'medium', 'high'];

/** MAX_VERSION_LENGTH keeps a version copied from untrusted server text short. */
const MAX_VERSION_LENGTH = 32;
/** MAX_QUOTED_REPLY bounds the reply text a signal quotes. */
const MAX_QUOTED_REPLY = 100;

export const UNKNOWN_FINGERPRINT: ServerFingerprint = {
  software: UNKNOWN_SOFTWARE,
  displayName: 'unknown',
  version: null,
  confidence: 'none',
  basis: [],
  signals: [],
};

/** RowMatch: a table row that matched one observed reply. */
interface RowMatch {
  readonly row: SignalRow;
  readonly observation: number;
  readonly reply: ObservedReply;
  readonly weight: SignalWeight;
  readonly version: string | null;
}

/** familyOf puts an appliance and the daemon it runs in one family, so they never compete. */
function familyOf(id: SoftwareId): SoftwareId {
  return baseSoftware(id) ?? id;
}

/** rowMatches tells whether a row applies to an observed reply, and returns the match. */
function rowMatches(row: SignalRow, observed: ObservedReply): RegExpExecArray | null {
  if (row.on === 'greeting' ? observed.command !== null : observed.command !== row.on) return null;
  if (row.phase !== undefined && row.phase !== observed.phase) return null;
  if (row.codes !== undefined && !row.codes.includes(observed.reply.code)) return null;
  return row.pattern.exec(observed.reply.text.trim());
}

/** cleanVersion keeps a version from server text only if it looks like one. */
function cleanVersion(raw: string | undefined): string | null {
  const version = raw?.trim();
  if (version === undefined || version === '' || version.length > MAX_VERSION_LENGTH) return null;
  return /^[vV]?\d[\w.+-]*(?: beta)?$/.test(version) ? version : null;
}

/**
 * matchAll tries every row on every reply. A reply that rows of two unrelated products match is
 * shared between them, so it never counts as more than supporting evidence for either.
 */
function matchAll(replies: readonly ObservedReply[]): RowMatch[] {
  const matches: RowMatch[] = [];
  replies.forEach((reply, observation) => {
    const here: { row: SignalRow; match: RegExpExecArray }[] = [];
    for (const row of SIGNAL_ROWS) {
      const match = rowMatches(row, reply);
      if (match) here.push({ row, match });
    }
    const families = new Set(here.map(({ row }) => familyOf(row.software)));
    const shared = families.size > 1;
    for (const { row, match } of here) {
      matches.push({
        row,
        observation,
        reply,
        weight: shared ? 'supporting' : row.weight,
        version: row.versionGroup === undefined ? null : cleanVersion(match[row.versionGroup]),
      });
    }
  });
  return matches;
}

/** Candidate: the evidence for one product. */
interface Candidate {
  readonly software: SoftwareId;
  /** Strongest match per label; one reply counts once. */
  readonly signals: RowMatch[];
  named: boolean;
  points: number;
  distinctive: number;
}

function strongerFirst(a: RowMatch, b: RowMatch): number {
  return WEIGHT_ORDER.indexOf(a.weight) - WEIGHT_ORDER.indexOf(b.weight) || a.observation - b.observation;
}

/** candidateFor keeps one match per label and per reply, the strongest, and scores them. */
function candidateFor(software: SoftwareId, matches: readonly RowMatch[]): Candidate {
  const labels = new Set<string>();
  const observations = new Set<number>();
  const signals: RowMatch[] = [];
  for (const match of [...matches].sort(strongerFirst)) {
    if (labels.has(match.row.label) || observations.has(match.observation)) continue;
    labels.add(match.row.label);
    observations.add(match.observation);
    signals.push(match);
  }
  const candidate: Candidate = { software, signals, named: false, points: 0, distinctive: 0 };
  for (const signal of signals) {
    if (signal.weight === 'names') candidate.named = true;
    else candidate.points += POINTS[signal.weight];
    if (signal.weight === 'distinctive') candidate.distinctive += 1;
  }
  return candidate;
}

/** ruledOut: a product whose never-changing behaviour the server did not show. */
function ruledOut(software: SoftwareId, replies: readonly ObservedReply[]): boolean {
  return RULE_OUTS.some(
    (rule) =>
      rule.software === software &&
      replies.some(
        (reply) =>
          reply.command === rule.on && reply.phase === rule.phase && !rule.codes.includes(reply.reply.code),
      ),
  );
}

/** rank: named first, then points; on a tie an appliance before the daemon it runs. */
function rank(a: Candidate, b: Candidate): number {
  return (
    Number(b.named) - Number(a.named) ||
    b.points - a.points ||
    b.signals.length - a.signals.length ||
    Number(baseSoftware(b.software) !== null) - Number(baseSoftware(a.software) !== null)
  );
}

function lower(confidence: FingerprintConfidence): FingerprintConfidence {
  return CONFIDENCE_ORDER[Math.max(0, CONFIDENCE_ORDER.indexOf(confidence) - 1)] ?? 'none';
}

/**
 * confidenceOf: the product's own name → high; two distinctive behaviours (4 points or more) →
 * high; one → medium; supporting hints only → low. Evidence for an unrelated product costs a
 * level (or everything, when it is as strong).
 */
function confidenceOf(best: Candidate, runnerUp: Candidate | undefined): FingerprintConfidence {
  if (runnerUp !== undefined && runnerUp.named === best.named && runnerUp.points >= best.points)
    return 'none';
  let confidence: FingerprintConfidence;
  if (best.named) confidence = runnerUp?.named ? 'low' : 'high';
  else if (best.distinctive >= 2 && best.points >= 4) confidence = 'high';
  else if (best.distinctive >= 1) confidence = 'medium';
  else confidence = 'low';
  if (!best.named && runnerUp !== undefined && runnerUp.distinctive > 0) confidence = lower(confidence);
  return confidence;
}

const BASIS_ORDER = ['banner', 'syst', 'feat', 'help', 'replies'] as const;

function basisOf(command: string | null): (typeof BASIS_ORDER)[number] {
  if (command === null) return 'banner';
  if (command === 'SYST') return 'syst';
  if (command === 'FEAT') return 'feat';
  if (command === 'HELP') return 'help';
  return 'replies';
}

function quoteReply(reply: ObservedReply): string {
  const first = `${reply.reply.code} ${reply.reply.text.split('\n')[0] ?? ''}`.replace(
    /[\u0000-\u001f\u007f]/g,
    ' ',
  );
  return first.length > MAX_QUOTED_REPLY ? `${first.slice(0, MAX_QUOTED_REPLY)}…` : first;
}

function toSignal(match: RowMatch): MatchedSignal {
  return {
    label: match.row.label,
    weight: match.weight,
    command: match.reply.command,
    reply: quoteReply(match.reply),
  };
}

/**
 * fingerprintServer names the server software from the replies the probe collected: the greeting
 * and SYST where the product names itself (GREETING_SIGNATURES), and its behaviour everywhere else
 * (BEHAVIOUR_SIGNALS): FEAT layout, SYST before login, the wording of USER, PASS, EPSV, the
 * listing, EPSV ALL and QUIT. Evidence for an appliance's daemon also supports the appliance. With
 * no or contradicting evidence it returns 'unknown' rather than guessing; versions are copied only
 * when a reply shows one.
 */
export function fingerprintServer(replies: readonly ObservedReply[]): ServerFingerprint {
  const matches = matchAll(replies);
  const bySoftware = new Map<SoftwareId, RowMatch[]>();
  for (const match of matches) {
    const list = bySoftware.get(match.row.software) ?? [];
    list.push(match);
    bySoftware.set(match.row.software, list);
  }
  const candidates: Candidate[] = [];
  for (const [software, own] of bySoftware) {
    const base = baseSoftware(software);
    const inherited = base === null ? [] : (bySoftware.get(base) ?? []);
    // Evidence for the daemon also supports the appliance that runs it (a QNAP greeting also
    // says "ProFTPD"), so the appliance, with evidence of its own, ranks first.
    const candidate = candidateFor(software, [...own, ...inherited]);
    if (ruledOut(software, replies) && !candidate.named) continue;
    candidates.push(candidate);
  }
  candidates.sort(rank);
  const chosen = candidates[0];
  if (chosen === undefined) return UNKNOWN_FINGERPRINT;
  const family = familyOf(chosen.software);
  const runnerUp = candidates.find((c) => familyOf(c.software) !== family);
  const confidence = confidenceOf(chosen, runnerUp);
  if (confidence === 'none') return UNKNOWN_FINGERPRINT;
  const version = chosen.signals.find(
    (signal) => signal.row.software === chosen.software && signal.version,
  )?.version;
  const sources = new Set(chosen.signals.map((signal) => basisOf(signal.reply.command)));
  return {
    software: chosen.software,
    displayName: SOFTWARE[chosen.software].displayName,
    version: version ?? null,
    confidence,
    basis: BASIS_ORDER.filter((source) => sources.has(source)),
    signals: chosen.signals.map(toSignal),
  };
}
