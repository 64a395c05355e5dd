import type { BannerData, FailureInfo, ImplicitTlsCheck } from '../../probe/types.js';
import { formatEndpoint } from '../../protocol/address.js';
import { MAX_LINE_LENGTH, MAX_REPLY_BYTES, MAX_REPLY_LINES } from '../../protocol/limits.js';
import { nextMove } from '../../protocol/replySequences.js';
import type { Reply } from '../../protocol/types.js';
import { recognizeMessage } from '../servers/knownMessages.js';
import { detectNonFtpService } from '../servers/nonFtpService.js';
import { cite, rfc } from '../sources.js';
import type { Finding, Fix } from '../types.js';
import type { DiagnosisContext } from './context.js';
import { failureEvidence, finding, firstLine, observation, replyEvidence } from './findingBuilder.js';

/** resolveFindings: DNS problems, and the other addresses a name has. */
export function resolveFindings(ctx: DiagnosisContext): Finding[] {
  const resolve = ctx.data('resolve');
  if (!resolve) return [];
  const host = ctx.result.target.host;
  const failure = resolve.failure;
  if (failure) {
    const errno = failure.kind === 'transport' ? failure.errno : undefined;
    if (errno === 'ENOTFOUND' || errno === 'ENODATA') {
      return [
        finding('dns.not-found', {
          detail: `The resolver says "${host}" has no address. Check the spelling, and that the name is published in the DNS zone your clients use (split-horizon DNS often hides internal names from outside).`,
          evidence: [failureEvidence(failure)],
          fixes: [
            {
              audience: 'client',
              dialect: 'generic',
              title: 'Check the name',
              sources: [cite('linux-man-pages', 'getaddrinfo(3)'), rfc(1035, '3.2.2')],
              text: `getent ahosts ${host}\ndig +short ${host} A\ndig +short ${host} AAAA`,
            },
          ],
        }),
      ];
    }
    return [
      finding('dns.failed', {
        detail: `Looking up "${host}" failed (${errno ?? failure.message}). The resolver may be unreachable or slow; the name itself may be fine.`,
        evidence: [failureEvidence(failure)],
        fixes: [
          {
            audience: 'client',
            dialect: 'generic',
            title: 'Check the resolver',
            sources: [cite('linux-man-pages', 'getaddrinfo(3)'), rfc(1035, '4.1.1')],
            text: `getent ahosts ${host}\ncat /etc/resolv.conf`,
          },
        ],
      }),
    ];
  }
  const requested = ctx.result.options.family;
  if (resolve.chosen === null && requested !== null) {
    return [
      finding('dns.no-address-for-family', {
        detail: `"${host}" has no IPv${requested} address (it has: ${resolve.addresses.map((a) => a.address).join(', ') || 'none'}). Drop -${requested}, or publish an ${requested === 6 ? 'AAAA' : 'A'} record.`,
        evidence: [observation(`addresses: ${resolve.addresses.map((a) => a.address).join(', ')}`)],
      }),
    ];
  }
  if (resolve.addresses.length > 1 && !ctx.result.options.allAddresses) {
    const others = resolve.addresses.filter((a) => a.address !== resolve.chosen).map((a) => a.address);
    return [
      finding('dns.other-addresses', {
        detail: `"${host}" resolves to ${resolve.addresses.length} addresses; only ${resolve.chosen} was probed. Clients may land on any of them: probe them all with --all-addresses. Others: ${others.join(', ')}.`,
        evidence: [observation(`addresses: ${resolve.addresses.map((a) => a.address).join(', ')}`)],
      }),
    ];
  }
  return [];
}

