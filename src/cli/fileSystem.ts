/**
 * fileSystem: node:fs/promises, loaded on first use. Loading it also loads readline (for
 * FileHandle.readLines), about 1 MB of a process's peak RSS, and a default probe reads and
 * writes no file (npm run bench, section e).
 */
export function fileSystem(): Promise<typeof import('node:fs/promises')> {
  return import('node:fs/promises');
}
