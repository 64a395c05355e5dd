import { ProtocolViolationError } from './errors.js';
import { MAX_OFFENDING_TEXT } from './limits.js';

/** EpsvEndpoint is the port a 229 reply advertises; the host is always the control peer's. */
export interface EpsvEndpoint {
  readonly port: number;
}

/**
 * parseEpsvReply reads the port out of an EPSV reply (RFC 2428 §3):
 *
 *   229 Entering Extended Passive Mode (|||6446|)
 *
 * Inside the parentheses: one delimiter character (ASCII 33–126, `|` recommended) three times,
 * the port in decimal digits, and the same delimiter once more. The protocol and address fields
 * stay empty because the client must connect to the control connection's address. A digit cannot
 * be the delimiter, as it would merge with the port. The first parenthesised group that starts
 * with a tripled delimiter is used, so other brackets in the human text do not disturb it.
 *
 * Throws ProtocolViolationError 'epsv-syntax' (no such group, mixed delimiters, no digits,
 * anything after the closing delimiter) or 'epsv-values' (port 0 or above 65535).
 */
export function parseEpsvReply(text: string): EpsvEndpoint {
  const group = findGroup(text);
  const delimiter = group[0]!;
  const digits = group.slice(3, -1);
  if (group.at(-1) !== delimiter || !/^\d+$/.test(digits)) {
    throw violation(
      'epsv-syntax',
      `an EPSV port must be digits between the delimiters, as in (${delimiter.repeat(3)}6446${delimiter})`,
      text,
    );
  }
  const port = digits.replace(/^0+(?=\d)/, '').length > 5 ? Number.POSITIVE_INFINITY : Number(digits);
  if (port === 0 || port > 65535) {
    throw violation('epsv-values', 'the EPSV reply advertises a port outside 1-65535', text);
  }
  return { port };
}

function findGroup(text: string): string {
  for (const match of text.matchAll(/\(([^()]*)\)/g)) {
    const inner = match[1]!;
    const first = inner.charCodeAt(0);
    const isDelimiter = first >= 33 && first <= 126 && !(first >= 48 && first <= 57);
    if (inner.length >= 2 && isDelimiter && inner[1] === inner[0] && inner[2] === inner[0]) return inner;
  }
  throw violation('epsv-syntax', 'the EPSV reply holds no (|||port|) group', text);
}

function violation(
  kind: 'epsv-syntax' | 'epsv-values',
  message: string,
  text: string,
): ProtocolViolationError {
  return new ProtocolViolationError(message, kind, text.slice(0, MAX_OFFENDING_TEXT));
}
