import { describe, expect, it } from 'vitest';
import { detectNonFtpService } from '../../src/knowledge/servers/nonFtpService.js';

/** latin1 turns captured bytes into the one-character-per-byte string the detector expects. */
function bytes(...values: number[]): string {
  return Buffer.from(values).toString('latin1');
}

describe('detectNonFtpService', () => {
  it.each([
    {
      title: 'OpenSSH banner',
      input: 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n',
      expected: ['ssh', 'SSH (OpenSSH_9.2p1)'],
    },
    {
      title: 'dropbear banner',
      input: 'SSH-2.0-dropbear_2022.83\r\n',
      expected: ['ssh', 'SSH (dropbear_2022.83)'],
    },
    {
      title: 'HTTP error to our command',
      input: 'HTTP/1.1 400 Bad Request\r\nServer: nginx\r\n\r\n',
      expected: ['http', 'HTTP (400 Bad Request)'],
    },
    {
      title: 'HTTP/1.0',
      input: 'HTTP/1.0 408 Request Timeout\r\n',
      expected: ['http', 'HTTP (408 Request Timeout)'],
    },
    { title: 'a bare HTML page', input: '<!DOCTYPE html>\n<html>', expected: ['http', 'HTTP'] },
    {
      title: 'Postfix greeting (starts with 220 too)',
      input: '220 mail.example.com ESMTP Postfix (Debian/GNU)\r\n',
      expected: ['smtp', 'SMTP (Postfix)'],
    },
    {
      title: 'Exim greeting',
      input: '220 mx.example.org ESMTP Exim 4.96 Tue, 25 Nov 2025 10:00:00 +0000\r\n',
      expected: ['smtp', 'SMTP (Exim)'],
    },
    {
      title: 'Sendmail greeting',
      input: '220 host.example.net ESMTP Sendmail 8.17.1/8.17.1; Tue, 25 Nov 2025\r\n',
      expected: ['smtp', 'SMTP (Sendmail)'],
    },
    {
      title: 'a plain ESMTP greeting',
      input: '220 smtp.example.com ESMTP ready\r\n',
      expected: ['smtp', 'SMTP'],
    },
    { title: 'POP3 greeting', input: '+OK Dovecot ready.\r\n', expected: ['pop3', 'POP3'] },
    {
      title: 'IMAP greeting',
      input: '* OK [CAPABILITY IMAP4rev1 STARTTLS] Dovecot ready.\r\n',
      expected: ['imap', 'IMAP'],
    },
    {
      title: 'TLS ServerHello-style record',
      input: bytes(0x16, 0x03, 0x03, 0x00, 0x7a, 0x02),
      expected: ['tls', 'TLS (implicit TLS / FTPS)'],
    },
    {
      title: 'TLS alert record',
      input: bytes(0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x28),
      expected: ['tls', 'TLS (implicit TLS / FTPS)'],
    },
    {
      title: 'telnet IAC DO',
      input: bytes(0xff, 0xfd, 0x18, 0xff, 0xfd, 0x20),
      expected: ['telnet', 'Telnet'],
    },
    {
      title: 'telnet IAC decoded as UTF-8',
      input: Buffer.from([0xff, 0xfd, 0x18]).toString('utf8'),
      expected: ['telnet', 'Telnet'],
    },
    {
      title: 'binary junk (a MySQL handshake)',
      input: bytes(0x4a, 0x00, 0x00, 0x00, 0x0a, 0x38, 0x2e),
      expected: ['unknown-binary', 'unknown binary protocol'],
    },
  ])('$title', ({ input, expected }) => {
    const detected = detectNonFtpService(input);
    expect(detected && [detected.service, detected.name]).toEqual(expected);
    expect(detected?.advice.length).toBeGreaterThan(40);
  });

  it.each([
    { title: 'vsftpd greeting', input: '220 (vsFTPd 3.0.3)\r\n' },
    {
      title: 'Pure-FTPd greeting',
      input: '220---------- Welcome to Pure-FTPd [privsep] [TLS] ----------\r\n',
    },
    { title: '421 refusal', input: '421 There are too many connected users, please try later.\r\n' },
    { title: '120 delay', input: '120 Service ready in 5 minutes.\r\n' },
    { title: 'nothing yet', input: '' },
    { title: 'printable text that is not FTP is left to the reply parser', input: 'Welcome\r\n' },
  ])('$title → null (may be FTP)', ({ input }) => {
    expect(detectNonFtpService(input)).toBeNull();
  });

  it('puts the target into copy-pasteable advice', () => {
    expect(
      detectNonFtpService('SSH-2.0-OpenSSH_9.2p1\r\n', { host: 'files.example.com', port: 22 })?.advice,
    ).toContain('`sftp -P 22 USER@files.example.com`');
    expect(detectNonFtpService(bytes(0x16, 0x03, 0x01), { host: '::1', port: 2990 })?.advice).toContain(
      'ftps://[::1]:2990',
    );
  });

  it('never copies control characters from the server into a name', () => {
    const detected = detectNonFtpService('SSH-2.0-Evil\u001b[2J\r\n');
    expect(detected?.name).toBe('SSH (Evil)');
  });
});
