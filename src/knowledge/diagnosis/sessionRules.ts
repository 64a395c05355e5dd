import type { CertificateInfo, FailureInfo, LoginData, TlsData } from '../../probe/types.js';
import type { Reply } from '../../protocol/types.js';
import { type KnownMessage, recognizeMessage } from '../servers/knownMessages.js';
import { cite, rfc, sources } from '../sources.js';
import type { Evidence, Finding, Fix } from '../types.js';
import type { DiagnosisContext } from './context.js';
import { failureEvidence, finding, firstLine, observation, replyEvidence } from './findingBuilder.js';

const EXPIRY_WARNING_DAYS = 30;
const OUTDATED_TLS = new Set(['SSLv3', 'TLSv1', 'TLSv1.1']);
// OpenSSL's words when a TLS client meets plain text, e.g. an FTP greeting on an implicit-TLS attempt.
const PLAIN_TEXT_HANDSHAKE = /wrong version number|packet length too long|unknown protocol|http request/i;
// Words servers use when they refuse a clear-text login: vsftpd, ProFTPD, IIS, Pure-FTPd, FileZilla.
const TLS_REQUIRED_WORDS = /\b(ssl|tls|encrypt|encryption|secure|cleartext|clear-text|policy requires)\b/i;

function authTlsAdvertised(ctx: DiagnosisContext): boolean {
  return ctx.data('features')?.authTlsOffered === true;
}

/** featuresFindings: only what FEAT's absence means for the rest of the probe. */
export function featuresFindings(ctx: DiagnosisContext): Finding[] {
  const features = ctx.data('features');
  if (!features?.feat || features.feat.code === 211) return [];
  return [
    finding('features.feat-unsupported', {
      detail: `FEAT was answered with ${features.feat.code}, so the server's extensions (EPSV, MLSD, AUTH TLS, UTF8) are unknown; ftp-doctor tries them anyway. Servers from before RFC 2389 (1998) behave like this.`,
      evidence: [replyEvidence('FEAT', features.feat)],
    }),
  ];
}

/** tlsFindings: TLS offered or not, the handshake, the certificate, and data-channel protection. */
export function tlsFindings(ctx: DiagnosisContext): Finding[] {
  const tls = ctx.data('tls');
  const tlsStep = ctx.step('tls');
  const mode = ctx.result.options.tls;
  if (mode === 'off') return [];
  const required = mode === 'explicit' || mode === 'implicit';

  if (tlsStep && !tlsStep.ran) return [];
  if (!tls) return [];
  if (!tls.attempted) return [tlsNotOffered(ctx, required)];
  if (tls.authReply && tls.authReply.code !== 234) return [authTlsRefused(ctx, tls.authReply, required)];
  if (tls.failure) return handshakeFindings(ctx, tls.failure);
  return [
    ...anonymousTlsFallbackFindings(ctx, tls),
    ...certificateFindings(ctx, tls),
    ...outdatedProtocolFindings(ctx, tls),
    ...protectionRefusedFindings(ctx, tls),
  ];
}

function tlsNotOffered(ctx: DiagnosisContext, required: boolean): Finding {
  const feat = ctx.data('features')?.feat;
  return finding('tls.not-offered', {
    severity: required ? 'error' : 'warning',
    detail: required
      ? 'You asked for TLS, but the server does not offer AUTH TLS in its feature list. It cannot be used over FTPS as configured.'
      : 'The server does not offer AUTH TLS: its FEAT reply does not list it, and a server that supports it must (RFC 4217 §6). So the user name, the password and every file travel in clear text. Anyone on the path can read them.',
    evidence: feat ? [replyEvidence('FEAT', feat)] : [],
    fixes: ctx.serverFixes('tls-enable'),
  });
}

function authTlsRefused(ctx: DiagnosisContext, authReply: Reply, required: boolean): Finding {
  return finding('tls.auth-refused', {
    severity: required ? 'error' : 'warning',
    detail: `AUTH TLS was answered with ${authReply.code} ("${firstLine(authReply)}").${authTlsAdvertised(ctx) ? ' The server lists AUTH TLS in its features all the same: TLS support is built in but not usable, which usually means TLS is switched off or has no certificate (Pure-FTPd built with TLS answers exactly this way when started without --tls/-Y, its default).' : ''} ${required ? 'TLS was required, so the probe stops here.' : 'The session continues in clear text: credentials and data can be read on the path.'}`,
    evidence: [replyEvidence('AUTH TLS', authReply)],
    fixes: ctx.serverFixes('tls-enable'),
  });
}

