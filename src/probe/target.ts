import { isIP } from 'node:net';
import type { Target } from './types.js';

/** InvalidTargetError: the target text cannot name an FTP server; the message says why. */
export class InvalidTargetError extends Error {
  override readonly name = 'InvalidTargetError';
}

const DEFAULT_PORT = { ftp: 21, ftpes: 21, ftps: 990 } as const;

// RFC 1123 host names: labels of letters, digits and hyphens, not starting or ending with a hyphen.
// Underscores are accepted because internal DNS zones use them and resolvers pass them through.
const HOSTNAME_LABEL = /^(?!-)[A-Za-z0-9_-]{1,63}(?<!-)$/;

/**
 * parseTarget reads one command-line target:
 *
 *   host | host:port | 192.0.2.1:2121 | [2001:db8::1]:21 | 2001:db8::1
 *   ftp://user@host:port/path | ftps://host (implicit TLS, port 990) | ftpes://host (explicit TLS)
 *
 * A password inside a URL is split off into `urlPassword` and never kept in `input`.
 */
export function parseTarget(raw: string): Target {
  const text = raw.trim();
  if (text === '')
    throw new InvalidTargetError('the target is empty; give a host name, host:port or an ftp:// URL');
  if (/[\s\x00-\x1f\x7f]/.test(text)) {
    throw new InvalidTargetError('the target contains spaces or control characters');
  }
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(text);
  if (schemeMatch) return parseUrlTarget(text, schemeMatch[1]!.toLowerCase());
  return parseHostPort(text);
}

function parseUrlTarget(text: string, scheme: string): Target {
  if (scheme !== 'ftp' && scheme !== 'ftps' && scheme !== 'ftpes') {
    const hint = scheme === 'sftp' || scheme === 'ssh' ? ' (SFTP is a different protocol, over SSH)' : '';
    throw new InvalidTargetError(`unsupported scheme "${scheme}://"${hint}; use ftp://, ftps:// or ftpes://`);
  }
  let url: URL;
  try {
    // WHATWG URL only knows ftp:// as special; parse the others as ftp:// so host and port rules match.
    url = new URL(`ftp://${text.slice(scheme.length + 3)}`);
  } catch {
    throw new InvalidTargetError(`"${redactInvalidUrlPassword(text)}" is not a valid URL`);
  }
  if (url.hostname === '') throw new InvalidTargetError('the URL has no host');
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  validateHost(host);
  const port = url.port === '' ? DEFAULT_PORT[scheme] : parsePort(url.port);
  const user = url.username === '' ? null : safeDecode(url.username);
  const urlPassword = url.password === '' ? null : safeDecode(url.password);
  const path = url.pathname === '' || url.pathname === '/' ? null : safeDecode(url.pathname);
  if (path !== null && /[\r\n\x00]/.test(path))
    throw new InvalidTargetError('the URL path contains CR, LF or NUL');
  if (user !== null && /[\r\n\x00]/.test(user))
    throw new InvalidTargetError('the user name contains CR, LF or NUL');
  // With a password, the target is shown in a canonical form built from the parsed parts: text
  // that the URL parser reads in surprising ways (ftp:///a:b@c) must not keep the secret.
  const input =
    urlPassword === null
      ? redactUrlPassword(text)
      : `${scheme}://${url.username}:****@${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  return { input, scheme, host, port, user, urlPassword, path };
}

function parseHostPort(text: string): Target {
  let host: string;
  let portText: string | null = null;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) throw new InvalidTargetError(`"${text}": missing "]" after the IPv6 address`);
    host = text.slice(1, close);
    const after = text.slice(close + 1);
    if (after !== '') {
      if (!after.startsWith(':')) throw new InvalidTargetError(`"${text}": expected ":port" after "]"`);
      portText = after.slice(1);
    }
    if (isIP(host) !== 6) throw new InvalidTargetError(`"${host}" is not an IPv6 address`);
  } else if (isIP(text) === 6) {
    host = text;
  } else {
    const colon = text.lastIndexOf(':');
    if (colon >= 0) {
      if (text.indexOf(':') !== colon) {
        throw new InvalidTargetError(`"${text}": write IPv6 addresses with a port as [address]:port`);
      }
      host = text.slice(0, colon);
      portText = text.slice(colon + 1);
    } else {
      host = text;
    }
  }
  validateHost(host);
  const port = portText === null ? DEFAULT_PORT.ftp : parsePort(portText);
  return { input: text, scheme: 'ftp', host, port, user: null, urlPassword: null, path: null };
}

function validateHost(host: string): void {
  if (host === '') throw new InvalidTargetError('the host name is empty');
  if (isIP(host) !== 0) return;
  if (host.length > 253) throw new InvalidTargetError('the host name is longer than 253 characters');
  const labels = host.replace(/\.$/, '').split('.');
  if (!labels.every((label) => HOSTNAME_LABEL.test(label))) {
    throw new InvalidTargetError(`"${host}" is not a valid host name or IP address`);
  }
  if (/^[0-9.]+$/.test(host)) throw new InvalidTargetError(`"${host}" is not a valid IPv4 address`);
}

function parsePort(text: string): number {
  if (/^[0-9]{1,5}\//.test(text))
    throw new InvalidTargetError(
      `"${text}" is a port followed by a path: write the target as a URL, ftp://host:port/path`,
    );
  if (!/^[0-9]{1,5}$/.test(text)) throw new InvalidTargetError(`"${text}" is not a port number (1–65535)`);
  const port = Number(text);
  if (port < 1 || port > 65535) throw new InvalidTargetError(`port ${port} is outside 1–65535`);
  return port;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new InvalidTargetError('the URL contains a malformed percent-escape');
  }
}

/**
 * redactUrlPassword replaces the password of `scheme://user:password@host` with `****`. As in
 * the WHATWG URL parser, the authority ends at the first `/ ? # \` and the user info at the
 * authority's last `@`, so a password that holds `@` (`ftp://alice:pa@ss@host/`) is masked whole.
 */
export function redactUrlPassword(text: string): string {
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(text)?.[0];
  if (scheme === undefined) return text;
  const rest = text.slice(scheme.length);
  const authorityEnd = rest.search(/[/?#\\]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  return maskUserInfo(scheme, rest, authority.lastIndexOf('@'));
}

/**
 * redactInvalidUrlPassword is for text that did not parse as a URL, where a password may hold
 * `/` or `#` as well: everything from the first `:` after the user name to the last `@` is masked.
 */
function redactInvalidUrlPassword(text: string): string {
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(text)?.[0];
  if (scheme === undefined) return text;
  const rest = text.slice(scheme.length);
  return maskUserInfo(scheme, rest, rest.lastIndexOf('@'));
}

function maskUserInfo(scheme: string, rest: string, at: number): string {
  if (at < 0) return `${scheme}${rest}`;
  const colon = rest.indexOf(':');
  if (colon < 0 || colon > at) return `${scheme}${rest}`;
  return `${scheme}${rest.slice(0, colon)}:****${rest.slice(at)}`;
}
