import { ipFamily } from '../fixValues.js';
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

const WHERE = '# In /etc/vsftpd.conf (RHEL/Fedora: /etc/vsftpd/vsftpd.conf), then: systemctl restart vsftpd';

/**
 * VSFTPD_FIXES: vsftpd.conf lines. Facts checked against vsftpd 3.0.x: every key below is known to
 * its parser (an unknown key makes vsftpd refuse to start), pasv_min_port/pasv_max_port default
 * to 0 (any port), require_ssl_reuse and force_local_*_ssl default to YES once ssl_enable=YES,
 * EPSV follows pasv_enable and can be denied on its own with cmds_denied, and there is no TLS 1.1/1.2 switch in
 * upstream 3.0.x (ssl_tlsv1 only covers TLS 1.0).
 */
const VSFTPD_FIXES: ServerFixTable = {
  'passive-range': (context) => [
    draft(`vsftpd: hand out passive ports ${formatRange(context.range)} only`, [
      WHERE,
      ...rangeComment(context),
      'pasv_enable=YES',
      `pasv_min_port=${context.range.low}`,
      `pasv_max_port=${context.range.high}`,
    ]),
  ],
  'passive-address': (context) => {
    const address = announcedAddress(context);
    const isName = context.pasvAddress !== null && ipFamily(context.pasvAddress) === null;
    return [
      draft(`vsftpd: announce ${address} in PASV replies`, [
        WHERE,
        ...placeholderNote(context),
        `pasv_address=${address}`,
        // A host name is only accepted with pasv_addr_resolve=YES; it is resolved once, at startup.
        `pasv_addr_resolve=${isName ? 'YES' : 'NO'}`,
      ]),
    ];
  },
  // Only written when PASV works (epsv.refused): passive mode is on, so pasv_enable is not it.
  'enable-epsv': () => [
    draft('vsftpd: remove EPSV from cmds_denied (or add it to cmds_allowed)', [
      WHERE,
      '# PASV works, so passive mode is on. vsftpd refuses EPSV alone with "550 Permission denied." when cmds_denied lists it, or when cmds_allowed is set and leaves it out. Find the line:',
      "#   grep -ns '^cmds_' /etc/vsftpd.conf /etc/vsftpd/vsftpd.conf",
      '# Then delete EPSV from cmds_denied (cmds_denied=EPSV,DELE becomes cmds_denied=DELE), or add EPSV to the cmds_allowed list. If neither line names EPSV, look for an FTP-aware firewall or load balancer in between that filters it.',
    ]),
  ],
  'enable-pasv': () => [draft('vsftpd: turn passive mode (PASV and EPSV) on', [WHERE, 'pasv_enable=YES'])],
  'tls-enable': () => [
    draft('vsftpd: offer FTPS (AUTH TLS)', [
      WHERE,
      '# The certificate file may hold the whole chain; the key file must be readable by root only.',
      '# Once ssl_enable=YES, force_local_logins_ssl and force_local_data_ssl default to YES: local users who still use plain FTP are locked out. To keep plain FTP working while clients move to FTPS, set both to NO for now. allow_anon_ssl defaults to NO: anonymous users get no TLS.',
      'ssl_enable=YES',
      'rsa_cert_file=/etc/ssl/certs/ftp-server.pem',
      'rsa_private_key_file=/etc/ssl/private/ftp-server.key',
    ]),
  ],
  'tls-require': () => [
    draft('vsftpd: refuse logins and transfers without TLS', [
      WHERE,
      '# Both default to YES once ssl_enable=YES; a NO here lets passwords and files travel in clear.',
      'ssl_enable=YES',
      'force_local_logins_ssl=YES',
      'force_local_data_ssl=YES',
    ]),
  ],
  'tls-session-reuse': () => [
    draft('vsftpd: stop requiring TLS session reuse on data connections', [
      WHERE,
      '# require_ssl_reuse=YES (the default) proves the data connection comes from the same client;',
      '# turn it off only for clients that cannot resume TLS sessions, and prefer updating them.',
      'require_ssl_reuse=NO',
    ]),
  ],
  'tls-certificate': () => [
    draft('vsftpd: serve a trusted certificate with its full chain', [
      WHERE,
      "# Use a certificate for the name clients connect to; replace YOUR_HOST_NAME (Let's Encrypt layout shown).",
      'rsa_cert_file=/etc/letsencrypt/live/YOUR_HOST_NAME/fullchain.pem',
      'rsa_private_key_file=/etc/letsencrypt/live/YOUR_HOST_NAME/privkey.pem',
    ]),
  ],
  'tls-protocols': () => [
    draft('vsftpd: refuse SSL and TLS 1.0', [
      WHERE,
      "# ssl_tlsv1=NO turns off TLS 1.0 only; vsftpd 3.0.x has no switch for TLS 1.1 (some distributions add one: see man vsftpd.conf), so OpenSSL's system-wide minimum decides that.",
      'ssl_sslv2=NO',
      'ssl_sslv3=NO',
      'ssl_tlsv1=NO',
    ]),
  ],
  'anonymous-access': (context) =>
    context.anonymous === 'enable'
      ? [
          draft('vsftpd: allow anonymous, read-only login', [
            WHERE,
            '# Anonymous users see the home directory of the ftp account (Debian: /srv/ftp).',
            'anonymous_enable=YES',
            'anon_upload_enable=NO',
          ]),
        ]
      : [
          draft('vsftpd: turn anonymous login off', [
            WHERE,
            '# vsftpd refuses to start with anonymous and local logins both off (local_enable defaults to NO upstream), so keep account logins on.',
            'anonymous_enable=NO',
            'local_enable=YES',
          ]),
        ],
  'connection-limits': () => [
    draft('vsftpd: raise the client limits', [
      WHERE,
      '# Both count only in standalone mode (listen=YES or listen_ipv6=YES); 0 means unlimited.',
      '# Users behind one NAT address share max_per_ip.',
      'max_clients=100',
      'max_per_ip=10',
    ]),
  ],
  'listen-ipv6': () => [
    draft('vsftpd: listen on IPv6 (and IPv4) instead of IPv4 only', [
      WHERE,
      '# listen and listen_ipv6 exclude each other; a socket on :: also accepts IPv4 unless the system sets net.ipv6.bindv6only=1.',
      'listen=NO',
      'listen_ipv6=YES',
    ]),
  ],
  'allow-data-from-other-ip': () => [
    draft('vsftpd: accept passive data connections from another address (weakens a check)', [
      WHERE,
      '# Lets any address connect to the passive port, so a third party could grab a transfer.',
      '# Use it only when clients really arrive from different addresses (NAT pools, proxies).',
      'pasv_promiscuous=YES',
    ]),
  ],
};

/** vsftpdFixes writes the drafts for `topic` from VSFTPD_FIXES. */
export function vsftpdFixes(topic: ServerFixTopic, context: CheckedServerContext): ServerFixDraft[] {
  return VSFTPD_FIXES[topic](context);
}
