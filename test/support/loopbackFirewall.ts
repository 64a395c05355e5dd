import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type LoopbackRule = 'drop' | 'reset' | 'icmp';

/**
 * LoopbackFirewall blocks a port range on one loopback address with a table of its own, so a
 * real server's passive ports can be made closed (RST), filtered (DROP) or unreachable (ICMP)
 * without touching any other traffic. Needs root and nft; the table is deleted by remove().
 */
export class LoopbackFirewall {
  private constructor(readonly table: string) {}

  static async block(
    address: string,
    low: number,
    high: number,
    rule: LoopbackRule,
  ): Promise<LoopbackFirewall> {
    const table = `ftpdoctor_test_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
    const verdict =
      rule === 'drop'
        ? 'drop'
        : rule === 'reset'
          ? 'reject with tcp reset'
          : 'reject with icmp type admin-prohibited';
    const ruleset = [
      `table ip ${table} {`,
      '  chain input {',
      '    type filter hook input priority -10; policy accept;',
      `    ip daddr ${address} tcp dport ${low}-${high} ${verdict}`,
      '  }',
      '}',
    ].join('\n');
    const child = execFile('nft', ['-f', '-']);
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`nft exited ${code}`))));
      child.stdin?.end(ruleset);
    });
    return new LoopbackFirewall(table);
  }

  async remove(): Promise<void> {
    await run('nft', ['delete', 'table', 'ip', this.table], { timeout: 5000 }).catch(() => undefined);
  }
}

/** nftAvailable: root and a working nft binary. */
export async function nftAvailable(): Promise<boolean> {
  if (process.getuid?.() !== 0) return false;
  try {
    await run('nft', ['--version'], { timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}
