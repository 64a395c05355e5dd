import type { StepName } from '../../probe/types.js';
import type { Reply } from '../../protocol/types.js';
import type { Finding } from '../types.js';
import type { DiagnosisContext } from './context.js';
import { finding } from './findingBuilder.js';

/**
 * Where real clients stop reading an oversized reply, measured against the fake server on Debian
 * 12 (see src/protocol/limits.ts): curl 7.88.1 gives up (exit 56) on a line of 225,000
 * characters or a reply of 25,000 short lines; lftp 4.9.2 read a 5,000,000-character line.
 */
const CURL_LONGEST_LINE_READ = 200_000;
const CURL_MOST_LINES_READ = 20_000;

interface SeenReply {
  readonly step: StepName;
  readonly command: string | null;
  readonly reply: Reply;
}

/** repliesSeen lists every reply of the probe with the command that drew it (null: the greeting). */
function repliesSeen(ctx: DiagnosisContext): SeenReply[] {
  const seen: SeenReply[] = [];
  for (const step of ctx.result.steps) {
    for (const exchange of step.exchanges) {
      for (const reply of exchange.replies) seen.push({ step: step.name, command: exchange.command, reply });
    }
  }
  return seen;
}

function whereSaid(command: string | null): string {
  return command === null ? 'the greeting' : `the reply to ${command.split(' ')[0]}`;
}

/**
 * oversizedReplyFindings: a reply longer than ftp-doctor keeps was cut (the rest was read and
 * dropped). Real clients read far more than any legitimate reply needs, so this is a warning;
 * which clients would give up follows from the sizes measured, not from a rule of thumb.
 */
export function oversizedReplyFindings(ctx: DiagnosisContext): Finding[] {
  const cut = repliesSeen(ctx).filter((seen) => seen.reply.cut !== undefined);
  if (cut.length === 0) return [];
  const first = cut[0]!;
  const size = first.reply.cut!;
  const curlGivesUp = size.longestLine > CURL_LONGEST_LINE_READ || size.lines > CURL_MOST_LINES_READ;
  const impact = curlGivesUp
    ? `curl 7.88 gives up on a reply this size (it reads lines up to about ${CURL_LONGEST_LINE_READ.toLocaleString('en')} characters and replies up to about ${CURL_MOST_LINES_READ.toLocaleString('en')} lines); lftp reads it.`
    : 'curl and lftp read replies of this size without trouble, so clients work; only tools with small fixed buffers may not.';
  return [
    finding('reply.oversized', {
      step:
        ctx.result.steps.find((s) => s.exchanges.some((e) => e.replies.includes(first.reply)))?.name ??
        'banner',
      detail: `${capitalize(whereSaid(first.command))} is ${describeSize(size)}, far longer than an FTP reply needs to be. ftp-doctor keeps the first part and goes on. ${impact} Shorten the text the server sends (a banner or message file).`,
      evidence: cut.slice(0, 3).map((seen) => ({
        kind: 'observation' as const,
        text: `${whereSaid(seen.command)} (${seen.reply.code}): ${describeSize(seen.reply.cut!)}`,
      })),
    }),
  ];
}

function describeSize(size: { longestLine: number; lines: number; chars: number }): string {
  const lines = size.lines === 1 ? 'one line' : `${size.lines.toLocaleString('en')} lines`;
  return `${lines} and ${size.chars.toLocaleString('en')} characters, the longest line ${size.longestLine.toLocaleString('en')} characters`;
}

/** UnusualText: what kind of characters a reply holds that FTP text does not normally hold. */
const UNUSUAL_TEXT: readonly { readonly pattern: RegExp; readonly what: string }[] = [
  { pattern: /\u0000/, what: 'NUL bytes' },
  { pattern: /\u001b/, what: 'terminal escape sequences' },
  { pattern: /\r/, what: 'carriage returns inside a line' },
  { pattern: /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/, what: 'bidirectional-text overrides' },
  { pattern: /\uFFFD/, what: 'bytes that are not UTF-8 (RFC 2640 makes UTF-8 the control-channel encoding)' },
  {
    pattern: /[\u0001-\u0008\u000b\u000c\u000e-\u001a\u001c-\u001f\u007f\u0080-\u009f]/,
    what: 'control characters',
  },
];

/**
 * unusualTextFindings: control characters, NUL, bare CR and invalid UTF-8 in replies. curl and
 * lftp log in and list behind a greeting with each of them (tested with the fake server), so it is
 * a warning; the report shows the text escaped.
 */
export function unusualTextFindings(ctx: DiagnosisContext): Finding[] {
  const kinds = new Set<string>();
  const where: string[] = [];
  let step: StepName | null = null;
  for (const seen of repliesSeen(ctx)) {
    const text = seen.reply.lines.join('\n');
    const found = UNUSUAL_TEXT.filter((entry) => entry.pattern.test(text)).map((entry) => entry.what);
    if (found.length === 0) continue;
    for (const kind of found) kinds.add(kind);
    step ??= seen.step;
    if (where.length < 3) where.push(`${whereSaid(seen.command)} (${seen.reply.code}): ${found.join(', ')}`);
  }
  if (kinds.size === 0) return [];
  return [
    finding('reply.unusual-characters', {
      step: step ?? 'banner',
      detail: `The server's replies contain ${[...kinds].join(', ')}. FTP replies are lines of text (RFC 959 §4.2); curl and lftp still log in and list behind such text, but a terminal, a log viewer or a script that shows it raw may print it wrongly or be misled by it. ftp-doctor shows it escaped. Check the banner and message files for stray bytes.`,
      evidence: where.map((text) => ({ kind: 'observation' as const, text })),
    }),
  ];
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
