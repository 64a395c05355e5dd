import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { TransportError } from '../../protocol/errors.js';
import type { AddressFamily } from '../../protocol/types.js';
import { toFailureInfo } from '../failureInfo.js';
import { type MainStep, RUN } from '../pipeline/probeStep.js';
import type { ProbeSession } from '../session.js';
import type { ResolveData } from '../types.js';

/** HostLookup returns every address of a name, in the order clients should try them. */
export type HostLookup = (host: string) => Promise<readonly { address: string; family: number }[]>;

const systemLookup: HostLookup = (host) => lookup(host, { all: true, verbatim: true });

/**
 * resolveStep looks up every A and AAAA record of the target, in the resolver's order (which is
 * the order happy-eyeballs clients try), and picks the first address of the requested family.
 * dns.lookup cannot be cancelled, so the wait is raced against the deadline instead. With
 * --all-addresses the name was resolved once before; each address's probe records that lookup.
 */
export const resolveStep: MainStep<'resolve', 'resolve'> = {
  kind: 'main',
  id: 'resolve',
  step: 'resolve',
  needs: [],
  guard: () => RUN,
  run: async ({ session }) => session.inputs.resolved ?? (await resolve(session)),
  halts: (record) => (record.data?.chosen == null ? 'no address to connect to' : null),
};

async function resolve(session: ProbeSession): Promise<ResolveData> {
  const host = session.target.host;
  const family = session.options.family;
  if (isIP(host) !== 0) {
    const own = isIP(host) as AddressFamily;
    const chosen = family === null || family === own ? host : null;
    return { host, addresses: [{ address: host, family: own }], chosen };
  }
  try {
    const found = await withTimeout(
      (session.inputs.lookup ?? systemLookup)(host),
      session.deadline.timeoutFor(session.options.connectTimeoutMs),
      session.deadline.signal,
    );
    const addresses = found.map((entry) => ({
      address: entry.address,
      family: entry.family as AddressFamily,
    }));
    const chosen = addresses.find((a) => family === null || a.family === family)?.address ?? null;
    return { host, addresses, chosen };
  } catch (error) {
    return { host, addresses: [], chosen: null, failure: toFailureInfo(asTransport(error)) };
  }
}

function asTransport(error: unknown): unknown {
  if (error instanceof TransportError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string')
    return new TransportError('control', 'dns', `DNS lookup failed (${code})`, code);
  return error;
}

/**
 * lookupAddresses resolves a name on its own, for --all-addresses, which needs the list before
 * any probe starts. An IP literal resolves to itself.
 */
export async function lookupAddresses(
  host: string,
  timeoutMs: number,
  signal: AbortSignal,
  resolver: HostLookup = systemLookup,
): Promise<{ address: string; family: AddressFamily }[]> {
  if (isIP(host) !== 0) return [{ address: host, family: isIP(host) as AddressFamily }];
  const found = await withTimeout(resolver(host), timeoutMs, signal);
  return found.map((entry) => ({ address: entry.address, family: entry.family as AddressFamily }));
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const fail = () =>
      reject(new TransportError('control', 'dns', `DNS lookup took longer than ${timeoutMs} ms`, 'ETIMEOUT'));
    const timer = setTimeout(fail, timeoutMs);
    const onAbort = () => fail();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
