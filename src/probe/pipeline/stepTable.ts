import { activeStep } from '../steps/activeStep.js';
import { bannerStep } from '../steps/bannerStep.js';
import { connectStep } from '../steps/connectStep.js';
import { featuresAfterLogin, featuresStep } from '../steps/featuresStep.js';
import { fingerprintAfterLogin, fingerprintBeforeLogin } from '../steps/fingerprintQueries.js';
import { loginStep } from '../steps/loginStep.js';
import { middleboxStep } from '../steps/middleboxStep.js';
import { epsvAllCheck, epsvStep, pasvStep } from '../steps/passiveSteps.js';
import { pasvOnSecondConnection } from '../steps/pasvOnSecondConnection.js';
import { quitStep } from '../steps/quitStep.js';
import { rangeSampling } from '../steps/rangeSampling.js';
import { resolveStep } from '../steps/resolveStep.js';
import { resumptionCheck } from '../steps/resumptionCheck.js';
import { scanStep } from '../steps/scanStep.js';
import { implicitTlsStep, protectDataChannel, tlsStep } from '../steps/tlsStep.js';
import { sessionReuseCheck, transferAfterEpsv, transferAfterPasv } from '../steps/transferStep.js';
import { writeStep } from '../steps/writeStep.js';
import type { StepName } from '../types.js';
import type { AnyProbeStep } from './probeStep.js';

/**
 * STEP_TABLE is the probe, in the order the runner walks it (docs/architecture.md, "The step
 * table"). Each module's guard decides whether it runs; `concurrent` modules are started and left
 * running while the next ones go on. The report shows steps in STEP_ORDER, whatever the order
 * here.
 */
export const STEP_TABLE = [
  resolveStep,
  connectStep,
  implicitTlsStep,
  bannerStep,
  featuresStep,
  fingerprintBeforeLogin,
  tlsStep,
  loginStep,
  protectDataChannel,
  pasvOnSecondConnection,
  featuresAfterLogin,
  epsvStep,
  transferAfterEpsv,
  pasvStep,
  transferAfterPasv,
  writeStep,
  activeStep,
  scanStep,
  rangeSampling,
  middleboxStep,
  sessionReuseCheck,
  resumptionCheck,
  epsvAllCheck,
  fingerprintAfterLogin,
  quitStep,
] as const satisfies readonly AnyProbeStep[];

/**
 * STEP_ORDER: the order of the steps in the report, whatever the order the modules run in (the
 * listing after EPSV runs before PASV, and is shown after it).
 */
export const STEP_ORDER = [
  'resolve',
  'connect',
  'banner',
  'features',
  'tls',
  'login',
  'epsv',
  'pasv',
  'transfer',
  'write',
  'middlebox',
  'active',
  'scan',
  'quit',
] as const satisfies readonly StepName[];

/** A step missing from STEP_ORDER fails to compile here, naming the step. */
type StepWithoutPlace = Exclude<StepName, (typeof STEP_ORDER)[number]>;
export const everyStepHasAPlace: [StepWithoutPlace] extends [never] ? true : StepWithoutPlace = true;

/** A step without a module that writes its record fails to compile here, naming the step. */
type StepWithoutModule = Exclude<StepName, Extract<(typeof STEP_TABLE)[number], { kind: 'main' }>['step']>;
export const everyStepHasAModule: [StepWithoutModule] extends [never] ? true : StepWithoutModule = true;
