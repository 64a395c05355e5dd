import type { StepName } from '../../probe/types.js';
import { EXIT, type ExitCode } from '../types.js';

/**
 * STEP_EXIT is the exit code of a step's category (DESIGN.md §5), for failures that belong to no
 * finding of their own: a step cut short by the deadline, or one where the server broke the
 * protocol. A probe stuck in the banner is a server that is not ready, one stuck in the listing
 * is a transfer failure.
 */
export const STEP_EXIT: Partial<Record<StepName, ExitCode>> = {
  resolve: EXIT.unreachable,
  connect: EXIT.unreachable,
  banner: EXIT.notReady,
  features: EXIT.notReady,
  tls: EXIT.tls,
  login: EXIT.login,
  epsv: EXIT.noPassive,
  pasv: EXIT.noPassive,
  transfer: EXIT.transfer,
  quit: EXIT.notReady,
};
