import { cite } from '../../sources.js';
import type { DeviceFixPath } from './deviceFixPath.js';

/**
 * NETWORK_DEVICE_FIX_PATHS: routers and embedded devices whose FTP server exists to move files on
 * and off the device itself. They have no passive-port or masquerade settings; the fix is on the
 * path to them, and each row says so in the device's terms.
 */
export const NETWORK_DEVICE_FIX_PATHS: readonly DeviceFixPath[] = [
  {
    // DrayTek's pages read here treat the Vigor's FTP service as a management interface only; they
    // name no passive range, PASV address or session limit for it, so those entries stay null.
    software: ['draytek'],
    product: 'DrayTek Vigor',
    passiveRange: null,
    externalAddress: null,
    tls: {
      cannot: [
        "Where this greeting comes from the Vigor's own management FTP, that service is one of its management interfaces, set under [System Maintenance] > [Management].",
        'DrayTek names FTP, with HTTP and Telnet, among the management interfaces that offer no encryption, and advises against allowing them from the Internet.',
        'Manage the router from outside over its HTTPS or SSH interface instead.',
      ].join(' '),
    },
    connectionLimit: null,
    sources: [
      cite('draytek-management-options', 'Internet Access Control'),
      cite('draytek-management-interfaces', '[System Maintenance] > [Management]'),
    ],
  },
  {
    // No ASUS manual page for the router's FTP server was reachable; ASUS's GPL source is. It shows
    // the page, its English texts and the vsftpd configuration the router writes. That FTPS and the
    // passive ports differ between firmware generations (3.0.0.4.38x writes ssl_enable=NO and no
    // passive range; later pages add a TLS switch) keeps those entries null.
    software: ['asus-router'],
    product: 'ASUS router (ASUSWRT)',
    passiveRange: null,
    externalAddress: null,
    tls: null,
    connectionLimit: {
      where: 'USB Application > FTP Share',
      how: [
        'Raise "Maximum number of concurrent connections": the router writes it into its FTP server (vsftpd) as the limit on simultaneous clients.',
        'ASUS notes that one FTP client may open more than one connection, and the same value also limits Network Neighborhood (Samba).',
        'On 3.0.0.4.380 firmware the field takes 1 to 10 and defaults to 5; the RT-AX57M firmware takes up to 99.',
      ].join(' '),
    },
    sources: [
      cite(
        'asuswrt-ftp-share-page',
        'Maximum number of concurrent connections (st_max_user), JS_storageMLU hint',
      ),
      cite('asuswrt-vsftpd-config', 'write_ftpd_conf: max_clients'),
      cite('asuswrt-ax57m-ftp-share-page', 'st_max_user range'),
    ],
  },
  {
    software: ['mikrotik'],
    product: 'MikroTik RouterOS',
    passiveRange: {
      cannot:
        'RouterOS offers no passive port range for its FTP service. Its firewall lets the data connections in through connection tracking: keep the FTP helper on (/ip firewall service-port, "ftp", on by default) and accept connection-state=established,related in the input chain before any drop or reject rule. Or use SFTP, which RouterOS serves on its SSH port.',
    },
    externalAddress: {
      cannot:
        'RouterOS has no setting for the address in PASV replies; reach the router on an address it owns.',
    },
    tls: {
      cannot: 'The RouterOS FTP service has no FTPS; use SFTP (the ssh service) to move files securely.',
    },
    connectionLimit: {
      where: '/ip service, the "ftp" service',
      how: 'Where /ip service has a max-sessions property (recent RouterOS 7 releases), raise it, e.g. /ip service set ftp max-sessions=50 (20 by default). Older releases, RouterOS 6 among them, have no such setting: only the port and the allowed addresses ("address=") are set there.',
    },
    sources: [
      cite('mikrotik-services', 'Services (max-sessions); IP > Firewall > Service Ports'),
      cite('mikrotik-basic-concepts', 'connection states (related)'),
    ],
  },
  {
    software: ['busybox-ftpd'],
    product: 'BusyBox ftpd',
    passiveRange: {
      cannot:
        'BusyBox ftpd has no passive port range option (its options are -w, -A, -v, -S, -a, -t, -T); it takes any free port, so reach it from the same network or through a firewall that follows FTP (a conntrack FTP helper), not through a fixed port forward.',
    },
    externalAddress: {
      cannot:
        'BusyBox ftpd announces its own local address in PASV replies (behind NAT, the private one) and has no setting for another. A NAT router with an FTP helper can rewrite it for plain FTP; otherwise avoid NAT in front of it, or use a VPN into its network.',
    },
    tls: {
      cannot:
        'BusyBox ftpd speaks plain FTP only; keep it off untrusted networks or use SFTP/SCP where the device offers SSH.',
    },
    connectionLimit: {
      cannot:
        'BusyBox ftpd has no limit of its own: inetd or tcpsvd starts one process per connection. Under tcpsvd, -C N[:MSG] closes connections beyond N from one address (sending MSG), while -c N only makes further connections wait; raise -C where the start-up script sets it.',
    },
    sources: [
      cite('busybox-ftpd-source', 'usage text and PASV handling'),
      cite('busybox-commands', 'tcpsvd (-c, -C)'),
    ],
  },
];
