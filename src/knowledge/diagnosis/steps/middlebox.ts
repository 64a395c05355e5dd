import type { MiddleboxData } from '../../../probe/steps/middleboxStep.js';
import { cite, rfc, sources } from '../../sources.js';
import { EXIT, type Finding } from '../../types.js';
import type { DiagnosisContext } from '../context.js';
import { findingFrom, replyEvidence } from '../findingBuilder.js';
import type { FindingCatalog } from '../findingCatalog.js';
import { ftpHelperFixes } from '../fixes/dataChannelFixes.js';
import type { StepKnowledge } from '../stepKnowledge.js';

const MIDDLEBOX_FINDINGS = {
  'middlebox.pasv-rewritten': {
    step: 'middlebox',
    severity: 'warning',
    exitCode: EXIT.healthy,
    title: 'A device on the path rewrites plain FTP (an FTP helper/ALG), which cannot work for FTPS',
    sources: sources(cite('linux-conntrack-ftp', 'nf_conntrack_ftp.c'), rfc(959, '4.1.2')),
  },
} as const satisfies FindingCatalog;

const finding = findingFrom(MIDDLEBOX_FINDINGS);

/** summarizeMiddlebox: one line for the plain-PASV comparison. */
function summarizeMiddlebox(data: MiddleboxData): string {
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
function middleboxFindings(ctx: DiagnosisContext): Finding[] {
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

/**
 * MIDDLEBOX_KNOWLEDGE: the plain-PASV comparison's summary, findings and exit category, kept
 * together as a step of its own (docs/architecture.md, "How to add a step"). A broken reply on
 * the plain connection is the server's protocol, as in the banner.
 */
export const MIDDLEBOX_KNOWLEDGE: StepKnowledge<'middlebox'> = {
  exit: EXIT.notReady,
  summary: summarizeMiddlebox,
  findings: middleboxFindings,
  catalog: MIDDLEBOX_FINDINGS,
};
