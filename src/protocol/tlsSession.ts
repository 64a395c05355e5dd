import { checkServerIdentity, type DetailedPeerCertificate, type TLSSocket } from 'node:tls';

/** CertificateSummary: one certificate of the chain, as far as a report needs it. */
export interface CertificateSummary {
  /** Distinguished name, e.g. 'CN=ftp.example.com, O=Example'. */
  readonly subject: string;
  readonly issuer: string;
  /** ISO 8601 timestamps; null when the certificate's date could not be read. */
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly fingerprint256: string;
}

/** PeerCertificateInfo: the server's certificate in detail, plus the chain it sent. */
export interface PeerCertificateInfo extends CertificateSummary {
  /** Entries as OpenSSL prints them: 'DNS:ftp.example.com', 'IP Address:192.0.2.1'. */
  readonly subjectAltNames: readonly string[];
  readonly serialNumber: string;
  /** Issued by itself: subject and issuer are the same certificate. */
  readonly selfSigned: boolean;
  /** RSA modulus size, when RSA. */
  readonly keyBits: number | null;
  /** Elliptic curve, when EC (e.g. 'prime256v1'). */
  readonly keyCurve: string | null;
  /** Issuers above this certificate, leaf first, as far as the server and the trust store show them. */
  readonly chain: readonly CertificateSummary[];
}

/** TlsCipherInfo: the negotiated cipher suite. */
export interface TlsCipherInfo {
  /** OpenSSL name, e.g. 'TLS_AES_256_GCM_SHA384' or 'ECDHE-RSA-AES128-GCM-SHA256'. */
  readonly name: string;
  /** IETF name, e.g. 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'. */
  readonly standardName: string;
}

/**
 * TlsSessionInfo describes one finished TLS handshake. ftp-doctor always connects with
 * certificate checks off and reports trust here instead, so that a self-signed server can still
 * be diagnosed end to end; whether that is acceptable is the diagnosis' decision.
 */
export interface TlsSessionInfo {
  /** 'TLSv1.3', 'TLSv1.2', … */
  readonly protocol: string | null;
  readonly cipher: TlsCipherInfo | null;
  readonly certificate: PeerCertificateInfo | null;
  /** The chain verifies against the trust store (plus the extra CA, if one was given). */
  readonly authorized: boolean;
  /** OpenSSL's reason when not authorized, e.g. 'DEPTH_ZERO_SELF_SIGNED_CERT'. */
  readonly authorizationError: string | null;
  /** The name the certificate was checked against (SNI name or the connected host). */
  readonly checkedName: string;
  /** tls.checkServerIdentity accepted the certificate for checkedName. */
  readonly nameMatches: boolean;
  readonly nameError: string | null;
  /** SNI sent, or null (an IP literal is never sent as SNI, RFC 6066 §3). */
  readonly servername: string | null;
  readonly sessionReused: boolean;
  readonly handshakeMs: number;
}

/** describeTlsSocket reads the facts of a finished handshake off a TLS socket. */
export function describeTlsSocket(
  socket: TLSSocket,
  checkedName: string,
  servername: string | null,
  handshakeMs: number,
): TlsSessionInfo {
  const peer = socket.getPeerCertificate(true);
  const hasCertificate = peer !== null && typeof peer === 'object' && 'raw' in peer && peer.raw !== undefined;
  const nameError = hasCertificate ? checkServerIdentity(checkedName, peer) : new Error('no certificate');
  const cipher = socket.getCipher();
  return {
    protocol: socket.getProtocol() ?? null,
    cipher: cipher ? { name: cipher.name, standardName: cipher.standardName } : null,
    certificate: hasCertificate ? describeCertificate(peer) : null,
    // Node folds the host-name check into `authorized` (ERR_TLS_CERT_ALTNAME_INVALID); the chain
    // and the name are two findings with two different fixes, so the name is kept apart.
    authorized: socket.authorized || nameOnlyError(socket.authorizationError),
    authorizationError: nameOnlyError(socket.authorizationError) ? null : reasonOf(socket.authorizationError),
    checkedName,
    nameMatches: nameError === undefined,
    nameError: nameError?.message ?? null,
    servername,
    sessionReused: socket.isSessionReused(),
    handshakeMs,
  };
}

/** describeCertificate flattens node's certificate object, following the issuer chain. */
export function describeCertificate(cert: DetailedPeerCertificate): PeerCertificateInfo {
  const chain: CertificateSummary[] = [];
  const seen = new Set([cert.fingerprint256]);
  for (let issuer = cert.issuerCertificate; issuer && !seen.has(issuer.fingerprint256); ) {
    seen.add(issuer.fingerprint256);
    chain.push(summarize(issuer));
    issuer = issuer.issuerCertificate;
  }
  const subject = formatName(cert.subject);
  const issuer = formatName(cert.issuer);
  const issuedBySelf = cert.issuerCertificate?.fingerprint256 === cert.fingerprint256;
  const key = cert as DetailedPeerCertificate & { asn1Curve?: string; nistCurve?: string };
  return {
    ...summarize(cert),
    subjectAltNames: splitAltNames(cert.subjectaltname),
    serialNumber: cert.serialNumber,
    selfSigned: issuedBySelf || (chain.length === 0 && subject === issuer),
    keyBits: typeof cert.bits === 'number' && !key.asn1Curve ? cert.bits : null,
    keyCurve: key.asn1Curve ?? key.nistCurve ?? null,
    chain,
  };
}

function summarize(cert: DetailedPeerCertificate): CertificateSummary {
  return {
    subject: formatName(cert.subject),
    issuer: formatName(cert.issuer),
    validFrom: isoDate(cert.valid_from),
    validTo: isoDate(cert.valid_to),
    fingerprint256: cert.fingerprint256,
  };
}

/** formatName writes a distinguished name the way people read it: 'CN=x, O=y'. */
function formatName(name: unknown): string {
  if (name === null || typeof name !== 'object') return '';
  return Object.entries(name as Record<string, string | string[]>)
    .flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((item) => `${key}=${item}`))
    .join(', ');
}

/**
 * splitAltNames splits node's `subjectaltname` string. Node quotes an entry as a JSON string
 * when it holds a comma or a quote, so a plain split on ', ' would cut such entries apart.
 */
function splitAltNames(altNames: string | undefined): string[] {
  if (!altNames) return [];
  const entries = altNames.match(/(?:[^,"]|"(?:\\.|[^"\\])*")+/g) ?? [];
  return entries.map((entry) => entry.trim()).filter((entry) => entry.length > 0);
}

function isoDate(text: string | undefined): string | null {
  if (!text) return null;
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** nameOnlyError: the chain verified and only the host-name check failed. */
function nameOnlyError(error: unknown): boolean {
  return reasonOf(error) === 'ERR_TLS_CERT_ALTNAME_INVALID';
}

function reasonOf(error: unknown): string | null {
  if (error === null || error === undefined) return null;
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}
