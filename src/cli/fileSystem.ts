/**
 * fileSystem: node:fs/promises, loaded on first use. Loading it also loads readline (for
 * FileHandle.readLines), about 0.5 MB of a probe's peak RSS, and a default probe reads and
 * writes no file (npm run bench, section e).
 */
export function fileSystem(): Promise<typeof import('node:fs/promises')> {
  return import('node:fs/promises');
}

/** readTextFile: a whole file as UTF-8 text. */
export async function readTextFile(path: string): Promise<string> {
  return (await fileSystem()).readFile(path, 'utf8');
}
