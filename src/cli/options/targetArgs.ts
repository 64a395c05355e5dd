import { isIP } from 'node:net';
import { describeValue } from '../../config/optionValues.js';
import { InvalidTargetError, parseTarget, redactUrlPassword } from '../../probe/target.js';
import type { Target } from '../../probe/types.js';
import { UsageError } from '../usageError.js';

/**
 * parseTargetArgs reads the command-line targets, or says which one is wrong and how to write
 * it. The target is shown shortened: a pasted file must not come back whole in the message.
 */
export function parseTargetArgs(inputs: readonly string[]): Target[] {
  return inputs.map((input) => {
    const hint = unbracketedPortHint(input.trim());
    if (hint !== null) throw new UsageError(hint);
    try {
      return parseTarget(input);
    } catch (error) {
      if (error instanceof InvalidTargetError) {
        const shown = describeValue(redactUrlPassword(input));
        throw new UsageError(`bad target ${shown}: ${shortenQuoted(error.message)}`);
      }
      throw error;
    }
  });
}

/**
 * unbracketedPortHint: `::1:9` is a valid IPv6 address, but it is far more likely to mean port 9
 * on ::1 (RFC 3986 §3.2.2 brackets an IPv6 literal so that a port can follow). When the text
 * without its last group is itself an IPv6 address and that group reads as a port, the target is
 * ambiguous: both readings are named and the user picks one by writing brackets. When only the
 * port reading is an address (`::1:65000`), the message suggests that one.
 */
export function unbracketedPortHint(text: string): string | null {
  if (text.startsWith('[') || text.includes('/')) return null;
  const match = /^(.*:.*):([0-9]{1,5})$/.exec(text);
  if (match === null) return null;
  const [, address, portText] = match as unknown as [string, string, string];
  const port = Number(portText);
  if (port < 1 || port > 65535 || isIP(address) !== 6) return null;
  const shown = describeValue(text);
  if (isIP(text) === 6) {
    return (
      `${shown} is ambiguous: did you mean [${address}]:${port} (port ${port} on ${address})? ` +
      `For the address ${text} on port 21, write [${text}]`
    );
  }
  return `${shown} is not an address; did you mean [${address}]:${port}?`;
}

/** shortenQuoted shortens each quoted part of a parser's message ("…" (N characters)). */
function shortenQuoted(message: string): string {
  return message.replace(/"([^"]{61,})"/g, (_match, inner: string) => describeValue(inner));
}
