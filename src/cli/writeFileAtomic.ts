import { basename, dirname, join } from 'node:path';
import { fileSystem } from './fileSystem.js';

/** writeFileAtomic writes to a temporary file beside the target and renames it into place. */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const { rename, rm, writeFile } = await fileSystem();
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeFile(temp, content, { mode: 0o644 });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
