import { performance } from 'node:perf_hooks';
import type { AddressFamily, TranscriptEntry } from '../protocol/types.js';
import { Deadline } from './deadline.js';
import { scrubSecret } from './scrubSecret.js';
import { ProbeSession } from './session.js';
import { StepRecorder, skippedStep } from './stepRecorder.js';
import { activeStep } from './steps/activeStep.js';
import { bannerStep } from './steps/bannerStep.js';
import { connectStep } from './steps/connectStep.js';
import { featuresStep, parseFeatureLines } from './steps/featuresStep.js';
import { loginStep } from './steps/loginStep.js';
import { middleboxStep } from './steps/middleboxStep.js';
import { epsvStep, pasvStep } from './steps/passiveSteps.js';
import { pasvOnSecondConnection } from './steps/pasvOnSecondConnection.js';
import { quitStep } from './steps/quitStep.js';
import { type HostLookup, lookupAddresses, resolveStep } from './steps/resolveStep.js';
import { scanRangeFor, scanStep } from './steps/scanStep.js';
import { protectDataChannel, tlsStep } from './steps/tlsStep.js';
import { checkSessionReuse, transferStep } from './steps/transferStep.js';
import { writeStep } from './steps/writeStep.js';
import {
  type AnyStepRecord,
  type LoginData,
  type ProbeOptions,
  type ProbeResult,
  STEP_ORDER,
  type StepName,
  type StepRecord,
  type Target,
} from './types.js';

/** ProbeHooks lets the CLI show progress; the probe itself never prints. */
export interface ProbeHooks {
  readonly onStepStart?: (name: StepName) => void;
  readonly onStepEnd?: (record: AnyStepRecord) => void;
  /** Aborts the probe (Ctrl-C); the result still holds every step finished so far. */
  readonly signal?: AbortSignal;
  /** Probe this address instead of the first resolved one (used by --all-addresses). */
  readonly address?: string;
  /** Replaces the system resolver (tests use it to produce DNS failures without touching DNS). */
  readonly lookup?: HostLookup;
  /** With `address`: every address the name resolved to, for the report. */
  readonly resolved?: readonly { readonly address: string; readonly family: 4 | 6 }[];
}

/**
 * runProbe runs the steps of DESIGN.md §3 in order against one target and returns everything it
 * saw. It never throws for anything the server or the network does: those end up as data in the
 * steps. It throws only for bugs.
 */
