import { execFile } from 'node:child_process';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TargetReport } from '../../src/knowledge/types.js';
import { findStep } from '../../src/probe/types.js';
import { findingIds, probeTarget } from '../support/probeHelpers.js';
import {
  type RealServer,
  realServerSkipReason,
  startProftpd,
  startPureFtpd,
  TEST_USER,
} from '../support/realServers.js';
import { ensureTestUser } from '../support/testUser.js';

const run = promisify(execFile);
const hostPort = (server: RealServer) => `${server.host}:${server.port}`;
const account = { user: TEST_USER.name, password: TEST_USER.password, tls: 'off' as const };
/** A directory of this test file's own under the account's home, so parallel suites never mix files. */
const uploadDir = join(TEST_USER.home, `dc-write-${process.pid}`);
const writeTest = { writeTest: { directory: uploadDir, sizeBytes: 50_000, allowAnonymous: false } };

beforeAll(async () => {
  if (process.getuid?.() !== 0) return;
  await ensureTestUser();
  await mkdir(uploadDir, { recursive: true });
  await run('chown', [`${TEST_USER.name}:`, uploadDir]);
});
afterAll(async () => {
  await rm(uploadDir, { recursive: true, force: true });
});

function problems(report: TargetReport): string[] {
  return report.diagnosis.findings.filter((f) => f.severity !== 'info').map((f) => f.id);
}

async function leftoverFiles(): Promise<string[]> {
  return (await readdir(uploadDir)).filter((name) => name.startsWith('.ftp-doctor-'));
}

const proftpdSkip = realServerSkipReason('proftpd');
describe.skipIf(proftpdSkip !== null)(
  `write test, real ProFTPD${proftpdSkip ? ` (skipped: ${proftpdSkip})` : ''}`,
  () => {
    let writable: RealServer;
    let limited: RealServer;
    beforeAll(async () => {
      const local = { anonymous: false, localUser: true };
      [writable, limited] = await Promise.all([
        startProftpd({ ...local, writable: true }),
        startProftpd({ ...local, writable: false }),
      ]);
    }, 30_000);
    afterAll(async () => {
      await Promise.all([writable?.stop(), limited?.stop()]);
    });

    it('a writable account: the whole round trip works and nothing is left behind', async () => {
      const report = await probeTarget(hostPort(writable), { ...account, ...writeTest });
      const write = findStep(report.probe, 'write')?.data;
      expect(write?.sha256Received).toBe(write?.sha256Sent);
      expect(write?.reportedSize).toBe(50_000);
      expect(findingIds(report)).toContain('write.works');
      expect(problems(report)).toEqual([]);
      expect(await leftoverFiles()).toEqual([]);
    });

    it('<Limit WRITE> DenyAll: the refusal is a missing write permission with the ProFTPD fix', async () => {
      const report = await probeTarget(hostPort(limited), { ...account, ...writeTest });
      const found = report.diagnosis.findings.find((f) => f.id === 'write.no-permission');
      expect(found?.evidence).toContainEqual(expect.objectContaining({ kind: 'reply', code: 550 }));
      expect(found?.fixes.map((fix) => fix.dialect)).toContain('proftpd');
      expect(report.diagnosis.verdict.exitCode).toBe(9);
    });
  },
);

const pureSkip = realServerSkipReason('pure-ftpd');
describe.skipIf(pureSkip !== null)(
  `write test, real Pure-FTPd${pureSkip ? ` (skipped: ${pureSkip})` : ''}`,
  () => {
    let server: RealServer;
    beforeAll(async () => {
      // A local account plus anonymous logins, which --anonymouscantupload forbids to write.
      server = await startPureFtpd({ localUser: true });
    }, 30_000);
    afterAll(async () => {
      await server?.stop();
    });

    it('a local account writes, reads back and deletes', async () => {
      const report = await probeTarget(hostPort(server), { ...account, ...writeTest });
      const write = findStep(report.probe, 'write')?.data;
      expect(write?.upload?.finalReply?.code).toBe(226);
      expect(write?.sha256Received).toBe(write?.sha256Sent);
      expect(findingIds(report)).toContain('write.works');
      expect(problems(report)).toEqual([]);
      expect(await leftoverFiles()).toEqual([]);
    });

    it('anonymous with --write-test-anonymous: the upload refusal names the write permission', async () => {
      const report = await probeTarget(hostPort(server), {
        tls: 'off',
        writeTest: { ...writeTest.writeTest, allowAnonymous: true },
      });
      expect(findingIds(report)).toContain('write.no-permission');
      expect(report.diagnosis.verdict.exitCode).toBe(9);
    });
  },
);
