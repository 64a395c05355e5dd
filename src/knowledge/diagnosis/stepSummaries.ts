import type {
  ActiveData,
  BannerData,
  ConnectData,
  EpsvData,
  FailureInfo,
  FeaturesData,
  LoginData,
  PasvData,
  PortTest,
  QuitData,
  ResolveData,
  ScanData,
  TlsData,
  TransferData,
} from '../../probe/types.js';
import { formatEndpoint } from '../../protocol/address.js';
import { transportFailureWords } from '../../protocol/transportError.js';
import type { Reply } from '../../protocol/types.js';
import type { ServerFingerprint } from '../servers/serverFingerprint.js';

function code(reply: Reply | null | undefined): string {
  return reply ? String(reply.code) : 'no reply';
}

function portText(test: PortTest | null): string {
  if (!test) return '';
  if (test.cutShort)
    return `, no answer within ${test.durationMs} ms (${test.cutShort === 'deadline' ? 'deadline' : 'interrupted'})`;
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

/*
 * One plain line per core step saying what it showed, e.g. 'EPSV → 229, port 40012, open' (the
 * step knowledge table in stepKnowledge.ts calls them). Untrusted server text never appears here;
 * only codes, numbers and our own words.
 */

export function summarizeResolve(d: ResolveData): string {
  if (d.failure) return `lookup failed${failureText(d.failure)}`;
  const list = d.addresses.map((a) => a.address);
  return `${d.host} → ${list.slice(0, 4).join(', ')}${list.length > 4 ? ` (+${list.length - 4})` : ''}`;
}

export function summarizeConnect(d: ConnectData): string {
  const where = formatEndpoint(d.address, d.port);
  return d.failure
    ? `${where}${failureText(d.failure)}`
    : `connected to ${where}${d.implicitTls ? ' (implicit TLS)' : ''}`;
}

export function summarizeBanner(d: BannerData): string {
  if (d.nonFtpText !== undefined) return 'not an FTP greeting';
  if (d.implicitTlsCheck?.outcome === 'handshake-completed')
    return 'no greeting; a TLS handshake worked: implicit FTPS port';
  if (d.failure) return `no greeting${failureText(d.failure)}`;
  const pre = d.preliminary.length > 0 ? `${d.preliminary.map((r) => r.code).join(', ')} then ` : '';
  return `${pre}${code(d.greeting)} greeting${d.greeting && d.greeting.lines.length > 1 ? ` (${d.greeting.lines.length} lines)` : ''}`;
}

export function summarizeFeatures(d: FeaturesData, server: ServerFingerprint): string {
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

export function summarizeTls(d: TlsData): string {
  if (!d.attempted) return 'AUTH TLS not offered';
  if (d.authReply && d.authReply.code !== 234) return `AUTH TLS → ${d.authReply.code}`;
  if (d.failure) return `handshake failed${failureText(d.failure)}`;
  const trust = d.trusted ? 'trusted' : 'untrusted';
  return `${d.protocol ?? '?'} ${d.cipher ?? ''}, certificate ${trust}${d.dataProtection === 'private' ? ', data protected (PROT P)' : ''}`;
}

export function summarizeLogin(d: LoginData): string {
  if (d.loggedIn) return `logged in as ${d.anonymous ? 'anonymous' : d.user} (${code(d.finalReply)})`;
  return `refused (${code(d.finalReply)})${d.failure && !d.finalReply ? failureText(d.failure) : ''}`;
}

export function summarizeEpsv(d: EpsvData): string {
  if (d.port !== null)
    return `229 → port ${d.port}${portText(d.portTest)}${d.samples.length > 1 ? `; ${d.samples.length} samples` : ''}`;
  if (d.parseError) return `unreadable reply (${d.parseError})`;
  return `refused (${code(d.reply)})${d.failure && !d.reply ? failureText(d.failure) : ''}`;
}

export function summarizePasv(d: PasvData): string {
  if (d.port !== null && d.advertisedHost !== null) {
    const address = d.addressClass === 'same' ? '' : ` (advertises ${d.advertisedHost}: ${d.addressClass})`;
    return `227 → port ${d.port}${address}${portText(d.portTest)}`;
  }
  if (d.parseError) return `unreadable reply (${d.parseError})`;
  return `refused (${code(d.reply)})${d.failure && !d.reply ? failureText(d.failure) : ''}`;
}

export function summarizeTransfer(d: TransferData): string {
  const via = d.via ? ` via ${d.via.toUpperCase()}` : '';
  if (d.failure && !d.finalReply) return `${d.command ?? 'listing'}${via} failed${failureText(d.failure)}`;
  if (d.finalReply && d.finalReply.code >= 400)
    return `${d.command ?? 'listing'}${via} → ${d.finalReply.code}`;
  const tls = d.protectedByTls ? `, TLS${d.tlsSessionReused ? ' (session resumed)' : ''}` : '';
  return `${d.command}${via}: ${d.entries} ${d.entries === 1 ? 'entry' : 'entries'}, ${d.bytes} bytes${tls}`;
}

export function summarizeActive(d: ActiveData): string {
  return d.attempts
    .map((a) => `${a.command} → ${code(a.reply)}${a.connectedBack ? ', connected back' : ', no connection'}`)
    .join('; ');
}

export function summarizeScan(d: ScanData): string {
  return d.runs.map((r) => `${r.low === r.high ? r.low : `${r.low}–${r.high}`} ${r.outcome}`).join(', ');
}

export function summarizeQuit(d: QuitData): string {
  return d.reply ? `${d.reply.code}` : `no reply${failureText(d.failure)}`;
}
