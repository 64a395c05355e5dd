import type {
  AddressClass,
  EpsvData,
  FailureInfo,
  PasvData,
  PortRange,
  PortTest,
  PortTestOutcome,
  TransferData,
} from '../../probe/types.js';
import { formatEndpoint, isLoopback } from '../../protocol/address.js';
import { connectFailureOutcome } from '../../protocol/dataConnection.js';
import { MAX_LISTING_BYTES } from '../../protocol/limits.js';
import type { Reply } from '../../protocol/types.js';
import { type KnownMessage, recognizeMessage } from '../servers/knownMessages.js';
import { cite, rfc } from '../sources.js';
import type { Evidence, Finding, Fix } from '../types.js';
import type { DiagnosisContext } from './context.js';
import { failureEvidence, finding, firstLine, observation, replyEvidence } from './findingBuilder.js';
import type { FindingId } from './findingCatalog.js';
import { addressClassFixes, pathMtuFixes, sessionResumptionClientNote } from './fixes/dataChannelFixes.js';
import type { BlockingKind } from './fixes/filterRule.js';
import { firewallFixes } from './fixes/firewall.js';
import {
  describeRangeEstimate,
  ENOUGH_SAMPLES,
  formatRange,
  looksScattered,
  passiveRangeSetting,
  whereRangeIsSet,
} from './fixes/passiveRange.js';

type Mode = 'epsv' | 'pasv';

const PORT_FINDING: Record<Exclude<PortTestOutcome, 'open'>, FindingId> = {
  closed: 'data.port-closed',
  filtered: 'data.port-filtered',
  unreachable: 'data.port-unreachable',
};

/** BLOCKING: what kind of filter rule each failed test-connect points to. */
const BLOCKING: Record<Exclude<PortTestOutcome, 'open'>, BlockingKind> = {
  closed: 'reject',
  filtered: 'drop',
  unreachable: 'icmp',
};

const ADDRESS_FINDING: Record<Exclude<AddressClass, 'same'>, FindingId> = {
  private: 'pasv.address-private',
  'docker-bridge': 'pasv.address-docker-bridge',
  loopback: 'pasv.address-loopback',
  unspecified: 'pasv.address-unspecified',
  'link-local': 'pasv.address-link-local',
  shared: 'pasv.address-shared',
  'different-public': 'pasv.address-different',
};

const ADDRESS_WORDS: Record<Exclude<AddressClass, 'same'>, string> = {
  private: 'a private (RFC 1918) address that clients outside that network cannot reach',
  'docker-bridge':
    'an address on Docker’s default bridge network (172.17.0.0/16): the server runs in a container and announces the container’s own address',
  loopback: 'a loopback address, which on every client means the client itself',
  unspecified: '0.0.0.0, which is no address at all',
  'link-local': 'a link-local address, valid only on the server’s own network segment',
  shared: 'a carrier-grade NAT (100.64.0.0/10) address, not reachable from the Internet',
  'different-public': 'a public address other than the one this connection uses',
};

/**
 * advertisedAddressImpact: which clients work when the port answers on the control address but
 * PASV names another. curl ignores the PASV address by default (CURLOPT_FTP_SKIP_PASV_IP, on since
 * curl 7.74); Python's ftplib does since the 2021 security releases (trust_server_pasv_ipv4_address
 * off); FileZilla replaces only an address it cannot route to with the server's.
 */
function advertisedAddressImpact(
  cls: Exclude<AddressClass, 'same'>,
  port: number | null,
  advertised: string | null,
  control: string,
): string {
  const answers = `Port ${port} does answer on ${control}`;
  if (cls === 'different-public')
    return `${answers}, so curl and current Python ftplib, which ignore the advertised address, work; FileZilla and many libraries and devices connect to ${advertised} and work only if that address reaches the same server. `;
  return `${answers}, so curl and current Python ftplib (which ignore the advertised address) and FileZilla (which replaces an address it cannot route to) work; clients that follow the advertised address, as many libraries, devices and older scripts do, try ${advertised} and fail or time out. `;
}

/** passiveFindings: EPSV and PASV refusals, PASV's advertised address, and the data-port test-connects. */
export function passiveFindings(ctx: DiagnosisContext): Finding[] {
  const epsv = ctx.data('epsv');
  const pasv = ctx.data('pasv');
  if (!epsv && !pasv) return [];
  return [
    ...epsvRefusalFindings(ctx, epsv, pasv),
    ...pasvRefusalFindings(ctx, epsv, pasv),
    ...noPassiveFindings(ctx, epsv, pasv),
    ...portFindings(ctx, provenTest(ctx, epsv?.portTest), provenTest(ctx, pasv?.portTest)),
    ...rangeFindings(ctx),
    ...advertisedAddressFindings(ctx, pasv),
  ];
}

