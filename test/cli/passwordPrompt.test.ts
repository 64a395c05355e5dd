import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeFtpServer } from '../../src/fakeServer/fakeFtpServer.js';
import type { FakeFtpServer } from '../../src/fakeServer/fakeServerScript.js';
import { looksLikeStackTrace, runCli } from '../support/runCli.js';
import { runInPty, scriptSkipReason } from './ptyRun.js';

const SECRET = 'Pty-Secret-93';
const QUICK = ['--tls', 'off', '--reply-timeout', '1500ms', '--data-timeout', '1s', '-q'];

// `-u NAME` without a password: asked on a terminal like curl and lftp, a usage error without one.
describe('a named user without a password', () => {
  let server: FakeFtpServer;
  let target: string;
  // What PASS really carried: the fake server runs in this process. The probe may log in twice
  // (a second control connection tests PASV), with the same password each time.
  const passwordsSent: string[] = [];

  beforeAll(async () => {
    server = await startFakeFtpServer({
      anonymous: true,
      replies: {
        PASS: ({ arg }) => {
          passwordsSent.push(arg);
          return undefined;
        },
      },
      users: { alice: SECRET },
    });
    target = `127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server?.close();
  });
  beforeEach(() => {
    passwordsSent.length = 0;
  });

  const ptySkip = scriptSkipReason();
  describe.skipIf(ptySkip !== null)(
    `on a terminal (util-linux script)${ptySkip ? ` (skipped: ${ptySkip})` : ''}`,
    () => {
      const prompt = () => `Password for alice@${target}: `;

      it('asks for the password, logs in with the answer, and shows nothing of what was typed', async () => {
        const run = await runInPty(['-u', 'alice', target, ...QUICK], {
          env: { FTP_PASSWORD: undefined },
          answers: [{ when: prompt(), type: `${SECRET}\r` }],
        });
        expect(run.text).toContain(prompt());
        expect(new Set(passwordsSent)).toEqual(new Set([SECRET]));
        expect(run.code, run.text).toBe(0);
        expect(run.text).toMatch(/^HEALTHY /m);
        // No echo: not the password, and not one masking character per key either.
        expect(run.output).not.toContain(SECRET);
        const afterPrompt = run.text.slice(run.text.indexOf(prompt()) + prompt().length);
        expect(afterPrompt).toMatch(/^\r?\n/);
      });

      it('Backspace edits the answer before Enter', async () => {
        const run = await runInPty(['-u', 'alice', target, ...QUICK], {
          env: { FTP_PASSWORD: undefined },
          answers: [{ when: prompt(), type: `${SECRET}xy\u007f\u007f\r` }],
        });
        expect(new Set(passwordsSent)).toEqual(new Set([SECRET]));
        expect(run.code, run.text).toBe(0);
      });

      it('a wrong answer is sent as typed, and the login fails (exit 6)', async () => {
        const run = await runInPty(['-u', 'alice', target, ...QUICK], {
          env: { FTP_PASSWORD: undefined },
          answers: [{ when: prompt(), type: 'not-it\r' }],
        });
        expect(new Set(passwordsSent)).toEqual(new Set(['not-it']));
        expect(run.code, run.text).toBe(6);
      });

      it('Ctrl-C at the prompt ends the program like any interrupt, before anything is sent', async () => {
        const connections = server.connections;
        const run = await runInPty(['-u', 'alice', target, ...QUICK], {
          env: { FTP_PASSWORD: undefined },
          answers: [{ when: prompt(), type: '\u0003' }],
        });
        expect(run.code).toBe(130);
        expect(server.connections).toBe(connections);
        expect(looksLikeStackTrace(run.text)).toBe(false);
      });

      it('FTP_PASSWORD, anonymous and ftp need no prompt', async () => {
        for (const [args, env] of [
          [['-u', 'alice'], { FTP_PASSWORD: SECRET }],
          [['-u', 'anonymous'], { FTP_PASSWORD: undefined }],
          [['-u', 'ftp'], { FTP_PASSWORD: undefined }],
        ] as const) {
          const run = await runInPty([...args, target, ...QUICK], { env });
          expect(run.text).not.toContain('Password for');
          expect(run.code, run.text).toBe(0);
        }
      });
    },
  );

  describe('without a terminal', () => {
    it.each([
      ['-u alice', ['-u', 'alice']],
      ['a user in the URL', []],
    ])(
      '%s: usage error naming FTP_PASSWORD, --password-stdin and --netrc, nothing sent',
      async (_title, args) => {
        const connections = server.connections;
        const targetArg = args.length === 0 ? `ftp://alice@${target}` : target;
        const run = await runCli([...args, targetArg, ...QUICK], { env: { FTP_PASSWORD: undefined } });
        expect(run.code).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(
          /^ftp-doctor: no password for user "alice".*\nTry 'ftp-doctor --help'\.\n$/,
        );
        for (const way of ['FTP_PASSWORD', '--password-stdin', '--netrc']) expect(run.stderr).toContain(way);
        expect(server.connections).toBe(connections);
      },
    );

    it('-u anonymous and -u ftp still log in without a password', async () => {
      for (const user of ['anonymous', 'ftp']) {
        const run = await runCli(['-u', user, target, ...QUICK], { env: { FTP_PASSWORD: undefined } });
        expect(run.code, run.stderr).toBe(0);
      }
    });
  });
});
