import { formatRange } from '../passiveRange.js';
import { ADDRESS_PLACEHOLDER, type CheckedServerContext, type ServerFixTopic } from '../serverContext.js';
import { draft, placeholderNote, rangeComment, type ServerFixDraft } from './serverFixDraft.js';

const WHERE = '# In the Python script that starts the server, before serve_forever(); then restart it.';

/**
 * pyftpdlibFixes: attributes of pyftpdlib's handler and server classes, as its API reference
 * documents them: FTPHandler.passive_ports / masquerade_address / permit_foreign_addresses,
 * TLS_FTPHandler.certfile / keyfile / tls_control_required / tls_data_required / ssl_options
 * (PyOpenSSL), FTPServer.max_cons / max_cons_per_ip. `handler` names the handler class the
 * script passes to FTPServer.
 */
export function pyftpdlibFixes(topic: ServerFixTopic, context: CheckedServerContext): ServerFixDraft[] {
  const address = context.pasvAddress ?? ADDRESS_PLACEHOLDER;
  switch (topic) {
    case 'passive-range':
      return [
        draft(`pyftpdlib: hand out passive ports ${formatRange(context.range)} only`, [
          WHERE,
          ...rangeComment(context),
          `handler.passive_ports = range(${context.range.low}, ${context.range.high + 1})`,
        ]),
      ];
    case 'passive-address':
      return [
        draft(`pyftpdlib: announce ${address} in PASV replies`, [
          WHERE,
          ...placeholderNote(context),
          `handler.masquerade_address = "${address}"`,
        ]),
      ];
    case 'enable-epsv':
    case 'enable-pasv':
      return [
        draft('pyftpdlib: passive mode is built in; check what filters it', [
          "# pyftpdlib answers PASV and EPSV unless the script removed them from the handler's proto_cmds.",
          '# Otherwise look at passive_ports / masquerade_address and at firewalls on the way.',
        ]),
      ];
    case 'tls-enable':
    case 'tls-certificate':
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
    case 'tls-require':
      return [
        draft('pyftpdlib: refuse logins and transfers without TLS', [
          WHERE,
          '# handler must be TLS_FTPHandler (or a subclass of it).',
          'handler.tls_control_required = True',
          'handler.tls_data_required = True',
        ]),
      ];
    case 'tls-session-reuse':
      return [
        draft('pyftpdlib: no session-reuse requirement; check the client', [
          '# pyftpdlib does not demand TLS session reuse on data connections; if only TLS transfers fail, look at the client and at what sits between it and the server.',
        ]),
      ];
    case 'tls-protocols':
      return [
        draft('pyftpdlib: refuse SSL, TLS 1.0 and TLS 1.1', [
          WHERE,
          'from OpenSSL import SSL',
          'handler.ssl_options = (',
          '    SSL.OP_NO_SSLv2 | SSL.OP_NO_SSLv3 | SSL.OP_NO_TLSv1 | SSL.OP_NO_TLSv1_1 | SSL.OP_NO_COMPRESSION',
          ')',
        ]),
      ];
    case 'anonymous-access':
      return context.anonymous === 'enable'
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
          ];
    case 'connection-limits':
      return [
        draft('pyftpdlib: raise the connection limits', [
          WHERE,
          '# server is the FTPServer instance. max_cons defaults to 512: set it higher. max_cons_per_ip defaults to 0 (no limit): if the script sets a number, raise it or set it back to 0.',
          'server.max_cons = 1024',
          'server.max_cons_per_ip = 0',
        ]),
      ];
    case 'listen-ipv6':
      return [
        draft('pyftpdlib: listen on IPv6 (and IPv4)', [
          '# Bind to "::" instead of "0.0.0.0"; on Linux that socket also accepts IPv4 unless net.ipv6.bindv6only=1.',
          'server = FTPServer(("::", 21), handler)',
        ]),
      ];
    case 'allow-data-from-other-ip':
      return [
        draft('pyftpdlib: accept data connections from another address (weakens a check)', [
          WHERE,
          "# Enables FXP: data connections may come from an address other than the control connection's.",
          'handler.permit_foreign_addresses = True',
        ]),
      ];
  }
}
