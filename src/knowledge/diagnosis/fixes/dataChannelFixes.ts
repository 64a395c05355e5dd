import { cite, rfc, sources } from '../../sources.js';
import type { Fix } from '../../types.js';

/**
 * Fixes for the data-channel checks (write test, repeated sessions, middleboxes). Each text is
 * written for the product it names; the source of each fact is given beside it.
 */

/**
 * writePermissionFixes: let an account write. vsftpd: `write_enable` (vsftpd.conf(5): "controls
 * whether any FTP commands which change the filesystem are allowed", default NO) and, for
 * anonymous users, `anon_upload_enable`. ProFTPD: `<Limit WRITE>` sections deny writes
 * (ProFTPD "Limit" howto, the WRITE command group covers STOR, DELE, MKD …). Pure-FTPd: `-i`
 * (--anonymouscantupload) refuses anonymous uploads; accounts write where Unix permissions allow.
 */
export function writePermissionFixes(software: string, anonymous: boolean): Fix[] {
  const fixes: Fix[] = [];
  const wanted = (id: string) => software === id || software === 'unknown';
  if (wanted('vsftpd')) {
    fixes.push({
      audience: 'server',
      dialect: 'vsftpd',
      title: 'vsftpd: allow writes',
      sources: sources(cite('vsftpd.conf.5', 'write_enable'), cite('vsftpd.conf.5', 'anon_upload_enable')),
      text: [
        '# /etc/vsftpd.conf, then restart vsftpd. write_enable is NO by default (vsftpd.conf(5)).',
        'write_enable=YES',
        ...(anonymous
          ? ['anon_upload_enable=YES', '# the anonymous upload directory must be writable by the ftp user']
          : []),
        '# 553 "Could not create file." means the directory itself is not writable by the account:',
        '# chown/chmod the directory (e.g. chown USER: /srv/ftp/upload).',
      ].join('\n'),
    });
  }
  if (wanted('proftpd')) {
    fixes.push({
      audience: 'server',
      dialect: 'proftpd',
      title: 'ProFTPD: allow the WRITE command group',
      sources: sources(cite('proftpd-howto', 'Limit')),
      text: [
        '# A <Limit WRITE> DenyAll section (ProFTPD Limit howto) refuses STOR and DELE; allow it where uploads go:',
        '<Directory /srv/ftp/upload>',
        '  <Limit WRITE>',
        '    AllowAll',
        '  </Limit>',
        '</Directory>',
        '# The Unix permissions of the directory must let the account write as well.',
      ].join('\n'),
    });
  }
  if (wanted('pure-ftpd')) {
    fixes.push({
      audience: 'server',
      dialect: 'pure-ftpd',
      title: 'Pure-FTPd: uploads follow Unix permissions',
      sources: sources(cite('pure-ftpd.8', '-i (--anonymouscantupload)')),
      text: [
        '# Pure-FTPd has no write switch for accounts: the directory must be writable by the account.',
        ...(anonymous
          ? ['# Anonymous uploads are refused with -i / AnonymousCantUpload yes: remove it.']
          : []),
        'chown USER: /srv/ftp/upload && chmod u+w /srv/ftp/upload',
      ].join('\n'),
    });
  }
  fixes.push({
    audience: 'server',
    dialect: 'generic',
    title: 'Give the account write access',
    sources: sources(rfc(959, '4.2.2')),
    text: "The server refused to create the file. Check the account's write permission in the FTP server (its upload/write switch) and the file-system permissions of the target directory; or pass a writable directory: --write-test /upload.",
  });
  return fixes;
}

/** noSpaceFixes: 452/552 (RFC 959 §4.2: insufficient storage / exceeded storage allocation). */
export function noSpaceFixes(): Fix[] {
  return [
    {
      audience: 'server',
      dialect: 'generic',
      title: 'Free space or raise the quota',
      sources: sources(rfc(959, '4.2.2'), cite('pure-ftpd.8', '-n (--quota)')),
      text: [
        "# On the server, find the full file system and the account's quota:",
        'df -h /srv/ftp',
        'quota -u USER    # Linux disk quotas; Pure-FTPd virtual quotas: pure-quotacheck',
      ].join('\n'),
    },
  ];
}

/**
 * pathMtuFixes: a path-MTU black hole (RFC 2923 §2.1): full-size packets are dropped on a link
 * with a smaller MTU and the ICMP "fragmentation needed" / "packet too big" that would tell the
 * sender (RFC 1191, RFC 8201) is filtered. Either let that ICMP through, or clamp the TCP MSS on
 * the router so no packet needs it. nftables: `tcp option maxseg size set rt mtu` (nftables
 * wiki, "Mangling packet headers"); iptables: the TCPMSS target with --clamp-mss-to-pmtu
 * (iptables-extensions(8)).
 */
