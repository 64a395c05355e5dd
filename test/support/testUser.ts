import { execFile } from 'node:child_process';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** TEST_USER is the local account real-server tests log in with (created only when root). */
export const TEST_USER = {
  name: 'ftpdoctor',
  password: 'ftp-doctor-test-password',
  home: '/home/ftpdoctor',
} as const;

/** TEST_FILE_NAME is the file every test server directory holds, so a listing is never empty. */
export const TEST_FILE_NAME = 'readme.txt';
export const TEST_FILE_CONTENT = 'served by an ftp-doctor test server\n';

async function userExists(name: string): Promise<boolean> {
  try {
    await run('getent', ['passwd', name]);
    return true;
  } catch {
    return false;
  }
}

/**
 * ensureTestUser creates the test account (shell /bin/sh, which PAM's pam_shells accepts), sets
 * its password and puts a file in its home. Idempotent, and safe when two workers race.
 */
export async function ensureTestUser(): Promise<typeof TEST_USER> {
  if (!(await userExists(TEST_USER.name))) {
    try {
      await run('useradd', [
        '--create-home',
        '--home-dir',
        TEST_USER.home,
        '--shell',
        '/bin/sh',
        TEST_USER.name,
      ]);
    } catch (error) {
      if (!(await userExists(TEST_USER.name))) throw error;
    }
  }
  await new Promise<void>((resolve, reject) => {
    const child = execFile('chpasswd', (error) => (error ? reject(error) : resolve()));
    child.stdin?.on('error', () => {});
    child.stdin?.end(`${TEST_USER.name}:${TEST_USER.password}\n`);
  });
  await mkdir(TEST_USER.home, { recursive: true });
  await writeFile(`${TEST_USER.home}/${TEST_FILE_NAME}`, TEST_FILE_CONTENT);
  await run('chown', ['-R', `${TEST_USER.name}:`, TEST_USER.home]);
  await chmod(TEST_USER.home, 0o755);
  return TEST_USER;
}
