/**
 * Where ftp-doctor's facts come from. Every reply-code entry, comparison, known server message,
 * finding and fix names one or more Source: a document of the catalogue below and a section of it
 * (an RFC section, a manual page's option, a documentation page's directive, a source file).
 * Sources are data, so the reports can list them ("Learn more", the JSON `sources` fields) and a
 * reader can check each claim in one step.
 */

/** DocumentKind: an IETF RFC, a manual page, a vendor's documentation page, or a program's source. */
export type DocumentKind = 'rfc' | 'manual' | 'documentation' | 'source';

/** SourceDocument: one entry of the catalogue. */
export interface SourceDocument {
  readonly kind: DocumentKind;
  /** Short name used in citations: 'RFC 959', 'vsftpd.conf(5)', 'vsftpd 3.0.3 source'. */
  readonly label: string;
  readonly title: string;
  readonly url: string;
}

const rfcDocument = (number: number, title: string): SourceDocument => ({
  kind: 'rfc',
  label: `RFC ${number}`,
  title,
  url: `https://www.rfc-editor.org/rfc/rfc${number}`,
});

/** DOCUMENTS: the catalogue of documents ftp-doctor cites. */
export const DOCUMENTS = {
  rfc640: rfcDocument(640, 'Revised FTP Reply Codes (1974, replaced by RFC 959)'),
  rfc792: rfcDocument(792, 'Internet Control Message Protocol'),
  rfc959: rfcDocument(959, 'File Transfer Protocol (FTP)'),
  rfc1035: rfcDocument(1035, 'Domain names: implementation and specification'),
  rfc1122: rfcDocument(1122, 'Requirements for Internet Hosts: Communication Layers'),
  rfc1123: rfcDocument(1123, 'Requirements for Internet Hosts: Application and Support'),
  rfc1191: rfcDocument(1191, 'Path MTU Discovery'),
  rfc1639: rfcDocument(1639, 'FTP Operation Over Big Address Records (FOOBAR)'),
  rfc1918: rfcDocument(1918, 'Address Allocation for Private Internets'),
  rfc2228: rfcDocument(2228, 'FTP Security Extensions'),
  rfc2308: rfcDocument(2308, 'Negative Caching of DNS Queries (DNS NCACHE)'),
  rfc2389: rfcDocument(2389, 'Feature negotiation mechanism for the File Transfer Protocol'),
  rfc2428: rfcDocument(2428, 'FTP Extensions for IPv6 and NATs'),
  rfc3986: rfcDocument(3986, 'Uniform Resource Identifier (URI): Generic Syntax'),
  rfc2577: rfcDocument(2577, 'FTP Security Considerations'),
  rfc1635: rfcDocument(1635, 'How to Use Anonymous FTP'),
  rfc2640: rfcDocument(2640, 'Internationalization of the File Transfer Protocol'),
  rfc2923: rfcDocument(2923, 'TCP Problems with Path MTU Discovery'),
  rfc3659: rfcDocument(3659, 'Extensions to FTP'),
  rfc3927: rfcDocument(3927, 'Dynamic Configuration of IPv4 Link-Local Addresses'),
  rfc4217: rfcDocument(4217, 'Securing FTP with TLS'),
  rfc4291: rfcDocument(4291, 'IP Version 6 Addressing Architecture'),
  rfc5280: rfcDocument(5280, 'Internet X.509 Public Key Infrastructure Certificate and CRL Profile'),
  rfc5737: rfcDocument(5737, 'IPv4 Address Blocks Reserved for Documentation'),
  rfc6598: rfcDocument(6598, 'IANA-Reserved IPv4 Prefix for Shared Address Space'),
  rfc7151: rfcDocument(7151, 'File Transfer Protocol HOST Command for Virtual Hosts'),
  rfc8305: rfcDocument(8305, 'Happy Eyeballs Version 2: Better Connectivity Using Concurrency'),
  rfc8446: rfcDocument(8446, 'The Transport Layer Security (TLS) Protocol Version 1.3'),
  rfc8996: rfcDocument(8996, 'Deprecating TLS 1.0 and TLS 1.1'),
  rfc9293: rfcDocument(9293, 'Transmission Control Protocol (TCP)'),
  rfc9525: rfcDocument(9525, 'Service Identity in TLS'),

  'wikipedia-ftp-codes': {
    kind: 'documentation',
    label: 'Wikipedia: List of FTP server return codes',
    title: 'List of FTP server return codes (collects non-standard codes seen in the field)',
    url: 'https://en.wikipedia.org/wiki/List_of_FTP_server_return_codes',
  },
  'vsftpd.conf.5': {
    kind: 'manual',
    label: 'vsftpd.conf(5)',
    title: 'vsftpd configuration file manual page',
    url: 'https://manpages.debian.org/bookworm/vsftpd/vsftpd.conf.5.en.html',
  },
  'vsftpd-source': {
    kind: 'source',
    label: 'vsftpd 3.0.3 source',
    title: 'vsftpd 3.0.3 source code (Debian 12 package)',
    url: 'https://sources.debian.org/src/vsftpd/3.0.3-13/',
  },
  'proftpd-mod_core': {
    kind: 'documentation',
    label: 'ProFTPD mod_core',
    title: 'ProFTPD core directives',
    url: 'http://www.proftpd.org/docs/modules/mod_core.html',
  },
  'proftpd-mod_auth': {
    kind: 'documentation',
    label: 'ProFTPD mod_auth',
    title: 'ProFTPD authentication directives',
    url: 'http://www.proftpd.org/docs/modules/mod_auth.html',
  },
  'proftpd-mod_tls': {
    kind: 'documentation',
    label: 'ProFTPD mod_tls',
    title: 'ProFTPD mod_tls (FTPS) directives',
    url: 'http://www.proftpd.org/docs/contrib/mod_tls.html',
  },
  'proftpd-howto': {
    kind: 'documentation',
    label: 'ProFTPD howto',
    title: 'ProFTPD howto pages',
    url: 'http://www.proftpd.org/docs/howto/',
  },
  'proftpd-identlookups': {
    kind: 'documentation',
    label: 'ProFTPD directive reference',
    title: 'ProFTPD configuration directive: IdentLookups',
    url: 'http://www.proftpd.org/docs/directives/linked/config_ref_IdentLookups.html',
  },
  'proftpd-source': {
    kind: 'source',
    label: 'ProFTPD 1.3.8 source',
    title: 'ProFTPD 1.3.8 source code',
    url: 'https://github.com/proftpd/proftpd/tree/v1.3.8',
  },
  'pure-ftpd.8': {
    kind: 'manual',
    label: 'pure-ftpd(8)',
    title: 'Pure-FTPd manual page',
    url: 'https://manpages.debian.org/bookworm/pure-ftpd/pure-ftpd.8.en.html',
  },
  'pure-ftpd-readme': {
    kind: 'documentation',
    label: 'Pure-FTPd README',
    title: 'Pure-FTPd documentation (README, README.TLS, pure-ftpd.conf)',
    url: 'https://github.com/jedisct1/pure-ftpd/blob/master/README',
  },
  'pure-ftpd-source': {
    kind: 'source',
    label: 'Pure-FTPd 1.0.50 source',
    title: 'Pure-FTPd 1.0.50 source code (upstream release tag 1.0.50, the version Debian 12 packages)',
    url: 'https://github.com/jedisct1/pure-ftpd/tree/1.0.50',
  },
  'pure-ftpd-docker': {
    kind: 'documentation',
    label: 'stilliard/pure-ftpd README',
    title: 'The stilliard/pure-ftpd container image',
    url: 'https://github.com/stilliard/docker-pure-ftpd',
  },
  'filezilla-server-passive-mode': {
    kind: 'documentation',
    label: 'FileZilla Server 1.x docs (Passive Mode)',
    title: 'FileZilla Server 1.x documentation, Passive Mode (Protocols settings › FTP and FTP over TLS)',
    url: 'https://filezillapro.com/docs/server/advanced-options/filezilla-server-passive-mode/',
  },
  'filezilla-server-users': {
    kind: 'documentation',
    label: 'FileZilla Server 1.x docs (Users)',
    title: 'FileZilla Server 1.x documentation, Users panel (credentials, mount points, limits)',
    url: 'https://filezillapro.com/docs/server/advanced-options/filezilla-server-users-panel/',
  },
  'filezilla-wiki-ftp-over-tls': {
    kind: 'documentation',
    label: 'FileZilla wiki: FTP over TLS',
    title: 'FileZilla wiki, FTP over TLS (FileZilla Server 0.9.x settings, PROT P)',
    url: 'https://wiki.filezilla-project.org/FTP_over_TLS',
  },
  'commons-net-408': {
    kind: 'documentation',
    label: 'Apache Commons Net NET-408',
    title:
      'Apache Commons Net issue NET-408: FTPS servers that require TLS session resumption on data connections',
    url: 'https://issues.apache.org/jira/browse/NET-408',
  },
  'filezilla-network-wiki': {
    kind: 'documentation',
    label: 'FileZilla wiki: Network Configuration',
    title: 'FileZilla wiki, Network Configuration (passive mode, NAT, firewalls)',
    url: 'https://wiki.filezilla-project.org/Network_Configuration',
  },
  'iis-ftp-docs': {
    kind: 'documentation',
    label: 'IIS FTP documentation',
    title: 'Microsoft IIS FTP server configuration reference',
    url: 'https://learn.microsoft.com/en-us/iis/configuration/system.ftpserver/',
  },
  'pyftpdlib-docs': {
    kind: 'documentation',
    label: 'pyftpdlib documentation',
    title: 'pyftpdlib API reference',
    url: 'https://pyftpdlib.readthedocs.io/en/latest/api.html',
  },
  'nft.8': {
    kind: 'manual',
    label: 'nft(8)',
    title: 'nftables manual page',
    url: 'https://www.netfilter.org/projects/nftables/manpage.html',
  },
  'iptables-extensions.8': {
    kind: 'manual',
    label: 'iptables-extensions(8)',
    title: 'iptables and ip6tables match and target extensions',
    url: 'https://ipset.netfilter.org/iptables-extensions.man.html',
  },
  'iptables.8': {
    kind: 'manual',
    label: 'iptables(8)',
    title: 'iptables manual page',
    url: 'https://ipset.netfilter.org/iptables.man.html',
  },
  'ufw.8': {
    kind: 'manual',
    label: 'ufw(8)',
    title: 'Uncomplicated Firewall manual page',
    url: 'https://manpages.ubuntu.com/manpages/noble/man8/ufw.8.html',
  },
  'firewall-cmd.1': {
    kind: 'manual',
    label: 'firewall-cmd(1)',
    title: 'firewalld command-line client manual page',
    url: 'https://firewalld.org/documentation/man-pages/firewall-cmd.html',
  },
  'windows-firewall-docs': {
    kind: 'documentation',
    label: 'Windows Firewall documentation',
    title: 'New-NetFirewallRule (Windows PowerShell NetSecurity module)',
    url: 'https://learn.microsoft.com/en-us/powershell/module/netsecurity/new-netfirewallrule',
  },
  'aws-security-groups': {
    kind: 'documentation',
    label: 'AWS VPC user guide',
    title: 'Amazon VPC security group rules',
    url: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
  },
  'kubernetes-services': {
    kind: 'documentation',
    label: 'Kubernetes documentation',
    title: 'Kubernetes Service (ports, NodePort, externalTrafficPolicy)',
    url: 'https://kubernetes.io/docs/concepts/services-networking/service/',
  },
  'docker-networking': {
    kind: 'documentation',
    label: 'Docker documentation',
    title: 'Docker port publishing and mapping',
    url: 'https://docs.docker.com/engine/network/port-publishing/',
  },
  'linux-conntrack-ftp': {
    kind: 'source',
    label: 'Linux nf_conntrack_ftp',
    title: 'Linux netfilter FTP connection-tracking helper (net/netfilter/nf_conntrack_ftp.c)',
    url: 'https://github.com/torvalds/linux/blob/master/net/netfilter/nf_conntrack_ftp.c',
  },
  'linux-man-pages': {
    kind: 'manual',
    label: 'Linux man-pages',
    title: 'Linux system call and socket manual pages (connect(2), tcp(7), ip(7), getaddrinfo(3))',
    url: 'https://man7.org/linux/man-pages/',
  },
  'curl.1': {
    kind: 'manual',
    label: 'curl(1)',
    title: 'curl manual page',
    url: 'https://curl.se/docs/manpage.html',
  },
  'curl-source': {
    kind: 'source',
    label: 'curl 7.88 source',
    title: "curl's FTP implementation, lib/ftp.c (greeting, login and AUTH replies it accepts)",
    url: 'https://github.com/curl/curl/blob/curl-7_88_1/lib/ftp.c',
  },
  'python-ftplib': {
    kind: 'source',
    label: 'Python ftplib',
    title: "Python's ftplib module, Lib/ftplib.py (login sequence, trust_server_pasv_ipv4_address)",
    url: 'https://docs.python.org/3/library/ftplib.html',
  },
  'haproxy-configuration': {
    kind: 'documentation',
    label: 'HAProxy configuration manual',
    title: 'HAProxy configuration manual (balance algorithms)',
    url: 'https://docs.haproxy.org/2.8/configuration.html#4.2-balance',
  },
  'aws-nlb-target-groups': {
    kind: 'documentation',
    label: 'Elastic Load Balancing user guide',
    title: 'Target groups for Network Load Balancers (sticky sessions by source IP)',
    url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-target-groups.html',
  },
  'aws-transfer-family': {
    kind: 'documentation',
    label: 'AWS Transfer Family API reference',
    title: 'AWS Transfer Family ProtocolDetails (TlsSessionResumptionMode)',
    url: 'https://docs.aws.amazon.com/transfer/latest/userguide/API_ProtocolDetails.html',
  },
  'nodejs-tls': {
    kind: 'documentation',
    label: 'Node.js TLS documentation',
    title: 'Node.js tls module (certificate verification errors)',
    url: 'https://nodejs.org/api/tls.html',
  },
  // FTP settings of appliances and Windows servers (src/knowledge/servers/devices).
  'synology-dsm-ftp': {
    kind: 'documentation',
    label: 'Synology DSM help',
    title: 'Synology DSM 7 help: Control Panel > File Services > FTP',
    url: 'https://kb.synology.com/en-global/DSM/help/DSM/AdminCenter/file_ftp_general?version=7',
  },
  'truenas-ftp': {
    kind: 'documentation',
    label: 'TrueNAS documentation',
    title: 'TrueNAS CORE UI reference: Services > FTP screen',
    url: 'https://www.truenas.com/docs/core/uireference/services/ftpscreen/',
  },
  'mikrotik-services': {
    kind: 'documentation',
    label: 'MikroTik RouterOS documentation',
    title: 'RouterOS Services (/ip service) and firewall service ports',
    url: 'https://help.mikrotik.com/docs/display/ROS/Services',
  },
  'asuswrt-ftp-share-page': {
    kind: 'source',
    label: 'ASUSWRT 3.0.0.4.380 GPL source',
    title:
      'ASUSWRT 3.0.0.4.380 GPL source (RT-AC1200HP): USB Application - FTP Share page, its English texts and defaults',
    url: 'https://github.com/gorden5566/asuswrt-ac1200hp/blob/81df579a4a2342c493f6616f926860122e67ef30/release/src/router/www/Advanced_AiDisk_ftp.asp',
  },
  'asuswrt-vsftpd-config': {
    kind: 'source',
    label: 'ASUSWRT 3.0.0.4.380 GPL source',
    title:
      'ASUSWRT 3.0.0.4.380 GPL source (RT-AC1200HP): rc/usb.c write_ftpd_conf (the vsftpd configuration the router writes)',
    url: 'https://github.com/gorden5566/asuswrt-ac1200hp/blob/81df579a4a2342c493f6616f926860122e67ef30/release/src/router/rc/usb.c',
  },
  'asuswrt-ax57m-ftp-share-page': {
    kind: 'source',
    label: 'ASUSWRT RT-AX57M GPL source',
    title: 'ASUSWRT GPL source for the RT-AX57M: FTP Share page (Advanced_AiDisk_ftp.asp)',
    url: 'https://github.com/Yuzhii0718/ASUSWRT-AX57M/blob/ad5828b41186af8fcd882dd18454655654817c5f/release/src/router/www/Advanced_AiDisk_ftp.asp',
  },
  'draytek-management-options': {
    kind: 'documentation',
    label: 'DrayTek UK knowledge base',
    title: 'DrayTek UK knowledge base: What do the router management options do?',
    url: 'https://draytek.co.uk/support/guides/kb-vigor-wuimgt',
  },
  'draytek-management-interfaces': {
    kind: 'documentation',
    label: 'DrayTek UK knowledge base',
    title: 'DrayTek UK knowledge base: Configuring management interfaces of DrayTek routers',
    url: 'https://draytek.co.uk/support/guides/kb-controlmanagement',
  },
  'busybox-ftpd-source': {
    kind: 'source',
    label: 'BusyBox ftpd source',
    title: 'BusyBox networking/ftpd.c (options and PASV reply)',
    url: 'https://git.busybox.net/busybox/tree/networking/ftpd.c',
  },
  'wing-ftp-manual': {
    kind: 'documentation',
    label: 'Wing FTP Server manual',
    title: 'Wing FTP Server manual (online help): Domain Settings, FTP Pasv Mode',
    url: 'https://www.wftpserver.com/help/ftpserver/',
  },
  'crushftp-user-restrictions': {
    kind: 'documentation',
    label: 'CrushFTP 8 wiki',
    title: 'CrushFTP 8 wiki: UserManagerRestrictions (page version 1)',
    url: 'https://www.crushftp.com/crush8wiki/Wiki.jsp?page=UserManagerRestrictions&version=1',
  },
  'crushftp-inheritance': {
    kind: 'documentation',
    label: 'CrushFTP 10 wiki',
    title: 'CrushFTP 10 wiki: Inheritance (page version 4)',
    url: 'https://www.crushftp.com/crush10wiki/Wiki.jsp?page=Inheritance&version=4',
  },
  'cerberus-interfaces': {
    kind: 'documentation',
    label: 'Cerberus FTP Server help',
    title: 'Cerberus FTP Server help: Interface Settings',
    url: 'https://www.cerberusftp.com/support/help/interfaces/',
  },
  'wing-ftp-connection-limit': {
    kind: 'documentation',
    label: 'Wing FTP Server manual',
    title: 'Wing FTP Server manual: Domain Settings > General Settings > Connection Limit',
    url: 'https://www.wftpserver.com/help/ftpserver/connection_limit.htm',
  },
  'globalscape-eft-pasv': {
    kind: 'documentation',
    label: 'Globalscape EFT help',
    title: 'Globalscape EFT help: Specifying a PASV IP or PASV Port Range',
    url: 'https://help.globalscape.com/help/eft7-4/mergedProjects/ftphttp/Specifying_a_PASV_IP_or_PASV_Port_Range1.htm',
  },
  'globalscape-eft-ftp': {
    kind: 'documentation',
    label: 'Globalscape EFT help',
    title: 'Globalscape EFT 8.1 help: Configuring FTP or FTPS',
    url: 'https://hstechdocs.helpsystems.com/manuals/globalscape/eft8-1/mergedprojects/admin/configuring_ftp.htm',
  },
  'ws-ftp-max-connections': {
    kind: 'documentation',
    label: 'WS_FTP Server help',
    title: 'WS_FTP Server 7.7 help: Setting maximum number of connections',
    url: 'https://docs.ipswitch.com/WS_FTP_Server77/Help/Server/setting_maximum_users.htm',
  },
  'titan-ftp-connection-limits': {
    kind: 'documentation',
    label: 'South River Technologies knowledge base',
    title: 'South River Technologies knowledge base: How To: Configure Connection Limits',
    url: 'https://kb.southrivertech.com/knowledge-base/how-to-configure-connection-limits',
  },
  'xlight-server-security': {
    kind: 'documentation',
    label: 'Xlight FTP Server help',
    title: 'Xlight FTP Server help: Virtual Server Configuration - Security',
    url: 'https://xlightftpd.com/help/server_security.html',
  },
  'xlight-global-advanced': {
    kind: 'documentation',
    label: 'Xlight FTP Server help',
    title: 'Xlight FTP Server help: Global Options - Advanced',
    url: 'https://www.xlightftpd.com/help/option_advanced.html',
  },
  'globalscape-eft5-pasv': {
    kind: 'documentation',
    label: 'Globalscape EFT 5 help',
    title: 'Globalscape EFT Server 5 help: Specifying a PASV IP or PASV port range',
    url: 'https://hstechdocs.helpsystems.com/manuals/globalscape/archive/eft5/admin/specifying_a_pasv_ip_or_pasv_port_range1.htm',
  },
  'ability-server-limits-old': {
    kind: 'documentation',
    label: 'Ability Server help (older versions)',
    title: 'Code-Crafters Ability Server help: Limits',
    url: 'http://www.code-crafters.com/abilityftpserver/limits.html',
  },
  'mikrotik-basic-concepts': {
    kind: 'documentation',
    label: 'MikroTik RouterOS documentation',
    title: 'RouterOS firewall Basic Concepts (connection states)',
    url: 'https://help.mikrotik.com/docs/display/ROS/Basic+Concepts',
  },
  'busybox-commands': {
    kind: 'documentation',
    label: 'BusyBox command help',
    title: 'BusyBox - The Swiss Army Knife of Embedded Linux: command descriptions (tcpsvd, ftpd)',
    url: 'https://busybox.net/downloads/BusyBox.html',
  },
  'hp-jetdirect-ftp-printing': {
    kind: 'documentation',
    label: "HP Jetdirect Administrator's Guide",
    title: "HP Jetdirect Print Servers Administrator's Guide, Appendix B: FTP printing",
    url: 'https://www.hp.com/support/net_printing',
  },
  'xerox-colorqube-8570-ftp': {
    kind: 'documentation',
    label: 'Xerox ColorQube 8570/8870 System Administrator Guide',
    title: 'Xerox ColorQube 8570/8870 System Administrator Guide (2010), File Transfer Protocol (FTP), p. 41',
    url: 'https://manualshive.com/ru/manual/xerox/colorqube-8570/3755910?page=41',
  },
  'xerox-colorqube-8570-ftp-settings': {
    kind: 'documentation',
    label: 'Xerox ColorQube 8570/8870 System Administrator Guide',
    title:
      'Xerox ColorQube 8570/8870 System Administrator Guide (2010), FTP settings in CentreWare IS, p. 42',
    url: 'https://www.easymanua.ls/xerox/colorqube-8570/manual/77555?p=42',
  },
  'fujixerox-docuprint-m455-ftp': {
    kind: 'documentation',
    label: 'DocuPrint M455 CentreWare Internet Services help',
    title: 'Fuji Xerox DocuPrint M455, CentreWare Internet Services help: Protocol Settings - FTP',
    url: 'https://opencds-fb.fujifilm.com/gen/product2_aux/prod/ews_help/ap/iso88591/docuprint_m455/p_ftp.htm',
  },
  'xerox-colorqube-9301-ftp-mode': {
    kind: 'documentation',
    label: 'Xerox ColorQube 9301/9302/9303 System Administrator Guide',
    title:
      'Xerox ColorQube 9301/9302/9303 System Administrator Guide, Network Configuration: FTP (Setting FTP Mode), p. 31',
    url: 'https://www.easymanua.ls/xerox/colorqube-9303-series/manual/1579603?p=31',
  },
  'serv-u-domain-limits': {
    kind: 'documentation',
    label: 'Serv-U documentation',
    title: 'SolarWinds Serv-U documentation: Serv-U domain limits (Domain > Limits and Settings)',
    url: 'https://documentation.solarwinds.com/en/success_center/servu/content/servu-domain-las-limits.htm',
  },
  'serv-u-limit-types': {
    kind: 'documentation',
    label: 'Serv-U File Server Administrator Guide',
    title: 'SolarWinds Serv-U File Server Administrator Guide: User limits and settings (limit categories)',
    url: 'https://support.solarwinds.com/Success_Center/Serv-U_Managed_File_Transfer_Serv-U_FTP_Server/Serv-U_Documentation/Serv-U_File_Server_Administrator_Guide/050_User_accounts/040_User_limits_and_settings',
  },
  'ability-server-ftp-settings': {
    kind: 'documentation',
    label: 'Ability Server help',
    title: 'Code-Crafters Ability Server help: FTP settings',
    url: 'https://www.codecrafters.com/AbilityFTPServer/Support/FTP',
  },
  'cerberus-protocol-settings': {
    kind: 'documentation',
    label: 'Cerberus FTP Server help',
    title: 'Cerberus FTP Server help: Protocol Settings (FTP/S Settings, Passive Port Range)',
    url: 'https://support.cerberusftp.com/hc/en-us/articles/360001681459-Protocol-Settings',
  },
  'globalscape-eft-connection-limits': {
    kind: 'documentation',
    label: 'Globalscape EFT 6.3 help',
    title: 'Globalscape EFT 6.3 help: Connection Limits dialog box',
    url: 'https://hstechdocs.helpsystems.com/manuals/globalscape/archive/eft6-3/mergedprojects/eft/connection_limits_dialog_box.htm',
  },
  'globalscape-eft6-connections-per-user': {
    kind: 'documentation',
    label: 'Globalscape EFT 6 help',
    title: 'Globalscape EFT 6 help: Setting Maximum Connections per User',
    url: 'https://hstechdocs.helpsystems.com/manuals/globalscape/archive/eft6/Setting_Maximum_Connections_per_User_User.htm',
  },
  'globalscape-eft5-connections-per-ip': {
    kind: 'documentation',
    label: 'Globalscape EFT 5 help',
    title: 'Globalscape EFT Server 5 help: Setting Maximum Connections per IP per User',
    url: 'https://hstechdocs.helpsystems.com/manuals/globalscape/archive/eft5/admin/setting_maximum_connections_per_ip_per_user.htm',
  },
} as const satisfies Record<string, SourceDocument>;

