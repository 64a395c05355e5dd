import { ProtocolViolationError } from './errors.js';
import {
  MAX_KEPT_LINE_LENGTH,
  MAX_KEPT_REPLY_LINES,
  MAX_LINE_LENGTH,
  MAX_OFFENDING_TEXT,
  MAX_REPLY_BYTES,
  MAX_REPLY_LINES,
} from './limits.js';
import type { Reply } from './types.js';

/**
 * FramerLimits bounds what the framer accepts (the hard limits: a protocol violation past them)
 * and what it keeps (past those the text is cut and the cut recorded on the reply). Tests shrink
 * them to reach the edges quickly; kept limits default to the hard ones.
 */
export interface FramerLimits {
  /** Longest line in characters, terminator excluded. */
  readonly maxLineLength: number;
  /** Most lines in one reply. */
  readonly maxReplyLines: number;
  /** Longest reply in characters, terminators included. */
  readonly maxReplyBytes: number;
  /** Characters of a line kept; the rest of the line is dropped and counted. */
  readonly keptLineLength?: number;
  /** Lines of a reply kept (the last line always is); the rest are dropped and counted. */
  readonly keptReplyLines?: number;
}

/** DEFAULT_FRAMER_LIMITS are the limits from limits.ts. */
export const DEFAULT_FRAMER_LIMITS: FramerLimits = {
  maxLineLength: MAX_LINE_LENGTH,
  maxReplyLines: MAX_REPLY_LINES,
  maxReplyBytes: MAX_REPLY_BYTES,
  keptLineLength: MAX_KEPT_LINE_LENGTH,
  keptReplyLines: MAX_KEPT_REPLY_LINES,
};

/** ParsedReplies is what parseReplies found: complete replies, and the text they leave over. */
export interface ParsedReplies {
  readonly replies: Reply[];
  /** The start of an incomplete reply (possibly empty); prepend it to the next chunk. */
  readonly rest: string;
}

// A reply line starts with three digits, the first 1–6 (RFC 959 §4.2; 6yz from RFC 2228), then a
// space, a hyphen, or nothing at all: a bare `226` is tolerated as a reply with empty text.
const REPLY_START = /^[1-6][0-9][0-9](?:[ -]|$)/;

/**
 * parseReplies frames complete FTP replies (RFC 959 §4.2) out of buffered control-channel text.
 *
 *   220 Ready\r\n              one line: code, space, text
 *
 *   123-First line\r\n         several lines: the first has a hyphen after the code;
 *    indented text\r\n          inner lines may be anything, digits included:
 *   234 other code\r\n         a different code does not end the reply,
 *   123-same code, hyphen\r\n  nor does the same code with a hyphen;
 *   123 last line\r\n          only the same code followed by a space (or the line end) does.
 *
 * Lines end in CRLF; a bare LF is accepted too, and a CR not followed by LF stays in the text.
 * Call it with everything received so far that was not consumed yet; prepend `rest` to the next
 * chunk. The result does not depend on how the bytes were chunked. (ReplyFramer does the same
 * incrementally, without framing the same text twice.)
 *
 * Throws ProtocolViolationError: 'reply-syntax' when a line that must start a reply does not
 * (`2x0 hi`, `22 hi`, `2200 hi`, an empty line, text without a code), also as soon as an
 * unfinished line can no longer become a reply start; 'line-too-long' and 'reply-too-long' when
 * a line or a reply passes the hard limits, including an unfinished one in `rest`.
 */
export function parseReplies(buffered: string, limits: FramerLimits = DEFAULT_FRAMER_LIMITS): ParsedReplies {
  const framer = new ReplyFramer(limits);
  const replies = framer.push(buffered);
  return { replies, rest: buffered.slice(framer.incompleteReplyStart) };
}

/** OpenReply is the reply being received: what is kept of it and how big it really is. */
interface OpenReply {
  readonly code: number;
  readonly kept: string[];
  lines: number;
  chars: number;
  longestLine: number;
  cut: boolean;
}

/**
 * ReplyFramer frames replies incrementally: each push scans only the new text, and a line or a
 * reply longer than the kept limits is stored cut, so a server that floods the control channel
 * costs bounded memory however long it goes on (until the hard limits or the reply timeout).
 */
export class ReplyFramer {
  /** The kept start of the unfinished line. */
  private partial = '';
  /** The unfinished line's length as received. */
  private partialLength = 0;
  /** Whether the last character received on the unfinished line was a CR (half a CRLF). */
  private partialEndsWithCr = false;
  private open: OpenReply | null = null;
  /** Characters pushed so far, and where the unfinished reply began among them. */
  private pushed = 0;
  private replyStart = 0;
  private readonly keptLineLength: number;
  private readonly keptReplyLines: number;

  constructor(private readonly limits: FramerLimits = DEFAULT_FRAMER_LIMITS) {
    this.keptLineLength = Math.min(limits.keptLineLength ?? limits.maxLineLength, limits.maxLineLength);
    this.keptReplyLines = Math.max(
      2,
      Math.min(limits.keptReplyLines ?? limits.maxReplyLines, limits.maxReplyLines),
    );
  }

  /** incompleteReplyStart: the offset, among all characters pushed, where the unfinished reply began. */
  get incompleteReplyStart(): number {
    return this.replyStart;
  }

  /** pendingText is the kept text of the unfinished reply (lines with CRLF, then the partial line). */
  get pendingText(): string {
    const lines = this.open ? this.open.kept.map((line) => `${line}\r\n`).join('') : '';
    return lines + this.partial;
  }

