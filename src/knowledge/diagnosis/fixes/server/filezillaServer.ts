import { formatRange } from '../passiveRange.js';
import {
  ADDRESS_PLACEHOLDER,
  type CheckedServerContext,
  rangeRemark,
  type ServerFixTopic,
} from '../serverContext.js';
import { announcedAddress, draft, type ServerFixDraft, type ServerFixTable } from './serverFixDraft.js';

const V1 = 'FileZilla Server 1.x (administration interface): Server > Configure… >';
const V09 = 'FileZilla Server 0.9.x (interface): Edit > Settings >';

/** steps writes the 1.x and 0.9.x click paths, then a closing remark. */
function steps(v1: string, v09: string, ...remarks: string[]): string[] {
  return [`${V1} ${v1}`, `${V09} ${v09}`, ...remarks.filter((remark) => remark !== '')];
}

/**
 * passiveIsBuiltIn: FileZilla Server cannot turn PASV or EPSV off, so both passive topics point at
 * its passive settings and at what filters them.
 */
function passiveIsBuiltIn(): ServerFixDraft[] {
  return [
    draft('FileZilla Server: passive mode is always on; check the passive settings', [
      'FileZilla Server answers PASV and EPSV itself. When they fail, check its passive-mode settings',
      '(port range, announced host) and any firewall or router that inspects FTP on the way.',
    ]),
  ];
}

/**
 * tlsCertificate: enabling FTP over TLS and fixing its certificate happen on the same settings
 * page of FileZilla Server, so both topics get one click path.
 */
function tlsCertificate(): ServerFixDraft[] {
  return [
    draft('FileZilla Server: give FTP over TLS a certificate', [
      ...steps(
        'Protocols settings > FTP and FTP over TLS (FTPS): under the TLS certificate, choose "Use a certificate found in files" (or Let\'s Encrypt) and give the certificate chain and key.',
        'FTP over TLS settings: tick "Enable FTP over TLS support (FTPS)", fill in the private key and certificate files.',
        'Use a certificate for the host name clients connect to, with its intermediate certificates.',
      ),
    ]),
  ];
}

/**
 * FILEZILLA_FIXES: FileZilla Server has no text configuration meant for hand editing, so these are
 * click paths in its administration interface, for 1.x and for the older 0.9.x. The passive-mode
 * names ("Use custom port range", "Use the following host", "Use default host for local
 * connections") come from FileZilla Server 1.x's documentation; the 0.9.x names from its interface.
 */
const FILEZILLA_FIXES: ServerFixTable = {
  'passive-range': (context) => [
    draft(`FileZilla Server: passive mode → custom port range ${formatRange(context.range)}`, [
      ...steps(
        `Protocols settings > FTP and FTP over TLS (FTPS) > Passive mode: tick "Use custom port range", set ${context.range.low} to ${context.range.high}.`,
        `Passive mode settings: tick "Use custom port range", set ${context.range.low} to ${context.range.high}.`,
        rangeRemark(context),
      ),
    ]),
  ],
  'passive-address': (context) => {
    const address = announcedAddress(context);
    return [
      draft(`FileZilla Server: passive mode → announce ${address}`, [
        ...steps(
          `Protocols settings > FTP and FTP over TLS (FTPS) > Passive mode: enter ${address} under "Use the following host".`,
          `Passive mode settings: choose "Use the following IP" and enter ${address}.`,
          context.pasvAddress === null
            ? `Replace ${ADDRESS_PLACEHOLDER} with the public IPv4 address clients connect to.`
            : '',
          'Keep "Use default host for local connections" (1.x) or "Don\'t use external IP for local connections" (0.9.x) ticked so LAN clients still work.',
        ),
      ]),
    ];
  },
  'enable-epsv': passiveIsBuiltIn,
  'enable-pasv': passiveIsBuiltIn,
  'tls-enable': tlsCertificate,
  'tls-certificate': tlsCertificate,
  'tls-require': () => [
    draft('FileZilla Server: require explicit FTP over TLS', [
      ...steps(
        'Server listeners: set the protocol of each listener to "Require explicit FTP over TLS".',
        'FTP over TLS settings: tick "Disallow plain unencrypted FTP" and "Force PROT P to encrypt file transfers".',
      ),
    ]),
  ],
  'tls-session-reuse': () => [
    draft('FileZilla Server: TLS session resumption on data connections', [
      'FileZilla Server 1.x: no setting. Every 1.x version requires data connections to resume the control connection’s TLS session (it answers 425 otherwise); use a client that resumes TLS sessions (FileZilla, curl).',
      `${V09} FTP over TLS settings: untick "Require TLS session resumption on data connection when using PROT P" (0.9.x answers 450 otherwise).`,
      'The requirement proves the data connection comes from the same client: prefer updating the client.',
    ]),
  ],
  'tls-protocols': () => [
    draft('FileZilla Server: allow TLS 1.2 and newer only', [
      `${V1} Protocols settings > FTP and FTP over TLS (FTPS): set the minimum allowed TLS version to 1.2.`,
      'FileZilla Server 0.9.x is no longer maintained: upgrade to 1.x.',
    ]),
  ],
  'anonymous-access': (context) => [
    draft(`FileZilla Server: ${context.anonymous === 'enable' ? 'add' : 'remove'} the anonymous user`, [
      context.anonymous === 'enable'
        ? 'Users: add a user named "anonymous" that needs no password, with a read-only mount point.'
        : 'Users (0.9.x: Edit > Users): delete or disable the user named "anonymous" (and "ftp", if present).',
    ]),
  ],
  'connection-limits': () => [
    draft('FileZilla Server: raise the connection limits', [
      ...steps(
        'Users > (each user) > Limits tab: raise the concurrent sessions limits.',
        'General settings: raise "Max. number of users"; per user: Users > General: "Maximum connection count" and "Connection limit per IP".',
      ),
    ]),
  ],
  'listen-ipv6': () => [
    draft('FileZilla Server: add an IPv6 listener', [
      `${V1} Server listeners: add a listener on :: (all IPv6 addresses) next to the IPv4 one.`,
      'FileZilla Server 0.9.x: Edit > Settings > General settings: make sure IPv6 support is not disabled.',
    ]),
  ],
  'allow-data-from-other-ip': () => [
    draft('FileZilla Server: data connections from another address (weakens a check)', [
      "FileZilla Server checks that data connections come from the control connection's address.",
      'Relax this only when clients really arrive from different addresses; prefer fixing the NAT or proxy so both connections leave from one address.',
    ]),
  ],
};

/** filezillaFixes writes the drafts for `topic` from FILEZILLA_FIXES. */
export function filezillaFixes(topic: ServerFixTopic, context: CheckedServerContext): ServerFixDraft[] {
  return FILEZILLA_FIXES[topic](context);
}
