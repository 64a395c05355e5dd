import { describe, expect, it } from 'vitest';
import { KNOWN_MESSAGES, recognizeMessage } from '../../src/knowledge/servers/knownMessages.js';

describe('KNOWN_MESSAGES', () => {
  it('has unique ids and at least one real example per row', () => {
    const ids = KNOWN_MESSAGES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of KNOWN_MESSAGES) expect(rule.examples.length).toBeGreaterThan(0);
  });

  // Every row is tested with the real texts it lists: each must be recognised as that row.
  const cases = KNOWN_MESSAGES.flatMap((rule) =>
    rule.examples.map((example) => ({ title: `${rule.id}: ${example.code} ${example.text}`, rule, example })),
  );
  it.each(cases)('$title', ({ rule, example }) => {
    const known = recognizeMessage(example.code, example.text);
    expect(known?.id).toBe(rule.id);
    expect(known?.software).toBe(rule.software);
    expect(known?.explanation.length).toBeGreaterThan(40);
  });
});

describe('recognizeMessage', () => {
  it.each([
    {
      title: 'vsftpd OOPS: the reason is quoted in the explanation',
      input: [500, 'OOPS: cannot change directory:/srv/missing'],
      expected: { id: 'vsftpd.oops-cannot-change-directory', mentions: '/srv/missing' },
    },
    {
      title: 'unknown vsftpd OOPS falls back to the generic row with its reason',
      input: [500, 'OOPS: child died'],
      expected: { id: 'vsftpd.oops', mentions: 'child died' },
    },
    {
      title: 'ProFTPD gives the system reason for a failed data connection',
      input: [425, 'Unable to build data connection: Connection timed out'],
      expected: { id: 'proftpd.unable-to-build-data-connection', mentions: 'Connection timed out' },
    },
    {
      title: 'the same text under another code is not recognised as that row',
      input: [530, 'Security: Bad IP connecting.'],
      expected: null,
    },
    {
      title: '530 and 550 "Permission denied." mean different things on vsftpd',
      input: [550, 'Permission denied.'],
      expected: { id: 'vsftpd.permission-denied', mentions: 'pasv_enable=NO' },
    },
    {
      title: 'a plain reply is not a known message',
      input: [230, 'Login successful.'],
      expected: null,
    },
  ] as const)('$title', ({ input, expected }) => {
    const known = recognizeMessage(input[0], input[1]);
    if (expected === null) {
      expect(known).toBeNull();
      return;
    }
    expect(known?.id).toBe(expected.id);
    expect(known?.explanation).toContain(expected.mentions);
  });

  it('never lets control characters or huge server text into an explanation', () => {
    const nasty = `OOPS: \u001b[31mred\u0007${'x'.repeat(5000)}`;
    const known = recognizeMessage(500, nasty);
    expect(known?.id).toBe('vsftpd.oops');
    expect(known?.explanation).not.toMatch(/[\u0000-\u001f]/);
    expect(known?.explanation.length).toBeLessThan(600);
  });
});
