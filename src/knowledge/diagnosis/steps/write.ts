import type { WriteData, WritePhase } from '../../../probe/steps/writeStep.js';
import type { Reply } from '../../../protocol/types.js';
import { cite, rfc, sources } from '../../sources.js';
import { type Evidence, EXIT, type Finding } from '../../types.js';
import type { DiagnosisContext } from '../context.js';
import { failureEvidence, findingFrom, firstLine, observation, replyEvidence } from '../findingBuilder.js';
import type { FindingCatalog } from '../findingCatalog.js';
import {
  asciiModeFixes,
  noSpaceFixes,
  pathMtuFixes,
  writePermissionFixes,
} from '../fixes/dataChannelFixes.js';
import type { StepKnowledge } from '../stepKnowledge.js';

const WRITE_FINDINGS = {
  'write.skipped-anonymous': {
    step: 'write',
    severity: 'info',
    exitCode: EXIT.healthy,
    title: 'The write test did not run for an anonymous login',
    sources: sources(rfc(959, '4.1.3')),
  },
  'write.no-permission': {
    step: 'write',
    severity: 'error',
    exitCode: EXIT.transfer,
    title: 'This account may not write here',
    sources: sources(
      rfc(959, '4.2.2'),
      cite('vsftpd.conf.5', 'write_enable'),
      cite('proftpd-howto', 'Limit'),
    ),
  },
  'write.no-space': {
    step: 'write',
    severity: 'error',
    exitCode: EXIT.transfer,
    title: 'The upload failed: quota exceeded or disk full',
    sources: sources(rfc(959, '4.2.2'), cite('vsftpd-source', 'postlogin.c')),
  },
  'write.aborted': {
    step: 'write',
    severity: 'error',
    exitCode: EXIT.transfer,
    title: 'The server aborted the upload',
    sources: sources(rfc(959, '4.2.2'), cite('vsftpd-source', 'postlogin.c')),
  },
  'write.refused': {
    step: 'write',
    severity: 'error',
    exitCode: EXIT.transfer,
    title: 'The upload was refused',
    sources: sources(rfc(959, '4.2.2')),
  },
  'write.data-connection-failed': {
    step: 'write',
    severity: 'error',
    exitCode: EXIT.dataConnection,
    title: 'The data connection for the upload failed',
    sources: sources(rfc(959, '3.2'), rfc(2428, '3')),
  },
  'write.stalled': {
    step: 'write',
    severity: 'error',
    exitCode: EXIT.transfer,
    title: 'The upload stalled',
    sources: sources(rfc(1191, '4'), rfc(2923, '2.1'), rfc(792, 'Destination Unreachable Message')),
  },
  'write.size-mismatch': {
    step: 'write',
    severity: 'error',
    exitCode: EXIT.transfer,
    title: 'The uploaded file has the wrong size on the server',
    sources: sources(rfc(3659, '4'), rfc(959, '3.1.1')),
  },
  'write.content-mismatch': {
    step: 'write',
    severity: 'error',
    exitCode: EXIT.transfer,
    title: 'The file read back differs from the one uploaded',
    sources: sources(rfc(959, '3.1.1.1')),
  },
  'write.download-failed': {
    step: 'write',
    severity: 'error',
    exitCode: EXIT.transfer,
    title: 'The uploaded file could not be read back',
    sources: sources(rfc(959, '4.2.2')),
  },
  'write.not-deleted': {
    step: 'write',
    severity: 'warning',
    exitCode: EXIT.healthy,
    title: 'The temporary test file could not be deleted',
    sources: sources(rfc(959, '4.1.3')),
  },
  'write.name-unverified': {
    step: 'write',
    severity: 'warning',
    exitCode: EXIT.healthy,
    title: 'Whether the test file name was free could not be checked',
    sources: sources(rfc(3659, '4')),
  },
  'write.works': {
    step: 'write',
    severity: 'info',
    exitCode: EXIT.healthy,
    title: 'Upload, read-back and delete work',
    sources: sources(rfc(959, '4.1.3'), rfc(3659, '4')),
  },
  'tls.data-close-notify-required': {
    step: 'write',
    severity: 'info',
    exitCode: EXIT.healthy,
    title: 'The server counts a TLS data connection closed without close_notify as aborted',
    sources: sources(rfc(8446, '6.1'), cite('vsftpd.conf.5', 'strict_ssl_read_eof')),
  },
} as const satisfies FindingCatalog;

const finding = findingFrom(WRITE_FINDINGS);

/** Larger than one full-size TCP segment on a 1500-byte path: only such a write can show a black hole. */
const ONE_SEGMENT_BYTES = 1460;

/**
 * writeFindings judges the write test (--write-test): the STOR reply names the cause (RFC 959
 * §4.2: 550/553 permission or name, 452/552 storage, 426/451 aborted), the read-back shows a
 * changed file, and an upload that stalls where the listing passed points at the path MTU.
 */