export type DocumentId = keyof typeof DOCUMENTS;

/**
 * Source: one cited place. `citation` and `url` are derived from the document and the section by
 * `cite`, so JSON readers get them without the catalogue.
 */
export interface Source {
  readonly document: DocumentId;
  /** '4.2.2' for an RFC; an option, directive, page or file name for the others. */
  readonly section: string;
  /** 'RFC 959 §4.2.2', 'vsftpd.conf(5): pasv_min_port'. */
  readonly citation: string;
  readonly url: string;
}

/** Sources: at least one; an empty list does not compile. */
export type Sources = readonly [Source, ...Source[]];

/** rfcAnchor turns '4.2.2' into '#section-4.2.2' and 'Appendix II' into '#appendix-II'. */
function rfcAnchor(section: string): string {
  if (/^\d+(\.\d+)*$/.test(section)) return `#section-${section}`;
  const appendix = /^Appendix ([A-Z0-9.]+)$/i.exec(section);
  return appendix ? `#appendix-${appendix[1]}` : '';
}

/** cite makes a Source for a section of a catalogued document. */
export function cite(document: DocumentId, section: string): Source {
  const entry: SourceDocument = DOCUMENTS[document];
  if (entry.kind === 'rfc') {
    const sectionText = /^\d/.test(section) ? `§${section}` : section;
    return {
      document,
      section,
      citation: `${entry.label} ${sectionText}`,
      url: `${entry.url}${rfcAnchor(section)}`,
    };
  }
  return { document, section, citation: `${entry.label}: ${section}`, url: entry.url };
}

type RfcId = Extract<DocumentId, `rfc${number}`>;

/** rfc is cite for an RFC by number: rfc(959, '4.2.2'). */
export function rfc(
  number: RfcId extends `rfc${infer N extends number}` ? N : never,
  section: string,
): Source {
  return cite(`rfc${number}` as DocumentId, section);
}

/** sources builds a Sources list where an array literal would be widened to Source[]. */
export function sources(first: Source, ...rest: Source[]): Sources {
  return [first, ...rest];
}

/** documentOf returns the catalogue entry of a source. */
export function documentOf(source: Source): SourceDocument {
  return DOCUMENTS[source.document];
}

/** uniqueSources drops repeated citations, keeping the first occurrence's order. */
export function uniqueSources(sources: readonly Source[]): Source[] {
  const seen = new Set<string>();
  return sources.filter((source) => {
    if (seen.has(source.citation)) return false;
    seen.add(source.citation);
    return true;
  });
}