/** connectFindings: refused, timeout and unreachable tell different stories, so each has its own finding. */
export function connectFindings(ctx: DiagnosisContext): Finding[] {
  const connect = ctx.data('connect');
  const failure = connect?.failure;
  if (!connect || !failure) return [];
  const where = formatEndpoint(connect.address, connect.port);
  const evidence = [failureEvidence(failure)];
  if (failure.kind !== 'transport') {
    return [
      finding('connect.failed', { detail: `Connecting to ${where} failed: ${failure.message}.`, evidence }),
    ];
  }
  switch (failure.failure) {
    case 'refused':
      return [
        finding('connect.refused', {
          detail: `${where} refused the connection (a TCP reset, or an ICMP port-unreachable, which is what an iptables REJECT sends by default): nothing listens on port ${connect.port} at that address, or a firewall rejects the connection. Check that the FTP server runs and listens on this address and port (ss -ltnp), and that no firewall on the way REJECTs it.`,
          evidence,
          fixes: [
            {
              audience: 'server',
              dialect: 'generic',
              title: 'Check that the FTP service runs and listens on this address and port',
              // Debian and RHEL name the units after the packages: vsftpd, proftpd, pure-ftpd.
              text: [
                `# Is anything listening on port ${connect.port}? No line below the header means nothing is.`,
                `ss -ltnp 'sport = :${connect.port}'`,
                '# Is the FTP service running? Use the unit of the server you run:',
                'systemctl status vsftpd proftpd pure-ftpd',
              ].join('\n'),
              sources: [cite('linux-man-pages', 'connect(2) ECONNREFUSED'), rfc(9293, '3.5.2')],
            },
            ...ctx.controlPortFixes(),
          ],
        }),
      ];
    case 'timeout':
      return [
        finding('connect.timeout', {
          detail: `No answer from ${where} within ${ctx.result.options.connectTimeoutMs} ms. Silence usually means a firewall DROPs the packets (or the host is down); a closed port would have answered with a reset at once.`,
          evidence,
          fixes: ctx.controlPortFixes(),
        }),
      ];
    case 'unreachable':
      return [
        finding('connect.unreachable', {
          detail: `The network reported ${where} unreachable (${failure.errno ?? 'ICMP error'}): no route to the host, or a firewall rejects the connection with an ICMP error.`,
          evidence,
          fixes: ctx.controlPortFixes(),
        }),
      ];
    case 'reset':
      // A SYN answered by a reset is ECONNREFUSED; ECONNRESET means the handshake completed and
      // the server (or a middlebox) then reset the connection before the greeting. On loopback
      // the reset can beat the connect callback, so it shows up here rather than in the banner.
      return [
        finding('banner.closed', {
          step: 'connect',
          detail: `${where} accepted the TCP connection and reset it at once, before any greeting. It may limit connections per address (tcp_wrappers, max_per_ip, MaxClientsPerHost), refuse this client's address, or the daemon fails at start-up for each session; its log says which.`,
          evidence,
          fixes: ctx.serverFixes('connection-limits'),
        }),
      ];
    default:
      return [
        finding('connect.failed', { detail: `Connecting to ${where} failed: ${failure.message}.`, evidence }),
      ];
  }
}

/** bannerFindings: the greeting is the first proof that an FTP server, and a ready one, is there. */
export function bannerFindings(ctx: DiagnosisContext): Finding[] {
  const banner = ctx.data('banner');
  if (!banner) return [];
  const notFtp = banner.nonFtpText === undefined ? null : nonFtpFindings(ctx, banner, banner.nonFtpText);
  if (notFtp !== null) return notFtp;
  const delayed =
    banner.greeting?.code === 220 ? banner.preliminary.map((reply) => delayedFinding(reply)) : [];
  if (banner.failure) return [...delayed, ...bannerFailureFindings(ctx, banner, banner.failure)];
  return [...delayed, ...greetingFindings(ctx, banner)];
}

/**
 * nonFtpFindings: the port answered with something that is not an FTP greeting: implicit TLS, a
 * known other service, or unknown text. Null when the probe went on anyway (a failure explains it).
 */
function nonFtpFindings(ctx: DiagnosisContext, banner: BannerData, nonFtpText: string): Finding[] | null {
  const findings: Finding[] = [];
  const port = ctx.result.target.port;
  // The target as the user typed it, so advice such as `sftp -P 22 USER@host` can be pasted.
  const pasteTarget = { host: ctx.result.target.host, port };
  const service = detectNonFtpService(nonFtpText, pasteTarget);
  if (service?.service === 'tls') {
    findings.push(
      finding('banner.implicit-tls-port', {
        detail: `Port ${port} started a TLS handshake instead of sending an FTP greeting: it serves implicit FTPS. ${service.advice}`,
        evidence: [observation(`first bytes: ${JSON.stringify(nonFtpText.slice(0, 40))}`)],
        fixes: [
          {
            audience: 'client',
            dialect: 'generic',
            title: 'Use implicit FTPS',
            sources: [cite('curl.1', 'ftps:// (implicit TLS, port 990)')],
            text: `ftp-doctor ftps://${formatEndpoint(ctx.result.target.host, port)}`,
          },
        ],
      }),
    );
    return findings;
  }
  if (service) {
    findings.push(
      finding('banner.not-ftp', {
        title: `This port speaks ${service.name}, not FTP`,
        detail: service.advice,
        evidence: [observation(`first bytes: ${JSON.stringify(nonFtpText.slice(0, 120))}`)],
      }),
    );
    return findings;
  }
  if (!banner.failure) {
    // The probe stopped at a greeting it judged not to be FTP; never let that end in silence.
    findings.push(
      finding('banner.not-ftp', {
        detail: `The greeting does not come from an FTP server, so the probe stopped there. Check that port ${port} belongs to the FTP server (usually 21).`,
        evidence: [observation(`first bytes: ${JSON.stringify(nonFtpText.slice(0, 120))}`)],
      }),
    );
    return findings;
  }
  return null;
}