function handshakeFindings(ctx: DiagnosisContext, failure: FailureInfo): Finding[] {
  // AUTH TLS itself drew a garbled or unasked reply: the connection broke before any handshake,
  // and protocolViolationFindings reports it as such.
  if (failure.kind === 'protocol' && failure.violation !== 'plaintext-after-auth') return [];
  const message = failure.message;
  const target = ctx.result.target;
  if (ctx.result.options.tls === 'implicit' && PLAIN_TEXT_HANDSHAKE.test(message)) {
    return [
      finding('tls.plain-port', {
        detail: `Implicit TLS (ftps://) was tried on port ${target.port}, but the server answered in plain text: this port speaks plain FTP and starts TLS only on AUTH TLS. Use ftpes:// (explicit TLS) or plain ftp:// for this port; implicit FTPS is usually on port 990.`,
        evidence: [failureEvidence(failure)],
        fixes: [
          {
            audience: 'client',
            dialect: 'generic',
            title: 'Use explicit TLS on this port',
            sources: [rfc(4217, '4')],
            text: `ftp-doctor ftpes://${target.host}:${target.port}`,
          },
        ],
      }),
    ];
  }
  return [
    finding('tls.handshake-failed', {
      detail: `The TLS handshake did not complete: ${message}. Causes: no certificate configured on the server, no protocol version or cipher in common, or something in the path that breaks TLS.`,
      evidence: [failureEvidence(failure)],
      fixes: [...ctx.serverFixes('tls-certificate'), ...ctx.serverFixes('tls-protocols')],
    }),
  ];
}

/** allowAnonSslFix: vsftpd refuses anonymous logins over TLS unless allow_anon_ssl=YES (default NO). */
function allowAnonSslFix(): Fix {
  return {
    audience: 'server',
    dialect: 'vsftpd',
    title: 'vsftpd: let anonymous users log in over TLS',
    sources: sources(cite('vsftpd.conf.5', 'allow_anon_ssl')),
    text: '# In /etc/vsftpd.conf, then: systemctl restart vsftpd\nallow_anon_ssl=YES',
  };
}

function anonymousTlsFallbackFindings(ctx: DiagnosisContext, tls: TlsData): Finding[] {
  const reply = tls.anonymousLoginRefused;
  if (!reply) return [];
  return [
    finding('login.anonymous-tls-refused', {
      step: 'tls',
      severity: 'warning',
      title: 'Anonymous logins are refused over TLS (plain FTP was tested instead)',
      detail: `The server offers TLS, but refused the anonymous login over it (${reply.code} "${firstLine(reply)}"), so ftp-doctor started again without TLS; the rest of this report is that plain session. Anonymous clients that use FTPS fail here.${ctx.software === 'vsftpd' ? ' vsftpd does this unless allow_anon_ssl=YES (its default is NO).' : ''}`,
      evidence: [replyEvidence(`USER ${ctx.result.options.user}`, reply)],
      fixes: ctx.software === 'vsftpd' ? [allowAnonSslFix()] : [],
    }),
  ];
}

/** What every certificate finding shares: the certificate as evidence, its fixes and severity. */
interface CertificateCheck {
  readonly ctx: DiagnosisContext;
  readonly tls: TlsData;
  readonly cert: CertificateInfo;
  readonly severity: 'warning' | 'error';
  readonly evidence: Evidence;
  readonly fixes: Fix[];
  readonly insecureNote: string;
}

