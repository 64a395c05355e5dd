import { describe, expect, it } from 'vitest';
import { nextMove, REPLY_SEQUENCES } from '../../src/protocol/replySequences.js';

describe('the control-channel conformance table (RFC 959 §5.4, RFC 2228, RFC 4217)', () => {
  it.each([
    ['greeting', 220, 'ready', 'rfc'],
    ['greeting', 120, 'wait', 'rfc'],
    ['greeting', 421, 'refused', 'rfc'],
    ['greeting', 230, 'logged-in', 'tolerated'],
    ['greeting', 200, 'ready', 'tolerated'],
    ['greeting', 110, 'refused', 'unlisted'],
    ['USER', 331, 'send-password', 'rfc'],
    ['USER', 332, 'send-account', 'rfc'],
    ['USER', 230, 'logged-in', 'rfc'],
    ['USER', 232, 'logged-in', 'rfc'],
    ['USER', 202, 'logged-in', 'tolerated'],
    ['USER', 330, 'send-password', 'tolerated'],
    ['USER', 530, 'refused', 'rfc'],
    ['USER', 150, 'refused', 'unlisted'],
    ['PASS', 230, 'logged-in', 'rfc'],
    ['PASS', 202, 'logged-in', 'rfc'],
    ['PASS', 332, 'send-account', 'rfc'],
    ['PASS', 530, 'refused', 'rfc'],
    ['ACCT', 202, 'logged-in', 'rfc'],
    ['AUTH', 234, 'start-tls', 'rfc'],
    ['AUTH', 334, 'start-tls', 'tolerated'],
    ['AUTH', 504, 'refused', 'rfc'],
    ['PBSZ', 200, 'accepted', 'rfc'],
    ['PROT', 536, 'refused', 'rfc'],
    ['QUIT', 221, 'accepted', 'rfc'],
    ['QUIT', 500, 'accepted', 'tolerated'],
  ] as const)('%s → %i: %s (%s)', (command, code, move, conformance) => {
    expect(nextMove(command, code)).toMatchObject({ move, conformance });
  });

  it('gives every row a source, and lists no reply twice for one command', () => {
    const keys = REPLY_SEQUENCES.map((row) => `${row.command} ${row.reply}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const row of REPLY_SEQUENCES) expect(row.source.length).toBeGreaterThan(5);
  });
});
