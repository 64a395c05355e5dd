import { DEMO_SCENARIOS } from '../../fakeServer/demoScenarios.js';
import { startFakeFtpServer } from '../../fakeServer/fakeFtpServer.js';
import { diagnose } from '../../knowledge/diagnosis/diagnose.js';
import type { TargetReport } from '../../knowledge/types.js';
import { runProbe } from '../../probe/runProbe.js';
import { parseTarget } from '../../probe/target.js';
import type { ProbeOptions } from '../../probe/types.js';
import { renderHuman, renderSummaryTable } from '../../report/formats/human.js';
import { renderJson } from '../../report/formats/json.js';
import { terminalStyle } from '../terminalStyle.js';
import { UsageError } from '../usageError.js';
import { toolVersion } from '../version.js';

/** Demo timeouts are short: everything is on 127.0.0.1 and answers in microseconds. */
const DEMO_OPTIONS: Omit<ProbeOptions, 'user' | 'password'> = {
  account: null,
  // The demo servers speak plain FTP only (shipping a key pair in the package would be worse), so
  // TLS is left out rather than reported as "not offered" in every scenario.
  tls: 'off',
  family: 4,
  connectTimeoutMs: 2000,
  replyTimeoutMs: 2000,
  dataTimeoutMs: 1500,
  deadlineMs: 15_000,
  samples: 1,
  active: false,
  trustPasvAddress: false,
  insecure: false,
  ca: null,
  allAddresses: false,
  scanRange: null,
};

/**
 * runDemoCommand starts each scenario's fake server on 127.0.0.1, probes it like a real target,
 * prints the reports, and stops the server. It needs no network and no privileges. The exit code
 * is 0 when every scenario was diagnosed as expected to be diagnosable (the demo itself worked).
 */
export async function runDemoCommand(
  names: readonly string[],
  flags: Record<string, unknown>,
): Promise<number> {
  if (flags.list) {
    const width = Math.max(...Object.keys(DEMO_SCENARIOS).map((n) => n.length));
    for (const [name, scenario] of Object.entries(DEMO_SCENARIOS)) {
      process.stdout.write(`${name.padEnd(width)}  ${scenario.title}\n`);
    }
    return 0;
  }
  const chosen = names.length === 0 ? Object.keys(DEMO_SCENARIOS) : [...names];
  for (const name of chosen) {
    if (!(name in DEMO_SCENARIOS)) {
      throw new UsageError(
        `unknown demo scenario "${name}"; known: ${Object.keys(DEMO_SCENARIOS).join(', ')}`,
      );
    }
  }
  const style = await terminalStyle(process.stdout, flags.color !== false);
  const reports: TargetReport[] = [];
  for (const name of chosen) {
    const scenario = DEMO_SCENARIOS[name]!;
    const server = await startFakeFtpServer(await scenario.script());
    try {
      // Named after the scenario, so the summary table says which demo each line is.
      const target = { ...parseTarget(`127.0.0.1:${server.port}`), input: `demo:${name}` };
      const result = await runProbe(target, {
        ...DEMO_OPTIONS,
        user: 'anonymous',
        password: 'demo@ftp-doctor',
      });
      const report: TargetReport = {
        probe: result,
        diagnosis: diagnose(result, { insecure: false, now: new Date() }),
      };
      reports.push(report);
      if (!flags.json) {
        process.stdout.write(
          `${style.bold(`━━ demo: ${name}`)} — ${scenario.title}\n${style.dim(scenario.description)}\n\n`,
        );
        process.stdout.write(
          `${renderHuman(report, { style, verbose: flags.verbose === true, fixDialects: null })}\n\n`,
        );
      }
    } finally {
      await server.close();
    }
  }
  if (flags.json) {
    process.stdout.write(`${renderJson(reports, { toolVersion: toolVersion(), exitCode: 0 })}\n`);
  } else if (reports.length > 1) {
    process.stdout.write(`${renderSummaryTable(reports, style)}\n`);
  }
  return 0;
}
