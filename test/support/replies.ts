import { parseReplies } from '../../src/protocol/replyFramer.js';
import type { Reply } from '../../src/protocol/types.js';

/**
 * reply frames one Reply from its raw lines with the real framer (RFC 959 §4.2), so test data
 * has exactly the code, lines and text the probe would have received.
 */
export function reply(...lines: string[]): Reply {
  const { replies, rest } = parseReplies(`${lines.join('\r\n')}\r\n`);
  if (replies.length !== 1 || rest !== '') throw new Error(`not one reply: ${JSON.stringify(lines)}`);
  return replies[0]!;
}
