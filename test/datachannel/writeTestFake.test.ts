import { describe, expect, it } from 'vitest';
import { findStep } from '../../src/probe/types.js';
import { findingIds, probeFake } from '../support/probeHelpers.js';

const account = { user: 'alice', password: 'secret', tls: 'off' as const };
const users = { users: { alice: 'secret' } };
const writeTest = (sizeBytes: number) => ({
  writeTest: { directory: null, sizeBytes, allowAnonymous: false },
});

describe('write test against the fake server', () => {
  it('a server that stores uploads: the round trip passes and the file is deleted', async () => {
    const report = await probeFake({ ...users, uploads: 'stored' }, { ...account, ...writeTest(20_000) });
    const write = findStep(report.probe, 'write')?.data;
    expect(write?.lineEndConversion).toBe('none');
    expect(write?.deleted).toBe(true);
    expect(findingIds(report)).toContain('write.works');
    expect(report.diagnosis.verdict.exitCode).toBe(0);
  });

  it('a server that converts line ends although TYPE I was sent: named as an ASCII-mode conversion, exit 9', async () => {
    const report = await probeFake(
      { ...users, uploads: 'stored-ascii' },
      { ...account, ...writeTest(20_000) },
    );
    const write = findStep(report.probe, 'write')?.data;
    expect(report.server.commandsSeen).toContain('TYPE I');
    expect(write?.lineEndConversion).toBe('lf-to-crlf');
    const found = report.diagnosis.findings.find((f) => f.id === 'write.content-mismatch');
    expect(found?.detail).toContain('ASCII-mode conversion');
    expect(found?.fixes.map((fix) => fix.title)).toContain('Transfer in binary mode');
    expect(findingIds(report)).not.toContain('write.works');
    expect(report.diagnosis.verdict.exitCode).toBe(9);
  });

  it('a server that refuses STOR: a missing write permission, and nothing to delete', async () => {
    const report = await probeFake(users, { ...account, ...writeTest(100) });
    const write = findStep(report.probe, 'write')?.data;
    expect(findingIds(report)).toContain('write.no-permission');
    expect(write?.leftovers).toEqual([]);
    expect(report.diagnosis.verdict.exitCode).toBe(9);
  });

  it('a server that keeps the upload but refuses DELE: the leftover file is named', async () => {
    const report = await probeFake(
      { ...users, uploads: 'stored', replies: { DELE: '550 Permission denied.' } },
      { ...account, ...writeTest(100) },
    );
    const found = report.diagnosis.findings.find((f) => f.id === 'write.not-deleted');
    const path = findStep(report.probe, 'write')?.data?.path ?? '';
    expect(path).toMatch(/^\.ftp-doctor-write-test-[0-9a-f]{32}\.tmp$/);
    expect(found?.detail).toContain(path);
    expect(report.diagnosis.verdict.exitCode).toBe(0);
  });

  it('a name that already exists is never overwritten: another name is chosen', async () => {
    let sizes = 0;
    const report = await probeFake(
      {
        ...users,
        uploads: 'stored',
        // The first existence check finds a file; later SIZE commands behave normally.
        replies: { SIZE: () => (++sizes === 1 ? '213 42' : undefined) },
      },
      { ...account, ...writeTest(100) },
    );
    const stor = report.server.commandsSeen.find((c) => c.startsWith('STOR '));
    const firstSize = report.server.commandsSeen.find((c) => c.startsWith('SIZE '));
    expect(stor?.slice(5)).not.toBe(firstSize?.slice(5));
    expect(findingIds(report)).toContain('write.works');
  });
});