function certificateFindings(ctx: DiagnosisContext, tls: TlsData): Finding[] {
  const cert = tls.certificate;
  if (!cert) return [];
  const insecure = ctx.result.options.insecure;
  const check: CertificateCheck = {
    ctx,
    tls,
    cert,
    severity: insecure ? 'warning' : 'error',
    evidence: observation(
      `certificate: subject ${cert.subject}; issuer ${cert.issuer}; valid ${cert.validFrom} to ${cert.validTo}; SANs ${cert.subjectAltNames.join(', ') || 'none'}`,
    ),
    fixes: ctx.serverFixes('tls-certificate'),
    insecureNote: insecure
      ? ' (--insecure: reported, not fatal)'
      : ' Use --insecure to continue past it while you fix it.',
  };
  return [
    ...certificateDateFindings(check),
    ...certificateTrustFindings(check),
    ...certificateNameFindings(check),
  ];
}

function certificateDateFindings({
  ctx,
  cert,
  severity,
  evidence,
  fixes,
  insecureNote,
}: CertificateCheck): Finding[] {
  if (cert.daysLeft < 0) {
    return [
      finding('tls.cert-expired', {
        severity,
        detail: `The certificate expired on ${cert.validTo} (${-cert.daysLeft} days ago). Clients that verify certificates refuse to connect.${insecureNote}`,
        evidence: [evidence],
        fixes,
      }),
    ];
  }
  if (Date.parse(cert.validFrom) > ctx.options.now.getTime()) {
    return [
      finding('tls.cert-not-yet-valid', {
        severity,
        detail: `The certificate is valid only from ${cert.validFrom}. Check the server's clock, or the certificate's dates.${insecureNote}`,
        evidence: [evidence],
        fixes,
      }),
    ];
  }
  if (cert.daysLeft <= EXPIRY_WARNING_DAYS) {
    return [
      finding('tls.cert-expiring', {
        detail: `The certificate expires on ${cert.validTo}, in ${cert.daysLeft} days. Renew it before clients start refusing it.`,
        evidence: [evidence],
        fixes,
      }),
    ];
  }
  return [];
}

function certificateTrustFindings({
  ctx,
  tls,
  cert,
  severity,
  evidence,
  fixes,
  insecureNote,
}: CertificateCheck): Finding[] {
  const caGiven = ctx.result.options.ca !== null;
  // A self-signed certificate the user pinned with --ca verifies: nothing to report then.
  if (cert.selfSigned && tls.trusted !== true) {
    return [
      finding('tls.cert-self-signed', {
        severity,
        detail: `The certificate is self-signed (${cert.subject}): no client trusts it unless it was installed there by hand.${insecureNote} ${caGiven ? 'The certificate given with --ca is not this one.' : 'Pass the certificate to ftp-doctor with --ca if you distribute it yourself.'}`,
        evidence: [evidence],
        fixes,
      }),
    ];
  }
  if (tls.trusted === false && !/expired|not yet valid/i.test(tls.trustError ?? '')) {
    return [
      finding('tls.cert-untrusted', {
        severity,
        detail: `The certificate chain does not lead to a trusted authority (${tls.trustError ?? 'unknown reason'}). A missing intermediate certificate on the server is the usual cause; a private CA is the other (${caGiven ? 'the CA given with --ca did not sign this chain' : 'pass it with --ca'}).${insecureNote}`,
        evidence: [evidence],
        fixes,
      }),
    ];
  }
  return [];
}

function certificateNameFindings({
  ctx,
  tls,
  cert,
  severity,
  evidence,
  fixes,
  insecureNote,
}: CertificateCheck): Finding[] {
  if (tls.nameMatches !== false) return [];
  return [
    finding('tls.cert-name-mismatch', {
      severity,
      detail: `The certificate is for ${cert.subjectAltNames.join(', ') || cert.subject}, not for "${ctx.result.target.host}". Clients that check names refuse it. Connect with a name the certificate lists, or add this name to the certificate.${insecureNote}`,
      evidence: [evidence],
      fixes,
    }),
  ];
}

function outdatedProtocolFindings(ctx: DiagnosisContext, tls: TlsData): Finding[] {
  if (!tls.protocol || !OUTDATED_TLS.has(tls.protocol)) return [];
  return [
    finding('tls.old-protocol', {
      detail: `The server negotiated ${tls.protocol}, which is deprecated (RFC 8996) and disabled by current clients. Enable TLS 1.2 and 1.3.`,
      evidence: [observation(`protocol ${tls.protocol}, cipher ${tls.cipher ?? 'unknown'}`)],
      fixes: ctx.serverFixes('tls-protocols'),
    }),
  ];
}

