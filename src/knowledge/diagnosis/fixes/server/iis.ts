import { formatRange } from '../passiveRange.js';
import type { CheckedServerContext, ServerFixTopic } from '../serverContext.js';
import {
  announcedAddress,
  draft,
  placeholderNote,
  rangeComment,
  type ServerFixDraft,
  type ServerFixTable,
} from './serverFixDraft.js';

const APPCMD = '%windir%\\system32\\inetsrv\\appcmd';
const SHELL =
  "REM Command Prompt as Administrator. Replace YOUR_FTP_SITE with the FTP site's name in IIS Manager.";
const RESTART = ['net stop ftpsvc', 'net start ftpsvc'];

/** site runs `appcmd set site` on the FTP site with the given attribute settings. */
function site(...settings: string[]): string {
  return `${APPCMD} set site "YOUR_FTP_SITE" ${settings.join(' ')}`;
}

/**
 * passiveHasNoSwitch: IIS FTP cannot turn PASV or EPSV off, so both passive topics point at its
 * firewall support settings and at what filters them.
 */
function passiveHasNoSwitch(): ServerFixDraft[] {
  return [
    draft('IIS: passive mode has no off switch; check what filters it', [
      'REM IIS FTP always offers PASV and EPSV. When they fail, look at the FTP Firewall Support settings (port range, external address) and at firewalls or load balancers that inspect FTP.',
      'REM Windows Firewall can follow the FTP control channel itself (plain FTP only):',
      'netsh advfirewall set global StatefulFtp enable',
    ]),
  ];
}

/**
 * sslCertificate: turning FTPS on and replacing its certificate both pick the FTP site's
 * certificate; turning it on also sets both SSL policies to SslAllow.
 */
function sslCertificate(turnSslOn: boolean): ServerFixDraft[] {
  return [
    draft('IIS: FTP SSL Settings → choose the SSL certificate', [
      SHELL,
      'REM Import the certificate into Local Computer\\Personal first; CERT_THUMBPRINT is its thumbprint.',
      site(
        '/ftpServer.security.ssl.serverCertHash:CERT_THUMBPRINT',
        '/ftpServer.security.ssl.serverCertStoreName:My',
      ),
      ...(turnSslOn
        ? [
            site(
              '/ftpServer.security.ssl.controlChannelPolicy:SslAllow',
              '/ftpServer.security.ssl.dataChannelPolicy:SslAllow',
            ),
          ]
        : []),
      ...RESTART,
    ]),
  ];
}

/**
 * IIS_FIXES: IIS FTP configuration through appcmd, with the IIS Manager page named in the title.
 * Facts: the data channel range is server-wide (system.ftpServer/firewallSupport, ports
 * 1025–65535); the external address is per site (ftpServer.firewallSupport.externalIp4Address);
 * SSL policies are SslAllow / SslRequire; dataChannelSecurity.matchClientAddressForPasv defaults
 * to true; TLS versions are Windows-wide (SCHANNEL registry keys), not an IIS setting.
 */
const IIS_FIXES: ServerFixTable = {
  'passive-range': (context) => [
    draft(
      `IIS: FTP Firewall Support (server level) → Data Channel Port Range ${formatRange(context.range)}`,
      [
        'REM Command Prompt as Administrator.',
        ...rangeComment(context, 'REM'),
        ...(context.range.low < 1025
          ? ['REM IIS accepts data channel ports 1025-65535 only: pick a range in there.']
          : []),
        `${APPCMD} set config /section:system.ftpServer/firewallSupport /lowDataChannelPort:${context.range.low} /highDataChannelPort:${context.range.high} /commit:apphost`,
        ...RESTART,
      ],
    ),
  ],
  'passive-address': (context) => {
    const address = announcedAddress(context);
    return [
      draft(`IIS: FTP Firewall Support (site level) → External IP Address of Firewall ${address}`, [
        SHELL,
        ...placeholderNote(context, 'REM'),
        site(`/ftpServer.firewallSupport.externalIp4Address:${address}`),
        ...RESTART,
      ]),
    ];
  },
  'enable-epsv': passiveHasNoSwitch,
  'enable-pasv': passiveHasNoSwitch,
  'tls-enable': () => sslCertificate(true),
  'tls-certificate': () => sslCertificate(false),
  'tls-require': () => [
    draft('IIS: FTP SSL Settings → SSL policy "Require SSL connections"', [
      SHELL,
      site(
        '/ftpServer.security.ssl.controlChannelPolicy:SslRequire',
        '/ftpServer.security.ssl.dataChannelPolicy:SslRequire',
      ),
      ...RESTART,
    ]),
  ],
  'tls-session-reuse': () => [
    draft('IIS: no session-reuse setting; check the client', [
      'REM IIS FTP SSL Settings offer no TLS session-reuse switch. If only TLS data connections fail, update the client or let it resume TLS sessions on the data connection.',
    ]),
  ],
  'tls-protocols': () => [
    draft('Windows (SCHANNEL): turn TLS 1.0 and 1.1 off for servers', [
      'REM IIS takes its TLS versions from Windows. Command Prompt as Administrator, then reboot.',
      'reg add "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.0\\Server" /v Enabled /t REG_DWORD /d 0 /f',
      'reg add "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.1\\Server" /v Enabled /t REG_DWORD /d 0 /f',
    ]),
  ],
  'anonymous-access': (context) => [
    draft(
      `IIS: FTP Authentication → ${context.anonymous === 'enable' ? 'enable' : 'disable'} Anonymous Authentication`,
      [
        SHELL,
        site(
          `/ftpServer.security.authentication.anonymousAuthentication.enabled:${context.anonymous === 'enable' ? 'true' : 'false'}`,
        ),
        ...(context.anonymous === 'enable'
          ? ['REM Anonymous users also need a Read rule under FTP Authorization Rules.']
          : []),
        ...RESTART,
      ],
    ),
  ],
  'connection-limits': () => [
    draft('IIS: Advanced Settings → Connections → Max Connections', [
      SHELL,
      'REM IIS limits connections per site only; it has no per-address limit.',
      site('/ftpServer.connections.maxConnections:100'),
      ...RESTART,
    ]),
  ],
  'listen-ipv6': () => [
    draft('IIS: bind the FTP site to all addresses (IPv4 and IPv6)', [
      SHELL,
      'REM A binding on * listens on every IPv4 and IPv6 address; a binding on one IPv4 address does not.',
      'REM Skip this if the site already has a binding on *:21 (Bindings in IIS Manager).',
      `${APPCMD} set site "YOUR_FTP_SITE" /+bindings.[protocol='ftp',bindingInformation='*:21:']`,
      ...RESTART,
    ]),
  ],
  'allow-data-from-other-ip': () => [
    draft('IIS: accept passive data connections from another address (weakens a check)', [
      SHELL,
      "REM IIS matches the data connection's address with the control connection's by default; turn it off only when clients really arrive from different addresses.",
      site('/ftpServer.security.dataChannelSecurity.matchClientAddressForPasv:false'),
      ...RESTART,
    ]),
  ],
};

/** iisFixes writes the drafts for `topic` from IIS_FIXES. */
export function iisFixes(topic: ServerFixTopic, context: CheckedServerContext): ServerFixDraft[] {
  return IIS_FIXES[topic](context);
}