/** epsvRefusalFindings: EPSV gave no port while PASV did. */
function epsvRefusalFindings(ctx: DiagnosisContext, epsv: EpsvData | null, pasv: PasvData | null): Finding[] {
  if (!epsv || epsv.port != null || epsv.failure?.kind.startsWith('deadline')) return [];
  // With PASV failing too, this is reported once, as passive.none.
  if (pasv?.port == null) return [];
  if (epsv.parseError) {
    return [
      finding('epsv.malformed', {
        step: 'epsv',
        detail: `The server answered EPSV with a 229 reply ftp-doctor cannot read (${epsv.parseError}). Clients that prefer EPSV (curl, and any client on IPv6) fail or fall back to PASV.`,
        evidence: epsv.reply ? [replyEvidence('EPSV', epsv.reply)] : [],
      }),
    ];
  }
  if (!epsv.reply) return [];
  return [
    finding('epsv.refused', {
      step: 'epsv',
      detail: `EPSV was answered with ${epsv.reply.code} ("${firstLine(epsv.reply)}"); PASV works. ${epsvAloneMeaning(ctx, epsv.reply)} Clients that try EPSV first (curl, for one) fall back to PASV after one extra round trip; some do not fall back at all.`,
      evidence: [replyEvidence('EPSV', epsv.reply)],
      fixes: ctx.serverFixes('enable-epsv'),
    }),
  ];
}

/** pasvRefusalFindings: PASV gave no port while EPSV did. */
function pasvRefusalFindings(ctx: DiagnosisContext, epsv: EpsvData | null, pasv: PasvData | null): Finding[] {
  if (!pasv || pasv.port != null || epsv?.port == null) return [];
  const reply = pasv.reply;
  if (ctx.family === 6) {
    return [
      finding('pasv.refused-ipv6', {
        detail: `Over IPv6 PASV cannot work: its reply carries only an IPv4 address. Servers answer it with an error (here ${reply?.code ?? 'none'}) or a useless 227; clients use EPSV, which works here.`,
        evidence: reply ? [replyEvidence('PASV', reply)] : [],
      }),
    ];
  }
  if (pasv.parseError) {
    return [
      finding('pasv.malformed', {
        detail: `The 227 reply cannot be read (${pasv.parseError}). Clients that use PASV (FileZilla on IPv4, older tools) cannot open a data connection; EPSV works.`,
        evidence: reply ? [replyEvidence('PASV', reply)] : [],
      }),
    ];
  }
  if (!reply) return [];
  return [
    finding('pasv.refused', {
      detail: `PASV was answered with ${reply.code} ("${firstLine(reply)}"); EPSV works.${withSpace(knownExplanation(ctx, reply))} Clients that use PASV on IPv4 (FileZilla, many older tools and devices) cannot transfer.`,
      evidence: [replyEvidence('PASV', reply)],
      fixes: ctx.serverFixes('enable-pasv'),
    }),
  ];
}

/** noPassiveFindings: neither EPSV nor PASV gave a data port, though at least one answered. */
function noPassiveFindings(ctx: DiagnosisContext, epsv: EpsvData | null, pasv: PasvData | null): Finding[] {
  if (epsv?.port != null || pasv?.port != null) return [];
  if (!(epsv?.reply || pasv?.reply || epsv?.parseError || pasv?.parseError)) return [];
  const evidence = [
    ...(epsv?.reply ? [replyEvidence('EPSV', epsv.reply)] : []),
    ...(pasv?.reply ? [replyEvidence('PASV', pasv.reply)] : []),
  ];
  return [
    finding('passive.none', {
      detail: `Neither EPSV (${describeAttempt(epsv?.reply?.code, epsv?.parseError)}) nor PASV (${describeAttempt(pasv?.reply?.code, pasv?.parseError)}) gave a data port, so clients in passive mode (the default of curl, FileZilla and browsers) cannot list or transfer files; only active mode is left, which firewalls and NAT on the client's side usually block. ${passiveRefusalMeaning(ctx, epsv?.reply ?? null, pasv?.reply ?? null)}`,
      evidence,
      fixes: [...ctx.serverFixes('enable-pasv'), ...ctx.serverFixes('passive-range')],
    }),
  ];
}

