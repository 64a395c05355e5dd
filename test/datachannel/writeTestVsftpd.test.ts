import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TargetReport } from '../../src/knowledge/types.js';
import { findStep } from '../../src/probe/types.js';
import { renderJson } from '../../src/report/formats/json.js';
import { validateReportJson } from '../report/schema.js';
import { findingIds, probeTarget } from '../support/probeHelpers.js';
import { type RealServer, realServerSkipReason, startVsftpd, TEST_USER } from '../support/realServers.js';
import { ensureTestUser } from '../support/testUser.js';

const run = promisify(execFile);
const skip = realServerSkipReason('vsftpd');
const hostPort = (server: RealServer) => `${server.host}:${server.port}`;
const account = { user: TEST_USER.name, password: TEST_USER.password, tls: 'off' as const };
const writeTest = (sizeBytes = 4096, directory: string | null = null) => ({
  writeTest: { directory, sizeBytes, allowAnonymous: false },
});

function problems(report: TargetReport): string[] {
  return report.diagnosis.findings.filter((f) => f.severity !== 'info').map((f) => f.id);
}

async function leftoverFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.startsWith('.ftp-doctor-'));
}

// The write test against a real vsftpd: an account that may write, one that may not (550, and
// 553 for a directory it cannot write), and a full file system (a 64 KiB tmpfs).
describe.skipIf(skip !== null)(`write test, real vsftpd${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let writable: RealServer;
  let readOnly: RealServer;
  let rootOwned: RealServer;
  let full: RealServer;
  let writableDir: string;
  let rootOwnedDir: string;
  let fullDir: string;

  beforeAll(async () => {
    await ensureTestUser();
    writableDir = await mkdtemp(join(tmpdir(), 'dc-write-'));
    rootOwnedDir = await mkdtemp(join(tmpdir(), 'dc-rootowned-'));
    fullDir = await mkdtemp(join(tmpdir(), 'dc-full-'));
    await chmod(rootOwnedDir, 0o755);
    await run('chown', [`${TEST_USER.name}:`, writableDir]);
    await run('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0755', 'tmpfs', fullDir]);
    await run('chown', [`${TEST_USER.name}:`, fullDir]);
    const local = { anonymous: false, localUser: true };
    [writable, readOnly, rootOwned, full] = await Promise.all([
      startVsftpd({ ...local, writable: true, localRoot: writableDir }),
      startVsftpd({ ...local, writable: false, localRoot: writableDir }),
      startVsftpd({ ...local, writable: true, localRoot: rootOwnedDir }),
      startVsftpd({ ...local, writable: true, localRoot: fullDir }),
    ]);
  }, 30_000);
  afterAll(async () => {
    await Promise.all([writable, readOnly, rootOwned, full].map((server) => server?.stop()));
    await run('umount', [fullDir]).catch(() => undefined);
    for (const dir of [writableDir, rootOwnedDir, fullDir])
      if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('a writable account: stored, sized, read back with the same SHA-256, deleted, no problem reported', async () => {
    const report = await probeTarget(hostPort(writable), { ...account, ...writeTest(100_000) });
    const write = findStep(report.probe, 'write')?.data;
    expect(write?.upload?.finalReply?.code).toBe(226);
    expect(write?.reportedSize).toBe(100_000);
    expect(write?.sha256Received).toBe(write?.sha256Sent);
    expect(write?.deleteReply?.code).toBe(250);
    expect(findingIds(report)).toContain('write.works');
    expect(problems(report)).toEqual([]);
    expect(report.diagnosis.verdict.exitCode).toBe(0);
    expect(await leftoverFiles(writableDir)).toEqual([]);
    const json = JSON.parse(renderJson([report], { toolVersion: 'test', exitCode: 0 }));
    expect(validateReportJson(json).errors).toEqual([]);
  });

  it('write_enable=NO: 550 is named as a missing write permission with the vsftpd setting, exit 9', async () => {
    const report = await probeTarget(hostPort(readOnly), { ...account, ...writeTest() });
    const found = report.diagnosis.findings.find((f) => f.id === 'write.no-permission');
    expect(found?.evidence).toContainEqual(expect.objectContaining({ kind: 'reply', code: 550 }));
    expect(found?.fixes.map((fix) => fix.text).join('\n')).toContain('write_enable=YES');
    expect(report.diagnosis.verdict.exitCode).toBe(9);
  });

  it('a directory the account cannot write: 553 is named as a missing write permission', async () => {
    const report = await probeTarget(hostPort(rootOwned), { ...account, ...writeTest() });
    const found = report.diagnosis.findings.find((f) => f.id === 'write.no-permission');
    expect(found?.evidence).toContainEqual(expect.objectContaining({ kind: 'reply', code: 553 }));
    expect(report.diagnosis.verdict.exitCode).toBe(9);
  });

  it('a full file system: the failed write is named as disk full or quota, and the partial file is deleted', async () => {
    const report = await probeTarget(hostPort(full), { ...account, ...writeTest(256 * 1024) });
    expect(findingIds(report)).toContain('write.no-space');
    expect(report.diagnosis.verdict.exitCode).toBe(9);
    expect(await leftoverFiles(fullDir)).toEqual([]);
    const json = JSON.parse(renderJson([report], { toolVersion: 'test', exitCode: 9 }));
    expect(validateReportJson(json).errors).toEqual([]);
  });

  it('anonymous: the write test does not run without --write-test-anonymous, and says so', async () => {
    const anonymousServer = await startVsftpd({ writable: true });
    try {
      const report = await probeTarget(hostPort(anonymousServer), { tls: 'off', ...writeTest() });
      expect(findStep(report.probe, 'write')?.ran).toBe(false);
      expect(findingIds(report)).toContain('write.skipped-anonymous');
      expect(report.diagnosis.verdict.exitCode).toBe(0);
    } finally {
      await anonymousServer.stop();
    }
  });
});