  /** push frames the new text and returns the replies it completed, in order. */
  push(text: string): Reply[] {
    const replies: Reply[] = [];
    let at = 0;
    while (at < text.length) {
      const newline = text.indexOf('\n', at);
      const end = newline < 0 ? text.length : newline;
      this.appendToLine(text, at, end);
      if (newline < 0) {
        this.pushed += end - at;
        break;
      }
      this.pushed += end - at + 1;
      at = newline + 1;
      const reply = this.finishLine();
      if (reply) {
        replies.push(reply);
        this.replyStart = this.pushed;
      }
    }
    this.checkUnfinished();
    return replies;
  }

  private appendToLine(text: string, from: number, to: number): void {
    if (to === from) return;
    const room = this.keptLineLength + 1 - this.partial.length;
    // One character beyond the kept length is held back, in case it is the CR of a CRLF.
    if (room > 0) this.partial += text.slice(from, Math.min(to, from + room));
    this.partialLength += to - from;
    this.partialEndsWithCr = text.charCodeAt(to - 1) === 13;
    if (this.partialLength - (this.partialEndsWithCr ? 1 : 0) > this.limits.maxLineLength) {
      throw lineTooLong(this.partial, this.limits);
    }
  }

  /** finishLine ends the current line (a LF arrived) and returns the reply it completed, if any. */
  private finishLine(): Reply | null {
    const length = this.partialLength - (this.partialEndsWithCr ? 1 : 0);
    // The line as received, with its terminator (CRLF, or a bare LF).
    const raw = this.partialLength + 1;
    const line = this.partial.slice(0, Math.min(length, this.keptLineLength));
    const lineCut = length > this.keptLineLength;
    this.partial = '';
    this.partialLength = 0;
    this.partialEndsWithCr = false;
    if (this.open === null) {
      const code = replyCodeOf(line);
      const open: OpenReply = { code, kept: [line], lines: 1, chars: raw, longestLine: length, cut: lineCut };
      this.checkReplySize(open, line);
      if (isMultiLineStart(line)) {
        this.open = open;
        return null;
      }
      return buildReply(open);
    }
    const open = this.open;
    open.lines += 1;
    open.chars += raw;
    open.longestLine = Math.max(open.longestLine, length);
    this.checkReplySize(open, open.kept[0] ?? line);
    const last = endsMultiLine(line, open.code);
    if (lineCut) open.cut = true;
    if (last || open.kept.length < this.keptReplyLines - 1) open.kept.push(line);
    else open.cut = true;
    if (!last) return null;
    this.open = null;
    return buildReply(open);
  }

  private checkReplySize(open: OpenReply, sample: string): void {
    if (open.chars > this.limits.maxReplyBytes || open.lines > this.limits.maxReplyLines) {
      throw tooLong(sample, this.limits);
    }
  }

  /** checkUnfinished validates the unfinished tail: its size, and that it can still start a reply. */
  private checkUnfinished(): void {
    if (this.partialLength === 0) return;
    const pending = this.partialLength - (this.partialEndsWithCr ? 1 : 0);
    if (this.open) {
      if (
        this.open.chars + pending > this.limits.maxReplyBytes ||
        this.open.lines + 1 > this.limits.maxReplyLines
      )
        throw tooLong(this.open.kept[0] ?? this.partial, this.limits);
      return;
    }
    if (pending > this.limits.maxReplyBytes) throw tooLong(this.partial, this.limits);
    if (!couldStartReply(this.partial)) throw syntaxError(this.partial);
  }
}

function lineTooLong(sample: string, limits: FramerLimits): ProtocolViolationError {
  return new ProtocolViolationError(
    `reply line longer than ${limits.maxLineLength} characters`,
    'line-too-long',
    truncate(sample),
  );
}

function tooLong(sample: string, limits: FramerLimits): ProtocolViolationError {
  return new ProtocolViolationError(
    `reply longer than ${limits.maxReplyLines} lines or ${limits.maxReplyBytes} characters`,
    'reply-too-long',
    truncate(sample),
  );
}

function replyCodeOf(line: string): number {
  if (!REPLY_START.test(line)) throw syntaxError(line);
  return Number(line.slice(0, 3));
}

function isMultiLineStart(line: string): boolean {
  return line.charCodeAt(3) === 45; // '-'
}

function endsMultiLine(line: string, code: number): boolean {
  if (!/^[0-9]{3}/.test(line) || Number(line.slice(0, 3)) !== code) return false;
  return line.length === 3 || line.charCodeAt(3) === 32; // bare `NNN` or `NNN `
}

/** couldStartReply tells whether some continuation of an unfinished line is a valid reply start. */
function couldStartReply(partial: string): boolean {
  const shape = [/[1-6]/, /[0-9]/, /[0-9]/];
  for (let i = 0; i < Math.min(partial.length, 3); i++) {
    if (!shape[i]!.test(partial[i]!)) return false;
  }
  if (partial.length < 4) return true;
  const fourth = partial[3];
  if (fourth === ' ' || fourth === '-') return true;
  return fourth === '\r' && partial.length === 4;
}

function buildReply(open: OpenReply): Reply {
  const lines = open.kept;
  const last = lines.length - 1;
  const text = lines.map((line, index) => (index === 0 || index === last ? line.slice(4) : line)).join('\n');
  const reply: Reply = { code: open.code, lines: [...lines], text };
  if (!open.cut) return reply;
  return { ...reply, cut: { longestLine: open.longestLine, lines: open.lines, chars: open.chars } };
}

function syntaxError(line: string): ProtocolViolationError {
  const shown = line.length === 0 || line === '\r' ? 'an empty line' : 'a line without a reply code';
  return new ProtocolViolationError(
    `expected a reply (three digits and a space or hyphen), got ${shown}`,
    'reply-syntax',
    truncate(line),
  );
}

function truncate(text: string): string {
  return text.length > MAX_OFFENDING_TEXT ? `${text.slice(0, MAX_OFFENDING_TEXT)}…` : text;
}