export async function runProbe(
  target: Target,
  options: ProbeOptions,
  hooks: ProbeHooks = {},
): Promise<ProbeResult> {
  const origin = performance.now();
  const now = () => Math.round(performance.now() - origin);
  const startedAt = new Date().toISOString();
  const deadline = new Deadline(options.deadlineMs, now, hooks.signal);
  const session = new ProbeSession(target, options, deadline, now);
  const steps: AnyStepRecord[] = [];
  const push = <N extends StepName>(record: StepRecord<N>): StepRecord<N> => {
    steps.push(record as AnyStepRecord);
    // Server text could repeat the password (see scrubSecret): hooks never see it either.
    hooks.onStepEnd?.(scrubSecret(record as AnyStepRecord, options.password));
    return record;
  };
  const run = async <N extends StepName>(
    name: N,
    body: () => Promise<StepRecord<N>>,
  ): Promise<StepRecord<N>> => {
    hooks.onStepStart?.(name);
    return push(await body());
  };
  const skipRest = (names: readonly StepName[], reason: string) => {
    for (const name of names) if (!steps.some((s) => s.name === name)) push(skippedStep(name, reason, now()));
  };
  // The default steps; --active and --scan-range add theirs only when asked for.
  const later: StepName[] = STEP_ORDER.filter(
    (n) =>
      n !== 'active' && n !== 'scan' && n !== 'middlebox' && (n !== 'write' || options.writeTest != null),
  );
  const interrupted = (): string | null =>
    deadline.interrupted === null
      ? null
      : deadline.interrupted === 'signal'
        ? 'interrupted'
        : 'deadline reached';

  try {
    let address = hooks.address ?? null;
    if (address === null) {
      const resolved = await run('resolve', () => resolveStep(session, hooks.lookup));
      address = resolved.data?.chosen ?? null;
      if (address === null) {
        skipRest(later, 'no address to connect to');
        return finish();
      }
    } else {
      // --all-addresses resolved once already; each address's probe records that lookup.
      const addresses = hooks.resolved ?? [
        { address, family: address.includes(':') ? (6 as const) : (4 as const) },
      ];
      push({
        name: 'resolve',
        ran: true,
        startedAtMs: 0,
        durationMs: 0,
        exchanges: [],
        data: { host: target.host, addresses, chosen: address },
      });
    }

    const connected = await run('connect', () => connectStep(session, address!));
    if (connected.data?.failure) {
      skipRest(later, 'no control connection');
      return finish();
    }

    let tlsRecord: StepRecord<'tls'> | null = null;
    let secured = false;
    if (options.tls === 'implicit') {
      hooks.onStepStart?.('tls');
      const outcome = await tlsStep(session);
      tlsRecord = outcome.record;
      secured = outcome.secured;
      if (!secured) {
        push(tlsRecord);
        skipRest(later, 'implicit TLS handshake failed');
        return finish();
      }
    }

    const banner = await run('banner', () => bannerStep(session));
    if (banner.data?.greeting?.code !== 220) {
      if (tlsRecord) push(tlsRecord);
      await closeQuietly();
      const greeted = banner.data?.greeting;
      skipRest(
        later,
        interrupted() ??
          (banner.data?.nonFtpText !== undefined
            ? 'this port does not speak FTP'
            : greeted
              ? `the server greeted with ${greeted.code}, not 220`
              : 'no greeting'),
      );
      return finish();
    }

    await run('features', () => featuresStep(session));

    if (tlsRecord === null) {
      if (options.tls === 'off') {
        push(skippedStep('tls', 'TLS disabled (--tls off)', now()));
      } else {
        hooks.onStepStart?.('tls');
        const outcome = await tlsStep(session);
        tlsRecord = outcome.record;
        secured = outcome.secured;
        const tlsFailedHard =
          tlsRecord.data?.failure !== undefined && outcome.record.data?.authReply?.code === 234;
        const required = options.tls === 'explicit';
        if (tlsFailedHard || (required && !secured) || !session.control?.isOpen) {
          push(tlsRecord);
          await closeQuietly();
          skipRest(later, required && !secured ? 'TLS was required but is not available' : 'TLS failed');
          return finish();
        }
      }
    }

    const login = await run('login', () => loginStep(session));
    if (!login.data?.loggedIn && tlsRecord && secured && refusedAnonymousOverTls(options, login.data)) {
      // TLS was only opportunistic (auto): anonymous FTP may work in clear text, which is what an
      // anonymous client without FTPS gets. Start again without TLS and keep the refusal as evidence.
      await quitStep(session);
      const plain = await runProbe(
        target,
        { ...options, tls: 'off', deadlineMs: Math.max(1000, deadline.remainingMs()) },
        { ...hooks, address: address! },
      );
      const refused: StepRecord<'tls'> = {
        ...tlsRecord,
        data: { ...tlsRecord.data!, anonymousLoginRefused: login.data!.finalReply! },
      };
      const mine = finish();
      return {
        ...plain,
        options: { ...plain.options, tls: options.tls },
        startedAt: mine.startedAt,
        durationMs: mine.durationMs + plain.durationMs,
        steps: plain.steps.map((step) => (step.name === 'tls' ? (refused as AnyStepRecord) : step)),
        transcript: [
          ...mine.transcript,
          {
            direction: 'event',
            text: 'anonymous login refused over TLS: starting again without TLS',
            atMs: mine.durationMs,
            channel: 'control',
          },
          ...plain.transcript.map((entry) => ({ ...entry, atMs: entry.atMs + mine.durationMs })),
        ],
      };
    }
    if (!login.data?.loggedIn) {
      if (tlsRecord) push(tlsRecord);
      await run('quit', async () => (await quitStep(session)).record);
      skipRest(later, interrupted() ?? 'not logged in');
      return finish();
    }
    if (tlsRecord && secured) tlsRecord = await protectDataChannel(session, tlsRecord);
    if (tlsRecord) push(tlsRecord);
    // PASV is tested on a second connection while this one does the rest (plain channels only).
    if (!secured && !options.singleConnection) hooks.onStepStart?.('pasv');
    const pasvElsewhere =
      secured || options.singleConnection ? null : pasvOnSecondConnection(session, address);
    await refreshFeaturesAfterLogin();

    // The listing follows EPSV at once when its port is open: it reuses the EPSV test connection,
    // which a PASV in between would make the server drop. PASV is tested after it.
    const epsv = await run('epsv', () => epsvStep(session));
    const epsvOpen = epsv.data?.portTest?.outcome === 'open';
    if (epsvOpen) await listOrSkip('epsv');
    session.releaseDataConnection();
    const pasvThere = pasvElsewhere ? await pasvElsewhere.record : null;
    const pasv = pasvThere
      ? push(pasvThere)
      : session.control?.isOpen
        ? await run('pasv', () => pasvStep(session))
        : null;
    if (!epsvOpen) {
      if (pasv?.data?.portTest?.outcome === 'open') await listOrSkip('pasv');
      else skipRest(['pasv', 'transfer'], interrupted() ?? 'no data port answered');
    }
    if (options.writeTest)
      await writeOrSkip(
        login.data,
        epsvOpen ? 'epsv' : pasv?.data?.portTest?.outcome === 'open' ? 'pasv' : null,
      );
    if (options.active) {
      if (session.control?.isOpen) await run('active', () => activeStep(session));
      else skipRest(['active'], interrupted() ?? 'the control connection is gone');
    }
    if (options.scanRange !== null) {
      const range = scanRangeFor(session, passivePortsSeen(steps));
      if (range === null)
        skipRest(['scan'], 'no range to map: give --scan-range LO-HI, or --samples 10 to infer one');
      else if (!session.control?.isOpen)
        skipRest(['scan'], interrupted() ?? 'the control connection is gone');
      else await run('scan', () => scanStep(session, range));
    }
    await compareWithPlain(secured, address);
    await checkReuseLast();
    if (session.control?.isOpen) {
      hooks.onStepStart?.('quit');
      const quit = await quitStep(session, { checkEpsvAll: epsv.data?.port != null });
      push(quit.record);
      if (quit.epsvAll) {
        const index = steps.findIndex((s) => s.name === 'epsv');
        const record = steps[index] as StepRecord<'epsv'>;
        if (record.data)
          steps[index] = { ...record, data: { ...record.data, epsvAll: quit.epsvAll } } as AnyStepRecord;
      }
    } else skipRest(['quit'], interrupted() ?? 'the control connection is gone');
    await pasvElsewhere?.closed;
    return finish();
  } finally {
    session.releaseDataConnection();
    session.control?.close();
    deadline.dispose();
  }

  /**
   * compareWithPlain: after a TLS session whose PASV named another address than the control
   * connection's, the same question without TLS shows whether a router rewrites plain FTP. It logs in again, in clear text, so only for
   * anonymous logins or with --compare-plain; IPv4 only (PASV carries IPv4 addresses).
   */
  async function compareWithPlain(secured: boolean, address: string): Promise<void> {
    const pasvData = steps.find((s) => s.name === 'pasv')?.data as StepRecord<'pasv'>['data'] | undefined;
    const loginData = steps.find((s) => s.name === 'login')?.data as LoginData | null | undefined;
    const advertised = pasvData?.advertisedHost;
    // Only a TLS PASV naming another address than the control connection's can hide a rewrite
    // that matters: with the right address, FTPS works whatever a helper does to plain FTP.
    if (!secured || !advertised || pasvData?.addressClass === 'same' || address.includes(':')) return;
    if (options.singleConnection) return;
    if (!loginData?.anonymous && !options.comparePlain) return;
    if (options.tls === 'implicit') return;
    await run('middlebox', () => middleboxStep(session, address, advertised));
  }

  /** writeOrSkip runs the write test over the passive mode whose port answered. */
  async function writeOrSkip(loginData: LoginData | null, via: 'epsv' | 'pasv' | null): Promise<void> {
    if (loginData?.anonymous && !options.writeTest?.allowAnonymous)
      skipRest(['write'], 'anonymous login: the write test needs --write-test-anonymous');
    else if (via === null) skipRest(['write'], interrupted() ?? 'no data port answered');
    else if (!session.control?.isOpen) skipRest(['write'], interrupted() ?? 'the control connection is gone');
    else await run('write', () => writeStep(session, via));
  }

  async function listOrSkip(via: 'epsv' | 'pasv'): Promise<void> {
    if (session.control?.isOpen) await run('transfer', () => transferStep(session, via));
    else skipRest(['transfer'], interrupted() ?? 'the control connection is gone');
  }

  /**
   * checkReuseLast runs the TLS session-reuse check of the listing after every other step: vsftpd
   * ends the session when it refuses a data connection that did not resume the TLS session.
   */
  async function checkReuseLast(): Promise<void> {
    const index = steps.findIndex((s) => s.name === 'transfer');
    if (index < 0 || !session.control?.isOpen) return;
    steps[index] = (await checkSessionReuse(
      session,
      steps[index] as StepRecord<'transfer'>,
    )) as AnyStepRecord;
  }

  async function closeQuietly(): Promise<void> {
    session.control?.close();
  }

  /**
   * FEAT and SYST again after login, only when the server would not answer them before (vsftpd
   * answers SYST with 530 until login; some servers hide FEAT the same way).
   */
  async function refreshFeaturesAfterLogin(): Promise<void> {
    const index = steps.findIndex((s) => s.name === 'features');
    const record = steps[index] as StepRecord<'features'> | undefined;
    if (!record?.data || !session.control?.isOpen) return;
    const recorder = new StepRecorder('features', now);
    let data = record.data;
    if (!session.featOk) {
      try {
        const reply = await session.exchange(recorder, 'FEAT');
        const features = parseFeatureLines(reply);
        session.features = features;
        session.featOk = reply.code === 211;
        data = { ...data, featuresAfterLogin: features };
      } catch {
        // A server that fails FEAT twice is probed without its feature list.
      }
    }
    if (data.syst?.code !== 215 && session.control?.isOpen) {
      try {
        data = { ...data, syst: await session.exchange(recorder, 'SYST') };
      } catch {
        // Recorded.
      }
    }
    const extra = recorder.finish(data);
    if (extra.exchanges.length === 0) return;
    steps[index] = {
      ...record,
      durationMs: record.durationMs + extra.durationMs,
      exchanges: [...record.exchanges, ...extra.exchanges],
      data,
    } as AnyStepRecord;
  }

  function finish(): ProbeResult {
    const { password: _password, ...safeOptions } = options;
    void _password;
    const transcript: TranscriptEntry[] = [...(session.control?.transcript ?? []), ...session.events].sort(
      (a, b) => a.atMs - b.atMs,
    );
    const result: ProbeResult = {
      target,
      options: safeOptions,
      startedAt,
      durationMs: now(),
      steps: orderSteps(steps),
      transcript,
      interrupted: deadline.interrupted,
    };
    return scrubSecret(result, options.password);
  }
}

/**
 * refusedAnonymousOverTls: in TLS auto mode, an anonymous login answered 530 with words about
 * encryption (vsftpd: "Anonymous sessions may not use encryption.") is a refusal of anonymous FTPS,
 * not of anonymous FTP.
 */
function refusedAnonymousOverTls(options: ProbeOptions, login: LoginData | null): boolean {
  const reply = login?.finalReply;
  return (
    options.tls === 'auto' &&
    login?.anonymous === true &&
    reply?.code === 530 &&
    /\b(encrypt\w*|ssl|tls)\b/i.test(reply.text)
  );
}

function passivePortsSeen(steps: readonly AnyStepRecord[]): number[] {
  const ports: number[] = [];
  for (const step of steps) {
    if ((step.name === 'epsv' || step.name === 'pasv') && step.data) {
      for (const sample of step.data.samples) if (sample.port !== null) ports.push(sample.port);
    }
  }
  return ports;
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
