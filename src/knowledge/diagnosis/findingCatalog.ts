import type { StepName } from '../../probe/types.js';
import { EXIT, type ExitCode, type Severity } from '../types.js';

interface FindingSpec {
  readonly step: StepName;
  /** Severity when nothing in the evidence raises or lowers it. */
  readonly severity: Severity;
  /** Exit code when the finding is an error. */
  readonly exitCode: ExitCode;
  readonly title: string;
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
  },
  'dns.failed': {
    step: 'resolve',
    severity: 'error',
    exitCode: EXIT.unreachable,
    title: 'DNS lookup failed',
  },
  'dns.no-address-for-family': {
    step: 'resolve',
    severity: 'error',
    exitCode: EXIT.unreachable,
    title: 'No address of the requested IP version',
  },
  'dns.addresses-differ': {
    step: 'resolve',
    severity: 'warning',
    exitCode: EXIT.healthy,
    title: 'The addresses of this name behave differently',
  },
  'dns.other-addresses': {
    step: 'resolve',
    severity: 'info',
    exitCode: EXIT.healthy,
    title: 'The name has more addresses than the one probed',
  },

  'connect.refused': {
    step: 'connect',
    severity: 'error',
    exitCode: EXIT.unreachable,
    title: 'Connection to the control port refused',
  },
  'connect.timeout': {
    step: 'connect',
    severity: 'error',
    exitCode: EXIT.unreachable,
    title: 'No answer from the control port (timeout)',
  },
  'connect.unreachable': {
    step: 'connect',
    severity: 'error',
    exitCode: EXIT.unreachable,
    title: 'The server is unreachable (ICMP error)',
  },
  'connect.failed': {
    step: 'connect',
    severity: 'error',
    exitCode: EXIT.unreachable,
    title: 'Could not connect to the control port',
  },

  'reply.oversized': {
    step: 'banner',
    severity: 'warning',
    exitCode: EXIT.notReady,
    title: 'A reply is far longer than FTP replies should be',
  },
  'reply.unusual-characters': {
    step: 'banner',
    severity: 'warning',
    exitCode: EXIT.notReady,
    title: 'Replies contain control characters or bytes that are not text',
  },

  'banner.missing': {
    step: 'banner',
    severity: 'error',
    exitCode: EXIT.notReady,
    title: 'The server accepted the connection but sent no greeting',
  },
  'banner.closed': {
    step: 'banner',
    severity: 'error',
    exitCode: EXIT.notReady,
    title: 'The server closed the connection before greeting',
  },
  'banner.service-unavailable': {
    step: 'banner',
    severity: 'error',
    exitCode: EXIT.notReady,
    title: 'The server refuses new sessions (421)',
  },
  'banner.delayed': {
    step: 'banner',
    severity: 'warning',
    exitCode: EXIT.notReady,
    title: 'The server asked to wait before it was ready (120)',
  },
  'banner.not-ready': {
    step: 'banner',
    severity: 'error',
    exitCode: EXIT.notReady,
    title: 'The server never became ready (120 without 220)',
  },
  'banner.unexpected-reply': {
    step: 'banner',
    severity: 'error',
    exitCode: EXIT.notReady,
    title: 'The greeting is not a 220 reply',
  },
  'banner.malformed': {
    step: 'banner',
    severity: 'error',
    exitCode: EXIT.notReady,
    title: 'The greeting is not a valid FTP reply',
  },
  'banner.not-ftp': {
    step: 'banner',
    severity: 'error',
    exitCode: EXIT.notReady,
    title: 'This port does not speak FTP',
  },
  'banner.implicit-tls-port': {
    step: 'banner',
    severity: 'error',
    exitCode: EXIT.notReady,
    title: 'This port expects TLS first (implicit FTPS)',
  },

  'features.feat-unsupported': {
    step: 'features',
    severity: 'info',
    exitCode: EXIT.healthy,
    title: 'The server does not list its features (FEAT)',
  },

  'tls.not-offered': {
    step: 'tls',
    severity: 'warning',
    exitCode: EXIT.tls,
    title: 'TLS is not offered: credentials and data travel in clear text',
  },
  'tls.auth-refused': {
    step: 'tls',
    severity: 'warning',
    exitCode: EXIT.tls,
    title: 'The server refused AUTH TLS',
  },
  'tls.handshake-failed': {
    step: 'tls',
    severity: 'error',
    exitCode: EXIT.tls,
    title: 'The TLS handshake failed',
  },
  'tls.plain-port': {
    step: 'tls',
    severity: 'error',
    exitCode: EXIT.tls,
    title: 'Implicit TLS was tried on a plain FTP port',
  },
  'tls.cert-untrusted': {
    step: 'tls',
    severity: 'error',
    exitCode: EXIT.tls,
    title: 'The certificate is not trusted',
  },
  'tls.cert-self-signed': {
    step: 'tls',
    severity: 'error',
    exitCode: EXIT.tls,
    title: 'The certificate is self-signed',
  },
  'tls.cert-expired': {
    step: 'tls',
    severity: 'error',
    exitCode: EXIT.tls,
    title: 'The certificate has expired',
  },
  'tls.cert-not-yet-valid': {
    step: 'tls',
    severity: 'error',
    exitCode: EXIT.tls,
    title: 'The certificate is not valid yet',
  },
  'tls.cert-expiring': {
    step: 'tls',
    severity: 'warning',
    exitCode: EXIT.tls,
    title: 'The certificate expires soon',
  },
  'tls.cert-name-mismatch': {
    step: 'tls',
    severity: 'error',
    exitCode: EXIT.tls,
    title: 'The certificate does not name this host',
  },
  'tls.old-protocol': {
    step: 'tls',
    severity: 'warning',
    exitCode: EXIT.tls,
    title: 'The server negotiated an outdated TLS version',
  },
  'tls.protection-refused': {
    step: 'tls',
    severity: 'warning',
    exitCode: EXIT.tls,
    title: 'The server refused to protect the data channel (PBSZ/PROT)',
  },

  'login.anonymous-refused': {
    step: 'login',
    severity: 'error',
    exitCode: EXIT.login,
    title: 'Anonymous login is not allowed',
  },
  'login.refused': {
    step: 'login',
    severity: 'error',
    exitCode: EXIT.login,
    title: 'Login refused: user name or password not accepted',
  },
  'login.tls-required': {
    step: 'login',
    severity: 'error',
    exitCode: EXIT.login,
    title: 'The server requires TLS before login',
  },
  'login.too-many-connections': {
    step: 'login',
    severity: 'error',
    exitCode: EXIT.login,
    title: 'The server refused the login: too many connections',
  },
  'login.account-required': {
    step: 'login',
    severity: 'error',
    exitCode: EXIT.login,
    title: 'The server wants an account (ACCT) as well',
  },
  'login.anonymous-tls-refused': {
    step: 'login',
    severity: 'error',
    exitCode: EXIT.login,
    title: 'Anonymous logins are refused over TLS',
  },
  'login.server-error': {
    step: 'login',
    severity: 'error',
    exitCode: EXIT.login,
    title: 'The server failed while logging in',
  },
  'login.failed': { step: 'login', severity: 'error', exitCode: EXIT.login, title: 'Login failed' },
  'login.password-in-url': {
    step: 'login',
    severity: 'warning',
    exitCode: EXIT.healthy,
    title: 'A password was given in the URL',
  },

  'epsv.refused': {
    step: 'epsv',
    severity: 'warning',
    exitCode: EXIT.noPassive,
    title: 'The server refused EPSV',
  },
  'epsv.malformed': {
    step: 'epsv',
    severity: 'warning',
    exitCode: EXIT.noPassive,
    title: 'The EPSV reply cannot be parsed',
  },
  'pasv.refused': {
    step: 'pasv',
    severity: 'warning',
    exitCode: EXIT.noPassive,
    title: 'The server refused PASV',
  },
  'pasv.refused-ipv6': {
    step: 'pasv',
    severity: 'info',
    exitCode: EXIT.healthy,
    title: 'PASV is not available over IPv6 (EPSV is used instead)',
  },
  'pasv.malformed': {
    step: 'pasv',
    severity: 'warning',
    exitCode: EXIT.noPassive,
    title: 'The PASV reply cannot be parsed',
  },
  'pasv.address-private': {
    step: 'pasv',
    severity: 'warning',
    exitCode: EXIT.dataConnection,
    title: 'PASV advertises a private address',
  },
  'pasv.address-loopback': {
    step: 'pasv',
    severity: 'warning',
    exitCode: EXIT.dataConnection,
    title: 'PASV advertises a loopback address',
  },
  'pasv.address-unspecified': {
    step: 'pasv',
    severity: 'warning',
    exitCode: EXIT.dataConnection,
    title: 'PASV advertises 0.0.0.0',
  },
  'pasv.address-link-local': {
    step: 'pasv',
    severity: 'warning',
    exitCode: EXIT.dataConnection,
    title: 'PASV advertises a link-local address',
  },
  'pasv.address-shared': {
    step: 'pasv',
    severity: 'warning',
    exitCode: EXIT.dataConnection,
    title: 'PASV advertises a carrier-grade NAT address',
  },
  'pasv.address-different': {
    step: 'pasv',
    severity: 'warning',
    exitCode: EXIT.dataConnection,
    title: 'PASV advertises a different public address',
  },
  'passive.range-observed': {
    step: 'pasv',
    severity: 'info',
    exitCode: EXIT.healthy,
    title: 'Passive ports seen in the samples',
  },
  'passive.none': {
    step: 'pasv',
    severity: 'error',
    exitCode: EXIT.noPassive,
    title: 'No passive mode works: EPSV and PASV both failed',
  },

  'data.port-closed': {
    step: 'pasv',
    severity: 'error',
    exitCode: EXIT.dataConnection,
    title: 'The passive data port is closed',
  },
  'data.port-filtered': {
    step: 'pasv',
    severity: 'error',
    exitCode: EXIT.dataConnection,
    title: 'The passive data port is filtered',
  },
  'data.port-unreachable': {
    step: 'pasv',
    severity: 'error',
    exitCode: EXIT.dataConnection,
    title: 'The passive data port is unreachable',
  },
  'data.advertised-address-fails': {
    step: 'pasv',
    severity: 'warning',
    exitCode: EXIT.dataConnection,
    title: 'The advertised PASV address does not answer',
  },

  'transfer.refused': {
    step: 'transfer',
    severity: 'error',
    exitCode: EXIT.transfer,
    title: 'The directory listing was refused',
  },
  'transfer.failed': {
    step: 'transfer',
    severity: 'error',
    exitCode: EXIT.transfer,
    title: 'The directory listing failed after the data connection opened',
  },
  'transfer.data-timeout': {
    step: 'transfer',
    severity: 'error',
    exitCode: EXIT.transfer,
    title: 'The data connection went silent',
  },
  'transfer.tls-session-reuse': {
    step: 'transfer',
    severity: 'info',
    exitCode: EXIT.healthy,
    title: 'The server requires TLS session reuse on data connections',
  },
  'transfer.tls-data-failed': {
    step: 'transfer',
    severity: 'error',
    exitCode: EXIT.transfer,
    title: 'TLS on the data connection failed',
  },
  'transfer.truncated': {
    step: 'transfer',
    severity: 'info',
    exitCode: EXIT.healthy,
    title: 'The listing was cut at the size limit',
  },

  'write.skipped-anonymous': {
    step: 'write',
    severity: 'info',
    exitCode: EXIT.healthy,
    title: 'The write test did not run for an anonymous login',
  },
  'write.no-permission': {
    step: 'write',
    severity: 'error',
    exitCode: EXIT.transfer,
    title: 'This account may not write here',
  },
  'write.no-space': {
    step: 'write',
    severity: 'error',
    exitCode: EXIT.transfer,
    title: 'The upload failed: quota exceeded or disk full',
  },
  'write.aborted': {
    step: 'write',
    severity: 'error',
    exitCode: EXIT.transfer,
    title: 'The server aborted the upload',
  },
  'write.refused': {
    step: 'write',
    severity: 'error',
    exitCode: EXIT.transfer,
    title: 'The upload was refused',
  },
  'write.data-connection-failed': {
    step: 'write',
    severity: 'error',
    exitCode: EXIT.dataConnection,
    title: 'The data connection for the upload failed',
  },
  'write.stalled': {
    step: 'write',
    severity: 'error',
    exitCode: EXIT.transfer,
    title: 'The upload stalled',
  },
  'write.size-mismatch': {
    step: 'write',
    severity: 'error',
    exitCode: EXIT.transfer,
    title: 'The uploaded file has the wrong size on the server',
  },
  'write.content-mismatch': {
    step: 'write',
    severity: 'error',
    exitCode: EXIT.transfer,
    title: 'The file read back differs from the one uploaded',
  },
  'write.download-failed': {
    step: 'write',
    severity: 'error',
    exitCode: EXIT.transfer,
    title: 'The uploaded file could not be read back',
  },
  'write.not-deleted': {
    step: 'write',
    severity: 'warning',
    exitCode: EXIT.healthy,
    title: 'The temporary test file could not be deleted',
  },
  'write.name-unverified': {
    step: 'write',
    severity: 'warning',
    exitCode: EXIT.healthy,
    title: 'Whether the test file name was free could not be checked',
  },
  'write.works': {
    step: 'write',
    severity: 'info',
    exitCode: EXIT.healthy,
    title: 'Upload, read-back and delete work',
  },
  'tls.data-close-notify-required': {
    step: 'write',
    severity: 'info',
    exitCode: EXIT.healthy,
    title: 'The server counts a TLS data connection closed without close_notify as aborted',
  },
  'tls.data-resumption-refused': {
    step: 'transfer',
    severity: 'error',
    exitCode: EXIT.transfer,
    title: 'The server refuses TLS data connections that resume the control session',
  },
  'tls.data-resumption-policy': {
    step: 'transfer',
    severity: 'info',
    exitCode: EXIT.healthy,
    title: 'The server accepts TLS data connections with or without session resumption',
  },

  'repeat.intermittent': {
    step: 'transfer',
    severity: 'error',
    exitCode: EXIT.dataConnection,
    title: 'The failure is intermittent',
  },
  'repeat.other-backend': {
    step: 'transfer',
    severity: 'error',
    exitCode: EXIT.dataConnection,
    title: 'Data connections reach another server than the control connection',
  },
  'repeat.bad-ip': {
    step: 'transfer',
    severity: 'error',
    exitCode: EXIT.dataConnection,
    title: 'The server refused data connections from another address (Bad IP connecting)',
  },
  'repeat.summary': {
    step: 'transfer',
    severity: 'info',
    exitCode: EXIT.healthy,
    title: 'Repeated sessions',
  },

  'middlebox.pasv-rewritten': {
    step: 'middlebox',
    severity: 'warning',
    exitCode: EXIT.healthy,
    title: 'A device on the path rewrites plain FTP (an FTP helper/ALG), which cannot work for FTPS',
  },
  'pasv.address-docker-bridge': {
    step: 'pasv',
    severity: 'warning',
    exitCode: EXIT.healthy,
    title: "PASV advertises a Docker bridge address (the container's own address)",
  },

  'active.works': { step: 'active', severity: 'info', exitCode: EXIT.healthy, title: 'Active mode works' },
  'active.refused': {
    step: 'active',
    severity: 'warning',
    exitCode: EXIT.healthy,
    title: 'The server refused active mode',
  },
  'active.no-connection': {
    step: 'active',
    severity: 'warning',
    exitCode: EXIT.healthy,
    title: 'The server accepted PORT/EPRT but never connected back',
  },
  'active.server-cannot-connect': {
    step: 'active',
    severity: 'warning',
    exitCode: EXIT.healthy,
    title: 'The server could not open the active data connection',
  },

  'epsv.all-unsupported': {
    step: 'epsv',
    severity: 'info',
    exitCode: EXIT.healthy,
    title: 'The server does not accept EPSV ALL',
  },
  'ipv6.epsv-required': {
    step: 'epsv',
    severity: 'error',
    exitCode: EXIT.noPassive,
    title: 'IPv6 clients cannot transfer: EPSV is refused',
  },
  'scan.all-reachable': {
    step: 'scan',
    severity: 'info',
    exitCode: EXIT.healthy,
    title: 'The whole passive range reaches the server',
  },
  'scan.partly-blocked': {
    step: 'scan',
    severity: 'error',
    exitCode: EXIT.dataConnection,
    title: 'Part of the passive range is blocked',
  },
  'scan.all-blocked': {
    step: 'scan',
    severity: 'error',
    exitCode: EXIT.dataConnection,
    title: 'The whole passive range is blocked',
  },

  'quit.no-reply': {
    step: 'quit',
    severity: 'info',
    exitCode: EXIT.healthy,
    title: 'The server did not answer QUIT',
  },
  'probe.interrupted': {
    step: 'quit',
    severity: 'error',
    exitCode: EXIT.healthy,
    title: 'The probe was cut short',
  },
  'probe.protocol-violation': {
    step: 'quit',
    severity: 'error',
    exitCode: EXIT.notReady,
    title: 'The server broke the FTP protocol',
  },
} as const satisfies Record<string, FindingSpec>;

export type FindingId = keyof typeof FINDINGS;
