import { cite } from '../../sources.js';
import type { DeviceFixPath } from './deviceFixPath.js';

/**
 * NAS_FIX_PATHS: the FTP settings of NAS systems, in their web interfaces' words. QNAP QTS (Control
 * Panel FTP service in older releases, the QuFTP Service app in newer ones), NETGEAR ReadyNAS,
 * Western Digital My Book Live and NetApp's Data ONTAP FTP server are recognised but have no row:
 * none of their vendors' pages on these settings could be reached to check menu paths and labels,
 * so they get the generic advice rather than guessed paths. The generic advice, not that of the
 * ProFTPD inside some of them: their owners set FTP in the web interface, not in proftpd.conf.
 */
export const NAS_FIX_PATHS: readonly DeviceFixPath[] = [
  {
    software: ['synology-dsm'],
    product: 'Synology DSM',
    passiveRange: {
      where: 'Control Panel > File Services > FTP > FTP / FTPS',
      how: 'Under the port settings, set a custom passive FTP port range of {low}–{high}.',
    },
    externalAddress: {
      where: 'Control Panel > File Services > FTP > FTP / FTPS',
      how: 'Tick "Report external IP in PASV mode", so that PASV replies carry the public address clients use ({address}) instead of the NAS\'s own.',
    },
    tls: {
      where: 'Control Panel > File Services > FTP > FTP / FTPS',
      how: 'Tick "Enable FTP SSL/TLS encryption service (FTPS)"; the certificate comes from Control Panel > Security > Certificate.',
    },
    connectionLimit: null,
    sources: [cite('synology-dsm-ftp', 'Control Panel > File Services > FTP')],
  },
  {
    software: ['truenas'],
    product: 'TrueNAS',
    passiveRange: {
      where: 'Services > FTP > Advanced Options > Other Options',
      how: 'Set "Minimum Passive Port" to {low} and "Maximum Passive Port" to {high} (0 means any port above 1023).',
    },
    externalAddress: {
      where: 'Services > FTP > Advanced Options > Other Options',
      how: 'Enter {address} as "Masquerade Address" (the public IP address or host name clients use).',
    },
    tls: {
      where: 'Services > FTP > Advanced Options > TLS Settings',
      how: 'Tick "Enable TLS", pick the certificate under General Options > Certificate, and choose a "TLS Policy" (On requires TLS).',
    },
    connectionLimit: {
      where: 'Services > FTP > General Options',
      how: 'Raise "Clients" (simultaneous clients) and "Connections" (per IP address; 0 is unlimited).',
    },
    sources: [cite('truenas-ftp', 'FTP Screen: General, Advanced (TLS, Other Options)')],
  },
];
