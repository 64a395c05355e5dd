import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../src/knowledge/types.js';
import { describeEvidence } from '../../src/report/text/describeEvidence.js';

describe('describeEvidence', () => {
  const table: { title: string; input: Evidence; expected: string }[] = [
    {
      title: 'a reply given as its text',
      input: { kind: 'reply', command: 'PASV', code: 227, text: 'Entering Passive Mode (10,0,0,5,156,64).' },
      expected: 'PASV → 227 Entering Passive Mode (10,0,0,5,156,64).',
    },
    {
      title: 'a reply given as its raw lines',
      input: { kind: 'reply', command: 'FEAT', code: 211, text: '211-Features:\n EPSV\n211 End' },
      expected: 'FEAT → 211-Features:\n EPSV\n211 End',
    },
    {
      title: 'a text that merely starts with digits',
      input: { kind: 'reply', command: null, code: 220, text: '2201 is the year' },
      expected: '220 2201 is the year',
    },
    {
      title: 'the greeting has no command',
      input: { kind: 'reply', command: null, code: 220, text: '(vsFTPd 3.0.3)' },
      expected: '220 (vsFTPd 3.0.3)',
    },
    {
      title: 'a password in the command is masked',
      input: { kind: 'reply', command: 'PASS hunter2', code: 530, text: 'Login incorrect.' },
      expected: 'PASS **** → 530 Login incorrect.',
    },
    {
      title: 'an error keeps channel, failure and errno, each said once',
      input: { kind: 'error', channel: 'data', failure: 'timeout', errno: 'ETIMEDOUT', message: 'no answer' },
      expected: 'data connection timed out (ETIMEDOUT): no answer',
    },
    { title: 'an observation', input: { kind: 'observation', text: 'seen' }, expected: 'seen' },
  ];
  it.each(table)('$title', ({ input, expected }) => {
    expect(describeEvidence(input)).toBe(expected);
  });
});
