import { ControlConnection } from '../../protocol/controlConnection.js';
import { toFailureInfo } from '../failureInfo.js';
import { type MainStep, RUN } from '../pipeline/probeStep.js';
import type { ProbeSession } from '../session.js';
import type { ConnectData } from '../types.js';

/**
 * connectStep opens the control connection to the resolved address. Implicit TLS is not started
 * here but in the tls step, so that "the port is closed" and "the port is open but TLS fails"
 * stay two findings.
 */
export const connectStep: MainStep<'connect', 'connect'> = {
  kind: 'main',
  id: 'connect',
  step: 'connect',
  needs: [],
  guard: () => RUN,
  run: ({ session, view }) => connectControl(session, view.data('resolve')?.chosen ?? ''),
  halts: (record) => (record.data?.failure ? 'no control connection' : null),
};

/** connectControl opens `session.control` to address and says how that went. */
export async function connectControl(session: ProbeSession, address: string): Promise<ConnectData> {
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
    return { address, port, family, localAddress: session.control.localAddress, implicitTls };
  } catch (error) {
    return { address, port, family, implicitTls, failure: toFailureInfo(error) };
  }
}