function writeFindings(ctx: DiagnosisContext): Finding[] {
  const step = ctx.step('write');
  const asked = ctx.result.options.writeTest;
  if (step && !step.ran && asked && !asked.allowAnonymous && ctx.data('login')?.anonymous === true) {
    return [
      finding('write.skipped-anonymous', {
        detail:
          'The write test uploads and deletes a file; anonymous upload areas are public and rare, so it runs anonymously only with --write-test-anonymous. Give an account that may write (--user, with FTP_PASSWORD or --password-stdin).',
      }),
    ];
  }
  const write = ctx.data('write');
  if (!write) return [];
  const findings: Finding[] = [];
  const upload = write.upload;
  const anonymous = ctx.data('login')?.anonymous === true;

  if (write.existenceReply && write.existenceReply.code >= 500 && write.existenceReply.code !== 550) {
    findings.push(
      finding('write.name-unverified', {
        detail: `SIZE was answered with ${write.existenceReply.code}, so ftp-doctor could not check that ${write.path} did not exist; the name holds 128 random bits, so a clash is practically impossible.`,
        evidence: [replyEvidence(`SIZE ${write.path}`, write.existenceReply)],
      }),
    );
  }

  if (upload) findings.push(...uploadFindings(ctx, write, upload, anonymous));
  else if (write.failure)
    findings.push(
      finding('write.refused', {
        detail: `The write test stopped before the upload: ${write.failure.message}.`,
        evidence: [failureEvidence(write.failure)],
      }),
    );

  const stored = upload?.finalReply != null && upload.finalReply.code < 300;
  if (stored) findings.push(...readBackFindings(write));
  if (stored && findings.every((f) => f.severity === 'info')) {
    findings.push(
      finding('write.works', {
        detail: `${write.sizeBytes} random bytes were stored as ${write.path}${write.reportedSize !== null ? `, SIZE reported ${write.reportedSize}` : ''}, read back with the same SHA-256 and deleted.`,
        evidence: [observation(`sha256 ${write.sha256Sent}`)],
      }),
    );
  }
  if (write.leftovers.length > 0) {
    findings.push(
      finding('write.not-deleted', {
        detail: write.deleteReply
          ? `ftp-doctor could not delete ${write.leftovers.join(', ')}: DELE was answered with ${write.deleteReply.code} ("${firstLine(write.deleteReply)}"). Remove it by hand; an account that may upload but not delete leaves partial uploads behind too.`
          : `ftp-doctor could not delete ${write.leftovers.join(', ')}: the server did not answer DELE (the session was still busy with the failed upload). The file, possibly partial, may be on the server: remove it by hand.`,
        evidence: write.deleteReply ? [replyEvidence(`DELE ${write.path}`, write.deleteReply)] : [],
      }),
    );
  }
  const abrupt = write.withoutCloseNotify;
  if (abrupt?.finalReply && abrupt.finalReply.code === 426) {
    findings.push(
      finding('tls.data-close-notify-required', {
        detail: `An upload whose TLS data connection ended without a close_notify alert was answered with 426 ("${firstLine(abrupt.finalReply)}"): the server treats a missing close_notify as a truncated transfer (RFC 8446 §6.1 lets it). Clients that close the socket without the alert (some libraries) see their uploads fail although every byte arrived.`,
        evidence: [replyEvidence(abrupt.command, abrupt.finalReply)],
      }),
    );
  }
  return findings;
}

/** A failed upload as the judges below see it: the phase, its last reply and the evidence. */
interface FailedUpload {
  readonly ctx: DiagnosisContext;
  readonly write: WriteData;
  readonly upload: WritePhase;
  readonly anonymous: boolean;
  readonly final: Reply | null;
  readonly evidence: Evidence[];
}

/** An upload judge names one cause of a failed upload, or returns null when the evidence is not its. */
type UploadJudge = (failed: FailedUpload) => Finding | null;

function uploadFindings(
  ctx: DiagnosisContext,
  write: WriteData,
  upload: WritePhase,
  anonymous: boolean,
): Finding[] {
  const final = upload.finalReply;
  const failed: FailedUpload = { ctx, write, upload, anonymous, final, evidence: uploadEvidence(upload) };
  if (upload.dataConnected === false) return [dataConnectionFailed(failed)];
  if (final && final.code < 300) return [];
  for (const judge of UPLOAD_JUDGES) {
    const found = judge(failed);
    if (found) return [found];
  }
  return [uploadBroke(failed)];
}

function uploadEvidence(upload: WritePhase): Evidence[] {
  const final = upload.finalReply;
  return [
    ...(upload.preliminaryReply ? [replyEvidence(upload.command, upload.preliminaryReply)] : []),
    ...(final ? [replyEvidence(upload.command, final)] : []),
    ...(upload.failure ? [failureEvidence(upload.failure)] : []),
  ];
}

