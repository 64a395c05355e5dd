import type { ProbeResult, StepName, StepStatus } from '../../probe/types.js';
import { isLoopback } from '../../protocol/address.js';
import {
  type Diagnosis,
  EXIT,
  type ExitCode,
  type Finding,
  type StepVerdict,
  type Verdict,
} from '../types.js';
import { otherServerFindings } from './backendRules.js';
import { bannerFindings, connectFindings, resolveFindings } from './connectionRules.js';
import { DiagnosisContext, type DiagnosisOptions } from './context.js';
import { activeFindings, passiveFindings, transferFindings } from './dataRules.js';
import { finding } from './findingBuilder.js';
import { rankFixes } from './fixes/fixRanking.js';
import { epsvAllFindings, ipv6Findings, scanFindings } from './pathRules.js';
import { protocolViolationFindings } from './protocolRules.js';
import { oversizedReplyFindings, unusualTextFindings } from './replyTextRules.js';
import { featuresFindings, loginFindings, tlsFindings } from './sessionRules.js';
import { stepOwnFindings, summarizeStep } from './stepKnowledge.js';
import { tlsDataPolicyFindings } from './tlsDataRules.js';
import { leadingWarning } from './warningOrder.js';

export type { DiagnosisOptions } from './context.js';

/**
 * diagnose is the pure judgement over what a probe collected: findings with their evidence and
 * fixes, a status per step (its worst finding), and the verdict with the exit code (docs/architecture.md, "Exit codes").
 */
export function diagnose(result: ProbeResult, options: DiagnosisOptions): Diagnosis {
  const ctx = new DiagnosisContext(result, options);
  const written: Finding[] = [
    ...resolveFindings(ctx),
    ...connectFindings(ctx),
    ...bannerFindings(ctx),
    ...featuresFindings(ctx),
    ...tlsFindings(ctx),
    ...loginFindings(ctx),
    ...passiveFindings(ctx),
    ...transferFindings(ctx),
    ...tlsDataPolicyFindings(ctx),
    ...otherServerFindings(ctx),
    ...activeFindings(ctx),
    ...scanFindings(ctx),
    ...epsvAllFindings(ctx),
    ...ipv6Findings(ctx),
    ...protocolViolationFindings(ctx),
    ...oversizedReplyFindings(ctx),
    ...unusualTextFindings(ctx),
    ...stepOwnFindings(ctx),
  ];
  // Ranked once here, so every format prints the fixes in the same order.
  const facts = {
    loopback: isLoopback(ctx.controlAddress ?? ''),
    software: ctx.software,
    passivePortsScattered: ctx.passiveRange().scattered,
  };
  const findings = [...withoutCutEvidence(result, written), ...interruptionFindings(ctx)].map((f) =>
    rankFixes(f, facts),
  );
  const steps = result.steps.map((step): StepVerdict => {
    const mine = findings.filter((f) => f.step === step.name || sharesDataPortFinding(ctx, step.name, f));
    return {
      name: step.name,
      status: stepStatus(step.ran, mine),
      summary: summarizeStep(step, ctx.fingerprint),
    };
  });
  return {
    server: ctx.fingerprint,
    findings,
    steps,
    verdict: verdictOf(result, findings),
  };
}

/**
 * verdictOf: the verdict over a probe's findings, an interruption included (INTERRUPTED after a
 * signal, INCOMPLETE or the failure shown after the deadline).
 */
export function verdictOf(result: ProbeResult, findings: readonly Finding[]): Verdict {
  return interruptedVerdict(result, findings) ?? verdictFor(findings);
}

/**
 * withoutCutEvidence drops the findings whose only proof is the interruption itself: a wait the
 * deadline or a signal ended (a failure of kind 'deadline') says nothing about the server, so
 * "login failed: interrupted by a signal" is not a finding. A data port that stayed silent until
 * the cut is evidence of its own (PortTest.cutShort) and is kept by its rule.
 */
function withoutCutEvidence(result: ProbeResult, findings: readonly Finding[]): Finding[] {
  if (result.interrupted === null) return [...findings];
  const cutMessages = new Set<string>();
  collectCutMessages(result.steps, cutMessages);
  if (cutMessages.size === 0) return [...findings];
  const provenByCut = (f: Finding): boolean =>
    f.evidence.some(
      (e) =>
        (e.kind === 'observation' || e.kind === 'error') &&
        [...cutMessages].some((message) => (e.kind === 'observation' ? e.text : e.message).includes(message)),
    );
  return findings.filter((f) => !provenByCut(f));
}

/** collectCutMessages finds every recorded failure of kind 'deadline', however deep in a step's data. */
function collectCutMessages(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectCutMessages(item, into);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  if (record.kind === 'deadline' && typeof record.message === 'string') into.add(record.message);
  for (const child of Object.values(record)) collectCutMessages(child, into);
}

/**
 * stepCutShort names the step the deadline or the signal ended: the one the runner marked
 * `cutShort`, else the last that ran (the cut fell between two steps).
 */
