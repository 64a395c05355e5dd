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

const CONF = '/etc/pure-ftpd/conf';
const RESTART = 'systemctl restart pure-ftpd';

/** PureSetting: one Pure-FTPd option in its three spellings. */
interface PureSetting {
  /** File name under /etc/pure-ftpd/conf/ (Debian's wrapper) and key in pure-ftpd.conf. */
  readonly name: string;
  /** Content of the file and value in pure-ftpd.conf. */
  readonly value: string;
  /** The command-line flag, e.g. '-p 50000:50100'. */
  readonly flag: string;
}

/**
 * pureFtpdSettings renders settings three ways: Debian's one-file-per-option directory read by
 * pure-ftpd-wrapper (as shell commands), the pure-ftpd.conf key, and the command-line flag.
 */
function pureFtpdSettings(settings: readonly PureSetting[]): string[] {
  const commands = settings.map((setting) => `echo '${setting.value}' > ${CONF}/${setting.name}`);
  const confLines = settings.map((setting) => `#   ${setting.name} ${setting.value}`);
  const flags = settings.map((setting) => setting.flag).filter((flag) => flag !== '');
  return [
    '# Debian/Ubuntu (pure-ftpd-wrapper reads one file per option), as root:',
    ...commands,
    RESTART,
    '# Elsewhere, the same in pure-ftpd.conf:',
    ...confLines,
    ...(flags.length > 0 ? [`# or on the command line: ${flags.join(' ')}`] : []),
  ];
}

/** compose shows a container setting as a compose.yaml snippet, with the docker run flags in a comment. */
function compose(snippet: readonly string[], runFlags: string): string[] {
  return [
    '# compose.yaml, under the stilliard/pure-ftpd service; recreate the container afterwards.',
    ...snippet,
    `# (docker run: add ${runFlags})`,
  ];
}

/**
 * PURE_FTPD_FIXES: Pure-FTPd 1.0.x options, checked against `pure-ftpd --help`, its manual and
 * Debian's pure-ftpd-wrapper: -p/PassivePortRange ("lo hi" in the wrapper's file), -P/ForcePassiveIP,
 * -Y/TLS 0–3, -b/BrokenClientsCompatibility (drops the TLS session-reuse requirement since 1.0.42),
 * -c/-C client limits (-c is capped at half the passive range), -E/-e anonymous switches,
 * -4/IPV4Only, -N/NATmode (refuses PASV and EPSV), -b also refuses EPSV on IPv4 (src/ftp_parser.c),
 * -w/AllowUserFXP. Since 1.0.48 TLS < 1.2 is refused
 * with no switch. Container fixes follow the stilliard/pure-ftpd image's variables.
 */