/** protectionRefusedFindings: the first of PBSZ and PROT P the server refused, if any. */
function protectionRefusedFindings(ctx: DiagnosisContext, tls: TlsData): Finding[] {
  for (const [command, reply] of [
    ['PBSZ 0', tls.pbszReply],
    ['PROT P', tls.protReply],
  ] as const) {
    if (reply && reply.code >= 400) {
      return [
        finding('tls.protection-refused', {
          detail: `${command} was answered with ${reply.code} ("${firstLine(reply)}"): the control channel is encrypted but files and listings would travel in clear text.`,
          evidence: [replyEvidence(command, reply)],
          fixes: ctx.serverFixes('tls-require'),
        }),
      ];
    }
  }
  return [];
}

/** loginFindings: why a login failed, told apart by reply code and by the server's own words. */
export function loginFindings(ctx: DiagnosisContext): Finding[] {
  return [...passwordInUrlFindings(ctx), ...loginFailureFindings(ctx)];
}

function passwordInUrlFindings(ctx: DiagnosisContext): Finding[] {
  if (ctx.result.target.urlPassword === null) return [];
  return [
    finding('login.password-in-url', {
      detail:
        'The password was part of the URL on the command line, where shell history and process listings keep it. Use FTP_PASSWORD, --password-stdin or ~/.netrc instead.',
    }),
  ];
}

/** A refused login as the judges below see it: the server's last reply and what it is known to mean. */
interface LoginRefusal {
  readonly ctx: DiagnosisContext;
  readonly login: LoginData;
  readonly reply: Reply;
  readonly evidence: Evidence[];
  readonly known: KnownMessage | null;
  readonly knownText: string;
  readonly tlsOn: boolean;
}

/** A login judge names one cause of a refused login, or returns null when the reply is not its. */
type LoginJudge = (refusal: LoginRefusal) => Finding | null;

function loginFailureFindings(ctx: DiagnosisContext): Finding[] {
  const login = ctx.data('login');
  if (!login || login.loggedIn) return [];
  const reply = login.finalReply;
  // A login cut short is no refusal, even after a 331: the last reply is not the server's verdict.
  // A protocol violation is reported on its own (protocolViolationFindings).
  if (login.failure) {
    if (login.failure.kind === 'protocol') return [];
    return [
      finding('login.failed', {
        detail: `The login did not complete: ${login.failure.message}.`,
        evidence: [failureEvidence(login.failure)],
      }),
    ];
  }
  if (!reply) return [];
  const lastCommand =
    [...(ctx.step('login')?.exchanges ?? [])].reverse().find((e) => e.command)?.command ?? null;
  const known = recognizeMessage(reply.code, reply.text);
  const refusal: LoginRefusal = {
    ctx,
    login,
    reply,
    evidence: [replyEvidence(lastCommand, reply)],
    known,
    knownText: known ? ` ${known.explanation}` : '',
    tlsOn: ctx.tlsActive,
  };
  for (const judge of LOGIN_JUDGES) {
    const found = judge(refusal);
    if (found) return [found];
  }
  return [accountRefused(refusal)];
}

/**
 * The reverse case: TLS is up and the server refuses *anonymous* logins over it (vsftpd's
 * allow_anon_ssl=NO, its default). Anonymous FTP may well work in clear text.
 */
function anonymousRefusedOverTls({
  ctx,
  login,
  reply,
  evidence,
  known,
  tlsOn,
}: LoginRefusal): Finding | null {
  const anonymousTlsWords =
    known?.id === 'vsftpd.anonymous-no-tls' ||
    /may not use encryption|anonymous.*(ssl|tls|encrypt)/i.test(reply.text);
  if (!tlsOn || !login.anonymous || !anonymousTlsWords) return null;
  return finding('login.anonymous-tls-refused', {
    detail: `The server offers TLS, but refuses anonymous logins over it (${reply.code} "${firstLine(reply)}"). Anonymous clients that use FTPS fail; plain FTP clients may work — run again with --tls off to test that path.${ctx.software === 'vsftpd' ? ' vsftpd does this unless allow_anon_ssl=YES (its default is NO).' : ''}`,
    evidence,
    fixes: [
      ...(ctx.software === 'vsftpd' || ctx.software === 'unknown' ? [allowAnonSslFix()] : []),
      {
        audience: 'client',
        dialect: 'generic',
        title: 'Test anonymous access without TLS',
        sources: sources(cite('vsftpd.conf.5', 'allow_anon_ssl'), rfc(4217, '4')),
        text: `ftp-doctor ${ctx.result.target.host}:${ctx.result.target.port} --tls off`,
      },
    ],
  });
}

