import type { AnyStepRecord, FailureInfo, PortTest } from '../../probe/types.js';
import { formatEndpoint } from '../../protocol/address.js';
import { transportFailureWords } from '../../protocol/transportError.js';
import type { Reply } from '../../protocol/types.js';
import type { ServerFingerprint } from '../servers/serverFingerprint.js';
import { summarizeMiddlebox } from './middleboxRules.js';
import { summarizeWrite } from './writeSummary.js';

function code(reply: Reply | null | undefined): string {
  return reply ? String(reply.code) : 'no reply';
}

function portText(test: PortTest | null): string {
  if (!test) return '';
  return `, ${test.outcome}${test.errno && test.outcome !== 'open' ? ` (${test.errno})` : ''}`;
}

/**
 * failureText: the failure in a few words for a one-line summary. A transport failure says its
 * kind and errno (`: connection refused (ECONNREFUSED)`); the finding and -v carry the full message.
 */
function failureText(failure: FailureInfo | undefined): string {
  if (!failure) return '';
  if (failure.kind !== 'transport') return `: ${failure.message}`;
  return `: ${transportFailureWords(failure.failure)}${failure.errno === undefined ? '' : ` (${failure.errno})`}`;
}

/**
 * summarizeStep: one plain line per step saying what it showed, e.g. 'EPSV → 229, port 40012, open'.
 * Untrusted server text never appears here; only codes, numbers and our own words.
 */
export function summarizeStep(step: AnyStepRecord, server: ServerFingerprint): string {
  if (!step.ran || step.data === null) return step.skippedReason ?? 'skipped';
  switch (step.name) {
    case 'resolve': {
      const d = step.data;
      if (d.failure) return `lookup failed${failureText(d.failure)}`;
      const list = d.addresses.map((a) => a.address);
      return `${d.host} → ${list.slice(0, 4).join(', ')}${list.length > 4 ? ` (+${list.length - 4})` : ''}`;
    }
    case 'connect': {
      const d = step.data;
      const where = formatEndpoint(d.address, d.port);
      return d.failure
        ? `${where}${failureText(d.failure)}`
        : `connected to ${where}${d.implicitTls ? ' (implicit TLS)' : ''}`;
    }
    case 'banner': {
      const d = step.data;
      if (d.nonFtpText !== undefined) return 'not an FTP greeting';
      if (d.implicitTlsCheck?.outcome === 'handshake-completed')
        return 'no greeting; a TLS handshake worked: implicit FTPS port';
      if (d.failure) return `no greeting${failureText(d.failure)}`;
      const pre = d.preliminary.length > 0 ? `${d.preliminary.map((r) => r.code).join(', ')} then ` : '';
      return `${pre}${code(d.greeting)} greeting${d.greeting && d.greeting.lines.length > 1 ? ` (${d.greeting.lines.length} lines)` : ''}`;
    }
    case 'features': {
      const d = step.data;
      const software =
        server.confidence === 'none'
          ? 'server software unknown'
          : `${server.displayName}${server.version ? ` ${server.version}` : ''}`;
      const feat =
        d.feat?.code === 211
          ? `${d.features.length} features${d.authTlsOffered ? ' incl. AUTH TLS' : ''}`
          : `FEAT ${code(d.feat)}`;
      return `${feat}; ${software}`;
    }
    case 'tls': {
      const d = step.data;
      if (!d.attempted) return 'AUTH TLS not offered';
      if (d.authReply && d.authReply.code !== 234) return `AUTH TLS → ${d.authReply.code}`;
      if (d.failure) return `handshake failed${failureText(d.failure)}`;
      const trust = d.trusted ? 'trusted' : 'untrusted';
      return `${d.protocol ?? '?'} ${d.cipher ?? ''}, certificate ${trust}${d.dataProtection === 'private' ? ', data protected (PROT P)' : ''}`;
    }
    case 'login': {
      const d = step.data;
      if (d.loggedIn) return `logged in as ${d.anonymous ? 'anonymous' : d.user} (${code(d.finalReply)})`;
      return `refused (${code(d.finalReply)})${d.failure && !d.finalReply ? failureText(d.failure) : ''}`;
    }
    case 'epsv': {
      const d = step.data;
      if (d.port !== null)
        return `229 → port ${d.port}${portText(d.portTest)}${d.samples.length > 1 ? `; ${d.samples.length} samples` : ''}`;
      if (d.parseError) return `unreadable reply (${d.parseError})`;
      return `refused (${code(d.reply)})${d.failure && !d.reply ? failureText(d.failure) : ''}`;
    }
    case 'pasv': {
      const d = step.data;
      if (d.port !== null && d.advertisedHost !== null) {
        const address =
          d.addressClass === 'same' ? '' : ` (advertises ${d.advertisedHost}: ${d.addressClass})`;
        return `227 → port ${d.port}${address}${portText(d.portTest)}`;
      }
      if (d.parseError) return `unreadable reply (${d.parseError})`;
      return `refused (${code(d.reply)})${d.failure && !d.reply ? failureText(d.failure) : ''}`;
    }
    case 'transfer': {
      const d = step.data;
      const via = d.via ? ` via ${d.via.toUpperCase()}` : '';
      if (d.failure && !d.finalReply)
        return `${d.command ?? 'listing'}${via} failed${failureText(d.failure)}`;
      if (d.finalReply && d.finalReply.code >= 400)
        return `${d.command ?? 'listing'}${via} → ${d.finalReply.code}`;
      const tls = d.protectedByTls ? `, TLS${d.tlsSessionReused ? ' (session resumed)' : ''}` : '';
      return `${d.command}${via}: ${d.entries} ${d.entries === 1 ? 'entry' : 'entries'}, ${d.bytes} bytes${tls}`;
    }
    case 'write':
      return summarizeWrite(step.data);
    case 'middlebox':
      return summarizeMiddlebox(step.data);
    case 'active': {
      const d = step.data;
      return d.attempts
        .map(
          (a) => `${a.command} → ${code(a.reply)}${a.connectedBack ? ', connected back' : ', no connection'}`,
        )
        .join('; ');
    }
    case 'scan': {
      const d = step.data;
      return d.runs.map((r) => `${r.low === r.high ? r.low : `${r.low}–${r.high}`} ${r.outcome}`).join(', ');
    }
    case 'quit': {
      const d = step.data;
      return d.reply ? `${d.reply.code}` : `no reply${failureText(d.failure)}`;
    }
  }
}