export function pathMtuFixes(): Fix[] {
  return [
    {
      audience: 'network',
      dialect: 'nftables',
      title: 'Let ICMP "fragmentation needed" through and clamp the MSS (nftables)',
      sources: sources(cite('nft.8', 'TCP OPTIONS (maxseg)'), rfc(1191, '4'), rfc(2923, '2.1')),
      text: [
        '# On every firewall between client and server (table inet filter assumed):',
        'nft add rule inet filter input icmp type destination-unreachable accept',
        'nft add rule inet filter forward icmp type destination-unreachable accept',
        'nft add rule inet filter forward icmpv6 type packet-too-big accept',
        '# On the router in front of the smaller-MTU link (tunnel, VPN, PPPoE):',
        'nft add rule inet filter forward tcp flags syn tcp option maxseg size set rt mtu',
      ].join('\n'),
    },
    {
      audience: 'network',
      dialect: 'iptables',
      title: 'Let ICMP "fragmentation needed" through and clamp the MSS (iptables)',
      sources: sources(cite('iptables-extensions.8', 'TCPMSS'), rfc(1191, '4')),
      text: [
        'iptables -I INPUT -p icmp --icmp-type fragmentation-needed -j ACCEPT',
        'iptables -I FORWARD -p icmp --icmp-type fragmentation-needed -j ACCEPT',
        'ip6tables -I FORWARD -p icmpv6 --icmpv6-type packet-too-big -j ACCEPT',
        'iptables -t mangle -A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu',
      ].join('\n'),
    },
    {
      audience: 'client',
      dialect: 'generic',
      title: 'Check the path MTU in both directions',
      sources: sources(cite('linux-man-pages', 'ip(7): IP_MTU_DISCOVER'), rfc(1191, '3')),
      text: [
        '# The largest IPv4 packet that passes unfragmented (1472 + 28 bytes of headers = 1500; IPv6: ping -6 -M do -s 1452):',
        'ping -M do -s 1472 SERVER',
        'tracepath SERVER',
        "# Uploads flow towards the server; listings and downloads flow from it: run the same on the server with the client's address.",
        '# Where ICMP echo is filtered, ping proves nothing either way.',
      ].join('\n'),
    },
  ];
}

/** asciiModeFixes: transfers must use binary type (RFC 959 §3.1.1.3, TYPE I). */
export function asciiModeFixes(): Fix[] {
  return [
    {
      audience: 'client',
      dialect: 'generic',
      title: 'Transfer in binary mode',
      sources: sources(rfc(959, '3.1.1.3'), cite('curl.1', '--use-ascii')),
      text: 'Send TYPE I before transfers (curl does unless given --use-ascii or ;type=a in the URL; FileZilla: Transfer > Transfer type > Binary). ftp-doctor sent TYPE I, so a server that still converts line ends ignores it, or a device on the path rewrites the stream.',
    },
    {
      audience: 'server',
      dialect: 'vsftpd',
      title: 'vsftpd: no ASCII conversion',
      sources: sources(cite('vsftpd.conf.5', 'ascii_upload_enable, ascii_download_enable')),
      text: '# vsftpd converts line ends only when ascii_upload_enable / ascii_download_enable are YES and the client asked for TYPE A.\nascii_upload_enable=NO\nascii_download_enable=NO',
    },
  ];
}

/**
 * stickyBackendFixes: every connection of one client must reach the backend that holds its
 * control connection. nftables: map on a hash of the source address (`jhash ip saddr mod N`,
 * nft(8) "NUMGEN / HASH expressions"); Kubernetes: Service `sessionAffinity: ClientIP`
 * (Kubernetes "Service" reference); HAProxy: `balance source` (HAProxy configuration manual,
 * "balance"); AWS Network Load Balancer: target-group attribute `stickiness.type=source_ip`
 * (Elastic Load Balancing, "Target groups for your Network Load Balancers").
 */
