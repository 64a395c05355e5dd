import { checkIncomplete, DEFAULT_FRAMER_LIMITS, type FramerLimits, parseReplies } from './replyFramer.js';
import type { Reply } from './types.js';

/**
 * ReplyReader turns the byte chunks of a control connection into complete replies.
 *
 * Bytes are decoded as UTF-8 (RFC 2640 made it the control channel's encoding, and every server
 * this tool meets sends ASCII or UTF-8). Invalid sequences become U+FFFD instead of throwing, so
 * a Latin-1 banner stays visible as text with marks where the odd bytes were; NUL and other
 * control characters are kept as they are, and the renderer makes them safe to print. A
 * multi-byte character split across chunks is decoded correctly.
 *
 * After the first ProtocolViolationError the reader is broken: the stream position is lost,
 * so later pushes rethrow the same error.
 */
export class ReplyReader {
  private readonly decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  /** Finished lines of an unfinished multi-line reply, terminators included. */
  private pendingLines = '';
  private pendingLineCount = 0;
  /** The unfinished line after them. Kept apart so that trickled bytes append to a short string. */
  private partialLine = '';
  private failure: Error | null = null;

  constructor(private readonly limits: FramerLimits = DEFAULT_FRAMER_LIMITS) {}

  /** push decodes a chunk and returns the replies it completed, in order. */
  push(chunk: Uint8Array | string): Reply[] {
    if (this.failure) throw this.failure;
    const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    return this.accept(text);
  }

  /** end flushes the decoder at end of stream and returns any reply that completed with it. */
  end(): Reply[] {
    if (this.failure) throw this.failure;
    return this.accept(this.decoder.decode());
  }

  /** pendingText is the received text that does not form a complete reply yet. */
  get pendingText(): string {
    return this.pendingLines + this.partialLine;
  }

  private accept(text: string): Reply[] {
    if (text.length === 0) return [];
    try {
      // Framing again is only needed when a line finished; otherwise checking the unfinished
      // line suffices, so a peer that trickles one byte at a time costs no quadratic time.
      if (!text.includes('\n')) {
        this.partialLine += text;
        checkIncomplete(this.partialLine, this.pendingLineCount, this.pendingLines.length, this.limits);
        return [];
      }
      const { replies, rest } = parseReplies(this.pendingLines + this.partialLine + text, this.limits);
      const lastNewline = rest.lastIndexOf('\n');
      this.pendingLines = rest.slice(0, lastNewline + 1);
      this.partialLine = rest.slice(lastNewline + 1);
      this.pendingLineCount = countNewlines(this.pendingLines);
      return replies;
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error));
      throw error;
    }
  }
}

function countNewlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return count;
}
