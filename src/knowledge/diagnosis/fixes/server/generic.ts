import { formatRange } from '../passiveRange.js';
import { type CheckedServerContext, rangeRemark, type ServerFixTopic } from '../serverContext.js';
import { announcedAddress, draft, type ServerFixDraft, type ServerFixTable } from './serverFixDraft.js';

/**
 * GENERIC_FIXES: advice for a server we could not identify. It names what to look for — the setting's
 * usual names across products — instead of inventing a key.
 */
const GENERIC_FIXES: ServerFixTable = {
  'passive-range': (context) => {
    const range = formatRange(context.range);
    return [
      draft(`Pin the passive port range to ${range}`, [
        `Set the server's passive (PASV) port range to ${range}, and open exactly that range in every firewall on the way: the server host's own and any in front of it.`,
        'Look for a setting named like "passive ports", "PASV port range", "data channel port range", or a minimum and maximum passive port.',
        ...remark(context),
      ]),
    ];
  },
  'passive-address': (context) => {
    const address = announcedAddress(context);
    return [
      draft(`Make PASV replies announce ${address}`, [
        `Set the address the server announces in its 227 PASV replies to ${address}, the address clients reach it by.`,
        'Look for a setting named like "passive address", "masquerade address", "external IP", "public IP" or "NAT address".',
        'Behind NAT the server only knows its private address, so without this setting clients are told to connect somewhere they cannot reach.',
      ]),
    ];
  },
  'enable-epsv': () => [
    draft('Allow the EPSV command', [
      'Check that the server does not deny or disable EPSV (extended passive mode, RFC 2428).',
      'curl tries EPSV first and falls back to PASV; IPv6 clients cannot use anything else.',
      'If the server allows it, look for a firewall or load balancer that inspects FTP and blocks it.',
    ]),
  ],
  'enable-pasv': () => [
    draft('Enable passive mode', [
      'Enable passive mode (PASV/EPSV) in the server; most clients behind NAT cannot use active mode.',
      'Look for a setting named like "passive mode", "allow PASV" or "NAT mode / force active".',
    ]),
  ],
  'tls-enable': () => [
    draft('Offer FTPS (AUTH TLS)', [
      'Turn on explicit FTPS so clients can send AUTH TLS, and give the server a certificate and key.',
      'Look for settings named like "TLS", "SSL", "FTPS" or "FTP over TLS".',
    ]),
  ],
  'tls-require': () => [
    draft('Require TLS for logins and data', [
      'Make the server refuse logins and transfers that are not protected by TLS, so passwords and files never travel in clear.',
      'Look for "require TLS", "force SSL" or "SSL policy" settings.',
    ]),
  ],
  'tls-session-reuse': () => [
    draft('Settle TLS session reuse on the data connection', [
      "Many servers require the data connection to resume the control connection's TLS session (a defence against data-connection theft).",
      'Clients that cannot resume sessions then fail with 425/450/522. Update the client first.',
      'Some servers can stop requiring reuse (vsftpd require_ssl_reuse=NO, ProFTPD TLSOptions NoSessionReuseRequired, FileZilla Server 0.9.x); FileZilla Server 1.x cannot.',
    ]),
  ],
  'tls-certificate': () => [
    draft('Install a trusted certificate', [
      'Give the server a certificate issued for the host name clients use, signed by a CA they trust, with the full chain, and renew it before it expires.',
      'Look for "certificate file" and "private key file" settings.',
    ]),
  ],
  'tls-protocols': () => [
    draft('Allow TLS 1.2 and 1.3 only', [
      'Disable SSLv3, TLS 1.0 and TLS 1.1 in the server and keep TLS 1.2 and 1.3 enabled.',
      'Look for "TLS protocol", "SSL versions" or "minimum TLS version" settings.',
    ]),
  ],
  'anonymous-access': (context) =>
    context.anonymous === 'enable'
      ? [
          draft('Allow anonymous login', [
            'Enable anonymous (user "anonymous" or "ftp") access in the server, with a read-only directory.',
          ]),
        ]
      : [
          draft('Disable anonymous login', [
            'Disable anonymous (user "anonymous" or "ftp") access unless the server is meant to be public.',
          ]),
        ],
  'connection-limits': () => [
    draft('Raise the connection limits', [
      'Check the maximum number of clients and of clients per address.',
      'Each control connection counts, whatever its transfers: vsftpd and Pure-FTPd refuse connections beyond their limits at once with a 421 greeting, while ProFTPD refuses logins beyond MaxClients with 530. Users behind one NAT address share the per-address limit.',
    ]),
  ],
  'listen-ipv6': () => [
    draft('Listen on IPv6', [
      'Make the server listen on IPv6 (on "::" or on the IPv6 address in the AAAA record), or remove the AAAA record so clients do not try an address nothing answers on.',
    ]),
  ],
  'allow-data-from-other-ip': () => [
    draft('Allow data connections from another address (only if needed)', [
      "Servers refuse data connections from an address other than the control connection's, to stop data theft.",
      'Relax that only when clients really use different addresses (some NAT pools and load balancers do); look for "FXP", "foreign address" or "promiscuous" settings.',
    ]),
  ],
};

/** genericFixes writes the drafts for `topic` from GENERIC_FIXES. */
export function genericFixes(topic: ServerFixTopic, context: CheckedServerContext): ServerFixDraft[] {
  return GENERIC_FIXES[topic](context);
}

function remark(context: CheckedServerContext): string[] {
  const text = rangeRemark(context);
  return text === '' ? [] : [text];
}