/** delayedFinding: a 120 "ready in N minutes" before the 220. */
function delayedFinding(preliminary: Reply): Finding {
  return finding('banner.delayed', {
    detail: `The server first answered 120 ("${firstLine(preliminary)}") and became ready only later. Clients with short timeouts give up in between.`,
    evidence: [replyEvidence(null, preliminary)],
  });
}

/** bannerFailureFindings: no usable greeting came: silence, a closed connection, or bytes that are no reply. */
function bannerFailureFindings(ctx: DiagnosisContext, banner: BannerData, failure: FailureInfo): Finding[] {
  const findings: Finding[] = [];
  if (banner.preliminary.length > 0 && (failure.kind === 'transport' || failure.kind === 'deadline')) {
    findings.push(
      finding('banner.not-ready', {
        detail: `The server said it would be ready later (120) but sent no 220 greeting before the timeout.`,
        evidence: [...banner.preliminary.map((r) => replyEvidence(null, r)), failureEvidence(failure)],
      }),
    );
  } else if (failure.kind === 'transport' && (failure.failure === 'timeout' || failure.failure === 'other')) {
    findings.push(...silentGreetingFindings(ctx, banner, failure));
  } else if (failure.kind === 'transport') {
    findings.push(
      finding('banner.closed', {
        detail: `The server closed the connection (${failure.failure}) before sending a greeting. It may limit connections per address (tcp_wrappers, max_per_ip, MaxClientsPerHost), or the daemon fails at start-up for each session; its log says which.`,
        evidence: [failureEvidence(failure)],
        fixes: ctx.serverFixes('connection-limits'),
      }),
    );
  } else if (failure.kind === 'protocol') {
    findings.push(
      finding('banner.malformed', {
        detail: malformedGreeting(failure.violation),
        evidence: [failureEvidence(failure)],
      }),
    );
  }
  return findings;
}

/**
 * silentGreetingFindings: no greeting before the timeout. The implicit-TLS check on a second
 * connection tells an implicit-FTPS port, another TLS service and a silent FTP port apart.
 */
function silentGreetingFindings(ctx: DiagnosisContext, banner: BannerData, failure: FailureInfo): Finding[] {
  const check = banner.implicitTlsCheck;
  if (check?.outcome !== 'handshake-completed') return [silentPortFinding(ctx, check, failure)];
  const greeting = check.greetingOverTls;
  if (greeting !== undefined && !/^\d{3}[ -]/.test(greeting ?? ''))
    return [tlsNotFtpFinding(ctx, check, failure)];
  return [implicitTlsPortFinding(ctx, check, failure)];
}

/** tlsNotFtpFinding: TLS completed on a second connection, but no FTP greeting came inside it. */
function tlsNotFtpFinding(ctx: DiagnosisContext, check: ImplicitTlsCheck, failure: FailureInfo): Finding {
  return finding('banner.not-ftp', {
    title: 'This port speaks TLS, but not FTP inside it',
    detail: `No FTP greeting arrived within ${ctx.result.options.replyTimeoutMs} ms. A second connection completed a TLS handshake (${check.protocol ?? 'TLS'}), but no FTP greeting followed inside TLS${check.greetingOverTls ? ` (it sent ${JSON.stringify(check.greetingOverTls.slice(0, 60))})` : ''}: an implicit-FTPS server greets at once, so this is another TLS service — most likely HTTPS. Check the port number.`,
    evidence: [
      failureEvidence(failure),
      observation(
        `second connection: TLS handshake completed, then ${check.greetingOverTls === null ? 'silence' : 'no FTP reply'}`,
      ),
    ],
  });
}