/** advertisedAddressFindings: PASV names an address other than the one this session reached. */
function advertisedAddressFindings(ctx: DiagnosisContext, pasv: PasvData | null): Finding[] {
  if (!pasv?.addressClass || pasv.addressClass === 'same' || !pasv.advertisedHost) return [];
  const cls = pasv.addressClass;
  if (ctx.family === 6 && cls === 'unspecified') {
    return [
      finding('pasv.refused-ipv6', {
        detail:
          'Over IPv6 the server answers PASV with 0.0.0.0: PASV has no way to name an IPv6 address. Clients use EPSV instead, so this is harmless when EPSV works.',
        evidence: pasv.reply ? [replyEvidence('PASV', pasv.reply)] : [],
      }),
    ];
  }
  const works = pasv.portTest?.outcome === 'open';
  const control = ctx.controlAddress ?? 'the control address';
  const findings = [
    finding(ADDRESS_FINDING[cls], {
      detail:
        `PASV tells clients to connect to ${pasv.advertisedHost}, ${ADDRESS_WORDS[cls]}, while this session reached the server at ${control}. ` +
        (works
          ? advertisedAddressImpact(cls, pasv.port, pasv.advertisedHost, control)
          : `Port ${pasv.port} does not answer on ${control} either. `) +
        'The server announces an address other than the one clients reach it on: it sits behind NAT without knowing its public address, or its masquerade/PASV address setting names the wrong address. Set that setting to the address clients connect to.',
      evidence: [...(pasv.reply ? [replyEvidence('PASV', pasv.reply)] : [])],
      fixes: [...ctx.serverFixes('passive-address'), ...addressClassFixes(cls)],
    }),
  ];
  const advertised = pasv.advertisedPortTest;
  if (advertised && advertised.outcome !== 'open') {
    findings.push(
      finding('data.advertised-address-fails', {
        detail: `With --trust-pasv-address ftp-doctor also tried ${formatEndpoint(advertised.host, advertised.port)}: ${advertised.outcome}. Clients that follow the advertised address fail.`,
        evidence: [portEvidence('PASV (advertised address)', advertised)],
      }),
    );
  }
  return findings;
}

/**
 * rangeFindings: with --samples, which passive ports the server handed out and what they say about
 * its configured range; with --pasv-range, every port outside the range the admin gave.
 */
function rangeFindings(ctx: DiagnosisContext): Finding[] {
  const findings: Finding[] = [];
  const stated = ctx.options.statedPassiveRange ?? null;
  if (stated !== null) {
    const transferPort = ctx.data('transfer')?.dataPort;
    const seen = [...new Set([...ctx.passivePortsSeen(), ...(transferPort == null ? [] : [transferPort])])];
    const outside = seen.filter((port) => port < stated.low || port > stated.high).sort((a, b) => a - b);
    if (outside.length > 0) {
      findings.push(
        finding('passive.port-outside-range', {
          detail: `You gave ${formatRange(stated)} as the server's passive range (--pasv-range), but ${outside.length === 1 ? `port ${outside[0]} lies` : `ports ${outside.join(', ')} lie`} outside it. The running server does not use that range: its configuration was changed but not reloaded, another file overrides it, or another server answers on this port. A firewall opened for ${formatRange(stated)} blocks these ports. ${whereRangeIsSet(ctx.software)}`,
          evidence: [
            observation(
              `EPSV/PASV handed out: ${seen.sort((a, b) => a - b).join(', ')}; --pasv-range ${formatRange(stated)}`,
            ),
          ],
          fixes: ctx.serverFixes('passive-range'),
        }),
      );
    }
  }
  if (ctx.result.options.samples < 2) return findings;
  const estimate = ctx.rangeEstimate();
  if (estimate === null) return findings;
  const used = ctx.passiveRange();
  const meaning = used.scattered
    ? `They spread too far for a configured range: the server seems to pick any free port, so no firewall can open "the" range. ${configureRange(ctx.software, used.range)}`
    : used.confidence === 'stated'
      ? `Fixes use the range you gave, ${formatRange(used.range)}.`
      : used.confidence === 'inferred'
        ? `Fixes use ${formatRange(used.range)}. ${whereRangeIsSet(ctx.software)}`
        : `Too few samples to write a range into a rule (--samples ${ENOUGH_SAMPLES} or more gives one). ${whereRangeIsSet(ctx.software)}`;
  findings.push(
    finding('passive.range-observed', {
      step: 'epsv',
      detail: `${capitalise(describeRangeEstimate(estimate))}. ${meaning}`,
    }),
  );
  return findings;
}

