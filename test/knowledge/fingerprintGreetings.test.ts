import { describe, expect, it } from 'vitest';
import { startFakeFtpServer } from '../../src/fakeServer/fakeFtpServer.js';
import { ALL_SERVER_DIALECTS } from '../../src/knowledge/diagnosis/fixes/server.js';
import { GREETING_SIGNATURES } from '../../src/knowledge/servers/greetingSignatures.js';
import { parseReplies } from '../../src/protocol/replyFramer.js';
import { neutralServer } from '../support/neutralReplies.js';
import { probeFake } from '../support/probeHelpers.js';
import { runCli } from '../support/runCli.js';

/** The recorded greetings that name their product, each replayed by the fake server. */
const GREETINGS = GREETING_SIGNATURES.filter((row) => row.on === 'greeting' && row.weight === 'names');

const TAILORED = new Set<string>(ALL_SERVER_DIALECTS.filter((dialect) => dialect !== 'generic'));

describe('each recorded greeting, replayed by the fake server with neutral replies', () => {
  // The data ports are closed, so the report carries the passive-range fixes: the tailored ones
  // for a product with a fix path of its own, the generic ones otherwise.
  it.each(GREETINGS.map((row) => ({ title: `${row.software}: ${row.example.split('\n')[0]}`, row })))(
    '$title',
    async ({ row }) => {
      const report = await probeFake(
        { ...neutralServer(row.example.split('\n')), dataPort: 'closed' },
        { tls: 'off' },
      );
      const server = report.diagnosis.server;
      expect(server.software).toBe(row.software);
      expect(server.confidence).toBe('high');
      const greeting = parseReplies(`${row.example.split('\n').join('\r\n')}\r\n`).replies[0]!;
      const shown =
        row.versionGroup === undefined
          ? undefined
          : row.pattern.exec(greeting.text.trim())?.[row.versionGroup];
      expect(server.version).toBe(shown ?? null);
      expect(server.signals[0]).toMatchObject({ weight: 'names', command: null });

      const serverFixes = report.diagnosis.findings.flatMap((finding) =>
        finding.fixes.filter((fix) => fix.audience === 'server'),
      );
      expect(serverFixes.length).toBeGreaterThan(0);
      const dialects = new Set(serverFixes.map((fix) => fix.dialect));
      expect([...dialects]).toEqual([TAILORED.has(row.software) ? row.software : 'generic']);
    },
  );
});

describe('--json carries the recognised device', () => {
  it('a Synology greeting: software id, confidence, signals, and the DSM fix path', async () => {
    const server = await startFakeFtpServer({
      ...neutralServer(['220 DiskStation FTP server ready.']),
      dataPort: 'closed',
    });
    try {
      const run = await runCli([`${server.host}:${server.port}`, '--tls', 'off', '--json']);
      const report = JSON.parse(run.stdout) as {
        targets: {
          server: {
            software: string;
            version: string | null;
            confidence: string;
            signals: { label: string }[];
          };
          findings: { fixes: { audience: string; dialect: string; title: string; text: string }[] }[];
        }[];
      };
      const target = report.targets[0]!;
      expect(target.server).toMatchObject({ software: 'synology-dsm', version: null, confidence: 'high' });
      expect(target.server.signals.map((signal) => signal.label)).toEqual(['greeting names the product']);
      const fixes = target.findings
        .flatMap((finding) => finding.fixes)
        .filter((fix) => fix.audience === 'server');
      expect(fixes.map((fix) => fix.dialect)).toContain('synology-dsm');
      expect(fixes.map((fix) => fix.title).join('\n')).toContain('Control Panel > File Services > FTP');
      expect(fixes.map((fix) => fix.text).join('\n')).not.toMatch(/look for a setting named like/i);
    } finally {
      await server.close();
    }
  });
});
