/**
 * Well-known reply texts that say more than their code. The wording in `examples` is what the
 * servers really send (taken from their binaries, their source, or a capture); the explanations
 * are ftp-doctor's own.
 */

import { cite, rfc, type Sources } from '../sources.js';
import type { SoftwareId } from './softwareIds.js';

/** KnownMessage: what a recognised reply text means, for the software that sends it. */
export interface KnownMessage {
  /** Stable id, e.g. 'vsftpd.ssl-reuse-required'. */
  readonly id: string;
  /** Software id ('vsftpd', 'proftpd', 'pure-ftpd', 'filezilla-server', 'iis'), or 'generic'. */
  readonly software: SoftwareId | 'generic';
  readonly title: string;
  readonly explanation: string;
  /** One short line saying what to change, when there is a single obvious change. */
  readonly fixHint?: string;
  readonly sources: Sources;
}

/** KnownMessageRule: one table row; `examples` are real texts and double as its test cases. */
export interface KnownMessageRule {
  readonly id: string;
  readonly software: SoftwareId | 'generic';
  readonly codes: readonly number[];
  /** Matched against the reply text (all lines, joined with \n). */
  readonly pattern: RegExp;
  readonly title: string;
  readonly explanation: string | ((match: RegExpExecArray) => string);
  readonly fixHint?: string;
  /** Where the wording and the explanation can be checked: the server's source or manual. */
  readonly sources: Sources;
  readonly examples: readonly { readonly code: number; readonly text: string }[];
}

/** MAX_QUOTED_LENGTH bounds how much untrusted server text an explanation quotes. */
const MAX_QUOTED_LENGTH = 160;

/** quoteServerText makes a piece of server text safe to embed: one line, no control bytes, bounded. */
function quoteServerText(text: string): string {
  const oneLine = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return oneLine.length > MAX_QUOTED_LENGTH ? `${oneLine.slice(0, MAX_QUOTED_LENGTH)}…` : oneLine;
}

