import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeFtpServer } from '../../src/fakeServer/fakeFtpServer.js';
import type { Finding, TargetReport } from '../../src/knowledge/types.js';
import { generateServerCertificate, type ServerCertificate } from '../support/certs.js';
import { findingIds, probeTarget } from '../support/probeHelpers.js';
import { looksLikeStackTrace, runCli } from '../support/runCli.js';

// A port that is not FTP at all gets a diagnosis that names what answers instead, with
// advice, and exit 4 ("server not ready") — never a login or data-port failure that follows from
// speaking FTP to the wrong service. Plain net.Server listeners play the other services, because
// they must send bytes (or keep a silence) no FTP server would.

/** RawService is a loopback listener that behaves like another protocol. */
interface RawService {
  readonly port: number;
  /** Everything clients sent, per connection. */
  readonly received: string[];
  close(): Promise<void>;
}

async function rawService(onConnection: (socket: Socket) => void): Promise<RawService> {
  const sockets = new Set<Socket>();
  const received: string[] = [];
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    const index = received.push('') - 1;
    socket.on('data', (chunk: Buffer) => {
      received[index] += chunk.toString('latin1');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** answerLines replies to each received line; the greeting is sent on connect. */
function lineService(greeting: string | null, answer: (line: string) => string | null) {
  return (socket: Socket) => {
    if (greeting !== null) socket.write(greeting);
    let buffered = '';
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
        const line = buffered.slice(0, end).replace(/\r$/, '');
        buffered = buffered.slice(end + 1);
        const reply = answer(line);
        if (reply !== null && !socket.destroyed) socket.write(reply);
      }
    });
  };
}

function only(report: TargetReport): Finding {
  expect(findingIds(report)).toHaveLength(1);
  return report.diagnosis.findings[0]!;
}

const FAST = { replyTimeoutMs: 1000 } as const;

describe('greeting services that are not FTP', () => {
  const cases = [
    {
      title: 'SSH (OpenSSH): the user probably wants SFTP',
      // OpenSSH drops a client whose identification line is not SSH.
      behave: (socket: Socket) => {
        socket.write('SSH-2.0-OpenSSH_9.2p1\r\n');
        socket.once('data', () => socket.end('Invalid SSH identification string.\r\n'));
      },
      name: 'SSH (OpenSSH_9.2p1)',
      advice: [/you probably want SFTP/, /`sftp -P \d+ USER@127\.0\.0\.1`/],
    },
    {
      title: 'SMTP (Postfix): a 220 greeting, but a mail server',
      behave: lineService('220 mail.example.com ESMTP Postfix\r\n', (line) =>
        /^QUIT/i.test(line) ? '221 2.0.0 Bye\r\n' : '502 5.5.2 Error: command not recognized\r\n',
      ),
      name: 'SMTP (Postfix)',
      advice: [/mail server \(SMTP\)/, /usually 21/],
    },
    {
      title: 'POP3',
      behave: lineService('+OK ready\r\n', () => '-ERR Unknown command.\r\n'),
      name: 'POP3',
      advice: [/POP3 mail server/, /110 or 995/],
    },
    {
      title: 'IMAP',
      behave: lineService('* OK ready\r\n', () => '* BAD Error in IMAP command received by server.\r\n'),
      name: 'IMAP',
      advice: [/IMAP mail server/, /143 or 993/],
    },
  ];

  it.each(cases)('$title → banner.not-ftp naming it, exit 4', async ({ behave, name, advice }) => {
    const service = await rawService(behave);
    try {
      const report = await probeTarget(`127.0.0.1:${service.port}`, FAST);
      const finding = only(report);
      expect(finding.id).toBe('banner.not-ftp');
      expect(finding.title).toBe(`This port speaks ${name}, not FTP`);
      for (const pattern of advice) expect(finding.detail).toMatch(pattern);
      expect(finding.detail).not.toMatch(/\bHOST\b|\bPORT\b/);
      expect(report.diagnosis.verdict.exitCode).toBe(4);
      // Nothing FTP was said to the other service: no USER, no PASS, no AUTH.
      expect(service.received.join('')).not.toMatch(/USER|PASS|AUTH|FEAT/);

      const cli = await runCli([`127.0.0.1:${service.port}`, '--reply-timeout', '1s']);
      expect(cli.code, cli.stderr).toBe(4);
      expect(cli.stdout).toContain(`This port speaks ${name}, not FTP [banner.not-ftp]`);
      expect(cli.stdout).toContain('FAILED (exit 4: server not ready)');
      expect(looksLikeStackTrace(cli.stdout + cli.stderr)).toBe(false);
    } finally {
      await service.close();
    }
  });

  it('SSH: the human report tells the user to use SFTP, with the port probed', async () => {
    const service = await rawService((socket) => socket.write('SSH-2.0-OpenSSH_9.2p1\r\n'));
    try {
      const cli = await runCli([`127.0.0.1:${service.port}`]);
      expect(cli.code).toBe(4);
      const text = cli.stdout.replace(/\s+/g, ' ');
      expect(text).toContain('you probably want SFTP');
      expect(text).toContain(`sftp -P ${service.port} USER@127.0.0.1`);
    } finally {
      await service.close();
    }
  });
});

