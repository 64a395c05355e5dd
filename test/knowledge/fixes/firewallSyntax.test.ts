import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type FirewallRequest, firewallFixes } from '../../../src/knowledge/diagnosis/fixes/firewall.js';
import { shellWords } from './shellWords.js';
import { toolGate } from './toolGate.js';

/**
 * The firewall texts are checked by the tools themselves: `nft -c` parses the nftables rules
 * without applying them, `iptables-restore --test` / `ip6tables-restore --test` do the same for
 * the iptables rules turned into a restore file, and `bash -n` checks the shell syntax of every
 * command-style text. Nothing touches the host's rule set.
 */

const requests: FirewallRequest[] = [
  { purpose: 'open-data-ports', ports: { low: 40000, high: 40099 }, family: 4 },
  { purpose: 'open-data-ports', ports: { low: 50000, high: 50000 }, family: 6, rangeConfidence: 'single' },
  { purpose: 'open-control-port', ports: { low: 21, high: 21 }, family: 4 },
  { purpose: 'open-control-port', ports: { low: 2121, high: 2121 }, family: 6 },
  {
    purpose: 'accept-active-data',
    ports: { low: 50000, high: 50010 },
    family: 4,
    serverAddress: '198.51.100.7',
  },
  {
    purpose: 'accept-active-data',
    ports: { low: 50000, high: 50010 },
    family: 6,
    serverAddress: '2001:db8::7',
  },
];

const workDir = mkdtempSync(join(tmpdir(), 'ftp-doctor-fw-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** commandLines returns the lines of a fix text that start with one of the given programs. */
function commandLines(text: string, programs: readonly string[]): string[][] {
  return text
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .map(shellWords)
    .filter((words) => words.length > 0 && programs.includes(words[0]!));
}

function run(command: string, args: string[], input?: string): { status: number | null; output: string } {
  const result = spawnSync(command, args, { input, encoding: 'utf8', timeout: 10_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}${result.error?.message ?? ''}` };
}

describe('nftables texts pass nft -c', () => {
  const gate = toolGate(['nft'], true);
  for (const request of requests) {
    const name = `${request.purpose}, IPv${request.family}${gate.reason ? ` (skipped: ${gate.reason})` : ''}`;
    it.skipIf(!gate.run)(name, () => {
      if (gate.reason) throw new Error(gate.reason);
      const fixes = firewallFixes({ ...request, dialects: ['nftables', 'conntrack'] });
      const rules = fixes
        .flatMap((fix) => commandLines(fix.text, ['nft']))
        .map((words) => words.slice(1).join(' '));
      expect(rules.length).toBeGreaterThanOrEqual(3);
      const file = join(workDir, `rules-${request.purpose}-${request.family}.nft`);
      writeFileSync(
        file,
        [
          'table inet filter {',
          '  chain input { type filter hook input priority 0; }',
          '  chain output { type filter hook output priority 0; }',
          '}',
          ...rules,
          '',
        ].join('\n'),
      );
      const result = run('nft', ['-c', '-f', file]);
      expect(result.output).toBe('');
      expect(result.status).toBe(0);
    });
  }
});

/** restoreFile turns iptables commands into an iptables-restore file, one section per table. */
function restoreFile(commands: readonly string[][]): string {
  const tables = new Map<string, string[]>();
  for (const words of commands) {
    let rest = words.slice(1);
    let table = 'filter';
    const tableFlag = rest.indexOf('-t');
    if (tableFlag >= 0) {
      table = rest[tableFlag + 1]!;
      rest = [...rest.slice(0, tableFlag), ...rest.slice(tableFlag + 2)];
    }
    tables.set(table, [...(tables.get(table) ?? []), rest.join(' ')]);
  }
  const sections = [...tables].map(([table, rules]) => [`*${table}`, ...rules, 'COMMIT'].join('\n'));
  return `${sections.join('\n')}\n`;
}

describe('iptables texts pass iptables-restore --test', () => {
  const gate = toolGate(['iptables-restore', 'ip6tables-restore'], true);
  for (const request of requests) {
    const name = `${request.purpose}, IPv${request.family}${gate.reason ? ` (skipped: ${gate.reason})` : ''}`;
    it.skipIf(!gate.run)(name, () => {
      if (gate.reason) throw new Error(gate.reason);
      const tool = request.family === 6 ? 'ip6tables' : 'iptables';
      const fixes = firewallFixes({ ...request, dialects: ['iptables', 'conntrack'] });
      const commands = fixes.flatMap((fix) => commandLines(fix.text, ['iptables', 'ip6tables']));
      expect(commands.length).toBeGreaterThanOrEqual(3);
      for (const words of commands) expect(words[0]).toBe(tool);
      const result = run(`${tool}-restore`, ['--test'], restoreFile(commands));
      expect(result.output).toBe('');
      expect(result.status).toBe(0);
    });
  }
});

describe('command texts are valid shell', () => {
  const gate = toolGate(['bash'], false);
  const shellDialects = ['iptables', 'nftables', 'ufw', 'firewalld', 'aws', 'conntrack'];
  for (const request of requests) {
    it.skipIf(!gate.run)(`${request.purpose}, IPv${request.family}`, () => {
      if (gate.reason) throw new Error(gate.reason);
      for (const fix of firewallFixes({ ...request, dialects: shellDialects })) {
        const result = run('bash', ['-n'], fix.text);
        expect({ dialect: fix.dialect, output: result.output, status: result.status }).toEqual({
          dialect: fix.dialect,
          output: '',
          status: 0,
        });
      }
    });
  }
});
