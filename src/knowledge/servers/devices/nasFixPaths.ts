import { cite } from '../../sources.js';
import type { DeviceFixPath } from './deviceFixPath.js';

/** NAS_FIX_PATHS: the FTP settings of NAS systems, in their web interfaces' words. */
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
    software: ['qnap-qts'],
    product: 'QNAP QTS',
    passiveRange: {
      where: 'Control Panel > Network & File Services > FTP Service > Advanced',
      how: 'Under "Passive FTP Port Range", choose "Define port range" and enter {low}–{high}.',
    },
    externalAddress: {
      where: 'Control Panel > Network & File Services > FTP Service > Advanced',
      how: 'Tick "Respond with external IP address for passive FTP connection request" and enter {address}.',
    },
    tls: {
      where: 'Control Panel > Network & File Services > FTP Service > General',
      how: 'Tick "Enable FTP with SSL/TLS (explicit)"; the certificate is the one under Control Panel > Security > SSL Certificate.',
    },
    connectionLimit: {
      where: 'Control Panel > Network & File Services > FTP Service > General',
      how: 'Raise "Maximum number of all FTP connections" and "Maximum connections per account".',
    },
    sources: [cite('qnap-qts-ftp', 'FTP Service')],
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
