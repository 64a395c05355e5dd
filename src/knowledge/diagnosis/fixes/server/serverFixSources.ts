import { cite, rfc, type Sources } from '../../../sources.js';
import type { ServerFixTopic } from '../serverContext.js';

/**
 * SERVER_FIX_SOURCES: for every server dialect and every topic, the manual page, documentation
 * or source file the fix text follows. A Record over both unions, so a new topic or dialect that
 * has no sources does not compile. A draft may name its own sources instead (container variants).
 */

const vsftpd = (option: string) => cite('vsftpd.conf.5', option);
const proftpdCore = (directive: string) => cite('proftpd-mod_core', directive);
const proftpdTls = (directive: string) => cite('proftpd-mod_tls', directive);
const pure = (option: string) => cite('pure-ftpd.8', option);
const fzPassive = (setting: string) => cite('filezilla-server-passive-mode', setting);
const fzUsers = (setting: string) => cite('filezilla-server-users', setting);
const fzTls = (setting: string) => cite('filezilla-wiki-ftp-over-tls', setting);
const iis = (element: string) => cite('iis-ftp-docs', element);
const py = (attribute: string) => cite('pyftpdlib-docs', attribute);

export const VSFTPD_FIX_SOURCES: Readonly<Record<ServerFixTopic, Sources>> = {
  'passive-range': [vsftpd('pasv_enable, pasv_min_port, pasv_max_port')],
  'passive-address': [vsftpd('pasv_address, pasv_addr_resolve')],
  'enable-epsv': [vsftpd('cmds_denied, cmds_allowed')],
  'enable-pasv': [vsftpd('pasv_enable')],
  'tls-enable': [
    vsftpd('ssl_enable, rsa_cert_file, rsa_private_key_file'),
    vsftpd('force_local_logins_ssl, force_local_data_ssl, allow_anon_ssl (defaults)'),
  ],
  'tls-require': [vsftpd('force_local_logins_ssl, force_local_data_ssl')],
  'tls-session-reuse': [vsftpd('require_ssl_reuse')],
  'tls-certificate': [vsftpd('rsa_cert_file, rsa_private_key_file')],
  'tls-protocols': [vsftpd('ssl_sslv2, ssl_sslv3, ssl_tlsv1')],
  'anonymous-access': [vsftpd('anonymous_enable, anon_upload_enable, local_enable')],
  'connection-limits': [vsftpd('max_clients, max_per_ip')],
  'listen-ipv6': [vsftpd('listen, listen_ipv6')],
  'allow-data-from-other-ip': [vsftpd('pasv_promiscuous')],
};

export const PROFTPD_FIX_SOURCES: Readonly<Record<ServerFixTopic, Sources>> = {
  'passive-range': [proftpdCore('PassivePorts')],
  'passive-address': [proftpdCore('MasqueradeAddress'), cite('proftpd-howto', 'NAT.html')],
  'enable-epsv': [proftpdCore('<Limit>, AllowAll, DenyAll'), cite('proftpd-howto', 'Limit.html')],
  'enable-pasv': [proftpdCore('<Limit>, AllowAll, DenyAll'), cite('proftpd-howto', 'Limit.html')],
  'tls-enable': [proftpdTls('TLSEngine, TLSRSACertificateFile, TLSRSACertificateKeyFile')],
  'tls-require': [proftpdTls('TLSRequired')],
  'tls-session-reuse': [proftpdTls('TLSOptions NoSessionReuseRequired')],
  'tls-certificate': [proftpdTls('TLSRSACertificateFile, TLSCertificateChainFile')],
  'tls-protocols': [proftpdTls('TLSProtocol')],
  'anonymous-access': [
    proftpdCore('<Anonymous>, User, Group'),
    cite('proftpd-mod_auth', 'UserAlias, RequireValidShell'),
    cite('proftpd-howto', 'Anonymous.html'),
  ],
  'connection-limits': [
    proftpdCore('MaxInstances'),
    cite('proftpd-mod_auth', 'MaxClients, MaxClientsPerHost'),
    cite('proftpd-source', 'src/main.c (MaxInstances: connection closed without reply)'),
  ],
  'listen-ipv6': [proftpdCore('UseIPv6')],
  'allow-data-from-other-ip': [proftpdCore('AllowForeignAddress')],
};

export const PURE_FTPD_FIX_SOURCES: Readonly<Record<ServerFixTopic, Sources>> = {
  'passive-range': [
    pure('-p (passiveportrange)'),
    cite('pure-ftpd-readme', 'pure-ftpd.conf PassivePortRange'),
  ],
  'passive-address': [pure('-P (forcepassiveip)')],
  'enable-epsv': [
    pure('-b (brokenclientscompatibility), -N (natmode)'),
    cite('pure-ftpd-source', 'src/ftp_parser.c (EPSV refused on IPv4 under -b, PASV and EPSV under -N)'),
  ],
  'enable-pasv': [pure('-N (natmode)'), cite('pure-ftpd-source', 'src/ftp_parser.c (disallow_passive)')],
  'tls-enable': [pure('-Y / --tls'), cite('pure-ftpd-readme', 'README.TLS')],
  'tls-require': [pure('-Y / --tls'), cite('pure-ftpd-readme', 'README.TLS')],
  'tls-session-reuse': [pure('-b (brokenclientscompatibility)'), cite('pure-ftpd-readme', 'README.TLS')],
  'tls-certificate': [cite('pure-ftpd-readme', 'README.TLS (certificate file)')],
  'tls-protocols': [cite('pure-ftpd-source', 'ChangeLog 1.0.48 (TLS < 1.2 refused)')],
  'anonymous-access': [pure('-E (noanonymous)')],
  'connection-limits': [pure('-c (maxclientsnumber), -C (maxclientsperip)')],
  'listen-ipv6': [pure('-4 (ipv4only)')],
  'allow-data-from-other-ip': [pure('-w (allowuserfxp)')],
};

