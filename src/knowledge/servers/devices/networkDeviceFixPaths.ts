import { cite } from '../../sources.js';
import type { DeviceFixPath } from './deviceFixPath.js';

/**
 * NETWORK_DEVICE_FIX_PATHS: routers and embedded devices whose FTP server exists to move files on
 * and off the device itself. They have no passive-port or masquerade settings; the fix is on the
 * path to them, and each row says so in the device's terms.
 */
export const NETWORK_DEVICE_FIX_PATHS: readonly DeviceFixPath[] = [
  {
    software: ['mikrotik'],
    product: 'MikroTik RouterOS',
    passiveRange: {
      cannot:
        'RouterOS offers no passive port range for its FTP service; allow FTP to the router with the connection-tracking FTP helper instead (/ip firewall service-port enable ftp) or use SFTP, which RouterOS serves on its SSH port.',
    },
    externalAddress: {
      cannot:
        'RouterOS has no setting for the address in PASV replies; reach the router on an address it owns.',
    },
    tls: {
      cannot: 'The RouterOS FTP service has no FTPS; use SFTP (the ssh service) to move files securely.',
    },
    connectionLimit: {
      where: '/ip service',
      how: 'The FTP service is "ftp" in /ip service: its port and allowed addresses ("address=") are set there; it has no client count.',
    },
    sources: [cite('mikrotik-services', 'Services; IP > Firewall > Service Ports')],
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
        'BusyBox ftpd always announces the address the client connected to; it has no setting for another one. Avoid NAT in front of it, or use a VPN to its network.',
    },
    tls: {
      cannot:
        'BusyBox ftpd speaks plain FTP only; keep it off untrusted networks or use SFTP/SCP where the device offers SSH.',
    },
    connectionLimit: {
      cannot:
        'BusyBox ftpd runs one process per connection from inetd or tcpsvd; the limit, if any, is the -c option of tcpsvd that starts it.',
    },
    sources: [cite('busybox-ftpd-source', 'usage text and PASV handling')],
  },
];
