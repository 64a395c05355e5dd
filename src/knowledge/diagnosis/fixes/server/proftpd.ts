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

const WHERE =
  '# In /etc/proftpd/proftpd.conf or a file in /etc/proftpd/conf.d/ (RHEL: /etc/proftpd.conf), then: systemctl restart proftpd';
const WHERE_TLS =
  '# mod_tls must be loaded (Debian: install proftpd-mod-crypto, then "LoadModule mod_tls.c" in /etc/proftpd/modules.conf).';

/** stopDenying lifts a <Limit> block's DenyAll on one passive command; EPSV and PASV share the text. */
function stopDenying(command: 'EPSV' | 'PASV'): ServerFixDraft[] {
  return [
    draft(`ProFTPD: stop denying ${command}`, [
      WHERE,
      `# Remove any <Limit ${command}> block holding DenyAll, or allow both passive commands explicitly:`,
      '<Limit EPSV PASV>',
      '  AllowAll',
      '</Limit>',
    ]),
  ];
}

/**
 * PROFTPD_FIXES: proftpd.conf directives. Each one parses under `proftpd -t` with ProFTPD 1.3.8 and
 * mod_tls: PassivePorts and MasqueradeAddress (mod_core), TLSEngine, TLSRequired, TLSOptions
 * NoSessionReuseRequired, TLSProtocol (mod_tls requires session reuse unless told otherwise),
 * MaxClients and MaxClientsPerHost (mod_auth, 530 beyond the limit), MaxInstances (standalone only;
 * src/main.c closes connections beyond it without a reply), RequireValidShell (mod_auth), UseIPv6,
 * AllowForeignAddress.
 */
const PROFTPD_FIXES: ServerFixTable = {
  'passive-range': (context) => [
    draft(`ProFTPD: hand out passive ports ${formatRange(context.range)} only`, [
      WHERE,
      ...rangeComment(context),
      `PassivePorts ${context.range.low} ${context.range.high}`,
    ]),
  ],
  'passive-address': (context) => {
    const address = announcedAddress(context);
    return [
      draft(`ProFTPD: announce ${address} in PASV replies`, [
        WHERE,
        ...placeholderNote(context),
        '# Inside a <VirtualHost>, put it in that block; a host name is resolved when ProFTPD starts.',
        `MasqueradeAddress ${address}`,
      ]),
    ];
  },
  'enable-epsv': () => stopDenying('EPSV'),
  'enable-pasv': () => stopDenying('PASV'),
  'tls-enable': () => [
    draft('ProFTPD: offer FTPS (AUTH TLS) with mod_tls', [
      WHERE,
      WHERE_TLS,
      '<IfModule mod_tls.c>',
      '  TLSEngine on',
      '  TLSRSACertificateFile /etc/ssl/certs/ftp-server.pem',
      '  TLSRSACertificateKeyFile /etc/ssl/private/ftp-server.key',
      '</IfModule>',
    ]),
  ],
  'tls-require': () => [
    draft('ProFTPD: refuse logins and transfers without TLS', [
      WHERE,
      WHERE_TLS,
      '<IfModule mod_tls.c>',
      '  TLSEngine on',
      '  TLSRequired on',
      '</IfModule>',
    ]),
  ],
  'tls-session-reuse': () => [
    draft('ProFTPD: stop requiring TLS session reuse on data connections', [
      WHERE,
      "# mod_tls requires the data connection to resume the control connection's TLS session, which proves both come from one client; relax it only for clients that cannot resume sessions.",
      '# TLSOptions takes all options on one line: add NoSessionReuseRequired to an existing line.',
      '<IfModule mod_tls.c>',
      '  TLSOptions NoSessionReuseRequired',
      '</IfModule>',
    ]),
  ],
  'tls-certificate': () => [
    draft('ProFTPD: serve a trusted certificate with its chain', [
      WHERE,
      "# Use a certificate for the name clients connect to; replace YOUR_HOST_NAME (Let's Encrypt layout shown).",
      '<IfModule mod_tls.c>',
      '  TLSRSACertificateFile /etc/letsencrypt/live/YOUR_HOST_NAME/cert.pem',
      '  TLSRSACertificateKeyFile /etc/letsencrypt/live/YOUR_HOST_NAME/privkey.pem',
      '  TLSCertificateChainFile /etc/letsencrypt/live/YOUR_HOST_NAME/chain.pem',
      '</IfModule>',
    ]),
  ],
  'tls-protocols': () => [
    draft('ProFTPD: allow TLS 1.2 and 1.3 only', [
      WHERE,
      '<IfModule mod_tls.c>',
      '  TLSProtocol TLSv1.2 TLSv1.3',
      '</IfModule>',
    ]),
  ],
  'anonymous-access': (context) =>
    context.anonymous === 'enable'
      ? [
          draft('ProFTPD: allow anonymous, read-only login', [
            WHERE,
            '# Serves the home directory of the ftp account; the group is nogroup on Debian, ftp on RHEL.',
            "# RequireValidShell off: the ftp account's shell (nologin) is not in /etc/shells, and without it ProFTPD refuses the anonymous login with 530.",
            '<Anonymous ~ftp>',
            '  User ftp',
            '  Group nogroup',
            '  UserAlias anonymous ftp',
            '  RequireValidShell off',
            '  <Limit WRITE>',
            '    DenyAll',
            '  </Limit>',
            '</Anonymous>',
          ]),
        ]
      : [
          draft('ProFTPD: turn anonymous login off', [
            WHERE,
            '# Anonymous login exists only inside an <Anonymous …> block: delete or comment out that whole block (from <Anonymous ~ftp> to </Anonymous>), including any UserAlias anonymous line in it.',
          ]),
        ],
  'connection-limits': () => [
    draft('ProFTPD: raise the connection limits', [
      WHERE,
      '# MaxClients and MaxClientsPerHost refuse logins beyond them with 530 ("Sorry, the maximum number of clients …"); users behind one NAT share a per-host limit. MaxInstances (standalone mode, server config only) caps processes and closes connections beyond it without any reply.',
      'MaxClients 100',
      'MaxClientsPerHost 10',
      'MaxInstances 110',
    ]),
  ],
  'listen-ipv6': () => [draft('ProFTPD: listen on IPv6 as well', [WHERE, 'UseIPv6 on'])],
  'allow-data-from-other-ip': () => [
    draft('ProFTPD: accept data connections from another address (weakens a check)', [
      WHERE,
      "# Lets a data connection come from an address other than the control connection's, so a third party could grab a transfer. Use it only when clients really need it (NAT pools, FXP).",
      'AllowForeignAddress on',
    ]),
  ],
};

/** proftpdFixes writes the drafts for `topic` from PROFTPD_FIXES. */
export function proftpdFixes(topic: ServerFixTopic, context: CheckedServerContext): ServerFixDraft[] {
  return PROFTPD_FIXES[topic](context);
}
