/**
 * The fake server reads commands with its own small reader instead of sharing the client's framer:
 * a shared parser would hide the bugs the fake server exists to reveal.
 */

/** MAX_COMMAND_LINE_BYTES bounds one command line; longer input is reported as one oversized line. */
export const MAX_COMMAND_LINE_BYTES = 4096;

/** CommandLine is one received line: its text, or a note that it was cut off for being too long. */
export type CommandLine = { readonly text: string } | { readonly tooLong: true };

/**
 * CommandLineReader splits a byte stream into command lines ending in LF (a CR before it is
 * dropped, so both `CRLF` and a bare `LF` work, as in most real servers). Bytes are decoded as
 * UTF-8 (RFC 2640); invalid sequences become U+FFFD rather than errors.
 */
export class CommandLineReader {
  private pending: Buffer = Buffer.alloc(0);
  private discarding = false;

  /** push adds received bytes and returns the lines completed by them. */
  push(chunk: Uint8Array): CommandLine[] {
    const lines: CommandLine[] = [];
    let data = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : Buffer.from(chunk);
    for (;;) {
      const lf = data.indexOf(0x0a);
      if (lf < 0) break;
      if (this.discarding) {
        this.discarding = false;
      } else if (lf > MAX_COMMAND_LINE_BYTES) {
        lines.push({ tooLong: true });
      } else {
        const end = lf > 0 && data[lf - 1] === 0x0d ? lf - 1 : lf;
        lines.push({ text: data.subarray(0, end).toString('utf8') });
      }
      data = data.subarray(lf + 1);
    }
    if (data.length > MAX_COMMAND_LINE_BYTES) {
      // Report the overflow once, then drop everything up to the next LF.
      if (!this.discarding) lines.push({ tooLong: true });
      this.discarding = true;
      data = Buffer.alloc(0);
    }
    this.pending = Buffer.from(data);
    return lines;
  }

  /** takeRemainder returns bytes received after the last complete line, and forgets them. */
  takeRemainder(): Buffer {
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    return rest;
  }
}