function dataConnectionFailed({ ctx, upload, evidence }: FailedUpload): Finding {
  return finding('write.data-connection-failed', {
    detail: `The data connection for the upload (port ${upload.port ?? '?'}) could not be opened${upload.failure ? `: ${upload.failure.message}` : ''}.`,
    evidence,
    fixes: ctx.dataPortFixes(null),
  });
}

function noPermission({ ctx, write, anonymous, final, evidence }: FailedUpload): Finding | null {
  if (!final || (final.code !== 550 && final.code !== 553 && final.code !== 532)) return null;
  return finding('write.no-permission', {
    detail: `STOR was answered with ${final.code} ("${firstLine(final)}"). ${storRefusalMeaning(final)} The listing works, so reading is allowed; writing is not, for this account in ${write.path.includes('/') ? 'that directory' : 'its login directory'}.`,
    evidence,
    fixes: writePermissionFixes(ctx.software, anonymous),
  });
}

function noSpace({ final, evidence }: FailedUpload): Finding | null {
  if (!final) return null;
  const localWriteFailed = final.code === 451 && /failure writing to local file/i.test(final.text);
  const full =
    final.code === 452 ||
    final.code === 552 ||
    localWriteFailed ||
    /no space|disk full|quota/i.test(final.text);
  if (!full) return null;
  return finding('write.no-space', {
    detail: localWriteFailed
      ? `The upload was answered with 451 ("${firstLine(final)}"): vsftpd says this when writing the received data to its disk fails — the file system is full or the account's quota is used up (or, rarely, the disk has an I/O error).`
      : `The upload was answered with ${final.code} ("${firstLine(final)}"): the server has no room for the file — its disk is full or the account's quota is used up (RFC 959: 452 insufficient storage, 552 exceeded storage allocation).`,
    evidence,
    fixes: noSpaceFixes(),
  });
}

function abortedByServer({ final, evidence }: FailedUpload): Finding | null {
  if (!final || (final.code !== 426 && final.code !== 451)) return null;
  return finding('write.aborted', {
    detail: `The upload was answered with ${final.code} ("${firstLine(final)}"). ${abortMeaning(final)}`,
    evidence,
    fixes: final.code === 451 ? noSpaceFixes() : [],
  });
}

function stalled({ ctx, write, upload, final, evidence }: FailedUpload): Finding | null {
  const stalledUpload =
    upload.dataEndedBy === 'stalled' ||
    (final === null &&
      upload.dataEndedBy === 'sent' &&
      upload.failure?.kind === 'transport' &&
      upload.failure.failure === 'timeout');
  if (!stalledUpload) return null;
  const listing = ctx.data('transfer');
  const listingPassed = listing?.finalReply != null && listing.finalReply.code < 300;
  const big = write.sizeBytes > ONE_SEGMENT_BYTES;
  const blackHole = listingPassed && big;
  return finding('write.stalled', {
    detail: blackHole
      ? `The upload of ${write.sizeBytes} bytes stalled: ${upload.bytes} bytes were handed to the network and the server never confirmed them within ${ctx.result.options.dataTimeoutMs} ms, while the directory listing (small packets) passed. This is the mark of a path-MTU black hole: full-size packets are dropped on a link with a smaller MTU (a VPN, tunnel or PPPoE hop), and the ICMP "fragmentation needed" message that would make the sender shrink them is filtered on the way back.`
      : `The upload stalled: ${upload.bytes} of ${write.sizeBytes} bytes were handed to the network and no completion reply came within ${ctx.result.options.dataTimeoutMs} ms.${big ? '' : ' The file is smaller than one packet, so the path MTU is not the cause; something drops the client→server direction of the data connection.'}`,
    evidence,
    fixes: blackHole ? pathMtuFixes() : [],
  });
}

function otherRefusal({ final, evidence }: FailedUpload): Finding | null {
  if (!final) return null;
  return finding('write.refused', {
    detail: `The upload was answered with ${final.code} ("${firstLine(final)}").`,
    evidence,
  });
}

function uploadBroke({ upload, evidence }: FailedUpload): Finding {
  return finding('write.aborted', {
    detail: `The upload failed${upload.failure ? `: ${upload.failure.message}` : ''}.`,
    evidence,
  });
}

/** UPLOAD_JUDGES: tried in this order; the reply's code names the cause before a stall is considered. */
const UPLOAD_JUDGES: readonly UploadJudge[] = [noPermission, noSpace, abortedByServer, stalled, otherRefusal];

