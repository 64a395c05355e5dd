import type { TlsData, TransferData } from '../../probe/types.js';
import { sanitizeForTerminal } from './sanitize.js';
import type { Style } from './style.js';
import { validityNote } from './validityNote.js';
import { wrapText } from './wrapText.js';

const LABEL_WIDTH = 13;

function rowAt(label: string, value: string, width: number): string[] {
  const indent = `  ${' '.repeat(LABEL_WIDTH)}`;
  const [first = '', ...rest] = wrapText(value, width, indent);
  return [`  ${label.padEnd(LABEL_WIDTH)}${first.slice(indent.length)}`, ...rest];
}

/**
 * fingerprintRows: the sha-256 fingerprint on one row when it fits, else in rows of 16 (or fewer)
 * whole bytes, each but the last ending with its colon; a byte is never split across rows.
 */
function fingerprintRows(fingerprint: string, width: number): string[] {
  const bytes = fingerprint.split(':');
  const room = width - 2 - LABEL_WIDTH;
  // One row when the whole fingerprint fits (its last byte has no trailing colon), else halves.
  const perRow =
    bytes.length * 3 - 1 <= room ? bytes.length : ([16, 8, 4, 2].find((n) => n * 3 <= room) ?? 1);
  const rows: string[] = [];
  for (let start = 0; start < bytes.length; start += perRow) {
    const last = start + perRow >= bytes.length;
    rows.push(`${bytes.slice(start, start + perRow).join(':')}${last ? '' : ':'}`);
  }
  return rows.map((row, index) => `  ${(index === 0 ? 'sha-256' : '').padEnd(LABEL_WIDTH)}${row}`);
}

/** clean: certificate fields are chosen by whoever made the certificate, so they are untrusted. */
function clean(text: string): string {
  return sanitizeForTerminal(text, { maxChars: 300 });
}

function sessionReuseNote(transfer: TransferData | null): string | null {
  if (transfer === null || !transfer.protectedByTls) return null;
  if (transfer.tlsSessionReused === true) {
    const required = transfer.reuseRequired === true ? ' (the server requires it)' : '';
    return `the data connection resumed the control TLS session${required}`;
  }
  if (transfer.tlsSessionReused === false) {
    return 'the data connection did not resume the control TLS session (servers that require reuse refuse it)';
  }
  return null;
}

/**
 * renderTlsSection lists what the TLS step learned: protocol and cipher, the certificate's subject,
 * names, issuer, validity, trust and name match, and how the data channel was protected. Returns no
 * lines when no TLS handshake was attempted.
 */
export function renderTlsSection(
  tls: TlsData,
  transfer: TransferData | null,
  style: Style,
  width: number,
): string[] {
  const row = (label: string, value: string): string[] => rowAt(label, value, width);
  if (!tls.attempted) return [];
  const lines = [style.bold('TLS')];
  const how = tls.mode === 'implicit' ? 'implicit TLS' : 'explicit (AUTH TLS)';
  const session = [tls.protocol ?? 'no protocol negotiated', tls.cipher, how];
  if (tls.handshakeMs !== null) session.push(`handshake ${tls.handshakeMs} ms`);
  lines.push(
    ...row(
      'session',
      session
        .filter((part) => part !== null)
        .map((part) => clean(part))
        .join(', '),
    ),
  );

  const cert = tls.certificate;
  if (cert === null) {
    lines.push(...row('certificate', 'none received'));
  } else {
    lines.push(...row('subject', clean(cert.subject)));
    const names = cert.subjectAltNames.length === 0 ? 'none' : cert.subjectAltNames.map(clean).join(', ');
    lines.push(...row('names', names));
    if (tls.nameMatches !== null) {
      const match = tls.nameMatches
        ? style.green('✔ the host name matches the certificate')
        : style.red('✖ the host name matches none of these names');
      lines.push(...row('', match));
    }
    lines.push(...row('issuer', `${clean(cert.issuer)}${cert.selfSigned ? ' (self-signed)' : ''}`));
    const note = validityNote(cert.daysLeft);
    const coloured = cert.daysLeft < 0 ? style.red(note) : cert.daysLeft < 14 ? style.yellow(note) : note;
    lines.push(...row('valid', `${clean(cert.validFrom)} → ${clean(cert.validTo)} (${coloured})`));
    lines.push(...fingerprintRows(clean(cert.fingerprint256), width));
  }
  if (tls.trusted !== null) {
    const trust = tls.trusted
      ? style.green('✔ trusted')
      : style.red(`✖ not trusted${tls.trustError === null ? '' : `: ${clean(tls.trustError)}`}`);
    lines.push(...row('trust', trust));
  }
  const protection =
    tls.dataProtection === 'private' ? 'PROT P: listings and files are encrypted' : 'clear (no PROT P)';
  const reuse = sessionReuseNote(transfer);
  lines.push(...row('data channel', reuse === null ? protection : `${protection}; ${reuse}`));
  return lines;
}