const PURE_FTPD_FIXES: ServerFixTable = {
  'passive-range': (context) => {
    const { low, high } = context.range;
    return [
      draft(`Pure-FTPd: hand out passive ports ${formatRange(context.range)} only`, [
        ...rangeComment(context),
        `# Pure-FTPd caps the client limit (-c) at half the range size: ${Math.floor((high + 1 - low) / 2)} here.`,
        ...pureFtpdSettings([
          { name: 'PassivePortRange', value: `${low} ${high}`, flag: `-p ${low}:${high}` },
        ]),
      ]),
      draft(`Pure-FTPd container (stilliard/pure-ftpd): passive ports ${formatRange(context.range)}`, [
        ...rangeComment(context),
        ...compose(
          [
            'environment:',
            `  FTP_PASSIVE_PORTS: "${low}:${high}"`,
            'ports:',
            `  - "${low}-${high}:${low}-${high}"`,
          ],
          `-e FTP_PASSIVE_PORTS=${low}:${high} -p ${low}-${high}:${low}-${high}`,
        ),
      ]),
    ];
  },
  'passive-address': (context) => {
    const address = announcedAddress(context);
    return [
      draft(`Pure-FTPd: announce ${address} in PASV replies`, [
        ...placeholderNote(context),
        ...pureFtpdSettings([{ name: 'ForcePassiveIP', value: address, flag: `-P ${address}` }]),
      ]),
      draft(`Pure-FTPd container (stilliard/pure-ftpd): announce ${address}`, [
        ...placeholderNote(context),
        ...compose(['environment:', `  PUBLICHOST: "${address}"`], `-e PUBLICHOST=${address}`),
      ]),
    ];
  },
  'enable-epsv': () => [
    // Only written when PASV works (epsv.refused), which rules out NAT mode (-N refuses both).
    draft('Pure-FTPd: answer EPSV on IPv4 again (broken-clients mode off)', [
      '# PASV works, so NAT mode (-N) is off. Broken-clients mode (-b) refuses EPSV on IPv4 ("500 Unknown command") and keeps PASV: turn it off.',
      ...pureFtpdSettings([{ name: 'BrokenClientsCompatibility', value: 'no', flag: '' }]),
      '# and drop -b / --brokenclientscompatibility from the command line.',
    ]),
  ],
  'enable-pasv': () => [
    draft('Pure-FTPd: turn NAT mode (forced active mode) off', [
      '# NAT mode (-N) refuses PASV and EPSV ("500 Unknown command") and leaves only active mode.',
      ...pureFtpdSettings([{ name: 'NATmode', value: 'no', flag: '' }]),
      '# and drop -N / --natmode from the command line if it is there.',
    ]),
  ],
  'tls-enable': () => [
    draft('Pure-FTPd: offer FTPS (AUTH TLS)', [
      '# Certificate and key go together in /etc/ssl/private/pure-ftpd.pem (mode 600).',
      ...pureFtpdSettings([{ name: 'TLS', value: '1', flag: '--tls=1' }]),
    ]),
    draft('Pure-FTPd container (stilliard/pure-ftpd): offer FTPS', [
      '# The image turns TLS on by itself when this file exists (certificate and key in one file).',
      ...compose(
        ['volumes:', '  - "./pure-ftpd.pem:/etc/ssl/private/pure-ftpd.pem:ro"'],
        '-v "$PWD/pure-ftpd.pem:/etc/ssl/private/pure-ftpd.pem:ro"',
      ),
    ]),
  ],
  'tls-require': () => [
    draft('Pure-FTPd: refuse sessions without TLS', [
      '# 2 refuses cleartext logins; 3 also refuses cleartext data connections.',
      ...pureFtpdSettings([{ name: 'TLS', value: '2', flag: '--tls=2' }]),
    ]),
    draft('Pure-FTPd container (stilliard/pure-ftpd): require TLS', [
      '# Needs the certificate mounted at /etc/ssl/private/pure-ftpd.pem as well.',
      ...compose(['environment:', '  ADDED_FLAGS: "--tls=2"'], '-e "ADDED_FLAGS=--tls=2"'),
    ]),
  ],
  'tls-session-reuse': () => [
    draft('Pure-FTPd: stop requiring TLS session reuse (broken-clients mode)', [
      "# Stock Pure-FTPd (Debian's included) accepts data connections that do not resume the control connection's TLS session; builds made with ONLY_ACCEPT_REUSED_SSL_SESSIONS refuse them, except in broken-clients compatibility mode, which also relaxes other checks and refuses EPSV on IPv4 (clients fall back to PASV): prefer fixing the client.",
      ...pureFtpdSettings([{ name: 'BrokenClientsCompatibility', value: 'yes', flag: '-b' }]),
    ]),
  ],
  'tls-certificate': () => [
    draft('Pure-FTPd: serve a trusted certificate with its chain', [
      "# Pure-FTPd reads certificate chain and key from one file; replace YOUR_HOST_NAME (Let's Encrypt layout shown):",
      'cat /etc/letsencrypt/live/YOUR_HOST_NAME/fullchain.pem /etc/letsencrypt/live/YOUR_HOST_NAME/privkey.pem > /etc/ssl/private/pure-ftpd.pem',
      'chmod 600 /etc/ssl/private/pure-ftpd.pem',
      RESTART,
    ]),
  ],
  'tls-protocols': () => [
    draft('Pure-FTPd: upgrade to 1.0.48 or later, which refuses TLS below 1.2', [
      '# Pure-FTPd has no protocol-version setting: since 1.0.48 it refuses TLS 1.0 and 1.1 by itself.',
      '# Check the version with: pure-ftpd --help | head -n 1',
    ]),
  ],
  'anonymous-access': (context) =>
    context.anonymous === 'enable'
      ? [
          draft('Pure-FTPd: allow anonymous login', [
            '# Anonymous users get the home directory of the system account ftp.',
            ...pureFtpdSettings([{ name: 'NoAnonymous', value: 'no', flag: '' }]),
            '# and drop -E / --noanonymous from the command line if it is there.',
          ]),
        ]
      : [
          draft('Pure-FTPd: turn anonymous login off', [
            ...pureFtpdSettings([{ name: 'NoAnonymous', value: 'yes', flag: '-E' }]),
          ]),
        ],
  'connection-limits': () => [
    draft('Pure-FTPd: raise the connection limits', [
      `# -c is capped at half the passive range size, so widen the range too if needed.`,
      ...pureFtpdSettings([
        { name: 'MaxClientsNumber', value: '50', flag: '-c 50' },
        { name: 'MaxClientsPerIP', value: '10', flag: '-C 10' },
      ]),
    ]),
    draft('Pure-FTPd container (stilliard/pure-ftpd): raise the connection limits', [
      '# The image defaults to 5 clients and 5 per address. Pure-FTPd caps the client count at half the passive range (FTP_PASSIVE_PORTS): for 50 clients it needs 100 passive ports, published with the same numbers.',
      ...compose(
        ['environment:', '  FTP_MAX_CLIENTS: "50"', '  FTP_MAX_CONNECTIONS: "10"'],
        '-e FTP_MAX_CLIENTS=50 -e FTP_MAX_CONNECTIONS=10',
      ),
    ]),
  ],
  'listen-ipv6': () => [
    draft('Pure-FTPd: listen on IPv6 as well', [
      '# Pure-FTPd listens on IPv4 and IPv6 unless told IPv4 only (-4).',
      ...pureFtpdSettings([{ name: 'IPV4Only', value: 'no', flag: '' }]),
      '# and drop -4 / --ipv4only from the command line if it is there.',
    ]),
  ],
  'allow-data-from-other-ip': () => [
    draft('Pure-FTPd: allow FXP for logged-in users (weakens a check)', [
      '# Lets data connections come from another address than the control connection, for authenticated users only. Use it only when clients really need it.',
      ...pureFtpdSettings([{ name: 'AllowUserFXP', value: 'yes', flag: '-w' }]),
    ]),
  ],
};

/** pureFtpdFixes writes the drafts for `topic` from PURE_FTPD_FIXES. */
export function pureFtpdFixes(topic: ServerFixTopic, context: CheckedServerContext): ServerFixDraft[] {
  return PURE_FTPD_FIXES[topic](context);
}
