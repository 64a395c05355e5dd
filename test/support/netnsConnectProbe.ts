/**
 * netnsConnectProbe is bundled with esbuild and run by icmpErrno.test.ts inside a network
 * namespace (`ip netns exec`), where the test process itself cannot go. It connects to each
 * target with the real protocol code and prints what came back as one JSON line.
 */
import { ControlConnection } from '../../src/protocol/controlConnection.js';
import { testConnectPort } from '../../src/protocol/dataConnection.js';
import { TransportError } from '../../src/protocol/errors.js';

interface Target {
  readonly host: string;
  readonly port: number;
  readonly timeoutMs: number;
}

interface Observation {
  readonly host: string;
  readonly port: number;
  readonly portTest: { readonly outcome: string; readonly errno?: string };
  readonly control:
    | { readonly failure: string; readonly errno?: string; readonly channel: string }
    | 'connected';
}

async function observe(target: Target): Promise<Observation> {
  const [portTest, control] = await Promise.all([testConnectPort(target), connectControl(target)]);
  return {
    host: target.host,
    port: target.port,
    portTest: { outcome: portTest.outcome, ...(portTest.errno ? { errno: portTest.errno } : {}) },
    control,
  };
}

async function connectControl(target: Target): Promise<Observation['control']> {
  try {
    const connection = await ControlConnection.connect({ ...target, clock: () => 0 });
    connection.close();
    return 'connected';
  } catch (error) {
    if (!(error instanceof TransportError)) throw error;
    return { failure: error.failure, channel: error.channel, ...(error.errno ? { errno: error.errno } : {}) };
  }
}

// All at once: on IPv6 the kernel reports the ICMP error only for the retransmitted SYN, about a
// second later, and waiting for each target in turn would make the test slow.
const targets = JSON.parse(process.argv[2] ?? '[]') as Target[];
const observations = await Promise.all(targets.map(observe));
process.stdout.write(`${JSON.stringify(observations)}\n`);
