import type { MiddleboxData } from '../../probe/types.js';
import type { Finding } from '../types.js';
import type { DiagnosisContext } from './context.js';
import { finding, replyEvidence } from './findingBuilder.js';
import { ftpHelperFixes } from './fixes/dataChannelFixes.js';

/** summarizeMiddlebox: one line for the plain-PASV comparison. */
export function summarizeMiddlebox(data: MiddleboxData): string {
  if (data.plainAdvertisedHost === null)
    return data.failure ? `plain PASV not obtained: ${data.failure.message}` : 'plain PASV not obtained';
  return data.rewritten
    ? `plain PASV → ${data.plainAdvertisedHost}, TLS PASV → ${data.tlsAdvertisedHost}: rewritten on the path`
    : `plain and TLS PASV both → ${data.plainAdvertisedHost}`;
}

/**
 * middleboxFindings: the plain PASV reply named another address than the TLS one. Only a device
 * that reads the control channel can change it, and it can read only plain FTP: an FTP helper
 * (ALG) in a NAT router or firewall on the path.
 */
export function middleboxFindings(ctx: DiagnosisContext): Finding[] {
  const data = ctx.data('middlebox');
  if (!data?.rewritten || data.plainAdvertisedHost === null) return [];
  const control = ctx.controlAddress ?? 'the server';
  const tlsReply = ctx.data('pasv')?.reply;
  return [
    finding('middlebox.pasv-rewritten', {
      detail: `Without TLS, PASV advertised ${data.plainAdvertisedHost}; inside TLS the same server advertised ${data.tlsAdvertisedHost}. A server answers both alike, so a device between ftp-doctor and ${control} rewrote the plain reply: a NAT router or firewall with an FTP helper (an FTP ALG, or Linux conntrack's nf_nat_ftp). It cannot read TLS, so FTPS clients get ${data.tlsAdvertisedHost} — the server's own, untranslated address — and those that follow it fail, while plain FTP works only thanks to the helper. Make the server announce ${data.plainAdvertisedHost} itself.`,
      evidence: [
        ...(data.plainReply ? [replyEvidence('PASV (plain connection)', data.plainReply)] : []),
        ...(tlsReply ? [replyEvidence('PASV (TLS connection)', tlsReply)] : []),
      ],
      fixes: [...ctx.serverFixes('passive-address'), ...ftpHelperFixes(data.plainAdvertisedHost)],
    }),
  ];
}
