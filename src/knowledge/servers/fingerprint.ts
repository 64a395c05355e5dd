import type { ServerFingerprint } from '../../probe/types.js';
import type { Reply } from '../../protocol/types.js';

/** FingerprintEvidence: what the probe saw before and around login. */
export interface FingerprintEvidence {
  readonly banner: Reply | null;
  readonly syst: Reply | null;
  /** Feature lines from FEAT, trimmed (e.g. 'AUTH TLS', 'EPSV'). */
  readonly features: readonly string[];
  readonly help?: Reply | null;
}

type Source = 'banner' | 'syst' | 'feat' | 'help';
type Confidence = ServerFingerprint['confidence'];

/**
 * Signature: one piece of evidence that points at a product. A text pattern is tried on the
 * reply text of its source; `versionGroup` names the capture holding the version, if any.
 */
interface Signature {
  readonly software: string;
  readonly displayName: string;
  readonly source: Source;
  readonly confidence: Exclude<Confidence, 'none'>;
  readonly pattern?: RegExp;
  /** For 'feat': every one of these feature keywords must be present. */
  readonly allFeatures?: readonly string[];
  readonly versionGroup?: number;
}

const RANK: Readonly<Record<Confidence, number>> = { none: 0, low: 1, medium: 2, high: 3 };
const SOURCE_ORDER: readonly Source[] = ['banner', 'syst', 'feat', 'help'];

/** MAX_VERSION_LENGTH keeps a version copied from untrusted server text short. */
const MAX_VERSION_LENGTH = 32;

/**
 * SIGNATURES: default greetings and replies of FTP servers, as they really read (captured from
 * the servers in test/fixtures/banners, or documented in the products' own source). A banner
 * that names the product gives high confidence; indirect hints give medium; a greeting that
 * many servers share gives low.
 */