export function stickyBackendFixes(): Fix[] {
  return [
    {
      audience: 'network',
      dialect: 'nftables',
      title: 'nftables load balancing: choose the backend by client address, not per connection',
      sources: sources(cite('nft.8', 'HASH EXPRESSIONS (jhash)')),
      text: [
        '# Replace a per-connection choice (numgen inc/random) with a hash of the source address, for the control port and the passive range alike (addresses and ports are examples):',
        'ip daddr 203.0.113.10 tcp dport { 21, 50000-50100 } dnat to jhash ip saddr mod 2 map { 0 : 10.0.0.11, 1 : 10.0.0.12 }',
      ].join('\n'),
    },
    {
      audience: 'network',
      dialect: 'kubernetes',
      title: 'Kubernetes: keep a client on one pod',
      sources: sources(cite('kubernetes-services', 'sessionAffinity')),
      text: ['spec:', '  sessionAffinity: ClientIP'].join('\n'),
    },
    {
      audience: 'network',
      dialect: 'haproxy',
      title: 'HAProxy: one backend per client address',
      sources: sources(cite('haproxy-configuration', 'balance source')),
      text: ['backend ftp', '  mode tcp', '  balance source'].join('\n'),
    },
    {
      audience: 'network',
      dialect: 'aws',
      title: 'AWS Network Load Balancer: source-IP stickiness on the target group',
      sources: sources(cite('aws-nlb-target-groups', 'stickiness.type source_ip')),
      text: 'aws elbv2 modify-target-group-attributes --target-group-arn ARN --attributes Key=stickiness.enabled,Value=true Key=stickiness.type,Value=source_ip',
    },
    {
      audience: 'server',
      dialect: 'generic',
      title: 'Or give each backend its own passive range',
      sources: sources(rfc(959, '4.1.2')),
      text: 'Give each FTP server behind the balancer a passive port range of its own and forward each range only to its server; the control port may then be balanced freely.',
    },
  ];
}

/**
 * singleSourceAddressFixes: a NAT pool that gives one client several source addresses makes
 * servers that check the data connection's source (vsftpd's PASV check, see pasv_promiscuous in
 * vsftpd.conf(5)) refuse it. nftables' `persistent` NAT flag keeps one client on one address
 * (nft(8), "NAT statements").
 */
export function singleSourceAddressFixes(): Fix[] {
  return [
    {
      audience: 'network',
      dialect: 'nftables',
      title: 'Source NAT: give each client one address for all its connections',
      sources: sources(
        cite('nft.8', 'NAT STATEMENTS (persistent)'),
        cite('vsftpd.conf.5', 'pasv_promiscuous'),
      ),
      text: 'ip saddr 10.0.0.0/8 oifname "wan0" snat to 198.51.100.1-198.51.100.4 persistent',
    },
  ];
}

/**
 * ftpHelperFixes: a NAT device's FTP helper (ALG; Linux nf_nat_ftp) translates the address in
 * plain PASV replies and opens the announced data port, but sees neither inside TLS: the helper
 * parses the control channel's bytes (nf_conntrack_ftp.c), which TLS encrypts. FTPS behind that NAT
 * needs the server to announce the public address itself and the passive range forwarded as
 * such; the helper then has nothing left to do.
 */
export function ftpHelperFixes(publicAddress: string | null): Fix[] {
  const address = publicAddress ?? 'PUBLIC_ADDRESS';
  return [
    {
      audience: 'network',
      dialect: 'nftables',
      title: 'Forward the passive range without relying on the FTP helper (nftables)',
      sources: sources(
        cite('nft.8', 'NAT STATEMENTS (dnat)'),
        cite('linux-conntrack-ftp', 'nf_conntrack_ftp.c'),
      ),
      text: [
        '# The helper cannot read FTPS: forward the passive range (here 50000-50100) to the server explicitly, next to the control port (SERVER is its internal address):',
        `nft add rule ip nat prerouting ip daddr ${address} tcp dport { 21, 50000-50100 } dnat to SERVER`,
        '# With the server announcing its public address, the helper is not needed for passive mode;',
        '# remove any `ct helper set "ftp"` rule for this server if plain FTP should behave like FTPS.',
      ].join('\n'),
    },
    {
      audience: 'network',
      dialect: 'generic',
      title: 'Routers and firewalls with an FTP ALG',
      sources: sources(cite('linux-conntrack-ftp', 'nf_conntrack_ftp.c')),
      text: 'An "FTP ALG", "FTP fixup/inspection" or "FTP helper" rewrites plain FTP only. For FTPS, forward the passive port range to the server and make the server announce the public address; turn the ALG off for this server if it interferes.',
    },
  ];
}