export function stepCutShort(result: ProbeResult): StepName {
  const marked = result.steps.find((s) => s.cutShort !== undefined);
  const lastRan = [...result.steps].reverse().find((s) => s.ran);
  return marked?.name ?? lastRan?.name ?? 'resolve';
}

function interruptedExit(result: ProbeResult): ExitCode {
  return result.interruptedBy === 'SIGTERM' ? EXIT.interruptedBySigterm : EXIT.interruptedBySigint;
}

/**
 * interruptionFindings: one warning naming the step the probe was in. It is a warning, not an
 * error: the interruption says nothing about the server; the verdict carries it instead.
 */
function interruptionFindings(ctx: DiagnosisContext): Finding[] {
  const interrupted = ctx.result.interrupted;
  if (!interrupted) return [];
  const step = stepCutShort(ctx.result);
  const seconds = formatSeconds(ctx.result.options.deadlineMs);
  return [
    finding('probe.interrupted', {
      step,
      title:
        interrupted === 'signal'
          ? `The probe was interrupted (${ctx.result.interruptedBy ?? 'signal'}) during the ${step} step`
          : `The overall deadline (${seconds} s) ran out during the ${step} step`,
      detail:
        interrupted === 'signal'
          ? `The probe was stopped during the ${step} step; the steps after it did not run. The report shows what was found until then.`
          : `The probe reached its overall deadline (--deadline ${seconds} s) during the ${step} step; the steps after it did not run. Each step has its own timeout as well: a longer --deadline lets them decide.`,
      exitCode: interrupted === 'signal' ? interruptedExit(ctx.result) : EXIT.incomplete,
    }),
  ];
}

/**
 * interruptedVerdict: a signal makes the verdict INTERRUPTED (130 for SIGINT, 143 for SIGTERM)
 * whatever was found, since the user chose to stop. The deadline is part of the check: a failure
 * the evidence already shows (a data port that stayed silent until then) decides the verdict as
 * usual; without one the verdict is INCOMPLETE (11). Null when the probe ran to its end.
 */
function interruptedVerdict(result: ProbeResult, findings: readonly Finding[]): Verdict | null {
  if (result.interrupted === null) return null;
  const step = stepCutShort(result);
  const errors = findings.filter((f) => f.severity === 'error');
  const worst = [...errors].sort((a, b) => b.exitCode - a.exitCode)[0];
  const soFar = worst
    ? `; found so far: ${worst.title}${errors.length > 1 ? ` (+${errors.length - 1} more)` : ''}`
    : '';
  if (result.interrupted === 'signal') {
    const signal = result.interruptedBy ?? 'a signal';
    return {
      status: 'interrupted',
      exitCode: interruptedExit(result),
      headline: `INTERRUPTED: ${signal} stopped the probe during the ${step} step${soFar}`,
    };
  }
  if (worst) return verdictFor(findings);
  return {
    status: 'incomplete',
    exitCode: EXIT.incomplete,
    headline: `INCOMPLETE: the deadline (${formatSeconds(result.options.deadlineMs)} s) ran out during the ${step} step, before any failure showed`,
  };
}

function formatSeconds(ms: number): string {
  return Number((ms / 1000).toFixed(1)).toString();
}

/**
 * sharesDataPortFinding: one data-port finding covers both passive modes when both ports fail the
 * same way; each mode's step still shows as failed.
 */
function sharesDataPortFinding(ctx: DiagnosisContext, name: StepName, f: Finding): boolean {
  if (name !== 'epsv' && name !== 'pasv') return false;
  // Both modes refused is one finding, and both steps failed.
  if (f.id === 'passive.none') return true;
  if (!f.id.startsWith('data.port-')) return false;
  const outcome = ctx.data(name)?.portTest?.outcome;
  return outcome !== undefined && f.id === `data.port-${outcome}`;
}

function stepStatus(ran: boolean, findings: readonly Finding[]): StepStatus {
  if (!ran) return 'skipped';
  if (findings.some((f) => f.severity === 'error')) return 'fail';
  if (findings.some((f) => f.severity === 'warning')) return 'warn';
  return 'ok';
}

/** verdictFor: errors decide the exit code (the highest wins); warnings alone leave it at 0. */
export function verdictFor(findings: readonly Finding[]): Verdict {
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  if (errors.length > 0) {
    const worst = [...errors].sort((a, b) => b.exitCode - a.exitCode)[0]!;
    const exitCode = worst.exitCode;
    const more =
      errors.length > 1 ? ` (+${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
    return { status: 'failed', exitCode, headline: `FAILED: ${worst.title}${more}` };
  }
  if (warnings.length > 0) {
    const worst = leadingWarning(warnings)!;
    const more =
      warnings.length > 1 ? ` (+${warnings.length - 1} more warning${warnings.length > 2 ? 's' : ''})` : '';
    return {
      status: 'warning',
      exitCode: EXIT.healthy,
      headline: `WORKS WITH WARNINGS: ${worst.title}${more}`,
    };
  }
  return { status: 'healthy', exitCode: EXIT.healthy, headline: 'HEALTHY: control and data channels work' };
}
