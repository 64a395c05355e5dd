import type { DocumentId } from '../../sources.js';

/**
 * The descriptions of the cited documents in French, for "En savoir plus". RFC titles are the
 * documents' own names and stay in English, as do program, file and page names.
 */
export const DOCUMENT_TITLES_FR: Readonly<Partial<Record<DocumentId, string>>> = {
  rfc640: 'Revised FTP Reply Codes (codes de réponse de 1974, remplacés par la RFC 959)',
  'wikipedia-ftp-codes':
    'Wikipédia, List of FTP server return codes (recense les codes non standard rencontrés en pratique)',
  'vsftpd.conf.5': 'page de manuel du fichier de configuration de vsftpd',
  'vsftpd-source': 'code source de vsftpd 3.0.3 (paquet Debian 12)',
  'proftpd-mod_core': 'directives principales de ProFTPD',
  'proftpd-mod_auth': 'directives d’authentification de ProFTPD',
  'proftpd-mod_tls': 'directives de mod_tls (FTPS) de ProFTPD',
  'proftpd-howto': 'pages « howto » de ProFTPD',
  'proftpd-source': 'code source de ProFTPD 1.3.8',
  'pure-ftpd.8': 'page de manuel de Pure-FTPd',
  'pure-ftpd-readme': 'documentation de Pure-FTPd (README, README.TLS, pure-ftpd.conf)',
  'pure-ftpd-source':
    'code source de Pure-FTPd 1.0.50 (étiquette 1.0.50 du dépôt officiel, la version que Debian 12 empaquette)',
  'pure-ftpd-docker': 'l’image de conteneur stilliard/pure-ftpd',
  'filezilla-server-passive-mode':
    'documentation de FileZilla Server 1.x, Passive Mode (Protocols settings › FTP and FTP over TLS)',
  'filezilla-server-users':
    'documentation de FileZilla Server 1.x, panneau Users (identifiants, points de montage, limites)',
  'filezilla-wiki-ftp-over-tls': 'wiki FileZilla, FTP over TLS (réglages de FileZilla Server 0.9.x, PROT P)',
  'commons-net-408':
    'ticket NET-408 d’Apache Commons Net : serveurs FTPS qui exigent la reprise de session TLS sur les connexions de données',
  'filezilla-network-wiki': 'wiki FileZilla, Network Configuration (mode passif, NAT, pare-feu)',
  'iis-ftp-docs': 'référence de configuration du serveur FTP de Microsoft IIS',
  'pyftpdlib-docs': 'référence de l’API de pyftpdlib',
  'nft.8': 'page de manuel de nftables',
  'iptables-extensions.8': 'extensions de correspondance et de cible d’iptables et ip6tables',
  'iptables.8': 'page de manuel d’iptables',
  'ufw.8': 'page de manuel d’Uncomplicated Firewall',
  'firewall-cmd.1': 'page de manuel du client en ligne de commande de firewalld',
  'windows-firewall-docs': 'New-NetFirewallRule (module PowerShell NetSecurity de Windows)',
  'aws-security-groups': 'règles des groupes de sécurité Amazon VPC',
  'kubernetes-services': 'Service Kubernetes (ports, NodePort, externalTrafficPolicy)',
  'docker-networking': 'publication et correspondance des ports dans Docker',
  'linux-conntrack-ftp':
    'module de suivi de connexion FTP de netfilter sous Linux (net/netfilter/nf_conntrack_ftp.c)',
  'linux-man-pages':
    'pages de manuel Linux des appels système et des sockets (connect(2), tcp(7), ip(7), getaddrinfo(3))',
  'curl.1': 'page de manuel de curl',
  'curl-source':
    'implémentation FTP de curl, lib/ftp.c (réponses d’accueil, de connexion et à AUTH qu’il accepte)',
  'python-ftplib':
    'module ftplib de Python, Lib/ftplib.py (séquence de connexion, trust_server_pasv_ipv4_address)',
  'nodejs-tls': 'module tls de Node.js (erreurs de vérification de certificat)',
  'aws-nlb-target-groups':
    'groupes cibles des Network Load Balancer AWS (sessions persistantes par adresse source)',
  'aws-transfer-family': 'AWS Transfer Family, ProtocolDetails (TlsSessionResumptionMode)',
  'busybox-ftpd-source': 'BusyBox networking/ftpd.c (options et réponse à PASV)',
  'cerberus-interfaces': 'aide de Cerberus FTP Server : réglages des interfaces',
  'haproxy-configuration': 'manuel de configuration de HAProxy (algorithmes de répartition)',
  'mikrotik-services': 'services RouterOS (/ip service) et ports de service du pare-feu',
  'asuswrt-ftp-share-page':
    'code source GPL d’ASUSWRT 3.0.0.4.380 (RT-AC1200HP) : page USB Application - FTP Share, ses textes anglais et ses valeurs par défaut',
  'asuswrt-vsftpd-config':
    'code source GPL d’ASUSWRT 3.0.0.4.380 (RT-AC1200HP) : rc/usb.c, write_ftpd_conf (la configuration de vsftpd écrite par le routeur)',
  'asuswrt-ax57m-ftp-share-page':
    'code source GPL d’ASUSWRT pour le RT-AX57M : page FTP Share (Advanced_AiDisk_ftp.asp)',
  'draytek-management-options':
    'base de connaissances de DrayTek UK : à quoi servent les options d’administration du routeur',
  'draytek-management-interfaces':
    'base de connaissances de DrayTek UK : configurer les interfaces d’administration des routeurs DrayTek',
  'synology-dsm-ftp': 'aide de Synology DSM 7 : Control Panel > File Services > FTP',
  'truenas-ftp': 'référence de l’interface TrueNAS CORE : écran Services > FTP',
  'wing-ftp-manual': 'manuel de Wing FTP Server (aide en ligne) : Domain Settings, FTP Pasv Mode',
  'crushftp-user-restrictions': 'wiki de CrushFTP 8 : restrictions des comptes dans le User Manager',
  'crushftp-inheritance': 'wiki de CrushFTP 10 : héritage des réglages entre comptes',
  'wing-ftp-connection-limit':
    'manuel de Wing FTP Server : Domain Settings > General Settings > Connection Limit',
  'globalscape-eft-pasv': 'aide de Globalscape EFT 7.4 : adresse IP et plage de ports PASV',
  'globalscape-eft-ftp': 'aide de Globalscape EFT 8.1 : configuration de FTP et FTPS',
  'ws-ftp-max-connections': 'aide de WS_FTP Server 7.7 : nombre maximal de connexions',
  'titan-ftp-connection-limits': 'base de connaissances de South River Technologies : limites de connexion',
  'xlight-server-security': 'aide de Xlight FTP Server : serveur virtuel, onglet Security',
  'xlight-global-advanced': 'aide de Xlight FTP Server : options globales, onglet Advanced',
  'hp-jetdirect-ftp-printing':
    'guide d’administration des serveurs d’impression HP Jetdirect, annexe B : impression FTP',
  'xerox-colorqube-8570-ftp':
    'guide de l’administrateur système des Xerox ColorQube 8570/8870 : le protocole FTP (p. 41)',
  'xerox-colorqube-8570-ftp-settings':
    'guide de l’administrateur système des Xerox ColorQube 8570/8870 : réglages FTP dans CentreWare IS (p. 42)',
  'fujixerox-docuprint-m455-ftp':
    'aide de CentreWare Internet Services de la Fuji Xerox DocuPrint M455 : réglages du protocole FTP',
  'xerox-colorqube-9301-ftp-mode':
    'guide de l’administrateur système des Xerox ColorQube 9301/9302/9303 : mode FTP (actif ou passif) du classement réseau',
  'serv-u-domain-limits':
    'documentation de SolarWinds Serv-U : limites du domaine (Domain > Limits and Settings)',
  'serv-u-limit-types':
    'guide d’administration de Serv-U File Server : limites et réglages des utilisateurs (catégories de limites)',
  'ability-server-ftp-settings': 'aide de Code-Crafters Ability Server : réglages FTP',
  'globalscape-eft5-pasv': 'aide de Globalscape EFT Server 5 : adresse IP et plage de ports PASV',
  'ability-server-limits-old': 'aide d’Ability Server (anciennes versions) : limites',
  'mikrotik-basic-concepts': 'pare-feu RouterOS, notions de base (états de connexion)',
  'busybox-commands': 'aide des commandes BusyBox (tcpsvd, ftpd)',
  'cerberus-protocol-settings':
    'aide de Cerberus FTP Server : réglages des protocoles (plage de ports passifs FTP/S)',
  'globalscape-eft-connection-limits':
    'aide de Globalscape EFT 6.3 : boîte de dialogue des limites de connexion',
  'globalscape-eft6-connections-per-user':
    'aide de Globalscape EFT 6 : nombre maximal de connexions par utilisateur',
  'globalscape-eft5-connections-per-ip':
    'aide de Globalscape EFT Server 5 : nombre maximal de connexions depuis une même adresse IP',
  'proftpd-identlookups': 'référence des directives de ProFTPD : IdentLookups',
};
