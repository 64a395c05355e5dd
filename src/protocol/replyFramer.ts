import { ProtocolViolationError } from './errors.js';
import { MAX_LINE_LENGTH, MAX_OFFENDING_TEXT, MAX_REPLY_BYTES, MAX_REPLY_LINES } from './limits.js';
import type { Reply } from './types.js';

/** FramerLimits bounds what parseReplies accepts; tests shrink them to reach the edges quickly. */
export interface FramerLimits {
  /** Longest line in characters, terminator excluded. */
  readonly maxLineLength: number;
  /** Most lines in one reply. */
  readonly maxReplyLines: number;
  /** Longest reply in characters, terminators included. */
  readonly maxReplyBytes: number;
}

/** DEFAULT_FRAMER_LIMITS are the limits from limits.ts. */
export const DEFAULT_FRAMER_LIMITS: FramerLimits = {
  maxLineLength: MAX_LINE_LENGTH,
  maxReplyLines: MAX_REPLY_LINES,
  maxReplyBytes: MAX_REPLY_BYTES,
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
 * chunk. The result does not depend on how the bytes were chunked.
 *
 * Throws ProtocolViolationError: 'reply-syntax' when a line that must start a reply does not
 * (`2x0 hi`, `22 hi`, `2200 hi`, an empty line, text without a code), also as soon as an
 * unfinished line can no longer become a reply start; 'line-too-long' and 'reply-too-long' when
 * a line or a reply passes the limits, including an unfinished one in `rest`.
 */
export function parseReplies(buffered: string, limits: FramerLimits = DEFAULT_FRAMER_LIMITS): ParsedReplies {
  const replies: Reply[] = [];
  let replyStart = 0;
  let lineStart = 0;
  let lines: string[] = [];
  let code = 0;
  while (true) {
    const newline = buffered.indexOf('\n', lineStart);
    if (newline < 0) break;
    const lineEnd = newline > lineStart && buffered.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
    const line = buffered.slice(lineStart, lineEnd);
    checkLineLength(line.length, line, limits);
    lineStart = newline + 1;
    if (lines.length === 0) {
      code = replyCodeOf(line);
      lines.push(line);
      if (!isMultiLineStart(line)) {
        checkReplySize(lineStart - replyStart, lines.length, buffered, replyStart, limits);
        replies.push(buildReply(code, lines));
        lines = [];
        replyStart = lineStart;
      }
      continue;
    }
    lines.push(line);
    checkReplySize(lineStart - replyStart, lines.length, buffered, replyStart, limits);
    if (endsMultiLine(line, code)) {
      replies.push(buildReply(code, lines));
      lines = [];
      replyStart = lineStart;
    }
  }
  checkIncomplete(buffered.slice(lineStart), lines.length, lineStart - replyStart, limits);
  return { replies, rest: buffered.slice(replyStart) };
}

/**
 * checkIncomplete validates the unfinished tail of the buffer: the unfinished last line, and the
 * reply it belongs to. It lets a reader that got a chunk without a newline check the limits, and
 * whether the line can still become a reply start, without framing everything again.
 *
 * `partialLine` is the text after the last newline; `completeLines` and `completeChars` describe
 * the finished lines of the same unfinished reply before it (0 and 0 when none).
 */
export function checkIncomplete(
  partialLine: string,
  completeLines: number,
  completeChars: number,
  limits: FramerLimits = DEFAULT_FRAMER_LIMITS,
): void {
  // A trailing CR may still be the first half of a CRLF, so it does not count towards the line.
  const pendingCr = partialLine.endsWith('\r') ? 1 : 0;
  checkLineLength(partialLine.length - pendingCr, partialLine, limits);
  const lines = completeLines + (partialLine.length > 0 ? 1 : 0);
  if (completeChars + partialLine.length > limits.maxReplyBytes || lines > limits.maxReplyLines) {
    throw tooLong(partialLine, limits);
  }
  if (completeLines === 0 && partialLine.length > 0 && !couldStartReply(partialLine)) {
    throw syntaxError(partialLine);
  }
}

function checkLineLength(length: number, sample: string, limits: FramerLimits): void {
  if (length > limits.maxLineLength) {
    throw new ProtocolViolationError(
      `reply line longer than ${limits.maxLineLength} characters`,
      'line-too-long',
      truncate(sample),
    );
  }
}

function checkReplySize(
  size: number,
  lineCount: number,
  buffered: string,
  replyStart: number,
  limits: FramerLimits,
): void {
  if (size > limits.maxReplyBytes || lineCount > limits.maxReplyLines) {
    throw tooLong(buffered.slice(replyStart, replyStart + MAX_OFFENDING_TEXT), limits);
  }
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

function buildReply(code: number, lines: readonly string[]): Reply {
  const last = lines.length - 1;
  const text = lines.map((line, index) => (index === 0 || index === last ? line.slice(4) : line)).join('\n');
  return { code, lines: [...lines], text };
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
