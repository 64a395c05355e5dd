import type { StepName } from '../../probe/types.js';
import { EXIT, type ExitCode } from '../types.js';

/**
 * STEP_EXIT is the exit code of a step's category (docs/architecture.md, "Exit codes"), for
 * failures that belong to no finding of their own: a step where the server broke the protocol.
 * A probe stuck in the banner is a server that is not ready, one stuck in the listing is a
 * transfer failure. Every step has one, so a new step does not compile without it.
 */
export const STEP_EXIT: Readonly<Record<StepName, ExitCode>> = {
  resolve: EXIT.unreachable,
  connect: EXIT.unreachable,
  banner: EXIT.notReady,
  features: EXIT.notReady,
  tls: EXIT.tls,
  login: EXIT.login,
  epsv: EXIT.noPassive,
  pasv: EXIT.noPassive,
  transfer: EXIT.transfer,
  write: EXIT.transfer,
  middlebox: EXIT.notReady,
  // The optional checks: a broken reply there is the server's protocol, as in the banner.
  active: EXIT.notReady,
  scan: EXIT.notReady,
  quit: EXIT.notReady,
};
