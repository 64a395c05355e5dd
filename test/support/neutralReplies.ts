import type { FakeServerScript } from '../../src/fakeServer/fakeServerScript.js';

/**
 * NEUTRAL_REPLIES: reply texts no product in the fingerprint tables is known to send, by command.
 * A fake server that answers with them shows nothing of itself but its greeting, so a test can
 * check what a recorded greeting alone makes ftp-doctor say.
 */
export const NEUTRAL_REPLIES = {
  USER: '331 Send the password.',
  PASS: '230 Logged in.',
  EPSV: '200 EPSV ALL accepted.',
  FEAT: '211-Features:\n EPSV\n PASV\n UTF8\n211 End',
} as const;

/** neutralServer: a fake server that greets with `greeting` (raw lines) and is neutral otherwise. */
export function neutralServer(greeting: readonly string[]): FakeServerScript {
  return {
    greeting,
    features: ['EPSV', 'PASV', 'UTF8'],
    loginWording: { userOk: 'Send the password.', loggedIn: 'Logged in.' },
    replies: {
      EPSV: ({ arg }) => (arg.trim().toUpperCase() === 'ALL' ? NEUTRAL_REPLIES.EPSV : undefined),
    },
  };
}
