import { DEFAULT_FRAMER_LIMITS, type FramerLimits, ReplyFramer } from './replyFramer.js';
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
  private readonly framer: ReplyFramer;
  private failure: Error | null = null;

  constructor(limits: FramerLimits = DEFAULT_FRAMER_LIMITS) {
    this.framer = new ReplyFramer(limits);
  }

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

  /** pendingText is the received text (as kept) that does not form a complete reply yet. */
  get pendingText(): string {
    return this.framer.pendingText;
  }

  private accept(text: string): Reply[] {
    if (text.length === 0) return [];
    try {
      return this.framer.push(text);
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error));
      throw error;
    }
  }
}