function tlsRequired({ ctx, reply, evidence, knownText, tlsOn }: LoginRefusal): Finding | null {
  if (tlsOn || (reply.code !== 534 && !TLS_REQUIRED_WORDS.test(reply.text))) return null;
  return finding('login.tls-required', {
    detail: `The server refuses logins over a clear-text connection ("${firstLine(reply)}").${knownText} Connect with explicit TLS (ftpes://) so the password is encrypted.`,
    evidence,
    fixes: [
      {
        audience: 'client',
        dialect: 'generic',
        title: 'Log in over TLS',
        sources: [rfc(4217, '4')],
        text: `ftp-doctor ftpes://${ctx.result.target.host}:${ctx.result.target.port}`,
      },
    ],
  });
}

function tooManyConnections({ ctx, reply, evidence, knownText }: LoginRefusal): Finding | null {
  if (reply.code !== 421 && !/too many|maximum|limit/i.test(reply.text)) return null;
  return finding('login.too-many-connections', {
    detail: `The server is at a connection limit ("${firstLine(reply)}").${knownText} Other sessions from this address or in total must end first, or the limit must be raised.`,
    evidence,
    fixes: ctx.serverFixes('connection-limits'),
  });
}

function accountRequired({ reply, evidence }: LoginRefusal): Finding | null {
  if (reply.code !== 332) return null;
  return finding('login.account-required', {
    detail: 'The server asked for an account (332) after the password. Give one with --account.',
    evidence,
  });
}

/**
 * A 500 OOPS (vsftpd) or another error that is not 530 means the server broke while logging the
 * user in (a missing home or chroot directory, a writable chroot): not a refusal of the account.
 */
function serverError({ reply, evidence, known, knownText }: LoginRefusal): Finding | null {
  const broke =
    reply.code !== 530 &&
    (reply.code >= 500 || reply.code === 451) &&
    (known?.id.includes('oops') || /\bOOPS\b/.test(reply.text) || reply.code === 451);
  if (!broke) return null;
  return finding('login.server-error', {
    detail: `The server failed while logging the user in (${reply.code} "${firstLine(reply)}").${knownText || ' This is an error in the server’s configuration or environment, not a wrong password.'} The server’s log (and its system log) has the details.`,
    evidence,
  });
}

function anonymousRefused({ ctx, login, reply, evidence }: LoginRefusal): Finding | null {
  if (!login.anonymous) return null;
  return finding('login.anonymous-refused', {
    detail: `The server does not accept anonymous logins (${reply.code} "${firstLine(reply)}"). Log in with a real account (--user, password from FTP_PASSWORD), or enable anonymous access if it is meant to be public.`,
    evidence,
    fixes: ctx.serverFixes('anonymous-access', { anonymous: 'enable' }),
  });
}

function accountRefused({ login, reply, evidence, knownText }: LoginRefusal): Finding {
  return finding('login.refused', {
    detail: `The server refused user "${login.user}" with ${reply.code} ("${firstLine(reply)}").${knownText} Check the user name and password; the server's log tells whether the account is unknown, the password wrong, or the user barred from FTP (e.g. listed in /etc/ftpusers, or a shell missing from /etc/shells).`,
    evidence,
  });
}

/** LOGIN_JUDGES: tried in this order; the first that recognises the refusal names it. */
const LOGIN_JUDGES: readonly LoginJudge[] = [
  anonymousRefusedOverTls,
  tlsRequired,
  tooManyConnections,
  accountRequired,
  serverError,
  anonymousRefused,
];