const SIGNATURES: readonly Signature[] = [
  // vsftpd: "220 (vsFTPd 3.0.3)"; ftpd_banner replaces it. HELP after login ends "214 Help OK.".
  {
    software: 'vsftpd',
    displayName: 'vsftpd',
    source: 'banner',
    confidence: 'high',
    pattern: /\bvsFTPd\s+(\d[\w.-]*)/i,
    versionGroup: 1,
  },
  { software: 'vsftpd', displayName: 'vsftpd', source: 'banner', confidence: 'high', pattern: /\bvsFTPd\b/i },
  {
    software: 'vsftpd',
    displayName: 'vsftpd',
    source: 'help',
    confidence: 'medium',
    pattern: /(^|\n)Help OK\.$/,
  },
  // ProFTPD: "220 ProFTPD Server (Debian) [::ffff:127.0.0.1]" (1.3.6+), "220 ProFTPD 1.3.5 Server (…)" before.
  {
    software: 'proftpd',
    displayName: 'ProFTPD',
    source: 'banner',
    confidence: 'high',
    pattern: /\bProFTPD\s+(\d+\.\d+[\w.-]*)/i,
    versionGroup: 1,
  },
  {
    software: 'proftpd',
    displayName: 'ProFTPD',
    source: 'banner',
    confidence: 'high',
    pattern: /\bProFTPD\b/i,
  },
  // Pure-FTPd: "220---------- Welcome to Pure-FTPd [privsep] [TLS] ----------"; HELP names it too,
  // and its FEAT lists its own ESTA/ESTP extensions.
  {
    software: 'pure-ftpd',
    displayName: 'Pure-FTPd',
    source: 'banner',
    confidence: 'high',
    pattern: /\bPure-FTPd\s+v?(\d+\.\d+[\w.-]*)/i,
    versionGroup: 1,
  },
  {
    software: 'pure-ftpd',
    displayName: 'Pure-FTPd',
    source: 'banner',
    confidence: 'high',
    pattern: /\bPure-FTPd\b/i,
  },
  {
    software: 'pure-ftpd',
    displayName: 'Pure-FTPd',
    source: 'help',
    confidence: 'high',
    pattern: /\bPure-FTPd\b/i,
  },
  {
    software: 'pure-ftpd',
    displayName: 'Pure-FTPd',
    source: 'feat',
    confidence: 'medium',
    allFeatures: ['ESTA', 'ESTP'],
  },
  // FileZilla Server: 0.9 "220-FileZilla Server version 0.9.60 beta", 1.x "220-FileZilla Server 1.8.0";
  // 0.9 answers SYST with "215 UNIX emulated by FileZilla".
  {
    software: 'filezilla-server',
    displayName: 'FileZilla Server',
    source: 'banner',
    confidence: 'high',
    pattern: /\bFileZilla Server(?: version)?\s+v?(\d[\w.-]*(?: beta)?)/i,
    versionGroup: 1,
  },
  {
    software: 'filezilla-server',
    displayName: 'FileZilla Server',
    source: 'banner',
    confidence: 'high',
    pattern: /\bFileZilla Server\b/i,
  },
  {
    software: 'filezilla-server',
    displayName: 'FileZilla Server',
    source: 'syst',
    confidence: 'high',
    pattern: /\bemulated by FileZilla\b/i,
  },
  // Microsoft IIS: "220 Microsoft FTP Service" (IIS 7+, no version); IIS 5/6 added "(Version 5.0)".
  {
    software: 'iis',
    displayName: 'Microsoft IIS FTP',
    source: 'banner',
    confidence: 'high',
    pattern: /\bMicrosoft FTP Service\s*\(Version (\d[\w.]*)\)/i,
    versionGroup: 1,
  },
  {
    software: 'iis',
    displayName: 'Microsoft IIS FTP',
    source: 'banner',
    confidence: 'high',
    pattern: /\bMicrosoft FTP Service\b/i,
  },
  {
    software: 'iis',
    displayName: 'Microsoft IIS FTP',
    source: 'syst',
    confidence: 'medium',
    pattern: /^Windows_NT\b/,
  },
  // pyftpdlib: "220 pyftpdlib 1.5.7 ready."
  {
    software: 'pyftpdlib',
    displayName: 'pyftpdlib',
    source: 'banner',
    confidence: 'high',
    pattern: /\bpyftpdlib\s+(\d[\w.-]*)/i,
    versionGroup: 1,
  },
  {
    software: 'pyftpdlib',
    displayName: 'pyftpdlib',
    source: 'banner',
    confidence: 'high',
    pattern: /\bpyftpdlib\b/i,
  },
  // Serv-U: "220 Serv-U FTP Server v15.1 ready...", "220 Serv-U FTP Server v6.4 for WinSock ready..."
  {
    software: 'serv-u',
    displayName: 'Serv-U',
    source: 'banner',
    confidence: 'high',
    pattern: /\bServ-U FTP Server\s+v?(\d[\w.-]*)/i,
    versionGroup: 1,
  },
  { software: 'serv-u', displayName: 'Serv-U', source: 'banner', confidence: 'high', pattern: /\bServ-U\b/i },
  // Wing FTP: "220 Wing FTP Server ready...", "220 Wing FTP Server 7.2.8 ready..."
  {
    software: 'wing-ftp',
    displayName: 'Wing FTP Server',
    source: 'banner',
    confidence: 'high',
    pattern: /\bWing FTP Server\s+v?(\d[\w.-]*)/i,
    versionGroup: 1,
  },
  {
    software: 'wing-ftp',
    displayName: 'Wing FTP Server',
    source: 'banner',
    confidence: 'high',
    pattern: /\bWing FTP Server\b/i,
  },
  // CrushFTP: "220 CrushFTP Server Ready!"
  {
    software: 'crushftp',
    displayName: 'CrushFTP',
    source: 'banner',
    confidence: 'high',
    pattern: /\bCrushFTP\s+Server\b/i,
  },
  // Cerberus: "220-Cerberus FTP Server - Home Edition", "220 Cerberus FTP Server - Professional Edition ready"
  {
    software: 'cerberus',
    displayName: 'Cerberus FTP Server',
    source: 'banner',
    confidence: 'high',
    pattern: /\bCerberus FTP Server\s+v?(\d+\.\d[\w.-]*)/i,
    versionGroup: 1,
  },
  {
    software: 'cerberus',
    displayName: 'Cerberus FTP Server',
    source: 'banner',
    confidence: 'high',
    pattern: /\bCerberus FTP Server\b/i,
  },
  // glFTPd: "220 nettrap (glFTPd 2.11 Linux+TLS)", "220 W 00 T (glFTPd 2.01 Linux+TLS) ready."
  {
    software: 'glftpd',
    displayName: 'glFTPd',
    source: 'banner',
    confidence: 'high',
    pattern: /\bglFTPd\s+(\d[\w.-]*)/i,
    versionGroup: 1,
  },
  { software: 'glftpd', displayName: 'glFTPd', source: 'banner', confidence: 'high', pattern: /\bglFTPd\b/i },
  // Twisted: "220 Twisted 22.10.0 FTP Server"
  {
    software: 'twisted',
    displayName: 'Twisted FTP',
    source: 'banner',
    confidence: 'high',
    pattern: /\bTwisted\s+(\d[\w.-]*)\s+FTP Server\b/i,
    versionGroup: 1,
  },
  // Apache FtpServer (MINA): greeting "220 Service ready for new user." (RFC 959's wording, which
  // many small servers also use), but SYST says "215 UNIX Type: Apache FtpServer".
  {
    software: 'apache-ftpserver',
    displayName: 'Apache FtpServer',
    source: 'syst',
    confidence: 'high',
    pattern: /\bApache FtpServer\b/i,
  },
  {
    software: 'apache-ftpserver',
    displayName: 'Apache FtpServer',
    source: 'banner',
    confidence: 'low',
    pattern: /^Service ready for new user\.$/,
  },
  // ftp-srv (Node.js): greeting "220 Ready", or "220 Features: a ." when anonymous logins are on.
  {
    software: 'ftp-srv',
    displayName: 'ftp-srv (Node.js)',
    source: 'banner',
    confidence: 'medium',
    pattern: /(^|\n)Features: a \.$/,
  },
  {
    software: 'ftp-srv',
    displayName: 'ftp-srv (Node.js)',
    source: 'banner',
    confidence: 'low',
    pattern: /^Ready$/,
  },
  // wu-ftpd: "220 host FTP server (Version wu-2.6.2(1) Tue Jul 31 …) ready.", "(… Version wuftpd-2.6.1 …)"
  {
    software: 'wu-ftpd',
    displayName: 'wu-ftpd',
    source: 'banner',
    confidence: 'high',
    pattern: /\bVersion wu(?:ftpd)?-(\d[\w.-]*)/i,
    versionGroup: 1,
  },
  // Titan FTP: "220 Titan FTP Server 10.47.1892 Ready."
  {
    software: 'titan-ftp',
    displayName: 'Titan FTP Server',
    source: 'banner',
    confidence: 'high',
    pattern: /\bTitan FTP Server\s+(\d[\w.-]*)/i,
    versionGroup: 1,
  },
  {
    software: 'titan-ftp',
    displayName: 'Titan FTP Server',
    source: 'banner',
    confidence: 'high',
    pattern: /\bTitan FTP Server\b/i,
  },
  // Gene6: "220 Gene6 FTP Server v3.10.0 (Build 2) ready..."
  {
    software: 'gene6',
    displayName: 'Gene6 FTP Server',
    source: 'banner',
    confidence: 'high',
    pattern: /\bGene6 FTP Server\s+v?(\d[\w.-]*)/i,
    versionGroup: 1,
  },
  {
    software: 'gene6',
    displayName: 'Gene6 FTP Server',
    source: 'banner',
    confidence: 'high',
    pattern: /\bGene6\b/i,
  },
  // bftpd: "220 bftpd 5.7 at 192.0.2.1 ready."
  {
    software: 'bftpd',
    displayName: 'bftpd',
    source: 'banner',
    confidence: 'high',
    pattern: /\bbftpd\s+(\d[\w.-]*)/i,
    versionGroup: 1,
  },
  { software: 'bftpd', displayName: 'bftpd', source: 'banner', confidence: 'high', pattern: /\bbftpd\b/i },
  // Xlight: "220 Xlight FTP Server 3.9 ready..."
  {
    software: 'xlight',
    displayName: 'Xlight FTP Server',
    source: 'banner',
    confidence: 'high',
    pattern: /\bXlight FTP Server\s+(\d[\w.-]*)/i,
    versionGroup: 1,
  },
  {
    software: 'xlight',
    displayName: 'Xlight FTP Server',
    source: 'banner',
    confidence: 'high',
    pattern: /\bXlight FTP Server\b/i,
  },
  // GlobalSCAPE EFT: "220 GlobalSCAPE EFT Server (v. 6.0) * UNREGISTERED COPY *"
  {
    software: 'globalscape-eft',
    displayName: 'GlobalSCAPE EFT Server',
    source: 'banner',
    confidence: 'high',
    pattern: /\bGlobalSCAPE\b.*?\(v\. ?(\d[\w.-]*)\)/i,
    versionGroup: 1,
  },
  {
    software: 'globalscape-eft',
    displayName: 'GlobalSCAPE EFT Server',
    source: 'banner',
    confidence: 'high',
    pattern: /\bGlobalSCAPE\b/i,
  },
  // CompleteFTP: "220 CompleteFTP v 8.1.3"
  {
    software: 'completeftp',
    displayName: 'CompleteFTP',
    source: 'banner',
    confidence: 'high',
    pattern: /\bCompleteFTP\s+v\s?(\d[\w.-]*)/i,
    versionGroup: 1,
  },
  {
    software: 'completeftp',
    displayName: 'CompleteFTP',
    source: 'banner',
    confidence: 'high',
    pattern: /\bCompleteFTP\b/i,
  },
  // GNU inetutils ftpd: "220 host FTP server (GNU inetutils 1.3b) ready."
  {
    software: 'inetutils-ftpd',
    displayName: 'GNU inetutils ftpd',
    source: 'banner',
    confidence: 'high',
    pattern: /\bGNU inetutils\s+(\d[\w.-]*)/i,
    versionGroup: 1,
  },
  // MikroTik RouterOS: "220 MikroTik FTP server (MikroTik 6.39.2) ready"
  {
    software: 'mikrotik',
    displayName: 'MikroTik RouterOS FTP',
    source: 'banner',
    confidence: 'high',
    pattern: /\bMikroTik FTP server \(MikroTik (\d[\w.-]*)\)/i,
    versionGroup: 1,
  },
];

