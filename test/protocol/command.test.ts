import { describe, expect, it } from 'vitest';
import {
  assertSafeCommandLine,
  formatCommand,
  maskCommand,
  UnsafeCommandError,
} from '../../src/protocol/command.js';

describe('formatCommand', () => {
  const ok: { title: string; input: [string, string?]; expected: string }[] = [
    { title: 'verb only', input: ['FEAT'], expected: 'FEAT' },
    { title: 'verb and argument', input: ['USER', 'anonymous'], expected: 'USER anonymous' },
    { title: 'empty argument is left out', input: ['LIST', ''], expected: 'LIST' },
    { title: 'argument with spaces', input: ['CWD', 'My Documents'], expected: 'CWD My Documents' },
    { title: 'UTF-8 argument (RFC 2640)', input: ['CWD', 'Überweisungen'], expected: 'CWD Überweisungen' },
  ];
  it.each(ok)('$title', ({ input, expected }) => {
    expect(formatCommand(...input)).toBe(expected);
  });

  const unsafe: { title: string; input: [string, string?] }[] = [
    { title: 'CRLF smuggling a second command', input: ['USER', 'x\r\nDELE file'] },
    { title: 'bare LF', input: ['CWD', 'a\nb'] },
    { title: 'bare CR', input: ['CWD', 'a\rb'] },
    { title: 'NUL', input: ['PASS', 'se\u0000cret'] },
    { title: 'verb with a space', input: ['US ER'] },
    { title: 'verb with CRLF', input: ['NOOP\r\n'] },
    { title: 'empty verb', input: [''] },
  ];
  it.each(unsafe)('refuses $title', ({ input }) => {
    expect(() => formatCommand(...input)).toThrow(UnsafeCommandError);
  });

  it('never puts the argument into the error', () => {
    try {
      formatCommand('PASS', 'hunter2\r\n');
    } catch (error) {
      expect(error).toBeInstanceOf(UnsafeCommandError);
      expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toContain(
        'hunter2',
      );
      expect((error as UnsafeCommandError).verb).toBe('PASS');
    }
  });
});

describe('assertSafeCommandLine', () => {
  it('accepts an ordinary line and refuses CR, LF, NUL and empty lines', () => {
    expect(() => assertSafeCommandLine('RETR file.txt')).not.toThrow();
    for (const line of ['', 'NOOP\r', 'NOOP\n', 'PASS a\u0000b']) {
      expect(() => assertSafeCommandLine(line)).toThrow(UnsafeCommandError);
    }
  });

  it('names only the verb when refusing a password line', () => {
    try {
      assertSafeCommandLine('PASS\r\nhunter2');
    } catch (error) {
      expect((error as UnsafeCommandError).verb).toBe('PASS');
      expect((error as Error).message).not.toContain('hunter2');
    }
  });
});

describe('maskCommand', () => {
  const rows: { title: string; input: string; expected: string }[] = [
    { title: 'PASS', input: 'PASS hunter2', expected: 'PASS ****' },
    { title: 'lower-case pass', input: 'pass hunter2', expected: 'pass ****' },
    { title: 'password with spaces', input: 'PASS correct horse battery', expected: 'PASS ****' },
    { title: 'ACCT', input: 'ACCT project-42', expected: 'ACCT ****' },
    { title: 'PASS without argument', input: 'PASS', expected: 'PASS' },
    { title: 'USER is kept', input: 'USER alice', expected: 'USER alice' },
    { title: 'PASV is not PASS', input: 'PASV', expected: 'PASV' },
    { title: 'a verb that merely starts with PASS', input: 'PASSX secret', expected: 'PASSX secret' },
  ];
  it.each(rows)('$title', ({ input, expected }) => {
    expect(maskCommand(input)).toBe(expected);
  });
});