export const FILEZILLA_FIX_SOURCES: Readonly<Record<ServerFixTopic, Sources>> = {
  'passive-range': [fzPassive('Use custom port range'), cite('filezilla-network-wiki', 'Passive mode')],
  'passive-address': [
    fzPassive('Use the following host; Use default host for local connections'),
    cite('filezilla-network-wiki', 'Passive mode'),
  ],
  'enable-epsv': [fzPassive('Passive mode'), cite('filezilla-network-wiki', 'Passive mode')],
  'enable-pasv': [fzPassive('Passive mode'), cite('filezilla-network-wiki', 'Passive mode')],
  'tls-enable': [fzPassive('Protocols settings › FTP and FTP over TLS (FTPS)'), fzTls('Server Setup')],
  'tls-require': [
    fzPassive('Protocols settings › FTP and FTP over TLS (FTPS)'),
    fzTls('Server Setup: PROT P'),
  ],
  'tls-session-reuse': [
    cite('commons-net-408', 'FileZilla Server: TLS session resumption on data connections'),
    fzTls('Server Setup (0.9.x FTP over TLS settings)'),
  ],
  'tls-certificate': [fzPassive('Protocols settings › FTP and FTP over TLS (FTPS)'), fzTls('Server Setup')],
  'tls-protocols': [fzPassive('Protocols settings › FTP and FTP over TLS (FTPS)')],
  'anonymous-access': [fzUsers('Editing users: credentials, mount points')],
  'connection-limits': [fzUsers('Limits tab: concurrent sessions')],
  'listen-ipv6': [fzPassive('Protocols settings (listeners)')],
  'allow-data-from-other-ip': [fzPassive('Passive mode')],
};

export const IIS_FIX_SOURCES: Readonly<Record<ServerFixTopic, Sources>> = {
  'passive-range': [iis('firewallSupport (lowDataChannelPort, highDataChannelPort)')],
  'passive-address': [iis('site ftpServer.firewallSupport.externalIp4Address')],
  'enable-epsv': [iis('firewallSupport'), cite('filezilla-network-wiki', 'Passive mode')],
  'enable-pasv': [iis('firewallSupport'), cite('filezilla-network-wiki', 'Passive mode')],
  'tls-enable': [iis('security/ssl (serverCertHash)')],
  'tls-require': [iis('security/ssl (controlChannelPolicy, dataChannelPolicy)')],
  'tls-session-reuse': [iis('security/ssl')],
  'tls-certificate': [iis('security/ssl (serverCertHash)')],
  'tls-protocols': [cite('windows-firewall-docs', 'SCHANNEL protocol registry settings')],
  'anonymous-access': [iis('security/authentication/anonymousAuthentication')],
  'connection-limits': [iis('connections (maxConnections)')],
  'listen-ipv6': [iis('site bindings')],
  'allow-data-from-other-ip': [iis('security/dataChannelSecurity (matchClientAddressForPasv)')],
};

export const PYFTPDLIB_FIX_SOURCES: Readonly<Record<ServerFixTopic, Sources>> = {
  'passive-range': [py('FTPHandler.passive_ports')],
  'passive-address': [py('FTPHandler.masquerade_address')],
  'enable-epsv': [py('FTPHandler (PASV, EPSV)')],
  'enable-pasv': [py('FTPHandler (PASV, EPSV)')],
  'tls-enable': [py('TLS_FTPHandler.certfile, keyfile')],
  'tls-require': [py('TLS_FTPHandler.tls_control_required, tls_data_required')],
  'tls-session-reuse': [py('TLS_FTPHandler')],
  'tls-certificate': [py('TLS_FTPHandler.certfile, keyfile')],
  'tls-protocols': [py('TLS_FTPHandler.ssl_options')],
  'anonymous-access': [py('DummyAuthorizer.add_anonymous')],
  'connection-limits': [py('FTPServer.max_cons, max_cons_per_ip')],
  'listen-ipv6': [py('FTPServer (address)')],
  'allow-data-from-other-ip': [py('FTPHandler.permit_foreign_addresses')],
};

export const GENERIC_FIX_SOURCES: Readonly<Record<ServerFixTopic, Sources>> = {
  'passive-range': [rfc(959, '4.1.2'), rfc(2428, '3')],
  'passive-address': [rfc(959, '4.1.2'), rfc(1123, '4.1.2.6')],
  'enable-epsv': [rfc(2428, '3')],
  'enable-pasv': [rfc(959, '4.1.2')],
  'tls-enable': [rfc(4217, '4')],
  'tls-require': [rfc(4217, '4'), rfc(4217, '9')],
  'tls-session-reuse': [
    rfc(4217, '10.2'),
    rfc(8446, '2.2'),
    vsftpd('require_ssl_reuse'),
    proftpdTls('TLSOptions NoSessionReuseRequired'),
    cite('commons-net-408', 'FileZilla Server: TLS session resumption on data connections'),
  ],
  'tls-certificate': [rfc(5280, '6'), rfc(9525, '6')],
  'tls-protocols': [rfc(8996, '1')],
  'anonymous-access': [rfc(959, '4.1.1')],
  'connection-limits': [rfc(959, '4.2.2')],
  'listen-ipv6': [rfc(2428, '1')],
  'allow-data-from-other-ip': [rfc(2577, '3'), rfc(2577, '8')],
};