const UNKNOWN: ServerFingerprint = {
  software: 'unknown',
  displayName: 'unknown',
  version: null,
  confidence: 'none',
  basis: [],
};

/** cleanVersion keeps a version from server text only if it looks like one. */
function cleanVersion(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const version = raw.trim();
  if (version === '' || version.length > MAX_VERSION_LENGTH || !/^\d[\w.-]*(?: beta)?$/.test(version))
    return null;
  return version;
}

function textOf(source: Source, evidence: FingerprintEvidence): string | null {
  if (source === 'banner') return evidence.banner?.text ?? null;
  if (source === 'syst') return evidence.syst?.text ?? null;
  if (source === 'help') return evidence.help?.text ?? null;
  return null;
}

function featureKeywords(features: readonly string[]): Set<string> {
  return new Set(features.map((feature) => feature.trim().split(/\s+/)[0]?.toUpperCase() ?? ''));
}

interface Candidate {
  readonly software: string;
  displayName: string;
  confidence: Exclude<Confidence, 'none'>;
  version: string | null;
  versionSource: Source | null;
  readonly sources: Set<Source>;
}

/**
 * fingerprintServer names the server software from the greeting, SYST, FEAT and HELP, using only
 * signatures known to be real defaults. A product named in the banner wins over indirect hints;
 * with no matching signature it returns software 'unknown' with confidence 'none' rather than
 * guessing. Versions are copied only when the server shows one.
 */
