import { describe, expect, it } from 'vitest';
import type { FakeServerScript } from '../../src/fakeServer/fakeServerScript.js';
import { findStep } from '../../src/probe/types.js';
import { REPLY_SEQUENCES } from '../../src/protocol/replySequences.js';
import { probeFake } from '../support/probeHelpers.js';

/** A code for each row: the row's own, or a representative of its class. */
const CLASS_EXAMPLE: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  greeting: { '2xx': 200, '4xx': 450, '5xx': 554 },
  USER: { '2xx': 202, '3xx': 330, '4xx': 421, '5xx': 530 },
  PASS: { '2xx': 200, '3xx': 333, '4xx': 421, '5xx': 530 },
  ACCT: { '2xx': 200, '4xx': 421, '5xx': 530 },
  AUTH: { '4xx': 431, '5xx': 504 },
  QUIT: { '5xx': 500 },
};

/** The rows this suite drives through the probe; PBSZ and PROT run in the TLS suites. */
const rows = REPLY_SEQUENCES.filter((row) => row.command !== 'PBSZ' && row.command !== 'PROT').map((row) => ({
  ...row,
  code: typeof row.reply === 'number' ? row.reply : CLASS_EXAMPLE[row.command]![row.reply]!,
}));

function scriptFor(command: string, code: number): FakeServerScript {
  const line = `${code} scripted reply`;
  switch (command) {
    case 'greeting':
      return code === 120
        ? {
            greeting: {
              steps: [{ lines: ['120 Ready in a moment'] }, { delayMs: 100 }, { lines: ['220 Ready'] }],
            },
          }
        : { greeting: line };
    case 'USER':
      return code === 331 ? {} : { replies: { USER: line } };
    case 'PASS':
      return { replies: { PASS: line } };
    case 'ACCT':
      // bob needs an account (332 after PASS); ACCT then gets the scripted reply.
      return { users: { bob: { password: 'pw', account: 'acc' } }, replies: { ACCT: line } };
    case 'AUTH':
      return { features: ['AUTH TLS', 'EPSV', 'PASV'], replies: { AUTH: line } };
    default:
      return { replies: { [command]: line } };
  }
}

describe('every sequence of the conformance table, on the fake server', () => {
  it.each(rows)('$command → $code: $move ($conformance)', async ({ command, code, move }) => {
    const options =
      command === 'ACCT'
        ? { user: 'bob', password: 'pw', account: 'acc' }
        : move === 'send-account'
          ? { account: 'acc' }
          : {};
    const report = await probeFake(scriptFor(command, code), {
      ...options,
      tls: command === 'AUTH' ? 'auto' : 'off',
    });
    const seen = report.server.commandsSeen;
    const login = findStep(report.probe, 'login')?.data;
    const exit = report.diagnosis.verdict.exitCode;
    switch (move) {
      case 'ready':
      case 'wait':
        expect(login?.loggedIn).toBe(true);
        break;
      case 'logged-in':
        expect(login?.loggedIn).toBe(true);
        if (command === 'greeting') expect(seen).not.toContain('USER anonymous');
        if (command === 'USER') expect(seen).not.toContain('PASS ****');
        expect(exit).toBeLessThanOrEqual(1);
        break;
      case 'send-password':
        expect(seen).toContain('PASS ****');
        break;
      case 'send-account':
        expect(seen.some((c) => c.startsWith('ACCT'))).toBe(true);
        break;
      case 'start-tls': {
        const tls = findStep(report.probe, 'tls')?.data;
        expect(tls?.authReply?.code).toBe(code);
        // The handshake was tried (the fake server answers AUTH but never speaks TLS).
        expect(tls?.failure).toBeDefined();
        break;
      }
      case 'accepted':
        expect(exit).toBeLessThanOrEqual(1);
        break;
      case 'refused':
        if (command === 'greeting') expect(exit).toBe(4);
        else if (command === 'AUTH') expect(findStep(report.probe, 'tls')?.data?.failure).toBeUndefined();
        else expect(login?.loggedIn).toBe(false);
        break;
    }
  });
});
