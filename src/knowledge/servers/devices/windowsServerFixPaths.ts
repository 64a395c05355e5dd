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
    connectionLimit: {
      where: 'Domain > Domain Settings > General Settings > Connection Limit',
      how: 'Raise "Max number of sessions" (sessions on the domain at once) and "Max session Per IP" (sessions from one address); the per-account limits are on the same page. The 4.x help calls them "Max Session" and "Max Session Per IP" and keeps per-account limits under Users > User Limit.',
    },
    sources: [
      cite('wing-ftp-manual', 'Pasv Mode (Fixed IP, Dynamic DNS, Passive port range)'),
      cite('wing-ftp-connection-limit', 'Max number of sessions, Max session Per IP'),
    ],
  },
  {
    software: ['cerberus'],
    product: 'Cerberus FTP Server',
    passiveRange: {
      where: 'Server Manager > Protocols page, FTP/S Settings',
      how: 'Under "Passive Port Range", set "Start" to {low} and "End" to {high}: the server hands out passive ports from Start up to End, then starts again at Start. This is the page as the current Cerberus help shows it.',
    },
    externalAddress: null,
    tls: {
      where: 'Server Manager > Interfaces (Listeners in newer versions), the FTP listener',
      how: 'The FTP listener (port 21) accepts both plain FTP and explicit TLS (AUTH TLS); when AUTH TLS is missing there, look at the server\'s TLS and certificate settings first. To refuse clear-text sessions, then tick "Require Secure Control" and "Require Secure Data" on that listener. An FTPS listener (port 990) is implicit TLS only, and the two Require settings do nothing there.',
    },
    connectionLimit: null,
    sources: [
      cite('cerberus-protocol-settings', 'FTP/S Settings: Passive Port Range (Start, End)'),
      cite('cerberus-interfaces', 'Require Secure Control, Require Secure Data'),
    ],
  },
  {
    software: ['globalscape-eft'],
    product: 'Globalscape EFT (formerly Secure FTP Server)',
    passiveRange: {
      where: "the Site's PASV settings",
      how: 'EFT 6 and later: Server tab > the Site > Connections tab > FTP/S Config opens the FTP Settings dialog box; enter {low} and {high} in the "Port Range" boxes, click OK, then Apply. EFT 5 and the older Secure FTP Server 3.x set the PASV port range on the Site\'s "Site Options" tab.',
    },
    externalAddress: {
      where: "the Site's PASV settings",
      how: 'EFT 6 and later: Server tab > the Site > Connections tab > FTP/S Config (FTP Settings dialog box); select the "Assign PASV mode IP address" check box and enter {address}, the Site\'s address as seen from outside your network, in the IP box; click OK, then Apply. EFT 5 and Secure FTP Server 3.x have the same check box on the Site\'s "Site Options" tab.',
    },
    tls: {
      where: 'Server tab > the Site > Connections tab (EFT 8)',
      how: 'Select the "FTPS (SSL/TLS) - Explicit" check box (or "FTPS (SSL/TLS) - Implicit" for a separate implicit-TLS port), then Apply. Older versions name and place this setting differently.',
    },
    connectionLimit: {
      where: 'Server tab > the Site > Connections tab > Connection limits (EFT 6 and later)',
      how: 'Click Configure next to "Connection limits" to open the Connection Limits dialog box, raise "Max connections per user" (sessions one account may hold at once) and "Max connections from same IP" (sessions from one address), click OK, then Apply. Settings Templates and users have the same dialog box, but the Site\'s values cap theirs, so raise the Site\'s too. EFT 5 sets "Max connections from same IP" for a user or User Setting Level on its Quota tab; the pages checked do not cover Secure FTP Server 3.x.',
    },
    sources: [
      cite('globalscape-eft-pasv', 'Assign PASV mode IP address, Port Range'),
      cite('globalscape-eft5-pasv', 'Site Options tab: Assign PASV mode IP Address, PASV port range'),
      cite('globalscape-eft-ftp', 'FTP Settings dialog box, FTPS (SSL/TLS) - Explicit'),
      cite(
        'globalscape-eft-connection-limits',
        'Connection Limits dialog box: Max connections per user, Max connections from same IP',
      ),
      cite(
        'globalscape-eft6-connections-per-user',
        'the Site level sets the limits of users and Settings Templates',
      ),
      cite('globalscape-eft5-connections-per-ip', 'Quota tab: Max connections from same IP'),
    ],
  },
  {
    software: ['ws-ftp'],
    product: 'WS_FTP Server',
    passiveRange: null,
    externalAddress: null,
    tls: null,
    connectionLimit: {
      where: 'Server > Hosts > Host Details',
      how: 'Raise "Max number of connections" (every user of the host, anonymous ones included; 1000 by default) and "Max number of anonymous connections" (200 by default), then Save. Each limit counts per protocol: FTP and SSH sessions are counted apart.',
    },
    sources: [cite('ws-ftp-max-connections', 'Max number of connections')],
  },
  {
    software: ['titan-ftp'],
    product: 'Titan FTP Server',
    passiveRange: null,
    externalAddress: null,
    tls: null,
    connectionLimit: {
      where: 'Server / Connections > General tab',
      how: 'Raise "Max Concurrent Connections" (sessions one user account may hold at once) and "Max Connection/IP" (sessions from one IP address, whoever logs in), then Apply.',
    },
    sources: [cite('titan-ftp-connection-limits', 'Max Concurrent Connections, Max Connection/IP')],
  },
  {
    software: ['xlight'],
    product: 'Xlight FTP Server',
    passiveRange: null,
    externalAddress: null,
    tls: {
      where: "the virtual server's SSL settings",
      how: 'Xlight offers AUTH TLS only on a virtual server set to use explicit SSL, with a certificate chosen under Global Options > Advanced > Server SSL Certificate: set both first. Then, to refuse clear-text logins, tick "Force all users except anonymous users to login using SSL" under Virtual Server Configuration > Security > SSL Options.',
    },
    connectionLimit: null,
    sources: [
      cite('xlight-server-security', 'SSL Options'),
      cite('xlight-global-advanced', 'Server SSL Certificate'),
    ],
  },
  {
    software: ['serv-u'],
    product: 'Serv-U',
    passiveRange: null,
    externalAddress: null,
    tls: null,
    connectionLimit: {
      where: 'Domain > Limits and Settings, Limits tab',
      how: "Choose the Limit Type \"Connection\", click Add, pick the limit that turns the sessions away and enter a higher value, then Save. Limits stack: a user's overrides its group's, a group's the domain's, and the domain's the server-wide one set under Global > Limits and Settings, so raise it at the level where it was set.",
    },
    sources: [
      cite('serv-u-domain-limits', 'Limits tab: override a default limit'),
      cite('serv-u-limit-types', 'limit categories (Connection, Password, ...)'),
    ],
  },
  {
    software: ['ability-ftp'],
    product: 'Code-Crafters Ability Server',
    passiveRange: null,
    externalAddress: null,
    tls: {
      where: 'the "FTP" settings page',
      how: 'The server needs a default certificate for SSL connections first. Then tick "Enable SSL" and "Enable Explicit SSL", so clients can switch to TLS with AUTH TLS on the normal FTP port ("Enable Implicit SSL" adds a separate port where TLS starts at once); "Encrypt Data Connection By Default" protects the data connection as well.',
    },
    connectionLimit: {
      where: 'the "FTP" settings page',
      how: 'Raise "Max Connections" (connections to the whole server at once) and "Max Connections Per IP" (connections from one address). Older Ability Server versions have these on a "Limits" page as "Max Users" and "Max Users Per IP".',
    },
    sources: [
      cite(
        'ability-server-ftp-settings',
        'Max Connections, Max Connections Per IP, Enable SSL, Enable Explicit SSL',
      ),
      cite('ability-server-limits-old', 'Limits: Max Users, Max Users Per IP'),
    ],
  },
  {
    software: ['crushftp'],
    product: 'CrushFTP',
    passiveRange: null,
    externalAddress: null,
    tls: null,
    connectionLimit: {
      where: "User Manager, the account's restrictions",
      how: 'Raise "Max simultaneous logins" (sessions one username may hold at once) and "Max logins per unique IP" (sessions under that username from one address). An account whose own box is unchecked takes the value of the users it inherits from, the permanent "default" user first, so raise it there or tick and set it on the account. An account with "Ignore server\'s max connections" still logs in when the whole server is full, but never beyond the licence\'s own maximum.',
    },
    sources: [
      cite(
        'crushftp-user-restrictions',
        "Max simultaneous logins, Max logins per unique IP, Ignore server's max connections",
      ),
      cite('crushftp-inheritance', "inheritance path, the permanent 'default' user"),
    ],
  },
];