function readBackFindings(write: WriteData): Finding[] {
  const findings: Finding[] = [];
  if (write.reportedSize !== null && write.reportedSize !== write.sizeBytes) {
    findings.push(
      finding('write.size-mismatch', {
        detail: `${write.sizeBytes} bytes were uploaded in binary mode, but SIZE reports ${write.reportedSize}. ${conversionWords(write)}`,
        evidence: write.sizeReply ? [replyEvidence(`SIZE ${write.path}`, write.sizeReply)] : [],
        fixes: write.lineEndConversion !== 'other' ? asciiModeFixes() : [],
      }),
    );
  }
  const download = write.download;
  if (!download) return findings;
  const got = download.finalReply;
  if (!got || got.code >= 300 || write.sha256Received === null) {
    findings.push(
      finding('write.download-failed', {
        detail: `The uploaded file could not be read back: ${got ? `RETR was answered with ${got.code} ("${firstLine(got)}")` : (download.failure?.message ?? 'no reply')}.`,
        evidence: [
          ...(got ? [replyEvidence(download.command, got)] : []),
          ...(download.failure ? [failureEvidence(download.failure)] : []),
        ],
      }),
    );
    return findings;
  }
  if (write.sha256Received !== write.sha256Sent) {
    findings.push(
      finding('write.content-mismatch', {
        detail: `The file read back (${write.bytesReceived} bytes) differs from the ${write.sizeBytes} bytes uploaded. ${conversionWords(write)}`,
        evidence: [
          observation(`sent sha256 ${write.sha256Sent}`),
          observation(`received sha256 ${write.sha256Received}`),
        ],
        fixes:
          write.lineEndConversion === 'lf-to-crlf' || write.lineEndConversion === 'crlf-to-lf'
            ? asciiModeFixes()
            : [],
      }),
    );
  }
  return findings;
}

function conversionWords(write: WriteData): string {
  switch (write.lineEndConversion) {
    case 'lf-to-crlf':
      return 'Every LF came back as CR LF: the file went through an ASCII-mode conversion (RFC 959 §3.1.1.1) although ftp-doctor asked for binary (TYPE I).';
    case 'crlf-to-lf':
      return 'Every CR LF came back as LF: the file went through an ASCII-mode conversion (RFC 959 §3.1.1.1) although ftp-doctor asked for binary (TYPE I).';
    case 'other':
      return "The change is not a line-end conversion: something on the path (a proxy, an inspecting firewall, antivirus) or the server's storage altered the bytes.";
    default:
      return 'An ASCII-mode conversion or a device on the path that rewrites the stream changes the size.';
  }
}

function storRefusalMeaning(reply: Reply): string {
  if (reply.code === 553)
    return 'The server could not create a file of that name here (the directory is not writable by this account, or the name is not allowed).';
  if (/permission denied/i.test(reply.text))
    return 'The server refuses writes for this account (vsftpd says "Permission denied." when write_enable=NO).';
  return 'The server refuses to create the file (no write permission, or the file is unavailable).';
}

function abortMeaning(reply: Reply): string {
  if (/failure writing to local file/i.test(reply.text))
    return 'vsftpd says this when writing to its disk fails: the file system is full, a quota is exhausted, or the disk has an I/O error.';
  if (reply.code === 451)
    return 'The server hit a local error while storing the file (often a full disk or an exhausted quota).';
  return 'The data connection broke during the upload: the server saw it end early or reset.';
}

/** summarizeWrite: one line for the write step, e.g. 'STOR 4096 bytes → 226, SIZE 4096, RETR sha256 equal, DELE 250'. */
function summarizeWrite(write: WriteData): string {
  const upload = write.upload;
  if (!upload) return write.failure ? `not started: ${write.failure.message}` : 'not started';
  const parts = [
    `STOR ${write.sizeBytes} bytes → ${upload.finalReply?.code ?? (upload.dataEndedBy === 'stalled' ? 'stalled' : 'no reply')}`,
  ];
  if (write.reportedSize !== null) parts.push(`SIZE ${write.reportedSize}`);
  if (write.download) {
    const same = write.sha256Received === write.sha256Sent;
    parts.push(
      `RETR → ${write.download.finalReply?.code ?? 'no reply'}${write.sha256Received ? (same ? ', sha256 equal' : ', sha256 differs') : ''}`,
    );
  }
  if (write.deleteReply) parts.push(`DELE → ${write.deleteReply.code}`);
  if (write.withoutCloseNotify?.finalReply)
    parts.push(`no close_notify → ${write.withoutCloseNotify.finalReply.code}`);
  return parts.join(', ');
}

/**
 * WRITE_KNOWLEDGE: the write test's summary, findings and exit category. A broken upload or
 * read-back is a transfer failure.
 */
export const WRITE_KNOWLEDGE: StepKnowledge<'write'> = {
  exit: EXIT.transfer,
  summary: summarizeWrite,
  findings: writeFindings,
  catalog: WRITE_FINDINGS,
};
