import type { ProbeResult, StepName, StepStatus } from '../../probe/types.js';
import { isLoopback } from '../../protocol/address.js';
import { type Diagnosis, EXIT, type Finding, type StepVerdict, type Verdict } from '../types.js';
import { otherServerFindings } from './backendRules.js';
import { bannerFindings, connectFindings, resolveFindings } from './connectionRules.js';
import { DiagnosisContext, type DiagnosisOptions } from './context.js';
import { activeFindings, passiveFindings, transferFindings } from './dataRules.js';
import { finding } from './findingBuilder.js';
import { rankFixes } from './fixes/fixRanking.js';
import { middleboxFindings } from './middleboxRules.js';
import { epsvAllFindings, ipv6Findings, scanFindings } from './pathRules.js';
import { protocolViolationFindings } from './protocolRules.js';
import { oversizedReplyFindings, unusualTextFindings } from './replyTextRules.js';
import { featuresFindings, loginFindings, tlsFindings } from './sessionRules.js';
import { STEP_EXIT } from './stepExit.js';
import { summarizeStep } from './stepSummaries.js';
import { tlsDataPolicyFindings } from './tlsDataRules.js';
import { writeFindings } from './writeRules.js';

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
    ...writeFindings(ctx),
    ...tlsDataPolicyFindings(ctx),
    ...middleboxFindings(ctx),
    ...otherServerFindings(ctx),
    ...activeFindings(ctx),
    ...scanFindings(ctx),
    ...epsvAllFindings(ctx),
    ...ipv6Findings(ctx),
    ...protocolViolationFindings(ctx),
    ...oversizedReplyFindings(ctx),
    ...unusualTextFindings(ctx),
    ...interruptionFindings(ctx),
  ];
  // Ranked once here, so every format prints the fixes in the same order.
  const facts = { loopback: isLoopback(ctx.controlAddress ?? ''), software: ctx.software };
  const findings = written.map((f) => rankFixes(f, facts));
  const steps = result.steps.map((step): StepVerdict => {
    const mine = findings.filter((f) => f.step === step.name || sharesDataPortFinding(ctx, step.name, f));
    return {
      name: step.name,
      status: stepStatus(step.ran, mine),
      summary: summarizeStep(step, ctx.fingerprint),
    };
  });
  return { server: ctx.fingerprint, findings, steps, verdict: verdictFor(findings) };
}

function interruptionFindings(ctx: DiagnosisContext): Finding[] {
  const interrupted = ctx.result.interrupted;
  if (!interrupted) return [];
  const cut = [...ctx.result.steps].reverse().find((s) => s.ran) ?? ctx.result.steps[0];
  const step = cut?.name ?? 'resolve';
  return [
    finding('probe.interrupted', {
      step,
      title: interrupted === 'signal' ? 'The probe was interrupted' : 'The overall deadline ran out',
      detail:
        interrupted === 'signal'
          ? `The probe was stopped during the ${step} step; the report shows what was found until then.`
          : `The probe hit its overall deadline (${ctx.result.options.deadlineMs} ms) during the ${step} step. Each step has its own timeout as well; a server this slow fails real clients too.`,
      exitCode: STEP_EXIT[step],
    }),
  ];
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
    const worst = warnings[0]!;
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
