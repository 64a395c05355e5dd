import { describe, expect, it } from 'vitest';
import type { AnyStepRecord, Exchange } from '../../src/probe/types.js';
import type { Reply } from '../../src/protocol/types.js';
import { readReplyInPlace } from '../../src/report/text/replyInPlace.js';

function reply(code: number, text: string): Reply {
  return { code, text, lines: [`${code} ${text}`] } as Reply;
}

function exchange(command: string, code: number, text: string): Exchange {
  return { command, replies: [reply(code, text)], durationMs: 1 };
}

function record(name: string, exchanges: Exchange[]): AnyStepRecord {
  return { name, ran: true, durationMs: 1, exchanges, data: null } as unknown as AnyStepRecord;
}

function read(step: AnyStepRecord, index: number, authTlsOffered: boolean | null = null) {
  const e = step.exchanges[index]!;
  return readReplyInPlace(e.command, e.replies[0]!, { record: step, exchangeIndex: index, authTlsOffered });
}

describe('readReplyInPlace: a reply read for its command and moment', () => {
  const vsftpdFeatures = record('features', [
    exchange('FEAT', 211, 'Features:'),
    exchange('SYST', 530, 'Please login with USER and PASS.'),
    exchange('SYST', 215, 'UNIX Type: L8'),
  ]);

  it('530 to SYST before login is normal for a server that answers it after login', () => {
    const reading = read(vsftpdFeatures, 1);
    expect(reading.expected).toBe(true);
    expect(reading.meaning).toBe(
      'This server answers SYST only after login; the probe asked again after login.',
    );
  });

  it('without a second SYST it does not claim one was sent', () => {
    const once = record('features', vsftpdFeatures.exchanges.slice(0, 2));
    expect(read(once, 1).meaning).not.toMatch(/asked again after login/);
  });

  it('530 elsewhere keeps its general reading', () => {
    const login = record('login', [exchange('PASS ****', 530, 'Login incorrect.')]);
    expect(read(login, 0)).toEqual({ expected: false, meaning: null });
  });

  it('a refused AUTH after FEAT listed AUTH TLS: known but not usable, never "does not know AUTH"', () => {
    const tls = record('tls', [exchange('AUTH TLS', 500, 'This security scheme is not implemented')]);
    const offered = read(tls, 0, true);
    expect(offered.expected).toBe(false);
    expect(offered.meaning).toMatch(/^FEAT listed AUTH TLS, so the server knows the command/);
    // Without AUTH TLS in FEAT, the catalog's general reading stands.
    expect(read(tls, 0, false).meaning).toBeNull();
  });

  it('550 to SIZE before the upload of that name is the expected check; after it, not', () => {
    const name = '.ftp-doctor-write-test-1.tmp';
    const write = record('write', [
      exchange('TYPE I', 200, 'Switching to Binary mode.'),
      exchange(`SIZE ${name}`, 550, 'Could not get file size.'),
      exchange(`STOR ${name}`, 150, 'Ok to send data.'),
      exchange(`SIZE ${name}`, 550, 'Could not get file size.'),
    ]);
    const before = read(write, 1);
    expect(before.expected).toBe(true);
    expect(before.meaning).toMatch(/not taken yet/);
    expect(before.meaning).not.toMatch(/ProFTPD/);
    expect(read(write, 3)).toEqual({ expected: false, meaning: null });
  });

  it('the replies of a working upload are normal answers', () => {
    const write = record('write', [
      exchange('STOR f', 150, 'Ok to send data.'),
      exchange('STOR f', 226, 'Transfer complete.'),
      exchange('SIZE f', 213, '4096'),
      exchange('RETR f', 150, 'Opening BINARY mode data connection.'),
      exchange('DELE f', 250, 'Delete operation successful.'),
    ]);
    for (const index of write.exchanges.keys()) expect(read(write, index).expected).toBe(true);
  });
  it('EPSV ALL, listed under EPSV, says it went out last, with QUIT, and what its reply means', () => {
    const epsv = record('epsv', [
      exchange('EPSV', 229, 'Entering Extended Passive Mode (|||40001|)'),
      exchange('EPSV ALL', 200, 'EPSV ALL ok.'),
      exchange('EPSV ALL', 500, 'Unknown command.'),
    ]);
    expect(read(epsv, 0).meaning).toBeNull();
    expect(read(epsv, 1).meaning).toMatch(
      /^Sent last, together with QUIT,.*accepts EPSV ALL.*refuse PORT, EPRT and PASV/,
    );
    expect(read(epsv, 2).meaning).toMatch(/^Sent last, together with QUIT,.*does not accept EPSV ALL/);
  });
});
