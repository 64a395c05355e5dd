import type { WriteData } from '../../probe/types.js';

/** summarizeWrite: one line for the write step, e.g. 'STOR 4096 bytes → 226, SIZE 4096, RETR sha256 equal, DELE 250'. */
export function summarizeWrite(write: WriteData): string {
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
