import type { TestCertificate } from './certs.js';
import type { PortRange } from './loopbackPorts.js';

/** RealServerName names the three real FTP servers the suites run. */
export type RealServerName = 'vsftpd' | 'proftpd' | 'pure-ftpd';

/** RealServerTls turns on FTPS with a certificate generated at test time. */
export interface RealServerTls {
  readonly mode: 'explicit' | 'implicit';
  readonly certificate: TestCertificate;
  /** Refuse logins and transfers without TLS (vsftpd force_*_ssl, ProFTPD TLSRequired, Pure-FTPd -Y 2). */
  readonly required?: boolean;
  /** Whether data connections must resume the control session; unset keeps the server's default. */
  readonly requireSessionReuse?: boolean;
  /** vsftpd allow_anon_ssl (default here true; vsftpd's own default is NO). */
  readonly allowAnonymousTls?: boolean;
  /** vsftpd strict_ssl_read_eof: an upload must end with close_notify, not a bare EOF. */
  readonly strictReadEof?: boolean;
}

/** RealServerOptions: what a test can ask of a real server. Unset fields keep a plain anonymous server. */
export interface RealServerOptions {
  /** Anonymous logins (default true). */
  readonly anonymous?: boolean;
  /** Allow the local TEST_USER account to log in (created when needed; default false). */
  readonly localUser?: boolean;
  /** Listen address: default a fresh 127.x.y.1; '::1' for IPv6; a 198.18.x.y address with `netns`. */
  readonly host?: string;
  readonly port?: number;
  /** Passive port range; default 10 free ports on the listen address. */
  readonly passiveRange?: PortRange;
  /** Address to advertise in 227 (vsftpd pasv_address, ProFTPD MasqueradeAddress, Pure-FTPd -P). */
  readonly pasvAddress?: string;
  /** Refuse passive mode altogether (vsftpd pasv_enable=NO, ProFTPD <Limit PASV EPSV>). */
  readonly pasvDisabled?: boolean;
  /** Refuse EPSV only (ProFTPD <Limit EPSV> DenyAll; the other servers cannot). */
  readonly epsvDenied?: boolean;
  readonly tls?: RealServerTls;
  /** Connection limit (vsftpd max_clients, ProFTPD MaxInstances, Pure-FTPd -c). */
  readonly maxClients?: number;
  /** Greeting text (vsftpd ftpd_banner, ProFTPD ServerIdent, Pure-FTPd's fortunes file -F). */
  readonly banner?: string;
  /** Run the daemon inside this network namespace (`ip netns exec`). */
  readonly netns?: string;
  /** Let accounts write (vsftpd write_enable; default false). */
  readonly writable?: boolean;
  /** Directory local users land in instead of their home (vsftpd local_root). */
  readonly localRoot?: string;
}

/** ServerPlan is everything a config generator needs, with every choice already made. */
export interface ServerPlan {
  readonly host: string;
  readonly port: number;
  readonly passiveRange: PortRange;
  /** A private temporary directory for config, logs and pid files. */
  readonly dir: string;
  /** The directory anonymous users see (root-owned, not writable, with one file). */
  readonly anonRoot: string;
  readonly logPath: string;
  readonly options: RealServerOptions;
}

/** RealServer is a running daemon. */
export interface RealServer {
  readonly name: RealServerName;
  readonly host: string;
  readonly port: number;
  readonly pid: number;
  readonly passiveRange: PortRange;
  readonly configPath: string;
  readonly logPath: string;
  /** stop ends the daemon (and its session children) by pid and removes its temporary directory. */
  stop(): Promise<void>;
}