/** implicitTlsPortFinding: silent in plain text, but TLS from the first byte works: implicit FTPS. */
function implicitTlsPortFinding(
  ctx: DiagnosisContext,
  check: ImplicitTlsCheck,
  failure: FailureInfo,
): Finding {
  const port = ctx.result.target.port;
  const where = formatEndpoint(ctx.result.target.host, port);
  return finding('banner.implicit-tls-port', {
    detail: `No FTP greeting arrived within ${ctx.result.options.replyTimeoutMs} ms, but a second connection that started TLS at once completed a handshake (${check.protocol ?? 'TLS'}, ${check.handshakeMs ?? '?'} ms). Port ${port} serves implicit FTPS: TLS starts with the first byte and the greeting comes only inside it, so plain FTP and AUTH TLS clients wait forever. Use ftps://${where} (implicit TLS); explicit FTPS (ftpes://) is normally on port 21.`,
    evidence: [
      failureEvidence(failure),
      observation(
        `second connection: TLS handshake completed (${check.protocol ?? 'unknown protocol'}) in ${check.handshakeMs ?? '?'} ms`,
      ),
    ],
    fixes: [
      {
        audience: 'client',
        dialect: 'generic',
        title: 'Use implicit FTPS',
        sources: [cite('curl.1', 'ftps:// (implicit TLS, port 990)')],
        text: `ftp-doctor ftps://${where}`,
      },
    ],
  });
}

/**
 * silentPortFinding: the port accepted the connection and said nothing, and TLS on a second
 * connection did not help (or was not tried).
 */
function silentPortFinding(
  ctx: DiagnosisContext,
  check: ImplicitTlsCheck | undefined,
  failure: FailureInfo,
): Finding {
  return finding('banner.missing', {
    detail: `The TCP connection to port ${ctx.result.target.port} opened, but no greeting arrived within ${ctx.result.options.replyTimeoutMs} ms. An FTP server may be overloaded or stuck looking up the client's name (ProFTPD UseReverseDNS and IdentLookups, tcp_wrappers rules with host names). Or the port belongs to a service that waits for the client to speak first, such as a web server (HTTP) or a database.${implicitTlsHint(ctx, check)}`,
    evidence: [
      failureEvidence(failure),
      ...(check?.failure ? [observation(`second connection, TLS handshake: ${check.failure.message}`)] : []),
    ],
    fixes: slowGreetingFixes(),
  });
}

/** implicitTlsHint: what the second connection's TLS attempt says about implicit FTPS, if anything. */
function implicitTlsHint(ctx: DiagnosisContext, check: ImplicitTlsCheck | undefined): string {
  if (check?.outcome === 'handshake-failed')
    return ` A TLS handshake on a second connection failed too (${tlsCheckReason(check.failure?.message)}), so it does not look like an implicit-FTPS port.`;
  if (check?.outcome === 'connect-failed')
    return ` A second connection, to try a TLS handshake (implicit FTPS), could not be opened (${check.failure?.message ?? 'no reason given'}).`;
  if (ctx.result.target.scheme === 'ftp' && ctx.result.options.tls !== 'implicit')
    return ` Implicit-FTPS ports (usually 990) also stay silent until the client starts TLS: if this is one, use ftps://.`;
  return '';
}

/** slowGreetingFixes: the server settings that look up the client before greeting it. */
function slowGreetingFixes(): Fix[] {
  return [
    {
      audience: 'server',
      dialect: 'vsftpd',
      title: 'vsftpd: skip the tcp_wrappers check before the greeting',
      sources: [cite('vsftpd.conf.5', 'tcp_wrappers')],
      // reverse_lookup_enable is a Red Hat addition that acts at login, not before the
      // greeting, and Debian's and upstream vsftpd refuse to start with it.
      text: [
        '# vsftpd greets at once, unless tcp_wrappers=YES makes it consult /etc/hosts.allow and /etc/hosts.deny first, which looks up the client’s name when they use host names or PARANOID. Write addresses there, or turn the check off:',
        '# In /etc/vsftpd.conf (RHEL/Fedora: /etc/vsftpd/vsftpd.conf), then: systemctl restart vsftpd',
        'tcp_wrappers=NO',
      ].join('\n'),
    },
    {
      audience: 'server',
      dialect: 'proftpd',
      title: 'ProFTPD: skip the reverse DNS and ident lookups before the greeting',
      sources: [cite('proftpd-mod_core', 'UseReverseDNS'), cite('proftpd-identlookups', 'IdentLookups')],
      // IdentLookups exists only with mod_ident, which Debian does not load by default:
      // unguarded, ProFTPD refuses to start ("unknown configuration directive").
      text: [
        '# In /etc/proftpd/proftpd.conf or a file in /etc/proftpd/conf.d/ (RHEL: /etc/proftpd.conf), then: systemctl restart proftpd',
        'UseReverseDNS off',
        '<IfModule mod_ident.c>',
        '  IdentLookups off',
        '</IfModule>',
      ].join('\n'),
    },
  ];
}

