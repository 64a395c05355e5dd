import { ControlConnection } from '../../protocol/controlConnection.js';
import { toFailureInfo } from '../failureInfo.js';
import type { ProbeSession } from '../session.js';
import { StepRecorder } from '../stepRecorder.js';
import type { StepRecord } from '../types.js';

/**
 * connectStep opens the control connection. Implicit TLS is not started here but in the tls
 * step, so that "the port is closed" and "the port is open but TLS fails" stay two findings.
 */
export async function connectStep(session: ProbeSession, address: string): Promise<StepRecord<'connect'>> {
  const recorder = new StepRecorder('connect', session.now);
  const port = session.target.port;
  const family = address.includes(':') ? 6 : 4;
  const implicitTls = session.options.tls === 'implicit';
  try {
    session.control = await ControlConnection.connect({
      host: address,
      port,
      family,
      timeoutMs: session.deadline.timeoutFor(session.options.connectTimeoutMs),
      clock: session.now,
      signal: session.deadline.signal,
    });
    return recorder.finish({
      address,
      port,
      family,
      localAddress: session.control.localAddress,
      implicitTls,
    });
  } catch (error) {
    return recorder.finish({ address, port, family, implicitTls, failure: toFailureInfo(error) });
  }
}