/** KNOWN_MESSAGES: the table, most specific rows first (the first match wins). */
export const KNOWN_MESSAGES: readonly KnownMessageRule[] = [
  // vsftpd ends a session with "500 OOPS: <reason>" when something fatal happens; the reason
  // is the useful part, so the common ones get their own rows and the rest a generic one.
  {
    id: 'vsftpd.oops-writable-chroot',
    sources: [
      cite('vsftpd.conf.5', 'chroot_local_user, allow_writeable_chroot'),
      cite('vsftpd-source', 'secutil.c (refusing to run with writable root inside chroot)'),
    ],
    software: 'vsftpd',
    codes: [500],
    pattern: /OOPS:.*refusing to run with writable root inside chroot\(\)/,
    title: 'vsftpd refuses a chroot whose root directory is writable',
    explanation:
      'The user is locked into a directory (chroot_local_user=YES or chroot_list) that the user can write to. Since 2.3.5 vsftpd refuses this, because a writable chroot root lets a user plant files that fool the C library inside the jail; the login is aborted.',
    fixHint:
      'Make the chroot root read-only for the user (chmod a-w on it) and give uploads a subdirectory, or set allow_writeable_chroot=YES (vsftpd 3.x) if you accept the risk.',
    examples: [{ code: 500, text: 'OOPS: vsftpd: refusing to run with writable root inside chroot()' }],
  },
  {
    id: 'vsftpd.oops-cannot-change-directory',
    sources: [
      cite('vsftpd-source', 'secutil.c / twoprocess.c (cannot change directory)'),
      cite('vsftpd.conf.5', 'local_root, anon_root'),
    ],
    software: 'vsftpd',
    codes: [500],
    pattern: /OOPS: cannot change directory:(.*)/,
    title: 'vsftpd cannot enter the login directory',
    explanation: (match) =>
      `After the password was accepted, vsftpd could not change into the user's start directory (${quoteServerText(match[1] ?? '') || 'not named'}): it does not exist, the user lacks search (x) permission on it or a parent, or SELinux denies it. The session ends there.`,
    fixHint:
      'Create the directory or fix its permissions (check the home directory in /etc/passwd, local_root, anon_root); on SELinux hosts allow FTP home directories (setsebool -P ftpd_full_access on).',
    examples: [{ code: 500, text: 'OOPS: cannot change directory:/home/alice' }],
  },
  {
    id: 'vsftpd.oops-priv-sock',
    sources: [
      cite('vsftpd-source', 'privsock.c (priv_sock_get_*)'),
      cite('vsftpd.conf.5', 'seccomp_sandbox'),
    ],
    software: 'vsftpd',
    codes: [500],
    pattern: /OOPS: priv_sock_get_(cmd|int|result|str)/,
    title: 'vsftpd lost contact with its privileged helper process',
    explanation:
      'vsftpd runs each session as two processes that talk over a socket; this message means the other process vanished. The usual cause on newer kernels and C libraries is the seccomp sandbox killing a process for a system call it did not expect; a crash of the helper does the same.',
    fixHint:
      'Add seccomp_sandbox=NO to vsftpd.conf and restart vsftpd; if it persists, look at the system log.',
    examples: [
      { code: 500, text: 'OOPS: priv_sock_get_cmd' },
      { code: 500, text: 'OOPS: priv_sock_get_result' },
    ],
  },
  {
    id: 'vsftpd.oops-bind',
    sources: [
      cite('vsftpd-source', 'postlogin.c / sysutil.c (vsf_sysutil_bind)'),
      cite('vsftpd.conf.5', 'pasv_min_port, pasv_max_port'),
    ],
    software: 'vsftpd',
    codes: [500],
    pattern: /OOPS: vsf_sysutil_bind/,
    title: 'vsftpd could not bind a data-connection socket',
    explanation:
      'vsftpd failed to bind a local socket for a data connection and ended the session. For PASV/EPSV it tries a few random ports from pasv_min_port–pasv_max_port and gives up when all are busy, so a passive range too small for the number of simultaneous sessions causes this; a bind error on the control connection’s own address does too.',
    fixHint: 'Widen the passive range (pasv_min_port/pasv_max_port) and open the same range in the firewall.',
    examples: [{ code: 500, text: 'OOPS: vsf_sysutil_bind' }],
  },
  {
    id: 'vsftpd.oops-listen-bind',
    sources: [
      cite('vsftpd-source', 'standalone.c (could not bind listening IPv4/IPv6 socket)'),
      cite('vsftpd.conf.5', 'listen, listen_ipv6, listen_address'),
    ],
    software: 'vsftpd',
    codes: [500],
    pattern: /OOPS: could not bind listening IPv[46] socket/,
    title: 'vsftpd could not listen on its port',
    explanation:
      'vsftpd in standalone mode (listen=YES or listen_ipv6=YES) could not open its listening socket: another server (or a second vsftpd, or inetd/systemd socket activation) already holds the port, listen_address names an address this host does not have, or both listen and listen_ipv6 are on for the same port.',
    fixHint:
      'Find what holds the port (ss -ltnp) and stop it, or fix listen_address; enable only one of listen / listen_ipv6 (listen_ipv6 alone also accepts IPv4 on Linux).',
    examples: [
      { code: 500, text: 'OOPS: could not bind listening IPv4 socket' },
      { code: 500, text: 'OOPS: could not bind listening IPv6 socket' },
    ],
  },
  {
    id: 'vsftpd.oops',
    sources: [cite('vsftpd-source', 'utility.c bug(), called by die() ("500 OOPS:")')],
    software: 'vsftpd',
    codes: [500],
    pattern: /OOPS: *(.*)/,
    title: 'vsftpd hit a fatal error and closed the session',
    explanation: (match) =>
      `"500 OOPS:" is how vsftpd reports a fatal problem, usually in its configuration or in the system around it, right before it drops the connection. The reason it gives is: ${quoteServerText(match[1] ?? '') || '(none)'}.`,
    fixHint:
      'Search vsftpd.conf and the system log for the setting or file named in the reason, fix it and restart vsftpd.',
    examples: [
      { code: 500, text: "OOPS: vsftpd: cannot locate user specified in 'ftp_username':ftp" },
      { code: 500, text: 'OOPS: unrecognised variable in config file: pasv_range' },
    ],
  },
  {
    id: 'vsftpd.bad-ip-connecting',
    sources: [
      cite('vsftpd-source', 'postlogin.c (Security: Bad IP connecting.)'),
      cite('vsftpd.conf.5', 'pasv_promiscuous'),
    ],
    software: 'vsftpd',
    codes: [425],
    pattern: /Security: Bad IP connecting/i,
    title: 'Data connection came from a different address than the control connection',
    explanation:
      'vsftpd accepted a connection on the passive data port, but it came from another IP address than the control connection, so vsftpd rejected it as a possible hijack. This happens when the client sits behind a proxy, a load balancer or a NAT that uses several outgoing addresses, or with server-to-server (FXP) transfers.',
    fixHint:
      'Make control and data connections leave from the same address (source-IP persistence on the load balancer, a single SNAT address); only as a last resort set pasv_promiscuous=YES, which turns this security check off.',
    examples: [{ code: 425, text: 'Security: Bad IP connecting.' }],
  },
  {
    id: 'vsftpd.ssl-reuse-required',
    sources: [
      cite('vsftpd.conf.5', 'require_ssl_reuse'),
      cite('vsftpd-source', 'ssl.c (session reuse required)'),
    ],
    software: 'vsftpd',
    codes: [522],
    pattern: /SSL connection failed[:;]? *session reuse required/i,
    title: 'The TLS session was not reused on the data connection',
    explanation:
      'vsftpd (require_ssl_reuse=YES, the default once TLS is on) insists that each data connection resume the TLS session of the control connection, which proves it comes from the same client. This client started a fresh TLS session instead, so every listing and transfer fails although the login worked. FileZilla and curl resume sessions; some client libraries do not.',
    fixHint:
      'Use a client that resumes TLS sessions on data connections; or set require_ssl_reuse=NO in vsftpd.conf, accepting weaker protection against data-connection theft.',
    examples: [
      { code: 522, text: 'SSL connection failed: session reuse required' },
      {
        code: 522,
        text: 'SSL connection failed: session reuse required: see require_ssl_reuse option in vsftpd.conf man page',
      },
    ],
  },
  {
    id: 'vsftpd.data-must-be-encrypted',
    sources: [cite('vsftpd.conf.5', 'force_local_data_ssl, force_anon_data_ssl'), rfc(4217, '9')],
    software: 'vsftpd',
    codes: [522],
    pattern: /Data connections must be encrypted/i,
    title: 'vsftpd requires encrypted data connections',
    explanation:
      'vsftpd is set to force TLS on data connections (force_local_data_ssl or force_anon_data_ssl), but the client did not ask for it with PROT P.',
    fixHint:
      'Have the client send PBSZ 0 and PROT P after AUTH TLS (curl: --ssl-reqd; FileZilla: "Require explicit FTP over TLS").',
    examples: [{ code: 522, text: 'Data connections must be encrypted.' }],
  },
  {
    id: 'vsftpd.local-login-needs-tls',
    sources: [cite('vsftpd.conf.5', 'force_local_logins_ssl')],
    software: 'vsftpd',
    codes: [530],
    pattern: /Non-anonymous sessions must use encryption/i,
    title: 'vsftpd requires TLS before a user can log in',
    explanation:
      'force_local_logins_ssl=YES is set, so vsftpd refuses to take a local user’s password over a plain connection, and then closes the connection. The client must switch to TLS with AUTH TLS before USER.',
    fixHint:
      'Connect with explicit FTPS (ftpes://, curl --ssl-reqd, FileZilla "Require explicit FTP over TLS").',
    examples: [{ code: 530, text: 'Non-anonymous sessions must use encryption.' }],
  },
  {
    id: 'vsftpd.anonymous-login-needs-tls',
    sources: [cite('vsftpd.conf.5', 'force_anon_logins_ssl')],
    software: 'vsftpd',
    codes: [530],
    pattern: /Anonymous sessions must use encryption/i,
    title: 'vsftpd requires TLS for anonymous logins',
    explanation:
      'force_anon_logins_ssl=YES is set, so anonymous users must switch to TLS (AUTH TLS) before logging in.',
    fixHint:
      'Connect with explicit FTPS, or set force_anon_logins_ssl=NO if anonymous access may stay in clear text.',
    examples: [{ code: 530, text: 'Anonymous sessions must use encryption.' }],
  },
  {
    id: 'vsftpd.anonymous-no-tls',
    sources: [cite('vsftpd.conf.5', 'allow_anon_ssl')],
    software: 'vsftpd',
    codes: [530],
    pattern: /Anonymous sessions may not use encryption/i,
    title: 'vsftpd does not allow anonymous logins over TLS',
    explanation:
      'The client switched to TLS and then tried to log in anonymously, which vsftpd forbids unless allow_anon_ssl=YES.',
    fixHint: 'Log in anonymously without TLS, or set allow_anon_ssl=YES.',
    examples: [{ code: 530, text: 'Anonymous sessions may not use encryption.' }],
  },
  {
    id: 'vsftpd.anonymous-only',
    sources: [cite('vsftpd.conf.5', 'local_enable')],
    software: 'vsftpd',
    codes: [530],
    pattern: /This FTP server is anonymous only/i,
    title: 'Only anonymous logins are allowed',
    explanation:
      'vsftpd has local_enable=NO, so it refuses every user name except anonymous and ftp right away, before any password is sent.',
    fixHint: 'Log in as anonymous, or set local_enable=YES to allow system users.',
    examples: [{ code: 530, text: 'This FTP server is anonymous only.' }],
  },
  {
    id: 'vsftpd.user-denied',
    sources: [cite('vsftpd.conf.5', 'userlist_enable, userlist_deny, userlist_file')],
    software: 'vsftpd',
    codes: [530],
    pattern: /^Permission denied\.?$/,
    title: 'The user is refused by vsftpd’s user list',
    explanation:
      'With userlist_enable=YES vsftpd checks the user name against userlist_file (/etc/vsftpd.user_list or /etc/vsftpd/user_list by default) before asking for a password: listed users are refused when userlist_deny=YES (the default), unlisted ones when userlist_deny=NO.',
    fixHint: 'Remove the user from the user list (or add it, with userlist_deny=NO).',
    examples: [{ code: 530, text: 'Permission denied.' }],
  },
  {
    id: 'generic.login-incorrect',
    sources: [rfc(959, '4.2.2'), cite('vsftpd-source', 'prelogin.c (Login incorrect.)')],
    software: 'generic',
    codes: [530],
    pattern: /^Login incorrect\.?$/i,
    title: 'Login refused',
    explanation:
      'The server (vsftpd and ProFTPD both say this) did not accept the user name and password. Besides a wrong password: the account may be listed in /etc/ftpusers, its shell may be missing from /etc/shells (PAM checks both on many systems), or anonymous logins are switched off (vsftpd anonymous_enable=NO answers anonymous this way after PASS).',
    fixHint: 'Check the password, /etc/ftpusers, /etc/shells and the server’s log for the exact reason.',
    examples: [{ code: 530, text: 'Login incorrect.' }],
  },
  {
    id: 'vsftpd.permission-denied',
    sources: [
      cite('vsftpd.conf.5', 'cmds_denied, write_enable, download_enable'),
      cite('vsftpd-source', 'postlogin.c (Permission denied.)'),
    ],
    software: 'vsftpd',
    codes: [550],
    pattern: /^Permission denied\.?$/,
    title: 'The command is switched off in vsftpd’s configuration',
    explanation:
      'vsftpd answers this for commands its configuration disables: PASV and EPSV with pasv_enable=NO, PORT with port_enable=NO, uploads, deletions and renames with write_enable=NO (for anonymous users also anon_upload_enable, anon_mkdir_write_enable, anon_other_write_enable).',
    fixHint: 'Enable the command in vsftpd.conf (pasv_enable=YES, write_enable=YES …) if it should work.',
    examples: [{ code: 550, text: 'Permission denied.' }],
  },
  {
    id: 'vsftpd.illegal-port',
    sources: [
      cite('vsftpd.conf.5', 'port_promiscuous'),
      cite('vsftpd-source', 'postlogin.c (Illegal PORT command.)'),
    ],
    software: 'vsftpd',
    codes: [500],
    pattern: /^Illegal PORT command\.?$/i,
    title: 'Active-mode address refused',
    explanation:
      'The server rejected the address in PORT. vsftpd does so when the address is not the client’s own (a NAT or a firewall rewrote it, or the client asks for a transfer to a third host) or the port is below 1024; ProFTPD likewise refuses malformed or foreign addresses.',
    fixHint:
      'Use passive mode; if active mode is required, make sure no NAT between client and server rewrites PORT wrongly.',
    examples: [{ code: 500, text: 'Illegal PORT command.' }],
  },
  {
    id: 'vsftpd.failed-to-establish-connection',
    sources: [
      cite('vsftpd-source', 'postlogin.c / privops.c (Failed to establish connection.)'),
      cite('vsftpd.conf.5', 'connect_timeout, accept_timeout'),
    ],
    software: 'vsftpd',
    codes: [425],
    pattern: /^Failed to establish connection\.?$/i,
    title: 'The data connection never came up',
    explanation:
      'vsftpd waited for the data connection and gave up. In passive mode the client did not reach the port vsftpd announced (a firewall drops it, or the PASV address is wrong behind NAT); in active mode vsftpd could not connect back to the client.',
    fixHint:
      'Open the passive port range (pasv_min_port–pasv_max_port) in every firewall, and set pasv_address behind NAT.',
    examples: [{ code: 425, text: 'Failed to establish connection.' }],
  },
  {
    id: 'vsftpd.use-port-or-pasv-first',
    sources: [cite('vsftpd-source', 'postlogin.c (Use PORT or PASV first.)'), rfc(959, '5.4')],
    software: 'vsftpd',
    codes: [425],
    pattern: /^Use PORT or PASV first\.?$/i,
    title: 'Transfer without a data connection set up',
    explanation:
      'The client asked for a listing or transfer without a successful PORT/EPRT or PASV/EPSV before it. Usually the preceding passive command failed (for example it was refused) and the client went on anyway.',
    fixHint: 'Look at the reply to PASV/EPSV or PORT just before this one; fix that first.',
    examples: [{ code: 425, text: 'Use PORT or PASV first.' }],
  },
  {
    id: 'vsftpd.too-many-users',
    sources: [cite('vsftpd.conf.5', 'max_clients')],
    software: 'vsftpd',
    codes: [421],
    pattern: /There are too many connected users, please try later/i,
    title: 'vsftpd’s total connection limit is reached',
    explanation:
      'This is how vsftpd refuses a session when more clients are connected than its max_clients setting allows; it accepts new ones again when some disconnect.',
    fixHint: 'Raise max_clients, or find what keeps so many sessions open.',
    examples: [{ code: 421, text: 'There are too many connected users, please try later.' }],
  },
  {
    id: 'vsftpd.too-many-from-address',
    sources: [cite('vsftpd.conf.5', 'max_per_ip')],
    software: 'vsftpd',
    codes: [421],
    pattern: /There are too many connections from your internet address/i,
    title: 'vsftpd’s per-address connection limit is reached',
    explanation:
      'This is how vsftpd refuses a session when this client address already has as many sessions open as its max_per_ip setting allows. Clients that open parallel connections (FileZilla, sync tools) and many users behind one NAT address hit it first.',
    fixHint: 'Raise max_per_ip, or lower the number of parallel connections in the client.',
    examples: [{ code: 421, text: 'There are too many connections from your internet address.' }],
  },
  {
    id: 'proftpd.tls-required',
    sources: [cite('proftpd-mod_tls', 'TLSRequired')],
    software: 'proftpd',
    codes: [550],
    pattern: /SSL\/TLS required on the control channel/i,
    title: 'ProFTPD requires TLS before login',
    explanation:
      'ProFTPD’s mod_tls has TLSRequired on (or ctrl), so every command before AUTH TLS is refused, the user name included.',
    fixHint: 'Connect with explicit FTPS (AUTH TLS), or relax TLSRequired in the ProFTPD configuration.',
    examples: [{ code: 550, text: 'SSL/TLS required on the control channel' }],
  },
  {
    id: 'proftpd.tls-required-data',
    sources: [cite('proftpd-mod_tls', 'TLSRequired')],
    software: 'proftpd',
    codes: [522],
    pattern: /SSL\/TLS required on the data channel/i,
    title: 'ProFTPD requires encrypted data connections',
    explanation:
      'TLSRequired covers data connections too, and the client did not send PROT P before the transfer.',
    fixHint:
      'Send PBSZ 0 and PROT P after AUTH TLS, or set TLSRequired ctrl to protect only the control connection.',
    examples: [{ code: 522, text: 'SSL/TLS required on the data channel' }],
  },
  {
    id: 'proftpd.unwilling-security-parameters',
    sources: [
      cite('proftpd-mod_tls', 'TLSRequired, PROT handling'),
      cite('proftpd-source', 'contrib/mod_tls.c'),
    ],
    software: 'proftpd',
    codes: [534],
    pattern: /Unwilling to accept security parameters/i,
    title: 'ProFTPD’s TLS policy refuses the request',
    explanation:
      'ProFTPD refused an AUTH, PROT or CCC request because its TLS settings forbid it (for example PROT C while TLSRequired demands protected data).',
    fixHint: 'Use AUTH TLS and PROT P, or change TLSRequired/TLSProtocol to allow what the client asks.',
    examples: [{ code: 534, text: 'Unwilling to accept security parameters' }],
  },
  {
    id: 'proftpd.max-clients',
    sources: [cite('proftpd-mod_auth', 'MaxClients, MaxClientsPerHost')],
    software: 'proftpd',
    codes: [530],
    pattern: /Sorry, the maximum number of (allowed clients|clients|hosts|connections) \(\d+\)/i,
    title: 'A ProFTPD client limit is reached',
    explanation:
      'ProFTPD refuses the login because a MaxClients-style limit (MaxClients, MaxClientsPerHost, MaxClientsPerUser, MaxHostsPerUser, MaxConnectionsPerHost) is reached; unlike most servers it uses 530 for this, so it looks like a login failure.',
    fixHint: 'Raise the limit named in the text, or close stale sessions.',
    examples: [
      { code: 530, text: 'Sorry, the maximum number of allowed clients (10) are already connected.' },
      { code: 530, text: 'Sorry, the maximum number of clients (3) from your host are already connected.' },
    ],
  },
  {
    id: 'proftpd.idle-timeout',
    sources: [cite('proftpd-mod_core', 'TimeoutIdle, TimeoutLogin, TimeoutNoTransfer')],
    software: 'proftpd',
    codes: [421],
    pattern: /(Idle|Login|No transfer) timeout \(\d+ (seconds?|minutes?)\): closing control connection/i,
    title: 'ProFTPD closed an inactive session',
    explanation:
      'The session was idle (TimeoutIdle), did not log in in time (TimeoutLogin) or did not transfer anything in time (TimeoutNoTransfer).',
    fixHint: 'Reconnect; raise the named timeout if sessions legitimately stay idle longer.',
    examples: [
      { code: 421, text: 'Idle timeout (600 seconds): closing control connection' },
      { code: 421, text: 'Login timeout (300 seconds): closing control connection' },
    ],
  },
  {
    id: 'proftpd.unable-to-build-data-connection',
    sources: [
      cite('proftpd-source', 'src/data.c (Unable to build data connection)'),
      cite('proftpd-mod_core', 'PassivePorts, AllowForeignAddress'),
    ],
    software: 'proftpd',
    codes: [425],
    pattern: /^Unable to build data connection: (?!TLS session)(.*)/i,
    title: 'ProFTPD could not set up the data connection',
    explanation: (match) =>
      `The data connection failed; the system reason ProFTPD gives is "${quoteServerText(match[1] ?? '')}". "Connection refused" or "timed out" in active mode means the server could not reach the client; in passive mode the client never connected to the announced port.`,
    fixHint:
      'Open PassivePorts in the firewall and set MasqueradeAddress behind NAT; prefer passive mode for clients behind NAT.',
    examples: [{ code: 425, text: 'Unable to build data connection: Connection refused' }],
  },
  {
    // Captured from ProFTPD 1.3.8 with <Limit EPSV> DenyAll and with <Limit PASV EPSV> DenyAll.
    id: 'proftpd.passive-denied',
    sources: [
      cite('proftpd-mod_core', '<Limit>'),
      cite('proftpd-source', 'modules/mod_core.c (EPSV/PASV: Operation not permitted, 501)'),
    ],
    software: 'proftpd',
    codes: [501],
    pattern: /^(PASV|EPSV): Operation not permitted\.?$/,
    title: 'ProFTPD denies this passive command in its configuration',
    explanation: (match) =>
      `ProFTPD answers ${match[1] ?? 'the command'} this way when a <Limit> section of its configuration denies the command (<Limit ${match[1] ?? 'EPSV'}> or <Limit PASV EPSV> with DenyAll, or Allow/Deny rules that leave this client out). Despite the 501 the command was well formed: the configuration switches it off.`,
    fixHint:
      'Delete the <Limit …> block that denies it from the ProFTPD configuration (or allow the command in it), then restart ProFTPD.',
    examples: [
      { code: 501, text: 'EPSV: Operation not permitted' },
      { code: 501, text: 'PASV: Operation not permitted' },
    ],
  },
  {
    id: 'pure-ftpd.login-failed',
    sources: [cite('pure-ftpd-source', 'src/messages_en.h MSG_AUTH_FAILED')],
    software: 'pure-ftpd',
    codes: [530],
    pattern: /^Login authentication failed\.?$/i,
    title: 'Pure-FTPd refused the login',
    explanation:
      'Pure-FTPd did not accept the user name and password, and on purpose says no more, after a delay of a few seconds. Besides a wrong password: the account’s UID may be below the minimum (-u, MinUID: 1000 on Debian), or the authentication method that knows the account may be off (Debian enables PAM and disables plain Unix authentication). Anonymous gets this reply too when anonymous logins are off (-E, NoAnonymous yes, the Debian default).',
    fixHint: 'Check the password, MinUID and the authentication settings; the system log names the reason.',
    examples: [{ code: 530, text: 'Login authentication failed' }],
  },
  {
    id: 'pure-ftpd.too-many-from-ip',
    sources: [
      cite('pure-ftpd.8', '-C (maxclientsperip)'),
      cite('pure-ftpd-source', 'src/messages_en.h MSG_MAX_USERS_IP'),
    ],
    software: 'pure-ftpd',
    codes: [421],
    pattern: /Too many connections \(\d+\) from this IP/i,
    title: 'Pure-FTPd’s per-address connection limit is reached',
    explanation:
      'This client address already has as many sessions as Pure-FTPd allows per IP (option -C / MaxClientsPerIP).',
    fixHint: 'Raise -C (MaxClientsPerIP) or reduce the client’s parallel connections.',
    examples: [{ code: 421, text: 'Too many connections (3) from this IP' }],
  },
  {
    id: 'pure-ftpd.max-users',
    sources: [
      cite('pure-ftpd.8', '-c (maxclientsnumber)'),
      cite('pure-ftpd-source', 'src/messages_en.h MSG_MAX_USERS'),
    ],
    software: 'pure-ftpd',
    codes: [421],
    pattern: /\d+ users \(the maximum\) are already logged in, sorry/i,
    title: 'Pure-FTPd’s total user limit is reached',
    explanation:
      'Pure-FTPd already serves the maximum number of clients: the -c option (MaxClientsNumber), but never more than half the passive port range (-p), so a 10-port range allows 5 clients whatever -c says.',
    fixHint:
      'Raise -c (MaxClientsNumber) and widen the passive port range with it, or find what keeps sessions open.',
    examples: [{ code: 421, text: '50 users (the maximum) are already logged in, sorry' }],
  },
  {
    id: 'pure-ftpd.pasv-on-ipv6',
    sources: [cite('pure-ftpd-source', 'src/ftpd.c dopasv() (425 MSG_CANT_PASV)'), rfc(2428, '3')],
    software: 'pure-ftpd',
    codes: [425],
    pattern: /You cannot use PASV on IPv6 connections/i,
    title: 'PASV is IPv4-only; use EPSV on IPv6',
    explanation:
      'PASV can only describe an IPv4 address, so Pure-FTPd refuses it on a connection made over IPv6. This is expected: clients must use EPSV there (curl and FileZilla do).',
    fixHint: 'Nothing to fix on the server; make sure the client uses EPSV over IPv6.',
    examples: [{ code: 425, text: 'You cannot use PASV on IPv6 connections. Use EPSV instead.' }],
  },
  {
    id: 'pure-ftpd.cleartext-refused',
    sources: [
      cite('pure-ftpd-source', 'src/ftp_parser.c (421 MSG_TLS_NEEDED)'),
      cite('pure-ftpd.8', '--tls'),
    ],
    software: 'pure-ftpd',
    codes: [421],
    pattern: /cleartext sessions and weak ciphers are not accepted/i,
    title: 'Pure-FTPd accepts TLS sessions only',
    explanation:
      'Pure-FTPd runs with TLS required (--tls=2 or 3), so it ends any session that tries to log in without AUTH TLS first.',
    fixHint: 'Connect with explicit FTPS (AUTH TLS).',
    examples: [
      {
        code: 421,
        text: 'Sorry, cleartext sessions and weak ciphers are not accepted on this server.\nPlease reconnect using TLS security mechanisms.',
      },
    ],
  },
  {
    id: 'pure-ftpd.prot-setting',
    sources: [
      cite('pure-ftpd-source', 'src/ftp_parser.c (521 MSG_PROT_PRIVATE_NEEDED)'),
      cite('pure-ftpd.8', '--tls'),
    ],
    software: 'pure-ftpd',
    codes: [521],
    pattern: /Data connection cannot be opened with this PROT setting/i,
    title: 'Pure-FTPd requires encrypted data connections',
    explanation:
      'With TLS enforced, Pure-FTPd refuses transfers until the client protects data connections with PROT P.',
    fixHint: 'Send PBSZ 0 and PROT P after AUTH TLS.',
    examples: [{ code: 521, text: 'Data connection cannot be opened with this PROT setting.' }],
  },
  {
    id: 'pure-ftpd.no-anonymous',
    sources: [
      cite('pure-ftpd-source', 'src/ftpd.c (530 MSG_NO_ANONYMOUS_LOGIN)'),
      cite('pure-ftpd.8', '-E (noanonymous)'),
    ],
    software: 'pure-ftpd',
    codes: [421, 530],
    pattern: /This is a private system - No anonymous login/i,
    title: 'Pure-FTPd does not allow anonymous logins',
    explanation: 'Pure-FTPd runs with anonymous logins off (-E / NoAnonymous).',
    fixHint: 'Log in with a real account.',
    examples: [{ code: 530, text: 'This is a private system - No anonymous login' }],
  },
  {
    id: 'pure-ftpd.active-disabled',
    sources: [
      cite('pure-ftpd-source', 'src/ftpd.c doport2() (501 after EPSV ALL), doesta() (520)'),
      rfc(2428, '4'),
    ],
    software: 'pure-ftpd',
    codes: [501, 520],
    pattern: /^Active mode is disabled/i,
    title: 'Active mode is switched off for this session',
    explanation:
      'Pure-FTPd refuses active mode here: after the client sent EPSV ALL it answers PORT and EPRT with 501, and it answers its own ESTA command with 520 while the session is passive.',
    fixHint: 'Use passive mode (PASV/EPSV), or do not send EPSV ALL if the client needs active mode.',
    examples: [
      { code: 501, text: 'Active mode is disabled' },
      { code: 520, text: 'Active mode is disabled' },
    ],
  },
  {
    id: 'filezilla-server.tls-not-resumed',
    sources: [
      cite('commons-net-408', 'FileZilla Server: TLS session resumption on data connections'),
      cite('filezilla-wiki-ftp-over-tls', 'Server Setup (0.9.x FTP over TLS settings)'),
    ],
    software: 'filezilla-server',
    codes: [425, 450],
    pattern: /TLS session of data connection (has )?not (been )?resumed/i,
    title: 'The TLS session was not resumed on the data connection',
    explanation:
      'FileZilla Server requires each data connection to resume the control connection’s TLS session (a protection against data-connection theft). The client opened a new TLS session instead; FileZilla and curl resume sessions, some libraries do not.',
    fixHint:
      'Use a client that resumes TLS sessions. FileZilla Server 1.x always requires the resumption and has no setting for it; only 0.9.x can turn the check off, in its FTP over TLS settings.',
    examples: [
      { code: 425, text: 'Unable to build data connection: TLS session of data connection not resumed.' },
      {
        code: 450,
        text: 'TLS session of data connection has not resumed or the session does not match the control connection',
      },
    ],
  },
  {
    id: 'filezilla-server.cannot-open-data-connection',
    sources: [cite('filezilla-network-wiki', 'Passive mode')],
    software: 'filezilla-server',
    codes: [425],
    pattern: /Can't open data connection for transfer of /i,
    title: 'FileZilla Server could not open the data connection',
    explanation:
      'The client never reached the passive port (or the server could not connect back in active mode). Typical causes: the passive port range is not set or not opened in Windows Firewall and the router, or the server advertises its private address behind NAT.',
    fixHint:
      'Set a passive port range and the public IP in FileZilla Server’s passive-mode settings, and open that range in Windows Firewall and on the router.',
    examples: [{ code: 425, text: 'Can\'t open data connection for transfer of "/"' }],
  },
  {
    id: 'filezilla-server.plain-ftp-refused',
    sources: [cite('filezilla-wiki-ftp-over-tls', 'Server Setup: force FTP over TLS')],
    software: 'filezilla-server',
    codes: [530],
    pattern: /This server does not allow plain FTP\. You have to use FTP over TLS/i,
    title: 'FileZilla Server requires FTP over TLS',
    explanation: 'The server (or this user) is set to refuse logins without TLS.',
    fixHint: 'Connect with explicit FTPS (AUTH TLS).',
    examples: [{ code: 530, text: 'This server does not allow plain FTP. You have to use FTP over TLS.' }],
  },
  {
    id: 'iis.policy-requires-ssl',
    sources: [cite('iis-ftp-docs', 'security/ssl (controlChannelPolicy)')],
    software: 'iis',
    codes: [534],
    pattern: /Policy requires SSL/i,
    title: 'IIS requires TLS before login',
    explanation:
      'The FTP site’s SSL policy is "Require SSL connections" (for the control channel or credentials), so IIS refuses USER on a plain connection.',
    fixHint:
      'Connect with explicit FTPS; or, in IIS Manager → FTP SSL Settings, choose "Allow SSL connections" if clear-text logins are acceptable.',
    examples: [
      { code: 534, text: 'Policy requires SSL.' },
      { code: 534, text: 'Could Not Connect to Server - Policy Requires SSL' },
    ],
  },
  {
    id: 'iis.no-tls-configured',
    sources: [cite('iis-ftp-docs', 'security/ssl (serverCertHash)')],
    software: 'iis',
    codes: [534],
    pattern: /Local policy on server does not allow TLS secure connections/i,
    title: 'IIS has no TLS set up for this FTP site',
    explanation:
      'AUTH TLS was refused because the FTP site has no server certificate bound (or its SSL policy forbids TLS).',
    fixHint: 'In IIS Manager → FTP SSL Settings, select a server certificate for the site.',
    examples: [{ code: 534, text: 'Local policy on server does not allow TLS secure connections.' }],
  },
  {
    id: 'iis.user-cannot-log-in',
    sources: [cite('iis-ftp-docs', 'userIsolation')],
    software: 'iis',
    codes: [530],
    pattern: /User cannot log in(, home directory inaccessible)?\.?/i,
    title: 'IIS refused the login',
    explanation:
      'IIS did not log the user in: wrong credentials, the user lacks FTP authorization rules, or (with "home directory inaccessible") FTP user isolation cannot find or open the user’s home folder (LocalUser\\<name> or <domain>\\<name> under the site root).',
    fixHint:
      'Check the FTP Authorization Rules and, with user isolation, that the home folder exists with the expected name and NTFS permissions.',
    examples: [
      { code: 530, text: 'User cannot log in.' },
      { code: 530, text: 'User cannot log in, home directory inaccessible.' },
    ],
  },
  {
    id: 'iis.valid-hostname-expected',
    sources: [cite('iis-ftp-docs', 'virtual host names (host|user)')],
    software: 'iis',
    codes: [530],
    pattern: /Valid Hostname is expected/i,
    title: 'IIS expects a virtual host name in the user name',
    explanation:
      'The server uses FTP virtual host names, so the user name must name the site first, as "ftp.example.com|alice" (or the client must send HOST).',
    fixHint: 'Log in as "<site host name>|<user>".',
    examples: [{ code: 530, text: 'Valid Hostname is expected.' }],
  },
  {
    id: 'generic.cant-open-data-connection',
    sources: [rfc(959, '4.2.2')],
    software: 'generic',
    codes: [425],
    pattern: /^Can'?t open data connection\.?$/i,
    title: 'The server could not open the data connection',
    explanation:
      'The data connection for the transfer failed: in passive mode the client did not reach the announced port (firewall or wrong PASV address); in active mode the server could not connect back.',
    fixHint:
      'Open the server’s passive port range in the firewalls on the way, and make the server advertise its public address.',
    examples: [
      { code: 425, text: "Can't open data connection." },
      { code: 425, text: "Can't open data connection" },
    ],
  },
  {
    id: 'client.remote-closed-connection',
    sources: [rfc(959, '4.2.2'), cite('wikipedia-ftp-codes', '421')],
    software: 'generic',
    codes: [421],
    pattern: /Service not available, remote server has closed connection/i,
    title: 'Printed by the client: the server hung up',
    explanation:
      'This line usually does not come from the server. The classic command-line ftp client prints it when the control connection closes without a reply; the server’s real reason is the reply just before it (for example a 530 or a vsftpd "500 OOPS:").',
    fixHint: 'Look at the reply printed before this line.',
    examples: [{ code: 421, text: 'Service not available, remote server has closed connection' }],
  },
];

/**
 * recognizeMessage looks a reply up in KNOWN_MESSAGES by its code and its text (multi-line text
 * joined with \n) and returns the explanation of the first matching row, or null.
 */
export function recognizeMessage(code: number, text: string): KnownMessage | null {
  const trimmed = text.trim();
  for (const rule of KNOWN_MESSAGES) {
    if (!rule.codes.includes(code)) continue;
    const match = rule.pattern.exec(trimmed);
    if (!match) continue;
    const explanation = typeof rule.explanation === 'string' ? rule.explanation : rule.explanation(match);
    return {
      id: rule.id,
      software: rule.software,
      title: rule.title,
      explanation,
      sources: rule.sources,
      ...(rule.fixHint === undefined ? {} : { fixHint: rule.fixHint }),
    };
  }
  return null;
}
