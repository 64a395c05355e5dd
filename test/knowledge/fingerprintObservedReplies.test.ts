import { describe, expect, it } from 'vitest';
import { observedReplies } from '../../src/knowledge/servers/observedReplies.js';
import { neutralServer } from '../support/neutralReplies.js';
import { probeFake } from '../support/probeHelpers.js';

describe('observedReplies: the login phase of each reply', () => {
  it('FEAT and SYST before login, SYST asked again after a 530 counts as after login', async () => {
    const { probe } = await probeFake(
      {
        ...neutralServer(['220 Welcome']),
        replies: {
          SYST: ({ session }) => (session.loggedIn ? undefined : '530 Please login with USER and PASS.'),
        },
      },
      { tls: 'off' },
    );
    const phases = observedReplies(probe).map((observed) => [
      observed.command,
      observed.reply.code,
      observed.phase,
    ]);
    expect(phases.slice(0, 4)).toEqual([
      [null, 220, 'before-login'],
      ['FEAT', 211, 'before-login'],
      ['SYST', 530, 'before-login'],
      ['SYST', 215, 'after-login'],
    ]);
    expect(phases).toContainEqual(['USER', 331, 'before-login']);
    expect(phases).toContainEqual(['EPSV', 229, 'after-login']);
  });

  it('a 230 greeting logs the client in at once', async () => {
    const { probe } = await probeFake({ greeting: '230 Logged in by address.' }, { tls: 'off' });
    const observed = observedReplies(probe);
    expect(observed[0]).toMatchObject({ command: null, phase: 'before-login' });
    expect(observed.slice(1).every((reply) => reply.phase === 'after-login')).toBe(true);
  });
});