describe('services that wait for the client to speak first', () => {
  it('a silent port (a web server waiting for its request) → banner.missing that says so, exit 4', async () => {
    const service = await rawService(() => undefined);
    try {
      const report = await probeTarget(`127.0.0.1:${service.port}`, FAST);
      const finding = only(report);
      expect(finding.id).toBe('banner.missing');
      expect(finding.detail).toMatch(/no greeting arrived within 1000 ms/);
      expect(finding.detail).toMatch(/waits for the client to speak first, such as a web server \(HTTP\)/);
      // The implicit-FTPS check ran on a second connection and got no TLS answer either.
      expect(finding.detail).toMatch(/does not look like an implicit-FTPS port/);
      expect(report.diagnosis.verdict.exitCode).toBe(4);

      const cli = await runCli([`127.0.0.1:${service.port}`, '--reply-timeout', '1s']);
      expect(cli.code, cli.stderr).toBe(4);
      expect(cli.stdout).toContain('[banner.missing]');
    } finally {
      await service.close();
    }
  });

  it('a web server that answers the TLS hello with an HTTP error: said in words, without OpenSSL noise', async () => {
    const service = await rawService((socket) =>
      socket.once('data', () =>
        socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'),
      ),
    );
    try {
      const report = await probeTarget(`127.0.0.1:${service.port}`, FAST);
      const finding = only(report);
      expect(finding.id).toBe('banner.missing');
      expect(finding.detail).toMatch(/answered the TLS hello with something that is not TLS/);
      expect(finding.detail).not.toMatch(/SSL routines|openssl|\.c:\d+/);
      expect(report.diagnosis.verdict.exitCode).toBe(4);
    } finally {
      await service.close();
    }
  });
});

describe('implicit-TLS ports', () => {
  let cert: ServerCertificate;
  beforeAll(async () => {
    cert = await generateServerCertificate(['127.0.0.1']);
  });
  afterAll(async () => {
    await cert?.remove();
  });

  it('an implicit-FTPS server (silent until TLS) → banner.implicit-tls-port with ftps://, exit 4', async () => {
    const server = await startFakeFtpServer({ tls: { cert: cert.cert, key: cert.key, implicit: true } });
    try {
      const where = `${server.host}:${server.port}`;
      const report = await probeTarget(where, FAST);
      const finding = only(report);
      expect(finding.id).toBe('banner.implicit-tls-port');
      expect(finding.detail).toContain(`ftps://${where}`);
      expect(finding.fixes.map((f) => f.text)).toContain(`ftp-doctor ftps://${where}`);
      expect(report.diagnosis.verdict.exitCode).toBe(4);

      const cli = await runCli([where, '--reply-timeout', '1s']);
      expect(cli.code, cli.stderr).toBe(4);
      expect(cli.stdout).toContain('[banner.implicit-tls-port]');
      expect(cli.stdout).toContain(`ftp-doctor ftps://${where}`);
    } finally {
      await server.close();
    }
  });

  it('a port whose first bytes are a TLS record → banner.implicit-tls-port naming this host and port', async () => {
    // A TLS alert record (handshake failure), as some implicit-TLS listeners send to a plain client.
    const service = await rawService((socket) =>
      socket.end(Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28])),
    );
    try {
      const where = `127.0.0.1:${service.port}`;
      const report = await probeTarget(where, FAST);
      const finding = only(report);
      expect(finding.id).toBe('banner.implicit-tls-port');
      expect(finding.detail).toContain(`ftps://${where}`);
      expect(finding.detail).not.toMatch(/HOST:PORT/);
      expect(report.diagnosis.verdict.exitCode).toBe(4);
    } finally {
      await service.close();
    }
  });
});