export function fingerprintServer(evidence: FingerprintEvidence): ServerFingerprint {
  const keywords = featureKeywords(evidence.features);
  const candidates = new Map<string, Candidate>();

  for (const signature of SIGNATURES) {
    let match: RegExpExecArray | null = null;
    if (signature.source === 'feat') {
      if (!signature.allFeatures?.every((keyword) => keywords.has(keyword))) continue;
    } else {
      const text = textOf(signature.source, evidence);
      if (text === null || signature.pattern === undefined) continue;
      match = signature.pattern.exec(text.trim());
      if (!match) continue;
    }
    const candidate = candidates.get(signature.software) ?? {
      software: signature.software,
      displayName: signature.displayName,
      confidence: signature.confidence,
      version: null,
      versionSource: null,
      sources: new Set<Source>(),
    };
    candidate.sources.add(signature.source);
    if (RANK[signature.confidence] > RANK[candidate.confidence]) candidate.confidence = signature.confidence;
    const version =
      signature.versionGroup === undefined ? null : cleanVersion(match?.[signature.versionGroup]);
    const betterSource =
      candidate.versionSource === null ||
      SOURCE_ORDER.indexOf(signature.source) < SOURCE_ORDER.indexOf(candidate.versionSource);
    if (version !== null && betterSource) {
      candidate.version = version;
      candidate.versionSource = signature.source;
    }
    candidates.set(signature.software, candidate);
  }

  const best = [...candidates.values()].sort(
    (a, b) =>
      RANK[b.confidence] - RANK[a.confidence] ||
      Number(b.sources.has('banner')) - Number(a.sources.has('banner')) ||
      b.sources.size - a.sources.size,
  )[0];
  if (best === undefined) return UNKNOWN;
  return {
    software: best.software,
    displayName: best.displayName,
    version: best.version,
    confidence: best.confidence,
    basis: SOURCE_ORDER.filter((source) => best.sources.has(source)),
  };
}
