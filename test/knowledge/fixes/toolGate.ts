import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * toolGate decides whether a test that needs a system tool may run. Outside CI a missing tool or
 * missing root skips with a reason; under CI=true nothing may skip, so the reason becomes a failure.
 */
export interface ToolGate {
  readonly run: boolean;
  /** Why the test cannot run here; null when it can. */
  readonly reason: string | null;
}

export function toolGate(tools: readonly string[], needsRoot: boolean): ToolGate {
  const missing = tools.filter((tool) => !toolExists(tool));
  let reason: string | null = null;
  if (missing.length > 0) reason = `missing tool(s): ${missing.join(', ')}`;
  else if (needsRoot && process.getuid?.() !== 0) reason = 'needs root';
  if (reason !== null && process.env.CI === 'true') {
    // Under CI the test runs anyway and fails with this reason instead of skipping silently.
    return { run: true, reason };
  }
  return { run: reason === null, reason };
}

function toolExists(tool: string): boolean {
  if (tool.startsWith('/')) return existsSync(tool);
  return spawnSync('sh', ['-c', `command -v ${tool}`], { timeout: 5000 }).status === 0;
}