/** greetingFindings: what the greeting reply itself says (421, another service's 220, 230, other codes). */
function greetingFindings(ctx: DiagnosisContext, banner: BannerData): Finding[] {
  const findings: Finding[] = [];
  const port = ctx.result.target.port;
  const pasteTarget = { host: ctx.result.target.host, port };
  const greeting = banner.greeting;
  if (!greeting) return findings;
  if (greeting.code === 421) {
    const known = recognizeMessage(greeting.code, greeting.text);
    findings.push(
      finding('banner.service-unavailable', {
        detail: known
          ? `${known.explanation}`
          : `The server greeted with 421 ("${firstLine(greeting)}") and will close the connection: it is shutting down, over its connection limit, or refuses this client address.`,
        evidence: [replyEvidence(null, greeting)],
        fixes: ctx.serverFixes('connection-limits'),
      }),
    );
  } else if (greeting.code === 220) {
    const service = detectNonFtpService(greeting.lines.join('\n'), pasteTarget);
    if (service && service.service === 'smtp') {
      findings.push(
        finding('banner.not-ftp', {
          title: `This port speaks ${service.name}, not FTP`,
          detail: service.advice,
          evidence: [replyEvidence(null, greeting)],
        }),
      );
    }
  } else if (nextMove('greeting', greeting.code).move === 'logged-in') {
    findings.push(
      finding('banner.preauthenticated', {
        detail: `The server greeted with ${greeting.code} ("${firstLine(greeting)}"): it logged this client in by its address or certificate before any USER. RFC 959 §5.4 lists only 120, 220 and 421 as greetings, but curl takes a 230 greeting as logged in and goes on, as ftp-doctor did (no USER or PASS was sent). Clients that always send USER depend on what the server answers to it then.`,
        evidence: [replyEvidence(null, greeting)],
      }),
    );
  } else if (nextMove('greeting', greeting.code).move === 'ready') {
    findings.push(
      finding('banner.unusual-greeting', {
        detail: `The server greeted with ${greeting.code} ("${firstLine(greeting)}") instead of 220 (RFC 959 §5.4). lftp and Python's ftplib accept any positive greeting and log in, as ftp-doctor did; curl refuses it ("weird server reply", exit 8). Configure the server to greet with 220.`,
        evidence: [replyEvidence(null, greeting)],
      }),
    );
  } else {
    findings.push(
      finding('banner.unexpected-reply', {
        detail: `The first reply was ${greeting.code} ("${firstLine(greeting)}"), not a 220 greeting. ${recognizeMessage(greeting.code, greeting.text)?.explanation ?? 'The server is not ready to serve this client.'}`,
        evidence: [replyEvidence(null, greeting)],
      }),
    );
  }
  return findings;
}

/** PLAIN_TEXT_ANSWER: OpenSSL's words for a ClientHello answered with bytes that are not TLS. */
const PLAIN_TEXT_ANSWER = /wrong version number|packet length too long|unknown protocol|http request/i;

/**
 * tlsCheckReason says in words why the implicit-TLS check's handshake failed, without OpenSSL's
 * error-stack noise ("806C…:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:…").
 */
function tlsCheckReason(message: string | undefined): string {
  if (message === undefined) return 'no reason given';
  if (PLAIN_TEXT_ANSWER.test(message))
    return 'the port answered the TLS hello with something that is not TLS, as a web server answers it with an HTTP error';
  const openssl = /SSL routines:[^:]*:([^:\n]+)/.exec(message);
  return openssl ? `TLS handshake failed: ${openssl[1]}` : message;
}

/** malformedGreeting says what was wrong with a greeting that is not a valid FTP reply. */
function malformedGreeting(violation: string): string {
  switch (violation) {
    case 'incomplete-reply':
      return 'The server started a multi-line greeting ("220-…") but never sent its last line ("220 " and text), so no client gets past the greeting. A server stuck while writing it, or a banner file with a broken last line, does this.';
    case 'line-too-long':
    case 'reply-too-long':
      return `The greeting went on past ${MAX_REPLY_LINES.toLocaleString('en')} lines or ${MAX_REPLY_BYTES / 1024 / 1024} MiB without ending (ftp-doctor stops reading there; lines of up to ${MAX_LINE_LENGTH / 1024 / 1024} MiB count towards it). curl gives up long before (at about 200,000 characters on one line, measured with curl 7.88), so what answers on this port floods rather than greets: check what really listens there, and shorten the banner file.`;
    default:
      return `What the server sent is not an FTP reply (${violation}): a reply starts with three digits and a space or hyphen (RFC 959 §4.2). A proxy, a load balancer's health page or a different service may answer on this port.`;
  }
}
