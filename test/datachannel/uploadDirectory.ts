import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ensureTestUser, TEST_USER } from '../support/testUser.js';

const run = promisify(execFile);

/** UploadDirectory: a fresh directory the test account may write to, removed afterwards. */
export interface UploadDirectory {
  readonly path: string;
  remove(): Promise<void>;
}

/**
 * createUploadDirectory makes a private directory owned by the test account, so a suite's write
 * tests (and any partial file a failed upload leaves) never meet another suite's files.
 */
export async function createUploadDirectory(): Promise<UploadDirectory> {
  await ensureTestUser();
  const path = await mkdtemp(join(tmpdir(), 'dc-upload-'));
  await run('chown', [`${TEST_USER.name}:`, path]);
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}
