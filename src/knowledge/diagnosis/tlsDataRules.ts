import type { Finding } from '../types.js';
import type { DiagnosisContext } from './context.js';
import { finding, observation } from './findingBuilder.js';
import { requireResumptionFixes } from './fixes/dataChannelFixes.js';

/**
 * tlsDataPolicyFindings states the server's TLS data-channel policy when it accepts data
 * connections both with and without resuming the control connection's session (the opposite
 * case, a server that requires resumption, is transfer.tls-session-reuse). The TLS version is
 * part of the finding: clients resume differently under TLS 1.2 (session id or ticket in the
 * handshake) and TLS 1.3 (tickets sent after the handshake, RFC 8446 §4.6.1).
 */
export function tlsDataPolicyFindings(ctx: DiagnosisContext): Finding[] {
  const transfer = ctx.data('transfer');
  const tls = ctx.data('tls');
  if (!transfer || tls?.dataProtection !== 'private') return [];
  if (transfer.resumptionRefused === true) {
    return [
      finding('tls.data-resumption-refused', {
        detail: `Under ${tls.protocol ?? 'TLS'} the listing failed over a data connection that resumed the control connection's TLS session, and worked over one with a new session. Clients resume whenever they can (curl, FileZilla and WinSCP do), so they fail here; the server's resumption support is broken (a session cache or ticket key the data connections cannot use). Until the server is fixed, clients can avoid resuming: curl --no-sessionid.`,
        evidence: [
          observation(
            `${transfer.command ?? 'listing'} with a resumed TLS session: ${transfer.finalReply ? transfer.finalReply.code : 'failed'}`,
          ),
          observation(`${transfer.command ?? 'listing'} with a new TLS session: worked`),
        ],
      }),
    ];
  }
  if (transfer.tlsSessionReused !== true || transfer.reuseRequired !== false) return [];
  const version = tls.protocol ?? 'TLS';
  return [
    finding('tls.data-resumption-policy', {
      detail: `Under ${version} the server accepted a data connection that resumed the control connection's TLS session and one that did not. Clients work whether or not they resume; the server does not use resumption to prove that the data connection comes from the same client (vsftpd require_ssl_reuse=NO, ProFTPD TLSOptions NoSessionReuseRequired, AWS Transfer Family TlsSessionResumptionMode ENABLED). Requiring it keeps a third party from taking over a data connection; every common client resumes.`,
      evidence: [
        observation(`${transfer.command ?? 'listing'} with a resumed TLS session: accepted`),
        observation(`${transfer.command ?? 'listing'} with a new TLS session: accepted`),
      ],
      fixes: requireResumptionFixes(ctx.software),
    }),
  ];
}
