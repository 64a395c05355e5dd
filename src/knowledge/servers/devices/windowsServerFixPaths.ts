import { cite } from '../../sources.js';
import type { DeviceFixPath } from './deviceFixPath.js';

/**
 * WINDOWS_SERVER_FIX_PATHS: Windows FTP servers set up in their own administration consoles.
 * Only what their documentation states is filled in; the rest gets the generic advice.
 */
export const WINDOWS_SERVER_FIX_PATHS: readonly DeviceFixPath[] = [
  {
    software: ['wing-ftp'],
    product: 'Wing FTP Server',
    passiveRange: {
      where: 'the domain\'s "Pasv Mode" settings',
      how: 'Set "Passive port range" to {low}–{high}.',
    },
    externalAddress: {
      where: 'the domain\'s "Pasv Mode" settings',
      how: 'Choose "Fixed IP" and enter {address} (or "Dynamic DNS" with the host name clients use, when the public address changes).',
    },
    tls: null,
    connectionLimit: null,
    sources: [cite('wing-ftp-manual', 'Pasv Mode (Fixed IP, Dynamic DNS, Passive port range)')],
  },
  {
    software: ['cerberus'],
    product: 'Cerberus FTP Server',
    passiveRange: null,
    externalAddress: null,
    tls: {
      where: 'Server Manager > Interfaces, the FTP listener',
      how: 'Tick "Require Secure Control" and "Require Secure Data" on the FTP listener (explicit FTPS on port 21); an FTPS listener (port 990) is implicit TLS only.',
    },
    connectionLimit: null,
    sources: [cite('cerberus-interfaces', 'Require Secure Control, Require Secure Data')],
  },
];
