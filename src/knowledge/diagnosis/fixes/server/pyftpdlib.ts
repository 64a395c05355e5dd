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

const WHERE = '# In the Python script that starts the server, before serve_forever(); then restart it.';

/**
 * passiveIsBuiltIn: pyftpdlib has no switch for PASV or EPSV, so both passive topics point at what
 * filters them.
 */
function passiveIsBuiltIn(): ServerFixDraft[] {
  return [
    draft('pyftpdlib: passive mode is built in; check what filters it', [
      "# pyftpdlib answers PASV and EPSV unless the script removed them from the handler's proto_cmds.",
      '# Otherwise look at passive_ports / masquerade_address and at firewalls on the way.',
    ]),
  ];
}

/**
 * tlsHandlerWithCertificate: in pyftpdlib, turning FTPS on and serving a trusted certificate are the
 * same few lines.
 */
function tlsHandlerWithCertificate(): ServerFixDraft[] {
  return [
    draft('pyftpdlib: serve FTPS with TLS_FTPHandler (needs PyOpenSSL)', [
      WHERE,
      '# Use a certificate chain for the host name clients connect to; replace YOUR_HOST_NAME.',
      'from pyftpdlib.handlers import TLS_FTPHandler',
      'handler = TLS_FTPHandler',
      'handler.certfile = "/etc/letsencrypt/live/YOUR_HOST_NAME/fullchain.pem"',
      'handler.keyfile = "/etc/letsencrypt/live/YOUR_HOST_NAME/privkey.pem"',
    ]),
  ];
}

/**
 * PYFTPDLIB_FIXES: attributes of pyftpdlib's handler and server classes, as its API reference
 * documents them: FTPHandler.passive_ports / masquerade_address / permit_foreign_addresses,
 * TLS_FTPHandler.certfile / keyfile / tls_control_required / tls_data_required / ssl_options
 * (PyOpenSSL), FTPServer.max_cons / max_cons_per_ip. `handler` names the handler class the
 * script passes to FTPServer.
 */
const PYFTPDLIB_FIXES: ServerFixTable = {
  'passive-range': (context) => [
    draft(`pyftpdlib: hand out passive ports ${formatRange(context.range)} only`, [
      WHERE,
      ...rangeComment(context),
      `handler.passive_ports = range(${context.range.low}, ${context.range.high + 1})`,
    ]),
  ],
  'passive-address': (context) => {
    const address = announcedAddress(context);
    return [
      draft(`pyftpdlib: announce ${address} in PASV replies`, [
        WHERE,
        ...placeholderNote(context),
        `handler.masquerade_address = "${address}"`,
      ]),
    ];
  },
  'enable-epsv': passiveIsBuiltIn,
  'enable-pasv': passiveIsBuiltIn,
  'tls-enable': tlsHandlerWithCertificate,
  'tls-certificate': tlsHandlerWithCertificate,
  'tls-require': () => [
    draft('pyftpdlib: refuse logins and transfers without TLS', [
      WHERE,
      '# handler must be TLS_FTPHandler (or a subclass of it).',
      'handler.tls_control_required = True',
      'handler.tls_data_required = True',
    ]),
  ],
  'tls-session-reuse': () => [
    draft('pyftpdlib: no session-reuse requirement; check the client', [
      '# pyftpdlib does not demand TLS session reuse on data connections; if only TLS transfers fail, look at the client and at what sits between it and the server.',
    ]),
  ],
  'tls-protocols': () => [
    draft('pyftpdlib: refuse SSL, TLS 1.0 and TLS 1.1', [
      WHERE,
      'from OpenSSL import SSL',
      'handler.ssl_options = (',
      '    SSL.OP_NO_SSLv2 | SSL.OP_NO_SSLv3 | SSL.OP_NO_TLSv1 | SSL.OP_NO_TLSv1_1 | SSL.OP_NO_COMPRESSION',
      ')',
    ]),
  ],
  'anonymous-access': (context) =>
    context.anonymous === 'enable'
      ? [
          draft('pyftpdlib: allow anonymous, read-only login', [
            WHERE,
            '# "elr" = change directory, list, download: read-only.',
            'authorizer.add_anonymous("/srv/ftp", perm="elr")',
          ]),
        ]
      : [
          draft('pyftpdlib: turn anonymous login off', [
            '# Delete the authorizer.add_anonymous(...) call from the script (or, with UnixAuthorizer, leave anonymous_user unset), then restart it.',
          ]),
        ],
  'connection-limits': () => [
    draft('pyftpdlib: raise the connection limits', [
      WHERE,
      '# server is the FTPServer instance. max_cons defaults to 512: set it higher. max_cons_per_ip defaults to 0 (no limit): if the script sets a number, raise it or set it back to 0.',
      'server.max_cons = 1024',
      'server.max_cons_per_ip = 0',
    ]),
  ],
  'listen-ipv6': () => [
    draft('pyftpdlib: listen on IPv6 (and IPv4)', [
      '# Bind to "::" instead of "0.0.0.0"; on Linux that socket also accepts IPv4 unless net.ipv6.bindv6only=1.',
      'server = FTPServer(("::", 21), handler)',
    ]),
  ],
  'allow-data-from-other-ip': () => [
    draft('pyftpdlib: accept data connections from another address (weakens a check)', [
      WHERE,
      "# Enables FXP: data connections may come from an address other than the control connection's.",
      'handler.permit_foreign_addresses = True',
    ]),
  ],
};

/** pyftpdlibFixes writes the drafts for `topic` from PYFTPDLIB_FIXES. */
export function pyftpdlibFixes(topic: ServerFixTopic, context: CheckedServerContext): ServerFixDraft[] {
  return PYFTPDLIB_FIXES[topic](context);
}
