import { isatty } from 'node:tty';
import { UsageError } from './usageError.js';

/** PROMPT_TIMEOUT_MS: how long a password prompt waits for a person before giving up. */
const PROMPT_TIMEOUT_MS = 5 * 60_000;

const ENTER = new Set(['\r', '\n']);
const BACKSPACE = new Set(['\x7f', '\b']);
const CTRL_C = '\x03';
const CTRL_D = '\x04';
const CTRL_U = '\x15';

/**
 * canPrompt: a person can be asked — standard input is a terminal (which node opens as a
 * tty.ReadStream, one that can be put in raw mode). Asked of the descriptor, not of
 * process.stdin: on a file or /dev/null that getter builds a file stream, which loads
 * fs/promises and readline, about 0.5 MB of peak RSS, in every probe that never prompts.
 */
export function canPrompt(): boolean {
  return isatty(0);
}

/**
 * promptPassword asks on the terminal with echo off, as curl and lftp do: the terminal is put in
 * raw mode, so the typed characters are read here and never shown. Backspace and Ctrl-U edit,
 * Enter ends, Ctrl-C interrupts the program (exit by SIGINT, as at any other moment), Ctrl-D or
 * five minutes without an answer give up with a usage error.
 */
export function promptPassword(question: string): Promise<string> {
  const input = process.stdin;
  // Echo goes off before the question shows: an answer typed the moment it appears stays hidden.
  input.setRawMode(true);
  process.stderr.write(question);
  input.resume();
  input.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (outcome: () => void) => {
      clearTimeout(timer);
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      outcome();
    };
    const timer = setTimeout(
      () => finish(() => reject(new UsageError('no password typed within 5 minutes'))),
      PROMPT_TIMEOUT_MS,
    );
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (ENTER.has(char)) return finish(() => resolve(typed));
        if (char === CTRL_C) return finish(() => process.kill(process.pid, 'SIGINT'));
        if (char === CTRL_D && typed === '')
          return finish(() => reject(new UsageError('no password typed (end of input)')));
        if (BACKSPACE.has(char)) typed = Array.from(typed).slice(0, -1).join('');
        else if (char === CTRL_U) typed = '';
        else if (char >= ' ') typed += char;
      }
    };
    input.on('data', onData);
  });
}