/** dockerBridgeFixes: 172.17.0.0/16 is Docker's default bridge network (Docker "Bridge network driver"). */
export function dockerBridgeFixes(): Fix[] {
  return [
    {
      audience: 'server',
      dialect: 'docker',
      title: 'FTP server in a Docker container: announce the host address, publish the passive range 1:1',
      sources: sources(cite('docker-networking', 'Published ports'), cite('vsftpd.conf.5', 'pasv_address')),
      text: [
        '# The server reports the address of its container on the default bridge. Publish the passive range with the same numbers outside and inside, and set the server’s passive address (vsftpd pasv_address, ProFTPD MasqueradeAddress, Pure-FTPd -P) to the Docker host’s address:',
        'docker run -p 21:21 -p 50000-50100:50000-50100 IMAGE',
        '# or give the container the host network: docker run --network host IMAGE',
      ].join('\n'),
    },
  ];
}

/** carrierGradeNatFixes: 100.64.0.0/10 is the shared address space of carrier-grade NAT (RFC 6598). */
export function carrierGradeNatFixes(): Fix[] {
  return [
    {
      audience: 'network',
      dialect: 'generic',
      title: 'Carrier-grade NAT: the server has no public IPv4 address of its own',
      sources: sources(rfc(6598, '1')),
      text: "100.64.0.0/10 is the provider's NAT (RFC 6598): no port forwarding on your own router reaches the server from the Internet. Ask the provider for a public IPv4 address, serve over IPv6, or relay through a host that has a public address (a VPN or tunnel endpoint).",
    },
  ];
}

/** addressClassFixes: advice of its own for the address classes that have one. */
export function addressClassFixes(addressClass: string): Fix[] {
  if (addressClass === 'docker-bridge') return dockerBridgeFixes();
  if (addressClass === 'shared') return carrierGradeNatFixes();
  return [];
}

/**
 * requireResumptionFixes: make the server insist that a TLS data connection resumes the control
 * connection's session, which proves both come from one client. vsftpd: require_ssl_reuse
 * (vsftpd.conf(5), YES by default); ProFTPD mod_tls requires it unless TLSOptions lists
 * NoSessionReuseRequired; AWS Transfer Family: ProtocolDetails TlsSessionResumptionMode
 * (DISABLED, ENABLED, ENFORCED).
 */
export function requireResumptionFixes(software: string): Fix[] {
  const fixes: Fix[] = [];
  const wanted = (id: string) => software === id || software === 'unknown';
  if (wanted('vsftpd'))
    fixes.push({
      audience: 'server',
      dialect: 'vsftpd',
      title: 'vsftpd: require TLS session reuse on data connections',
      sources: sources(cite('vsftpd.conf.5', 'require_ssl_reuse')),
      text: '# /etc/vsftpd.conf (YES is the default once ssl_enable=YES), then restart vsftpd\nrequire_ssl_reuse=YES',
    });
  if (wanted('proftpd'))
    fixes.push({
      audience: 'server',
      dialect: 'proftpd',
      title: 'ProFTPD: require TLS session reuse on data connections',
      sources: sources(cite('proftpd-mod_tls', 'TLSOptions NoSessionReuseRequired')),
      text: '# mod_tls requires reuse unless TLSOptions lists NoSessionReuseRequired: remove that option\n# from the TLSOptions line, then restart ProFTPD.',
    });
  fixes.push({
    audience: 'server',
    dialect: 'aws',
    title: 'AWS Transfer Family: enforce TLS session resumption',
    sources: sources(cite('aws-transfer-family', 'TlsSessionResumptionMode')),
    text: 'aws transfer update-server --server-id SERVER_ID --protocol-details TlsSessionResumptionMode=ENFORCED',
  });
  return fixes;
}

/**
 * sessionResumptionClientNote: the server requires the TLS data connection to resume the control
 * connection's session, which proves both come from one client (vsftpd require_ssl_reuse, YES by
 * default; ProFTPD mod_tls unless NoSessionReuseRequired). That is a protection, so the remedy
 * for a client that fails is on the client's side. curl caches TLS sessions and resumes them
 * unless given --no-sessionid (curl(1)); FileZilla and WinSCP resume the control session too.
 */
export function sessionResumptionClientNote(): Fix {
  return {
    audience: 'client',
    dialect: 'generic',
    title: 'Nothing to change on the server: use a client that resumes the TLS session',
    sources: sources(
      cite('vsftpd.conf.5', 'require_ssl_reuse'),
      cite('proftpd-mod_tls', 'TLSOptions NoSessionReuseRequired'),
      cite('curl.1', '--no-sessionid'),
    ),
    text: 'The server accepts a TLS data connection only when it resumes the control connection’s session, which proves both come from the same client (vsftpd require_ssl_reuse=YES is its default). Keep it. curl (unless given --no-sessionid), FileZilla and WinSCP resume the session; a client that fails listings with 425/450/522 after a successful TLS login does not: update it or switch clients.',
  };
}
