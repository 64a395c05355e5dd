/** DEFAULT_FILES is the directory a default fake server shows. */
export const DEFAULT_FILES: Readonly<Record<string, string>> = {
  'readme.txt': 'This file is served by the ftp-doctor fake FTP server.\n',
};

/** ListingFormat names the three listing commands. */
export type ListingFormat = 'LIST' | 'NLST' | 'MLSD';

// A fixed date keeps listings byte-for-byte stable in tests and snapshots.
const LIST_DATE = 'Jan 01  2024';
const MLSD_MODIFY = '20240101000000';

/**
 * directoryListing renders a flat directory in one of the listing formats, lines ended by CRLF.
 *
 *   LIST  -rw-r--r--    1 ftp      ftp            56 Jan 01  2024 readme.txt
 *   NLST  readme.txt
 *   MLSD  type=file;size=56;modify=20240101000000; readme.txt
 */
export function directoryListing(files: Readonly<Record<string, string>>, format: ListingFormat): string {
  const lines = Object.entries(files).map(([name, content]) => {
    const size = Buffer.byteLength(content, 'utf8');
    if (format === 'NLST') return name;
    if (format === 'MLSD') return `type=file;size=${size};modify=${MLSD_MODIFY}; ${name}`;
    return `-rw-r--r--    1 ftp      ftp      ${String(size).padStart(8)} ${LIST_DATE} ${name}`;
  });
  if (format === 'MLSD') lines.unshift(`type=cdir;modify=${MLSD_MODIFY}; .`);
  return lines.map((line) => `${line}\r\n`).join('');
}
