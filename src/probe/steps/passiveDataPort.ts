import { toFailureInfo } from '../failureInfo.js';
import type { ProbeSession } from '../session.js';
import type { StepRecorder } from '../stepRecorder.js';
import type { FailureInfo } from '../types.js';
import { requestEpsv, requestPasv } from './passiveSteps.js';

/**
 * passiveDataPort asks for a passive data port once more (EPSV or PASV, whichever passed its
 * test-connect), for a transfer of its own. It gives the port, or the failure that stands in for
 * the transfer's record: the exchange failing, or a reply without a port (`noPortMessage`).
 */
export async function passiveDataPort<N extends 'transfer' | 'write'>(
  session: ProbeSession,
  recorder: StepRecorder<N>,
  via: 'epsv' | 'pasv',
  noPortMessage: string,
): Promise<number | { readonly failure: FailureInfo }> {
  let port: number | null;
  try {
    port =
      via === 'epsv'
        ? (await requestEpsv(session, recorder)).port
        : (await requestPasv(session, recorder)).port;
  } catch (error) {
    return { failure: toFailureInfo(error) };
  }
  if (port === null) return { failure: { kind: 'protocol', violation: 'no-port', message: noPortMessage } };
  return port;
}
