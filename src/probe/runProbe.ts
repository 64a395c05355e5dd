import { performance } from 'node:perf_hooks';
import type { AddressFamily, TranscriptEntry } from '../protocol/types.js';
import { Deadline } from './deadline.js';
import { assembleSteps } from './pipeline/assembleSteps.js';
import { runPipeline } from './pipeline/runPipeline.js';
import { STEP_ORDER, STEP_TABLE } from './pipeline/stepTable.js';
import type { RetryPolicy } from './policies/retryPolicy.js';
import { retryWithoutTls } from './policies/retryWithoutTls.js';
import { scrubSecret } from './scrubSecret.js';
import { type ProbeInputs, ProbeSession } from './session.js';
import { type HostLookup, lookupAddresses } from './steps/resolveStep.js';
import type { AnyStepRecord, ProbeOptions, ProbeResult, StepName, Target } from './types.js';

/** ProbeHooks lets the CLI show progress; the probe itself never prints. */
export interface ProbeHooks {
  readonly onStepStart?: (name: StepName) => void;
  readonly onStepEnd?: (record: AnyStepRecord) => void;
  /**
   * Aborts the probe (Ctrl-C); the result still holds every step finished so far. Aborted with
   * the signal's name ('SIGINT', 'SIGTERM') as reason, the result names it.
   */
  readonly signal?: AbortSignal;
  /** Probe this address instead of the first resolved one (used by --all-addresses). */
  readonly address?: string;
  /** Replaces the system resolver (tests use it to produce DNS failures without touching DNS). */
  readonly lookup?: HostLookup;
  /** With `address`: every address the name resolved to, for the report. */
  readonly resolved?: readonly { readonly address: string; readonly family: 4 | 6 }[];
}

/** RETRY_POLICIES: the named reasons to probe a second time, tried in order; at most one applies. */
const RETRY_POLICIES: readonly RetryPolicy[] = [retryWithoutTls];

/**
 * runProbe runs the step table (pipeline/stepTable.ts) against one target and returns everything
 * it saw. It never throws for anything the server, the network, the deadline or a signal does:
 * those end up as data in the steps. It throws only for bugs.
 */
export async function runProbe(
  target: Target,
  options: ProbeOptions,
  hooks: ProbeHooks = {},
): Promise<ProbeResult> {
  const first = await probeOnce(target, options, hooks);
  const retry = RETRY_POLICIES.find((policy) => policy.applies(first.result, options));
  if (retry === undefined || first.remainingMs === null) return first.result;
  const address = first.result.steps.find((s) => s.name === 'resolve')?.data;
  const again = await probeOnce(
    target,
    { ...retry.retryOptions(options), deadlineMs: Math.max(1000, first.remainingMs) },
    {
      ...hooks,
      ...(address && 'chosen' in address && address.chosen ? { address: address.chosen } : {}),
      resolved: address && 'addresses' in address ? address.addresses : [],
    },
  );
  return scrubSecret(retry.combine(first.result, again.result, options), options.password);
}

/** probeOnce: one walk of the step table; remainingMs is null once interrupted. */
async function probeOnce(
  target: Target,
  options: ProbeOptions,
  hooks: ProbeHooks,
): Promise<{ result: ProbeResult; remainingMs: number | null }> {
  const origin = performance.now();
  const now = () => Math.round(performance.now() - origin);
  const startedAt = new Date().toISOString();
  const deadline = new Deadline(options.deadlineMs, now, hooks.signal);
  const session = new ProbeSession(target, options, deadline, now, inputsFrom(target, hooks));
  try {
    const parts = await runPipeline(STEP_TABLE, session, {
      ...(hooks.onStepStart ? { onStepStart: hooks.onStepStart } : {}),
      ...(hooks.onStepEnd
        ? // Server text could repeat the password (see scrubSecret): hooks never see it either.
          { onStepEnd: (record: AnyStepRecord) => hooks.onStepEnd?.(scrubSecret(record, options.password)) }
        : {}),
    });
    const { password: _password, ...safeOptions } = options;
    void _password;
    const transcript: TranscriptEntry[] = [...(session.control?.transcript ?? []), ...session.events].sort(
      (a, b) => a.atMs - b.atMs,
    );
    const signalName = hooks.signal?.reason;
    const result: ProbeResult = {
      target,
      options: safeOptions,
      startedAt,
      durationMs: now(),
      steps: orderSteps(assembleSteps(parts, STEP_ORDER)),
      transcript,
      interrupted: deadline.interrupted,
      ...(deadline.interrupted === 'signal' && (signalName === 'SIGINT' || signalName === 'SIGTERM')
        ? { interruptedBy: signalName }
        : {}),
    };
    return {
      result: scrubSecret(result, options.password),
      remainingMs: deadline.interrupted === null ? deadline.remainingMs() : null,
    };
  } finally {
    session.releaseDataConnection();
    session.control?.close();
    deadline.dispose();
  }
}

function inputsFrom(target: Target, hooks: ProbeHooks): ProbeInputs {
  const address = hooks.address;
  if (address === undefined) return hooks.lookup ? { lookup: hooks.lookup } : {};
  const addresses = hooks.resolved ?? [
    { address, family: address.includes(':') ? (6 as const) : (4 as const) },
  ];
  return { resolved: { host: target.host, addresses, chosen: address } };
}

/** IMPLICIT_TLS_ORDER: with implicit TLS the handshake comes before the greeting. */
const IMPLICIT_TLS_ORDER: readonly StepName[] = [
  'resolve',
  'connect',
  'tls',
  ...STEP_ORDER.filter((n) => n !== 'resolve' && n !== 'connect' && n !== 'tls'),
];

/** orderSteps puts steps in display order; implicit TLS comes before the banner, explicit after FEAT. */
function orderSteps(steps: readonly AnyStepRecord[]): AnyStepRecord[] {
  const implicit = steps.find(
    (s) => s.name === 'tls' && s.data && (s.data as { mode: string }).mode === 'implicit',
  );
  const order = implicit ? IMPLICIT_TLS_ORDER : STEP_ORDER;
  return [...steps].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
}

/**
 * runProbeAllAddresses (--all-addresses) resolves the name once and probes every address it has,
 * one after another, so that "works over IPv6, filtered over IPv4" shows as two results.
 */
export async function runProbeAllAddresses(
  target: Target,
  options: ProbeOptions,
  hooks: ProbeHooks = {},
): Promise<ProbeResult[]> {
  let addresses: { address: string; family: AddressFamily }[];
  try {
    addresses = await lookupAddresses(
      target.host,
      options.connectTimeoutMs,
      hooks.signal ?? new AbortController().signal,
      hooks.lookup,
    );
  } catch {
    // The single probe records the DNS failure in its resolve step.
    return [await runProbe(target, options, hooks)];
  }
  const wanted = addresses.filter((a) => options.family === null || a.family === options.family);
  if (wanted.length <= 1) return [await runProbe(target, options, hooks)];
  const results: ProbeResult[] = [];
  for (const { address } of wanted) {
    if (hooks.signal?.aborted) break;
    results.push(await runProbe(target, options, { ...hooks, address, resolved: addresses }));
  }
  return results;
}
