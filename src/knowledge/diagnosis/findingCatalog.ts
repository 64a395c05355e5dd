import type { StepName } from '../../probe/types.js';
import { cite, rfc, type Sources, sources } from '../sources.js';
import { EXIT, type ExitCode, type Severity } from '../types.js';

/** FindingSpec: a finding's catalog row; the rules fill in its detail, evidence and fixes. */
export interface FindingSpec {
  readonly step: StepName;
  /** Severity when nothing in the evidence raises or lowers it. */
  readonly severity: Severity;
  /** Exit code when the finding is an error. */
  readonly exitCode: ExitCode;
  readonly title: string;
  /** Where the explanation can be checked: RFC sections, manual pages, server sources. At least one. */
  readonly sources: Sources;
}

/**
 * FINDINGS lists every finding ftp-doctor can report, under a stable id that scripts may match on.
 * Ids are never renamed or reused within a major version; detail and fixes are built from the
 * evidence by the rules in src/knowledge/diagnosis/.
 */
export const FINDINGS = {
  'dns.not-found': {
    step: 'resolve',
    severity: 'error',
    exitCode: EXIT.unreachable,
    title: 'The host name does not exist in DNS',
    sources: [rfc(1035, '4.1.1'), rfc(2308, '2.1'), cite('linux-man-pages', 'getaddrinfo(3) EAI_NONAME')],
  },
  'dns.failed': {
    step: 'resolve',
    severity: 'error',
    exitCode: EXIT.unreachable,
    title: 'DNS lookup failed',
    sources: [rfc(1035, '4.1.1'), cite('linux-man-pages', 'getaddrinfo(3)')],
  },
  'dns.no-address-for-family': {
    step: 'resolve',
    severity: 'error',
    exitCode: EXIT.unreachable,
    title: 'No address of the requested IP version',
    sources: [rfc(1035, '3.2.2'), cite('linux-man-pages', 'getaddrinfo(3) EAI_ADDRFAMILY, EAI_NODATA')],
  },
  'dns.addresses-differ': {
    step: 'resolve',
    severity: 'warning',
    exitCode: EXIT.healthy,
    title: 'The addresses of this name behave differently',
    sources: [rfc(8305, '4')],
  },
  'dns.other-addresses': {
    step: 'resolve',
    severity: 'info',
    exitCode: EXIT.healthy,
    title: 'The name has more addresses than the one probed',
    sources: [rfc(8305, '4')],
  },

  'connect.refused': {
    step: 'connect',
    severity: 'error',
    exitCode: EXIT.unreachable,
    title: 'Connection to the control port refused',
    sources: [
      rfc(9293, '3.5.2'),
      rfc(1122, '4.2.3.9'),
      cite('linux-man-pages', 'connect(2) ECONNREFUSED'),
      cite('iptables-extensions.8', 'REJECT (--reject-with)'),
    ],
  },
  'connect.timeout': {
    step: 'connect',
    severity: 'error',
    exitCode: EXIT.unreachable,
    title: 'No answer from the control port (timeout)',
    sources: [cite('linux-man-pages', 'connect(2) ETIMEDOUT'), cite('iptables.8', 'TARGETS (DROP)')],
  },
  'connect.unreachable': {
    step: 'connect',
    severity: 'error',
    exitCode: EXIT.unreachable,
    title: 'The server is unreachable (ICMP error)',
    sources: [
      rfc(792, 'Destination Unreachable Message'),
      rfc(1122, '4.2.3.9'),
      cite('linux-man-pages', 'connect(2) EHOSTUNREACH, ENETUNREACH'),
    ],
  },
  'connect.failed': {
    step: 'connect',
    severity: 'error',
    exitCode: EXIT.unreachable,
    title: 'Could not connect to the control port',
    sources: [cite('linux-man-pages', 'connect(2)')],
  },

  'reply.oversized': {
    step: 'banner',
    severity: 'warning',
    exitCode: EXIT.notReady,
    title: 'A reply is far longer than FTP replies should be',
    sources: [rfc(959, '4.2'), rfc(959, '5.3')],
  },
  'reply.unusual-characters': {
    step: 'banner',
    severity: 'warning',
    exitCode: EXIT.notReady,
    title: 'Replies contain control characters or bytes that are not text',
    sources: [rfc(959, '4.2'), rfc(2640, '2')],
  },

  'banner.preauthenticated': {
    step: 'banner',
    severity: 'info',
    exitCode: EXIT.notReady,
    title: 'The greeting logged the client in (230): pre-authenticated',
    sources: [rfc(959, '5.4'), cite('curl-source', 'ftp_state_servergreet_resp')],
  },
  'banner.unusual-greeting': {
    step: 'banner',
    severity: 'warning',
    exitCode: EXIT.notReady,
    title: 'The greeting is a positive reply other than 220',
    sources: [
      rfc(959, '5.4'),
      cite('python-ftplib', 'FTP.getresp'),
      cite('curl-source', 'ftp_state_servergreet_resp'),
    ],
  },
  'banner.missing': {
    step: 'banner',
    severity: 'error',
    exitCode: EXIT.notReady,
    title: 'The server accepted the connection but sent no greeting',
    sources: [rfc(959, '5.4')],
  },
  'banner.closed': {
    step: 'banner',
    severity: 'error',
    exitCode: EXIT.notReady,
    title: 'The server closed the connection before greeting',
    sources: [rfc(959, '5.4')],
  },
  'banner.service-unavailable': {
    step: 'banner',
    severity: 'error',
    exitCode: EXIT.notReady,
    title: 'The server refuses new sessions (421)',
    sources: [rfc(959, '4.2.2'), rfc(959, '5.4')],
  },
  'banner.delayed': {
    step: 'banner',
    severity: 'warning',
    exitCode: EXIT.notReady,
    title: 'The server asked to wait before it was ready (120)',
    sources: [rfc(959, '4.2.2'), rfc(959, '5.4')],
  },
  'banner.not-ready': {
    step: 'banner',
    severity: 'error',
    exitCode: EXIT.notReady,
    title: 'The server never became ready (120 without 220)',
    sources: [rfc(959, '5.4')],
  },
  'banner.unexpected-reply': {
    step: 'banner',
    severity: 'error',
    exitCode: EXIT.notReady,
    title: 'The greeting is not a 220 reply',
    sources: [rfc(959, '5.4')],
  },
  'banner.malformed': {
    step: 'banner',
    severity: 'error',
    exitCode: EXIT.notReady,
    title: 'The greeting is not a valid FTP reply',
    sources: [rfc(959, '4.2')],
  },
  'banner.not-ftp': {
    step: 'banner',
    severity: 'error',
    exitCode: EXIT.notReady,
    title: 'This port does not speak FTP',
    sources: [rfc(959, '4.2')],
  },
  'banner.implicit-tls-port': {
    step: 'banner',
    severity: 'error',
    exitCode: EXIT.notReady,
    title: 'This port expects TLS first (implicit FTPS)',
    sources: [cite('curl.1', 'ftps:// (implicit TLS, port 990)'), rfc(4217, '4')],
  },

  'features.feat-unsupported': {
    step: 'features',
    severity: 'info',
    exitCode: EXIT.healthy,
    title: 'The server does not list its features (FEAT)',
    sources: [rfc(2389, '3')],
  },

  'tls.not-offered': {
    step: 'tls',
    severity: 'warning',
    exitCode: EXIT.tls,
    title: 'TLS is not offered: credentials and data travel in clear text',
    sources: [rfc(4217, '6'), rfc(2389, '3')],
  },
  'tls.auth-refused': {
    step: 'tls',
    severity: 'warning',
    exitCode: EXIT.tls,
    title: 'The server refused AUTH TLS',
    sources: [rfc(4217, '4'), rfc(2228, '3')],
  },
  'tls.handshake-failed': {
    step: 'tls',
    severity: 'error',
    exitCode: EXIT.tls,
    title: 'The TLS handshake failed',
    sources: [rfc(8446, '6'), rfc(4217, '4')],
  },
  'tls.plain-port': {
    step: 'tls',
    severity: 'error',
    exitCode: EXIT.tls,
    title: 'Implicit TLS was tried on a plain FTP port',
    sources: [rfc(4217, '4')],
  },
  'tls.cert-untrusted': {
    step: 'tls',
    severity: 'error',
    exitCode: EXIT.tls,
    title: 'The certificate is not trusted',
    sources: [rfc(5280, '6'), cite('nodejs-tls', 'X509 certificate error codes')],
  },
  'tls.cert-self-signed': {
    step: 'tls',
    severity: 'error',
    exitCode: EXIT.tls,
    title: 'The certificate is self-signed',
    sources: [rfc(5280, '6'), cite('nodejs-tls', 'DEPTH_ZERO_SELF_SIGNED_CERT')],
  },
  'tls.cert-expired': {
    step: 'tls',
    severity: 'error',
    exitCode: EXIT.tls,
    title: 'The certificate has expired',
    sources: [rfc(5280, '4.1.2.5')],
  },
  'tls.cert-not-yet-valid': {
    step: 'tls',
    severity: 'error',
    exitCode: EXIT.tls,
    title: 'The certificate is not valid yet',
    sources: [rfc(5280, '4.1.2.5')],
  },
  'tls.cert-expiring': {
    step: 'tls',
    severity: 'warning',
    exitCode: EXIT.tls,
    title: 'The certificate expires soon',
    sources: [rfc(5280, '4.1.2.5')],
  },
  'tls.cert-name-mismatch': {
    step: 'tls',
    severity: 'error',
    exitCode: EXIT.tls,
    title: 'The certificate does not name this host',
    sources: [rfc(9525, '6')],
  },
  'tls.old-protocol': {
    step: 'tls',
    severity: 'warning',
    exitCode: EXIT.tls,
    title: 'The server negotiated an outdated TLS version',
    sources: [rfc(8996, '1')],
  },
  'tls.protection-refused': {
    step: 'tls',
    severity: 'warning',
    exitCode: EXIT.tls,
    title: 'The server refused to protect the data channel (PBSZ/PROT)',
    sources: [rfc(4217, '9'), rfc(2228, '3')],
  },

  'login.anonymous-refused': {
    step: 'login',
    severity: 'error',
    exitCode: EXIT.login,
    title: 'Anonymous login is not allowed',
    sources: [rfc(959, '4.2.2'), rfc(1635, '2'), cite('vsftpd.conf.5', 'anonymous_enable')],
  },
  'login.refused': {
    step: 'login',
    severity: 'error',
    exitCode: EXIT.login,
    title: 'Login refused: user name or password not accepted',
    sources: [rfc(959, '4.2.2'), rfc(959, '5.4')],
  },
  'login.tls-required': {
    step: 'login',
    severity: 'error',
    exitCode: EXIT.login,
    title: 'The server requires TLS before login',
    sources: [
      rfc(4217, '4'),
      cite('vsftpd.conf.5', 'force_local_logins_ssl'),
      cite('proftpd-mod_tls', 'TLSRequired'),
      cite('iis-ftp-docs', 'security/ssl (controlChannelPolicy)'),
    ],
  },
  'login.too-many-connections': {
    step: 'login',
    severity: 'error',
    exitCode: EXIT.login,
    title: 'The server refused the login: too many connections',
    sources: [
      cite('vsftpd.conf.5', 'max_clients, max_per_ip'),
      cite('proftpd-mod_auth', 'MaxClients, MaxClientsPerHost'),
      cite('pure-ftpd.8', '-c, -C'),
    ],
  },
  'login.account-required': {
    step: 'login',
    severity: 'error',
    exitCode: EXIT.login,
    title: 'The server wants an account (ACCT) as well',
    sources: [rfc(959, '4.1.1'), rfc(959, '5.4')],
  },
  'login.anonymous-tls-refused': {
    step: 'login',
    severity: 'error',
    exitCode: EXIT.login,
    title: 'Anonymous logins are refused over TLS',
    sources: [cite('vsftpd.conf.5', 'allow_anon_ssl')],
  },
  'login.server-error': {
    step: 'login',
    severity: 'error',
    exitCode: EXIT.login,
    title: 'The server failed while logging in',
    sources: [cite('vsftpd-source', 'utility.c bug(), called by die() ("500 OOPS:")'), rfc(959, '4.2.2')],
  },
  'login.failed': {
    step: 'login',
    severity: 'error',
    exitCode: EXIT.login,
    title: 'Login failed',
    sources: [rfc(959, '5.4')],
  },
  'login.password-in-url': {
    step: 'login',
    severity: 'warning',
    exitCode: EXIT.healthy,
    title: 'A password was given in the URL',
    sources: [rfc(3986, '3.2.1')],
  },

  'epsv.refused': {
    step: 'epsv',
    severity: 'warning',
    exitCode: EXIT.noPassive,
    title: 'The server refused EPSV',
    sources: [rfc(2428, '3')],
  },
  'epsv.malformed': {
    step: 'epsv',
    severity: 'warning',
    exitCode: EXIT.noPassive,
    title: 'The EPSV reply cannot be parsed',
    sources: [rfc(2428, '3')],
  },
  'pasv.refused': {
    step: 'pasv',
    severity: 'warning',
    exitCode: EXIT.noPassive,
    title: 'The server refused PASV',
    sources: [rfc(959, '4.1.2'), rfc(959, '5.4')],
  },
  'pasv.refused-ipv6': {
    step: 'pasv',
    severity: 'info',
    exitCode: EXIT.healthy,
    title: 'PASV is not available over IPv6 (EPSV is used instead)',
    sources: [rfc(2428, '1'), cite('pure-ftpd-source', 'src/ftpd.c dopasv() (425 on IPv6)')],
  },
  'pasv.malformed': {
    step: 'pasv',
    severity: 'warning',
    exitCode: EXIT.noPassive,
    title: 'The PASV reply cannot be parsed',
    sources: [rfc(959, '4.1.2'), rfc(1123, '4.1.2.6')],
  },
  'pasv.address-private': {
    step: 'pasv',
    severity: 'warning',
    exitCode: EXIT.dataConnection,
    title: 'PASV advertises a private address',
    sources: [rfc(1918, '3'), rfc(959, '4.1.2')],
  },
  'pasv.address-loopback': {
    step: 'pasv',
    severity: 'warning',
    exitCode: EXIT.dataConnection,
    title: 'PASV advertises a loopback address',
    sources: [rfc(1122, '3.2.1.3'), rfc(4291, '2.5.3')],
  },
  'pasv.address-unspecified': {
    step: 'pasv',
    severity: 'warning',
    exitCode: EXIT.dataConnection,
    title: 'PASV advertises 0.0.0.0',
    sources: [rfc(1122, '3.2.1.3')],
  },
  'pasv.address-link-local': {
    step: 'pasv',
    severity: 'warning',
    exitCode: EXIT.dataConnection,
    title: 'PASV advertises a link-local address',
    sources: [rfc(3927, '1'), rfc(4291, '2.5.6')],
  },
  'pasv.address-shared': {
    step: 'pasv',
    severity: 'warning',
    exitCode: EXIT.dataConnection,
    title: 'PASV advertises a carrier-grade NAT address',
    sources: [rfc(6598, '1')],
  },
  'pasv.address-different': {
    step: 'pasv',
    severity: 'warning',
    exitCode: EXIT.dataConnection,
    title: 'PASV advertises a different public address',
    sources: [rfc(959, '4.1.2'), cite('curl.1', '--ftp-skip-pasv-ip')],
  },
  'passive.range-observed': {
    step: 'pasv',
    severity: 'info',
    exitCode: EXIT.healthy,
    title: 'Passive ports seen in the samples',
    sources: [
      cite('vsftpd.conf.5', 'pasv_min_port, pasv_max_port'),
      cite('proftpd-mod_core', 'PassivePorts'),
      cite('pure-ftpd.8', '-p (passiveportrange)'),
    ],
  },
  'passive.port-outside-range': {
    step: 'pasv',
    severity: 'warning',
    exitCode: EXIT.dataConnection,
    title: 'The server hands out passive ports outside the range you gave',
    sources: [
      rfc(959, '4.1.2 PASV'),
      cite('vsftpd.conf.5', 'pasv_min_port, pasv_max_port'),
      cite('proftpd-mod_core', 'PassivePorts'),
      cite('pure-ftpd.8', '-p (passiveportrange)'),
    ],
  },
  'passive.none': {
    step: 'pasv',
    severity: 'error',
    exitCode: EXIT.noPassive,
    title: 'No passive mode works: EPSV and PASV both failed',
    sources: [rfc(959, '4.1.2'), rfc(2428, '3')],
  },

  'data.port-closed': {
    step: 'pasv',
    severity: 'error',
    exitCode: EXIT.dataConnection,
    title: 'The passive data port is closed',
    sources: [
      rfc(9293, '3.5.2'),
      rfc(1122, '4.2.3.9'),
      cite('iptables-extensions.8', 'REJECT (--reject-with)'),
    ],
  },
  'data.port-filtered': {
    step: 'pasv',
    severity: 'error',
    exitCode: EXIT.dataConnection,
    title: 'The passive data port is filtered',
    sources: [cite('iptables.8', 'TARGETS (DROP)'), cite('nft.8', 'VERDICT STATEMENT (drop)')],
  },
  'data.port-unreachable': {
    step: 'pasv',
    severity: 'error',
    exitCode: EXIT.dataConnection,
    title: 'The passive data port is unreachable',
    sources: [
      rfc(792, 'Destination Unreachable Message'),
      cite('iptables-extensions.8', 'REJECT (--reject-with)'),
    ],
  },
  'data.advertised-address-fails': {
    step: 'pasv',
    severity: 'warning',
    exitCode: EXIT.dataConnection,
    title: 'The advertised PASV address does not answer',
    sources: [rfc(959, '4.1.2'), rfc(2428, '3')],
  },

  'transfer.refused': {
    step: 'transfer',
    severity: 'error',
    exitCode: EXIT.transfer,
    title: 'The directory listing was refused',
    sources: [rfc(959, '4.2.2'), rfc(959, '5.4')],
  },
  'transfer.failed': {
    step: 'transfer',
    severity: 'error',
    exitCode: EXIT.transfer,
    title: 'The directory listing failed after the data connection opened',
    sources: [rfc(959, '4.2.2'), rfc(959, '5.4')],
  },
  'transfer.data-timeout': {
    step: 'transfer',
    severity: 'error',
    exitCode: EXIT.transfer,
    title: 'The data connection went silent',
    sources: [
      cite('vsftpd.conf.5', 'data_connection_timeout'),
      cite('proftpd-mod_core', 'TimeoutStalled'),
      rfc(2923, '2.1'),
    ],
  },
  'transfer.tls-session-reuse': {
    step: 'transfer',
    severity: 'info',
    exitCode: EXIT.healthy,
    title: 'The server requires TLS session reuse on data connections',
    sources: [
      cite('vsftpd.conf.5', 'require_ssl_reuse'),
      cite('proftpd-mod_tls', 'TLSOptions NoSessionReuseRequired'),
      cite('commons-net-408', 'FileZilla Server: TLS session resumption on data connections'),
    ],
  },
  'transfer.tls-data-failed': {
    step: 'transfer',
    severity: 'error',
    exitCode: EXIT.transfer,
    title: 'TLS on the data connection failed',
    sources: [rfc(4217, '9'), rfc(8446, '6')],
  },
  'transfer.truncated': {
    step: 'transfer',
    severity: 'info',
    exitCode: EXIT.healthy,
    title: 'The listing was cut at the size limit',
    sources: [rfc(959, '4.2.2'), rfc(959, '3.4')],
  },

  'tls.data-resumption-refused': {
    step: 'transfer',
    severity: 'error',
    exitCode: EXIT.transfer,
    title: 'The server refuses TLS data connections that resume the control session',
    sources: sources(rfc(8446, '2.2'), cite('curl.1', '--no-sessionid')),
  },
  'tls.data-resumption-policy': {
    step: 'transfer',
    severity: 'info',
    exitCode: EXIT.healthy,
    title: 'The server accepts TLS data connections with or without session resumption',
    sources: sources(
      cite('vsftpd.conf.5', 'require_ssl_reuse'),
      cite('proftpd-mod_tls', 'TLSOptions NoSessionReuseRequired'),
      cite('aws-transfer-family', 'TlsSessionResumptionMode'),
    ),
  },

  'pasv.other-server': {
    step: 'pasv',
    severity: 'warning',
    exitCode: EXIT.healthy,
    title: 'A second connection to the same address reached another server',
    sources: sources(rfc(959, '3.2'), cite('kubernetes-services', 'sessionAffinity')),
  },
  'repeat.intermittent': {
    step: 'transfer',
    severity: 'error',
    exitCode: EXIT.dataConnection,
    title: 'The failure is intermittent',
    sources: sources(rfc(959, '3.2')),
  },
  'repeat.other-backend': {
    step: 'transfer',
    severity: 'error',
    exitCode: EXIT.dataConnection,
    title: 'Data connections reach another server than the control connection',
    sources: sources(rfc(959, '3.2'), cite('kubernetes-services', 'sessionAffinity')),
  },
  'repeat.bad-ip': {
    step: 'transfer',
    severity: 'error',
    exitCode: EXIT.dataConnection,
    title: 'The server refused data connections from another address (Bad IP connecting)',
    sources: sources(cite('vsftpd.conf.5', 'pasv_promiscuous')),
  },
  'repeat.summary': {
    step: 'transfer',
    severity: 'info',
    exitCode: EXIT.healthy,
    title: 'Repeated sessions',
    sources: sources(rfc(959, '3.2')),
  },

  'pasv.address-docker-bridge': {
    step: 'pasv',
    severity: 'warning',
    exitCode: EXIT.healthy,
    title: "PASV advertises a Docker bridge address (the container's own address)",
    sources: sources(cite('docker-networking', 'Published ports'), rfc(1918, '3')),
  },

  'active.works': {
    step: 'active',
    severity: 'info',
    exitCode: EXIT.healthy,
    title: 'Active mode works',
    sources: [rfc(959, '4.1.2'), rfc(2428, '2')],
  },
  'active.refused': {
    step: 'active',
    severity: 'warning',
    exitCode: EXIT.healthy,
    title: 'The server refused active mode',
    sources: [rfc(959, '4.1.2'), rfc(2428, '2')],
  },
  'active.no-connection': {
    step: 'active',
    severity: 'warning',
    exitCode: EXIT.healthy,
    title: 'The server accepted PORT/EPRT but never connected back',
    sources: [rfc(959, '4.1.2'), rfc(2428, '2')],
  },
  'active.server-cannot-connect': {
    step: 'active',
    severity: 'warning',
    exitCode: EXIT.healthy,
    title: 'The server could not open the active data connection',
    sources: [rfc(959, '4.2.2'), rfc(2428, '2')],
  },

  'epsv.all-unsupported': {
    step: 'epsv',
    severity: 'info',
    exitCode: EXIT.healthy,
    title: 'The server does not accept EPSV ALL',
    sources: [rfc(2428, '4')],
  },
  'ipv6.epsv-required': {
    step: 'epsv',
    severity: 'error',
    exitCode: EXIT.noPassive,
    title: 'IPv6 clients cannot transfer: EPSV is refused',
    sources: [rfc(2428, '1'), rfc(2428, '3')],
  },
  'scan.all-reachable': {
    step: 'scan',
    severity: 'info',
    exitCode: EXIT.healthy,
    title: 'The whole passive range reaches the server',
    sources: [cite('vsftpd.conf.5', 'pasv_min_port, pasv_max_port'), cite('nft.8', 'VERDICT STATEMENT')],
  },
  'scan.partly-blocked': {
    step: 'scan',
    severity: 'error',
    exitCode: EXIT.dataConnection,
    title: 'Part of the passive range is blocked',
    sources: [cite('vsftpd.conf.5', 'pasv_min_port, pasv_max_port'), cite('nft.8', 'VERDICT STATEMENT')],
  },
  'scan.all-blocked': {
    step: 'scan',
    severity: 'error',
    exitCode: EXIT.dataConnection,
    title: 'The whole passive range is blocked',
    sources: [cite('vsftpd.conf.5', 'pasv_min_port, pasv_max_port'), cite('nft.8', 'VERDICT STATEMENT')],
  },

  'quit.no-reply': {
    step: 'quit',
    severity: 'info',
    exitCode: EXIT.healthy,
    title: 'The server did not answer QUIT',
    sources: [rfc(959, '5.4')],
  },
  'probe.interrupted': {
    step: 'quit',
    severity: 'warning',
    exitCode: EXIT.incomplete,
    title: 'The probe was cut short',
    sources: [cite('linux-man-pages', 'signal(7)')],
  },
  'probe.protocol-violation': {
    step: 'quit',
    severity: 'error',
    exitCode: EXIT.notReady,
    title: 'The server broke the FTP protocol',
    sources: [rfc(959, '4.2')],
  },
} as const satisfies Record<string, FindingSpec>;

/** FindingCatalog: finding rows under their ids, as FINDINGS and each step's own knowledge hold them. */
export type FindingCatalog = Readonly<Record<string, FindingSpec>>;

export type FindingId = keyof typeof FINDINGS;
