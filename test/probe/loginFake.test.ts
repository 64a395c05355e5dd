import { describe, expect, it } from 'vitest';
import type { FakeServerScript } from '../../src/fakeServer/fakeServerScript.js';
import type { ProbeOptions } from '../../src/probe/types.js';
import { findStep } from '../../src/probe/types.js';
import { findingIds, probeFake } from '../support/probeHelpers.js';

// The login sequence of RFC 959 §5.4 (USER → 230 | 331 → PASS → 230 | 332 → ACCT),
// and the refusals a user must be able to tell apart.
describe('login flow', () => {
  it('230 right after USER: logged in without PASS', async () => {
    const report = await probeFake(
      { replies: { USER: '230 User logged in, proceed.' } },
      { tls: 'off', user: 'alice', password: 'unused-secret' },
    );
    const login = findStep(report.probe, 'login')!;
    expect(login.data).toMatchObject({ loggedIn: true, user: 'alice', anonymous: false });
    expect(login.exchanges.map((e) => e.command)).toEqual(['USER alice']);
    expect(report.server.commandsSeen.some((c) => c.startsWith('PASS'))).toBe(false);
    // (The scripted 230 does not log the fake server in, so its later EPSV/PASV say 530: only
    // the login verdict is this test's business.)
    expect(findingIds(report).filter((id) => id.startsWith('login.'))).toEqual([]);
  });

  it('331 → PASS → 230, the password masked in the step and the transcript', async () => {
    const report = await probeFake(
      { users: { alice: 'Secret-331' } },
      { tls: 'off', user: 'alice', password: 'Secret-331' },
    );
    const login = findStep(report.probe, 'login')!;
    expect(login.data?.loggedIn).toBe(true);
    expect(login.exchanges.map((e) => [e.command, e.replies.at(-1)?.code])).toEqual([
      ['USER alice', 331],
      ['PASS ****', 230],
    ]);
    expect(JSON.stringify(report.probe)).not.toContain('Secret-331');
    expect(report.diagnosis.verdict.exitCode).toBe(0);
  });

  it('331 → PASS → 332 → ACCT (--account) → 230, the account masked too', async () => {
    const report = await probeFake(
      { users: { bob: { password: 'pw-332', account: 'Acct-Zulu-9' } } },
      { tls: 'off', user: 'bob', password: 'pw-332', account: 'Acct-Zulu-9' },
    );
    const login = findStep(report.probe, 'login')!;
    expect(login.data?.loggedIn).toBe(true);
    expect(login.exchanges.map((e) => [e.command, e.replies.at(-1)?.code])).toEqual([
      ['USER bob', 331],
      ['PASS ****', 332],
      ['ACCT ****', 230],
    ]);
    // The transcript masks ACCT like PASS (the JSON report keeps only options.accountGiven).
    expect(JSON.stringify(report.probe.transcript)).not.toContain('Acct-Zulu-9');
    expect(JSON.stringify(report.probe.steps)).not.toContain('Acct-Zulu-9');
    expect(report.diagnosis.verdict.exitCode).toBe(0);
  });

  it('332 without --account → login.account-required, exit 6', async () => {
    const report = await probeFake(
      { users: { bob: { password: 'pw-332', account: 'Acct-Zulu-9' } } },
      { tls: 'off', user: 'bob', password: 'pw-332' },
    );
    expect(findingIds(report)).toEqual(['login.account-required']);
    expect(report.diagnosis.findings[0]!.detail).toMatch(/--account/);
    expect(report.diagnosis.verdict.exitCode).toBe(6);
  });
});

interface RefusalRow {
  readonly title: string;
  readonly script: FakeServerScript;
  readonly options: Partial<ProbeOptions>;
  readonly id: string;
}

const refusals: readonly RefusalRow[] = [
  {
    title: 'anonymous refused',
    script: { anonymous: false },
    options: {},
    id: 'login.anonymous-refused',
  },
  {
    title: 'wrong password for a real account',
    script: { users: { alice: 'right' } },
    options: { user: 'alice', password: 'wrong' },
    id: 'login.refused',
  },
  {
    title: 'unknown user',
    script: { users: { alice: 'right' } },
    options: { user: 'mallory', password: 'whatever' },
    id: 'login.refused',
  },
  {
    title: 'wrong account after 332',
    script: { users: { bob: { password: 'pw', account: 'right' } } },
    options: { user: 'bob', password: 'pw', account: 'wrong' },
    id: 'login.refused',
  },
  {
    title: "TLS required, vsftpd's 530 to USER",
    script: { replies: { USER: '530 Non-anonymous sessions must use encryption.' } },
    options: { user: 'alice', password: 'x' },
    id: 'login.tls-required',
  },
  {
    title: "TLS required, ProFTPD's 550 to USER",
    script: { replies: { USER: '550 SSL/TLS required on the control channel' } },
    options: { user: 'alice', password: 'x' },
    id: 'login.tls-required',
  },
  {
    title: 'TLS required, 534 to PASS',
    script: { users: { alice: 'x' }, replies: { PASS: '534 Policy requires SSL.' } },
    options: { user: 'alice', password: 'x' },
    id: 'login.tls-required',
  },
  {
    title: 'too many users, 421 to USER',
    script: { replies: { USER: '421 There are too many connected users, please try later.' } },
    options: { user: 'alice', password: 'x' },
    id: 'login.too-many-connections',
  },
  {
    title: 'too many connections from this host, 530 to PASS',
    script: {
      users: { alice: 'x' },
      replies: { PASS: '530 Sorry, the maximum number of clients (3) from your host are already connected.' },
    },
    options: { user: 'alice', password: 'x' },
    id: 'login.too-many-connections',
  },
];

describe('login refusals told apart', () => {
  it.each(refusals)('$title → $id, exit 6', async ({ script, options, id }) => {
    const report = await probeFake(script, { tls: 'off', ...options });
    expect(findingIds(report)).toEqual([id]);
    expect(report.diagnosis.verdict.exitCode).toBe(6);
    // Nothing after a refused login: no passive mode, no listing.
    const ran = report.probe.steps.filter((s) => s.ran).map((s) => s.name);
    expect(ran).not.toContain('epsv');
    expect(ran).not.toContain('transfer');
  });
});
