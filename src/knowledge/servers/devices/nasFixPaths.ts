import { cite } from '../../sources.js';
import type { DeviceFixPath } from './deviceFixPath.js';

/**
 * NAS_FIX_PATHS: the FTP settings of NAS systems, in their web interfaces' words. QNAP QTS is
 * recognised but has no row: its FTP service pages could not be reached to check menu paths and
 * labels (newer QTS releases serve FTP from the QuFTP Service app), so it gets the generic advice.
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