/** configureRange: for ports that spread too far, where to pin a range (or that there is no such setting). */
function configureRange(software: string, suggested: PortRange): string {
  const where = passiveRangeSetting(software);
  return where === null
    ? whereRangeIsSet(software)
    : `Configure a passive range in ${where} (fixes use ${formatRange(suggested)} as a suggestion).`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * rangeSentence: for a data-port finding, the ports seen and the range they suggest, and where
 * the detected server keeps the real setting.
 */
function rangeSentence(ctx: DiagnosisContext): string {
  const stated = ctx.options.statedPassiveRange ?? null;
  if (stated !== null)
    return ` You gave the passive range as ${formatRange(stated)} (--pasv-range); the fixes open that range.`;
  const estimate = ctx.rangeEstimate();
  if (estimate === null) return '';
  return ` ${capitalise(describeRangeEstimate(estimate))}. ${whereRangeIsSet(ctx.software, looksScattered(estimate))}`;
}

function describeAttempt(code: number | undefined, parseError: string | null | undefined): string {
  if (parseError) return `unreadable reply: ${parseError}`;
  return code === undefined ? 'no reply' : `answered ${code}`;
}

/**
 * knownFor recognises a reply's text (knownMessages.ts), but only where it can be the detected
 * server's: a row written for vsftpd ("550 Permission denied." means pasv_enable=NO) must not
 * explain the same words from ProFTPD. With the software unknown, every row may apply.
 */
function knownFor(ctx: DiagnosisContext, reply: Reply): KnownMessage | null {
  const known = recognizeMessage(reply.code, reply.text);
  if (!known) return null;
  const software = ctx.software;
  return known.software === 'generic' || software === 'unknown' || known.software === software ? known : null;
}

/** knownExplanation: what a recognised server message says beyond its code, or null. */
function knownExplanation(ctx: DiagnosisContext, reply: Reply): string | null {
  return knownFor(ctx, reply)?.explanation ?? null;
}

function withSpace(text: string | null): string {
  return text ? ` ${text}` : '';
}

/**
 * passiveRefusalMeaning explains why both passive commands failed, from the server's own words
 * when they are recognised (vsftpd "550 Permission denied." with pasv_enable=NO, ProFTPD's
 * "501 EPSV: Operation not permitted" from a <Limit> section), else in general terms.
 */
function passiveRefusalMeaning(ctx: DiagnosisContext, epsv: Reply | null, pasv: Reply | null): string {
  const epsvKnown = epsv ? knownFor(ctx, epsv) : null;
  const pasvKnown = pasv ? knownFor(ctx, pasv) : null;
  const explanations = [epsvKnown, pasvKnown].filter((known) => known !== null);
  if (explanations.length === 0) return 'Passive mode is disabled or broken in the server.';
  // One sentence when both replies mean the same thing (vsftpd answers both with the same text).
  const distinct = explanations.filter((known, i) => explanations.findIndex((k) => k.id === known.id) === i);
  return distinct.map((known) => known.explanation).join(' ');
}

/**
 * epsvAloneMeaning: why EPSV was refused while PASV works. vsftpd's "550 Permission denied." then
 * cannot mean pasv_enable=NO (that refuses PASV too) nor any write switch: it comes from EPSV being
 * listed in cmds_denied or left out of cmds_allowed (vsftpd.conf(5); postlogin.c checks both
 * before dispatching a command).
 */
function epsvAloneMeaning(ctx: DiagnosisContext, reply: Reply): string {
  const known = knownFor(ctx, reply);
  if (known?.id === 'vsftpd.permission-denied')
    return 'With PASV working, vsftpd answers this to EPSV alone when cmds_denied lists EPSV, or when cmds_allowed is set and leaves it out.';
  return known?.explanation ?? epsvRefusalMeaning(reply.code);
}

function epsvRefusalMeaning(code: number): string {
  if (code === 500 || code === 502)
    return 'The server does not know EPSV (it predates RFC 2428) or has it disabled.';
  if (code === 501) return 'The server did not accept the command as sent.';
  if (code === 522) return 'The server does not support the requested network protocol.';
  if (code === 425 || code === 520) return 'The server could not open a passive socket.';
  if (code === 530) return 'The server wants a login first.';
  if (code === 550)
    return 'The server refuses EPSV by its configuration (vsftpd does so when cmds_denied lists EPSV).';
  return '';
}

function portEvidence(label: string, test: PortTest) {
  return observation(
    `${label}: TCP connect to ${formatEndpoint(test.host, test.port)} → ${test.outcome}${test.errno ? ` (${test.errno})` : ''} after ${test.durationMs} ms`,
  );
}

/**
 * portFindings: one finding per failure kind, naming each mode and port that showed it. A port that
 * fails in either mode is a failure, because clients differ: curl uses EPSV, FileZilla PASV on IPv4.
 */
/**
 * CUT_SILENCE_PROOF_MS: a port test the deadline or a signal cut counts as "filtered" only after
 * this much silence, and only when that is several times what the control connection's own TCP
 * handshake took. A SYN is answered within one round trip (RFC 9293 §3.5); a test cut a few
 * milliseconds after it began proves nothing.
 */
const CUT_SILENCE_PROOF_MS = 1000;

/** provenTest: the port test as evidence, or null when a cut ended it too soon to show anything. */
function provenTest(ctx: DiagnosisContext, test: PortTest | null | undefined): PortTest | null {
  if (!test) return null;
  if (test.cutShort === undefined) return test;
  const handshakeMs = ctx.result.steps.find((s) => s.name === 'connect')?.durationMs ?? 0;
  return test.durationMs >= Math.max(CUT_SILENCE_PROOF_MS, 4 * handshakeMs) ? test : null;
}

function portFindings(
  ctx: DiagnosisContext,
  epsvTest: PortTest | null,
  pasvTest: PortTest | null,
): Finding[] {
  const tests: { mode: Mode; test: PortTest }[] = [];
  if (epsvTest) tests.push({ mode: 'epsv', test: epsvTest });
  if (pasvTest) tests.push({ mode: 'pasv', test: pasvTest });
  const findings: Finding[] = [];
  for (const outcome of ['filtered', 'closed', 'unreachable'] as const) {
    const failing = tests.filter((t) => t.test.outcome === outcome);
    if (failing.length === 0) continue;
    const working = tests.filter((t) => t.test.outcome === 'open').map((t) => t.mode.toUpperCase());
    // "EPSV and PASV port 40012" when both handed out the same port (a freed port comes back).
    const samePort = failing.length === 2 && failing[0]!.test.port === failing[1]!.test.port;
    const list = samePort
      ? `EPSV and PASV port ${failing[0]!.test.port}`
      : failing.map((t) => `${t.mode.toUpperCase()} port ${t.test.port}`).join(' and ');
    const host = failing[0]!.test.host;
    const also = working.length > 0 ? ` (${working.join(' and ')} works, so clients using it are fine.)` : '';
    // A wait the deadline or a signal ended: the port was silent for as long as the probe waited.
    const cut = failing.find((t) => t.test.cutShort !== undefined)?.test;
    const waited = cut
      ? ` — no answer within ${(cut.durationMs / 1000).toFixed(1)} s (${cut.cutShort === 'deadline' ? 'deadline' : 'interrupted'})`
      : '';
    findings.push(
      finding(PORT_FINDING[outcome], {
        step: failing[0]!.mode,
        title: `${titleFor(outcome)}: ${list}${waited}`,
        detail: `${portMeaning(outcome, list, host, cut ? cut.durationMs : ctx.result.options.dataTimeoutMs, isLoopback(ctx.controlAddress ?? host))}${cut ? ` The probe stopped waiting when the ${cut.cutShort === 'deadline' ? 'overall deadline (--deadline) ran out' : 'user interrupted it'}, before the data timeout of ${ctx.result.options.dataTimeoutMs} ms.` : ''}${also}${rangeSentence(ctx)}`,
        evidence: failing.map((t) => portEvidence(t.mode.toUpperCase(), t.test)),
        fixes: ctx.dataPortFixes(BLOCKING[outcome]),
      }),
    );
  }
  return findings;
}

function titleFor(outcome: Exclude<PortTestOutcome, 'open'>): string {
  if (outcome === 'closed') return 'Passive data port closed (connection refused)';
  if (outcome === 'filtered') return 'Passive data port filtered (no answer)';
  return 'Passive data port unreachable (ICMP error)';
}

function portMeaning(
  outcome: Exclude<PortTestOutcome, 'open'>,
  list: string,
  host: string,
  timeoutMs: number,
  loopback: boolean,
): string {
  // Over loopback no device sits in between: only the host's own packet filter can answer.
  if (loopback && outcome !== 'unreachable') {
    return outcome === 'closed'
      ? `The server handed out ${list}, but a connection to ${host} was refused. Over loopback nothing sits in between, and servers listen on a passive port before announcing it: either a packet filter on this host REJECTs the passive range, or the server does not listen where it said (another address, or a port it never opened). Clients fail at once with "connection refused" when they open the data connection.`
      : `The server handed out ${list}, but a connection to ${host} got no answer within ${timeoutMs} ms. Over loopback a closed port answers at once, so a packet filter on this host silently drops the passive port range. This is the classic "login works, then the listing hangs" failure.`;
  }
  switch (outcome) {
    case 'closed':
      return `The server handed out ${list}, but a connection to ${host} was refused (a TCP reset, or an ICMP port-unreachable, which is what an iptables REJECT sends by default). Either a firewall REJECTs the passive range, or a NAT/port-forward sends it to a host where nothing listens (a port forward for 21 only), or the server announces ports it does not listen on. Clients fail at once with "connection refused" when they open the data connection for a listing or transfer.`;
    case 'filtered':
      return `The server handed out ${list}, but a connection to ${host} got no answer within ${timeoutMs} ms. A firewall in front of the server (or a cloud security group) silently drops the passive port range. This is the classic "login works, then the listing hangs" failure.`;
    case 'unreachable':
      return `The server handed out ${list}, but connecting to ${host} drew an ICMP error: a firewall rejects the passive port range with an ICMP message (e.g. admin-prohibited), or there is no route.`;
  }
}

/** What every judge of the listing sees: the transfer, its replies and failure, and their evidence. */
interface ListingOutcome {
  readonly ctx: DiagnosisContext;
  readonly transfer: TransferData;
  readonly command: string | null;
  readonly final: Reply | null;
  readonly preliminary: Reply | null;
  readonly failure: FailureInfo | undefined;
  readonly evidence: Evidence[];
}

/** A listing judge names one thing that happened to the listing, or returns null when it did not. */
type ListingJudge = (outcome: ListingOutcome) => Finding | null;

/** transferFindings: what happened to the listing once a data port was known to work. */
export function transferFindings(ctx: DiagnosisContext): Finding[] {
  const transfer = ctx.data('transfer');
  if (!transfer) return [];
  const preliminary = transfer.preliminaryReply;
  const final = transfer.finalReply;
  const failure = transfer.failure;
  const command = transfer.command;
  const outcome: ListingOutcome = {
    ctx,
    transfer,
    command,
    final,
    preliminary,
    failure,
    evidence: [
      ...(preliminary ? [replyEvidence(command, preliminary)] : []),
      ...(final ? [replyEvidence(preliminary ? null : command, final)] : []),
      ...(failure ? [failureEvidence(failure)] : []),
    ],
  };
  for (const judge of LISTING_JUDGES) {
    const found = judge(outcome);
    if (found) return [found];
  }
  return [];
}

/** listingPortFailed: the TCP connect to the port given for the listing failed. */
function listingPortFailed({ ctx, transfer, failure }: ListingOutcome): Finding | null {
  if (transfer.dataConnected !== false || failure?.kind !== 'transport') return null;
  // Only what a TCP connect can show; a TLS or other failure is not a port state.
  const connectFailure = ['refused', 'timeout', 'unreachable'].includes(failure.failure);
  const outcome = connectFailureOutcome(failure.failure);
  if (!connectFailure || outcome === 'open') return null;
  const tested = ctx.data(transfer.via ?? 'epsv')?.portTest;
  const testedText =
    tested?.outcome === 'open' ? `, although port ${tested.port}, tested a moment earlier, answered` : '';
  return finding(PORT_FINDING[outcome], {
    step: 'transfer',
    title: `${titleFor(outcome)}: port ${transfer.dataPort} given for the listing`,
    detail: `The server gave port ${transfer.dataPort} for the listing and a connection to it was ${outcome === 'closed' ? 'refused' : outcome === 'filtered' ? 'not answered' : 'rejected with an ICMP error'}${testedText}. The server hands out ports from a range that a firewall opens only in part, so transfers fail at random. Run with --samples 10 --scan-range to map which ports are blocked.`,
    evidence: [failureEvidence(failure)],
    fixes: ctx.dataPortFixes(BLOCKING[outcome]),
  });
}

/**
 * listingTruncated: ftp-doctor stops reading a listing at MAX_LISTING_BYTES and closes the data
 * connection, so the server's 426 (or silence) that follows is its own doing: the data channel
 * has carried a megabyte, which is all the proof the probe needs.
 */
function listingTruncated({ transfer, final, evidence }: ListingOutcome): Finding | null {
  if (transfer.bytes < MAX_LISTING_BYTES) return null;
  return finding('transfer.truncated', {
    detail: `The listing was still going after ${MAX_LISTING_BYTES / 1024 / 1024} MiB, so ftp-doctor stopped reading and closed the data connection${final ? ` (the server then answered ${final.code})` : ''}. The data channel works. A directory this large is slow for every client; a listing that never ends points at a server bug (a symlink loop, or a listing that repeats).`,
    evidence: [observation(`${transfer.bytes} bytes received over the data connection`), ...evidence],
  });
}

function dataTlsFailed({ ctx, failure, evidence }: ListingOutcome): Finding | null {
  if (failure?.kind !== 'transport' || failure.channel !== 'data' || failure.failure !== 'tls') return null;
  return finding('transfer.tls-data-failed', {
    detail: `The TLS handshake on the data connection failed: ${failure.message}. The control connection's TLS worked, so look at the server's data-channel TLS settings (session reuse, certificate, protocols).`,
    evidence,
    fixes: ctx.serverFixes('tls-session-reuse'),
  });
}

function listingErrorReply({ ctx, command, final, preliminary, evidence }: ListingOutcome): Finding | null {
  if (!final || final.code < 400) return null;
  const known = knownFor(ctx, final);
  const knownText = known ? ` ${known.explanation}` : '';
  const reuse = final.code === 522 || /session reuse|not resumed|resum/i.test(final.text);
  const id: FindingId = reuse
    ? 'transfer.tls-data-failed'
    : preliminary
      ? 'transfer.failed'
      : 'transfer.refused';
  return finding(id, {
    detail: `${command ?? 'The listing'} was answered with ${final.code} ("${firstLine(final)}").${knownText || ` ${transferMeaning(final.code)}`}`,
    evidence,
    fixes: reuse
      ? ctx.serverFixes('tls-session-reuse')
      : final.code === 425
        ? ctx.serverFixes('allow-data-from-other-ip')
        : [],
  });
}

function listingTimedOut({ ctx, transfer, preliminary, failure, evidence }: ListingOutcome): Finding | null {
  if (failure?.kind !== 'transport' || failure.failure !== 'timeout') return null;
  const stalledMidway = failure.channel === 'data' && transfer.bytes > 0;
  const received = observation(`${transfer.bytes} bytes received over the data connection`);
  return finding('transfer.data-timeout', {
    // The title names the channel that went quiet, as the evidence does.
    ...(failure.channel === 'control'
      ? {
          title: `The listing never finished: no final reply after ${preliminary?.code ?? 'the command'}`,
        }
      : {}),
    detail: stalledMidway
      ? stalledDetail(ctx, transfer.bytes)
      : silentDetail(ctx, preliminary, failure.channel),
    // In time order: the 1yz reply, the bytes that came, then the silence.
    evidence: stalledMidway ? [...evidence.slice(0, -1), received, ...evidence.slice(-1)] : evidence,
    fixes: stalledMidway && !overLoopback(ctx) ? pathMtuFixes() : [],
  });
}

function overLoopback(ctx: DiagnosisContext): boolean {
  const address = ctx.controlAddress;
  return address !== null && isLoopback(address);
}

/** RERUN_LONGER: the one step that tells a slow server from a stuck one. */
const RERUN_LONGER = 'run again with a longer --data-timeout (a slow server then finishes)';

/** silentDetail: nothing came at all after the listing command's 1yz (or no 1yz). */
function silentDetail(ctx: DiagnosisContext, preliminary: Reply | null, channel: string): string {
  const silent = `${preliminary ? `After ${preliminary.code} the` : 'The'} ${channel === 'data' ? 'data connection' : 'server'} stayed silent for ${ctx.result.options.dataTimeoutMs} ms.`;
  if (overLoopback(ctx)) {
    return `${silent} Over loopback nothing sits in between, so the server itself did not send: ${RERUN_LONGER}, and look at what the server process waits on (a slow or hung storage mount, a huge directory).`;
  }
  return `${silent} A firewall that lets the connection open but drops its packets, a broken NAT helper, or a server stuck reading the directory can cause this. To tell them apart, ${RERUN_LONGER}, and look in the server's log for whether it sent the listing.`;
}

/**
 * stalledDetail: part of the listing came, then nothing. Over loopback only the server can have
 * stopped. On a routed path, data that starts and then stops is also how a path-MTU black hole
 * shows (RFC 2923 §2.1): small segments pass, full-size ones are dropped where the MTU shrinks
 * and the ICMP that would say so (RFC 1191 §4) is filtered.
 */
function stalledDetail(ctx: DiagnosisContext, bytes: number): string {
  const stalled = `${bytes} bytes of the listing arrived, then the data connection stayed silent for ${ctx.result.options.dataTimeoutMs} ms.`;
  if (overLoopback(ctx)) {
    return `${stalled} Over loopback nothing sits in between, so the server stopped sending: ${RERUN_LONGER}, and look at what the server process waits on.`;
  }
  return `${stalled} Either the server stopped sending, or the path drops the rest. One path fault fits data that starts and then stops: a path-MTU black hole, where small packets pass but full-size ones are dropped on a link with a smaller MTU (a VPN, tunnel or PPPoE hop) and the ICMP "fragmentation needed" message that would make the server send smaller ones is filtered. To tell them apart, ${RERUN_LONGER}: a listing that stops after the same number of bytes every time, while short listings pass, points at the path.`;
}

function listingFailed({ preliminary, failure, evidence }: ListingOutcome): Finding | null {
  if (!failure || failure.kind === 'deadline') return null;
  return finding(preliminary ? 'transfer.failed' : 'transfer.refused', {
    detail: `The listing failed: ${failure.message}.`,
    evidence,
  });
}

/** sessionReuseRequired: the listing worked, but only over a data connection that resumed TLS. */
function sessionReuseRequired({ ctx, transfer, command, final }: ListingOutcome): Finding | null {
  if (transfer.tlsSessionReused !== true || ctx.data('tls')?.dataProtection !== 'private') return null;
  if (!transfer.reuseRequired) return null;
  // The check's own exchange (the last listing, over a data connection that did not resume)
  // proves the requirement; the first listing shows that resuming works.
  const check = [...(ctx.step('transfer')?.exchanges ?? [])].reverse().find((e) => e.command === command);
  const refusal = check?.replies.at(-1) ?? null;
  const refusalEvidence = refusal
    ? [replyEvidence(`${command} (data connection without session resumption)`, refusal)]
    : check?.failure
      ? [failureEvidence(check.failure)]
      : [];
  const how = refusal ? ` with ${refusal.code} ("${firstLine(refusal)}")` : '';
  const after = serverHungUpAfterCheck(ctx)
    ? ` The server then closed the control connection too, ending the session${ctx.software === 'vsftpd' ? ': vsftpd ends the whole session when a data connection fails its TLS checks' : ''}.`
    : '';
  return finding('transfer.tls-session-reuse', {
    detail: `The server refused a data connection that did not resume the control connection’s TLS session${how}, and accepted the one that did. ftp-doctor resumes the session, so the listing worked; clients that do not resume it (some libraries and older tools) fail the same way. curl, FileZilla and WinSCP resume.${after}`,
    evidence: [
      observation(
        `${command ?? 'listing'} over a data connection that resumed the control TLS session: ${final?.code ?? 'no reply'}`,
      ),
      ...refusalEvidence,
    ],
    // Requiring reuse is a protection (vsftpd's default): nothing on the server to weaken.
    fixes: [sessionResumptionClientNote()],
  });
}

/** serverHungUpAfterCheck: the reuse check runs last; a server that hangs up after it leaves QUIT without a reply. */
function serverHungUpAfterCheck(ctx: DiagnosisContext): boolean {
  const quit = ctx.step('quit');
  const quitData = ctx.data('quit');
  return (
    quit !== undefined &&
    (quit.ran
      ? quitData?.failure?.kind === 'transport'
      : quit.skippedReason === 'the control connection is gone' ||
        quit.skippedReason === 'the server had already closed the connection')
  );
}

/** LISTING_JUDGES: tried in this order; the first that recognises what happened names it. */
const LISTING_JUDGES: readonly ListingJudge[] = [
  listingPortFailed,
  listingTruncated,
  dataTlsFailed,
  listingErrorReply,
  listingTimedOut,
  listingFailed,
  sessionReuseRequired,
];

function transferMeaning(code: number): string {
  if (code === 425) return 'The server could not open or accept the data connection.';
  if (code === 426) return 'The data connection broke during the transfer.';
  if (code === 450) return 'The directory is temporarily unavailable (locked or busy).';
  if (code === 451) return 'The server hit a local error while reading the directory.';
  if (code === 550) return 'The directory does not exist or this user may not read it.';
  if (code === 530) return 'The server wants a login for this.';
  if (code === 521 || code === 534) return 'The server requires a protected (TLS) data channel.';
  return '';
}

/**
 * activeFixes: in active mode the server opens the data connection to the client, so the client's
 * firewall (or NAT) must let it in. Passive mode avoids the problem altogether; the conntrack
 * helper on the client opens exactly the announced port; the server must be allowed out.
 */
function activeFixes(ctx: DiagnosisContext, listenPort: number): Fix[] {
  const prefer: Fix = {
    audience: 'client',
    dialect: 'generic',
    title: 'Prefer passive mode',
    sources: [
      rfc(959, '4.1.2'),
      cite('curl.1', '--ftp-port'),
      cite('filezilla-network-wiki', 'Passive mode'),
    ],
    text: 'Use passive mode (EPSV/PASV) in the client: the client then opens every connection and no inbound rule is needed.\ncurl uses passive mode unless given --ftp-port; FileZilla: Settings > Connection > FTP > Passive (recommended).',
  };
  const serverEgress: Fix = {
    audience: 'firewall',
    dialect: 'generic',
    title: 'Let the server connect out',
    sources: [rfc(959, '3.2'), cite('vsftpd.conf.5', 'connect_from_port_20')],
    text: `The server's own firewall must allow outgoing TCP connections from the server (vsftpd and ProFTPD use source port 20 when configured so, e.g. vsftpd connect_from_port_20=YES) to the client's data ports.`,
  };
  const client = firewallFixes({
    purpose: 'accept-active-data',
    ports: { low: listenPort, high: listenPort },
    family: ctx.family,
    rangeConfidence: 'single',
    controlPort: ctx.result.target.port,
    ...(ctx.controlAddress ? { serverAddress: ctx.controlAddress } : {}),
    dialects: ['conntrack', 'iptables', 'nftables'],
  });
  return [prefer, ...client, serverEgress];
}

/** activeFindings: outcomes of --active (EPRT/PORT). */
export function activeFindings(ctx: DiagnosisContext): Finding[] {
  const active = ctx.data('active');
  if (!active) return [];
  const findings: Finding[] = [];
  for (const attempt of active.attempts) {
    const reply = attempt.reply;
    const evidence = reply ? [replyEvidence(`${attempt.command} …`, reply)] : [];
    if (attempt.connectedBack && (attempt.transferReply?.code ?? 0) < 400) {
      findings.push(
        finding('active.works', {
          step: 'active',
          title: `Active mode (${attempt.command}) works`,
          detail: `The server connected back from ${attempt.connectedFrom ?? 'its address'} to ${formatEndpoint(attempt.listenAddress, attempt.listenPort)}.`,
          evidence,
        }),
      );
    } else if (reply && reply.code >= 500) {
      findings.push(
        finding('active.refused', {
          title: `The server refused ${attempt.command}`,
          detail: `${attempt.command} was answered with ${reply.code} ("${firstLine(reply)}"). ${knownExplanation(ctx, reply) ?? "Servers refuse active mode when it is disabled, or when the address is not the client's own (a NAT in between rewrote nothing)."} Use passive mode.`,
          evidence,
        }),
      );
    } else if (attempt.transferReply && attempt.transferReply.code === 425) {
      findings.push(
        finding('active.server-cannot-connect', {
          detail: `The server accepted ${attempt.command} but could not connect to ${formatEndpoint(attempt.listenAddress, attempt.listenPort)} (425): a firewall on the client side or on the server's outbound path blocks it, or NAT hides the client. Prefer passive mode; otherwise allow the server's connections in.`,
          evidence: [...evidence, replyEvidence(null, attempt.transferReply)],
          fixes: activeFixes(ctx, attempt.listenPort),
        }),
      );
    } else if (reply && reply.code < 300 && !attempt.connectedBack) {
      findings.push(
        finding('active.no-connection', {
          detail: `The server accepted ${attempt.command} (${reply.code}) but never connected to ${formatEndpoint(attempt.listenAddress, attempt.listenPort)}. A client-side firewall or NAT drops the server's connection. Prefer passive mode.`,
          evidence,
          fixes: activeFixes(ctx, attempt.listenPort),
        }),
      );
    }
  }
  return findings;
}
