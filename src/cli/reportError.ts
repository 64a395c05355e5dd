import { EXIT } from '../knowledge/exitCodes.js';
import { UsageError } from './usageError.js';

/**
 * reportError prints what the user needs about an error that reached the CLI's edge and returns
 * the exit code: a usage error gets its message and a hint (2); anything else is a bug (10), with
 * the stack only under FTP_DOCTOR_DEBUG.
 */
export function reportError(error: unknown): number {
  if (error instanceof UsageError) {
    process.stderr.write(`ftp-doctor: ${error.message}\n${error.hint}\n`);
    return EXIT.usage;
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  process.stderr.write(`ftp-doctor: internal error (a bug, please report it): ${detail}\n`);
  if (process.env.FTP_DOCTOR_DEBUG && error instanceof Error && error.stack)
    process.stderr.write(`${error.stack}\n`);
  return EXIT.internal;
}
