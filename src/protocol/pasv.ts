import { ProtocolViolationError } from './errors.js';
import { MAX_OFFENDING_TEXT } from './limits.js';

/** PasvEndpoint is the address and port a 227 reply advertises. */
export interface PasvEndpoint {
  /** Dotted IPv4 address without leading zeros, e.g. '192.168.1.10'. */
  readonly host: string;
  readonly port: number;
}

// A run of integers joined by commas or dots; a minus sign is captured so that negative numbers
// are reported as such instead of being silently read as positive ones.
const NUMBER_RUN = /-?\d+(?:\s*,\s*-?\d+|\.-?\d+)+/g;

/**
 * parsePasvReply reads the address and port out of a PASV reply (RFC 959 §4.1.2; RFC 1123
 * §4.1.2.6 tells clients to scan for the numbers rather than rely on parentheses). It accepts the
 * reply text or the whole line, and the variants real servers send:
 *
 *   Entering Passive Mode (192,168,1,10,195,80).     vsftpd, ProFTPD
 *   Entering Passive Mode (192,168,1,10,195,80)      FileZilla Server: no period
 *   Entering passive mode. 192,168,1,10,195,80       no parentheses (listed in curl)
 *   Entering passive mode =192,168,1,10,195,80       FTPdLite
 *   Entering Passive Mode (192.168.1.10,195,80)      dots in the address part (seen by FFFTP)
 *
 * The first run of at least six numbers is taken; it must hold exactly six. The port is p1·256+p2.
 *
 * Throws ProtocolViolationError 'pasv-syntax' (no six-number group, more than six numbers,
 * separators that leave it unclear which number is which) or 'pasv-values' (a number above 255,
 * a negative number, port 0).
 */
export function parsePasvReply(text: string): PasvEndpoint {
  const run = findRun(text);
  const numbers = run.match(/-?\d+/g) ?? [];
  const separators = run.replace(/\s+/g, '').match(/[,.]/g) ?? [];
  if (numbers.length !== 6) {
    throw violation('pasv-syntax', `a PASV reply holds six numbers, found ${numbers.length} in a row`, text);
  }
  if (!separatorsAreClear(separators)) {
    throw violation(
      'pasv-syntax',
      'the PASV numbers mix dots and commas in a way that leaves them ambiguous',
      text,
    );
  }
  if (numbers.some((number) => number.startsWith('-'))) {
    throw violation('pasv-values', 'the PASV reply holds a negative number', text);
  }
  // Parse as BigInt-free decimals: a very long digit string is simply a number above 255.
  const values = numbers.map((number) => (number.replace(/^0+(?=\d)/, '').length > 3 ? 256 : Number(number)));
  if (values.some((value) => value > 255)) {
    throw violation('pasv-values', 'every number in a PASV reply must be 0-255', text);
  }
  const [h1, h2, h3, h4, p1, p2] = values as [number, number, number, number, number, number];
  const port = p1 * 256 + p2;
  if (port === 0) throw violation('pasv-values', 'the PASV reply advertises port 0', text);
  return { host: `${h1}.${h2}.${h3}.${h4}`, port };
}

function findRun(text: string): string {
  for (const match of text.matchAll(NUMBER_RUN)) {
    const count = match[0].match(/-?\d+/g)?.length ?? 0;
    if (count >= 6) return match[0];
  }
  throw violation('pasv-syntax', 'the PASV reply holds no group of six comma-separated numbers', text);
}

/** separatorsAreClear accepts `a,b,c,d,p,q` and `a.b.c.d,p,q`; anything else could be misread. */
function separatorsAreClear(separators: readonly string[]): boolean {
  const shape = separators.join('');
  return shape === ',,,,,' || shape === '...,,';
}

function violation(
  kind: 'pasv-syntax' | 'pasv-values',
  message: string,
  text: string,
): ProtocolViolationError {
  return new ProtocolViolationError(message, kind, text.slice(0, MAX_OFFENDING_TEXT));
}
