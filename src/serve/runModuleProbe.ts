import { resolveCredentials } from '../cli/credentials.js';
import { compareAddressReports } from '../knowledge/diagnosis/addressComparison.js';
import { diagnose } from '../knowledge/diagnosis/diagnose.js';
import type { TargetReport } from '../knowledge/types.js';
import { runProbe, runProbeAllAddresses } from '../probe/runProbe.js';
import type { ProbeOptions, Target, TlsMode } from '../probe/types.js';
import type { ServeModule } from './serveConfig.js';

/**
 * runModuleProbe probes one target with a module's settings within `deadlineMs`, and diagnoses it
 * exactly as the CLI does. `signal` cuts it short (shutdown, or the scraper hung up); the report
 * then says so.
 */
export async function runModuleProbe(
  target: Target,
  module: ServeModule,
  deadlineMs: number,
  signal: AbortSignal,
): Promise<TargetReport[]> {
  const credentials = await resolveCredentials(target, {
    user: module.user,
    account: module.account,
    passwordFromEnv: module.password,
    passwordFromStdin: undefined,
    passwordFromProfile: undefined,
    netrc: false,
    netrcFile: undefined,
    // An exporter has no one to ask: a named user without a password sends an empty one.
    askPassword: async () => '',
  });
  const options: ProbeOptions = {
    ...module.flags.probe,
    deadlineMs,
    tls: tlsMode(target, module),
    user: credentials.user,
    password: credentials.password,
    account: credentials.account,
  };
  const results = options.allAddresses
    ? await runProbeAllAddresses(target, options, { signal })
    : [await runProbe(target, options, { signal })];
  return compareAddressReports(
    results.map((result) => ({
      probe: result,
      diagnosis: diagnose(result, { insecure: options.insecure, now: new Date() }),
    })),
  );
}

/**
 * tlsMode: the module's `tls`, else the scheme's (ftps:// implicit, ftpes:// explicit), else auto.
 * require_tls turns auto into explicit: the probe then stops at a server without TLS before it
 * logs in, so the password is never sent in clear, and the report says TLS was unavailable.
 */
function tlsMode(target: Target, module: ServeModule): TlsMode {
  const chosen: TlsMode =
    module.tls ?? (target.scheme === 'ftps' ? 'implicit' : target.scheme === 'ftpes' ? 'explicit' : 'auto');
  return module.requireTls && chosen === 'auto' ? 'explicit' : chosen;
}
