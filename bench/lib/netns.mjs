import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { sh, sleep } from './processes.mjs';

// Namespaces made here are named fdbench-<pid>-<n> and use 198.19.N.0/24 (inside the benchmark
// range 198.18.0.0/15, apart from the 198.18.N.0/30 subnets the test suites use).
const PREFIX = 'fdbench';
const TUN_DELAY = fileURLToPath(new URL('./tunDelay.py', import.meta.url));
let created = 0;

function pidIsAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** removeStaleNamespaces deletes namespaces an earlier benchmark run left when it was killed. */
export async function removeStaleNamespaces() {
  const list = await sh('ip', ['netns', 'list']).catch(() => '');
  for (const match of list.matchAll(new RegExp(`^${PREFIX}-(\\d+)-\\d+`, 'gm'))) {
    if (!pidIsAlive(Number(match[1]))) await sh('ip', ['netns', 'del', match[0]]).catch(() => undefined);
  }
}

async function freeSubnet() {
  const out = await sh('ip', ['-4', '-o', 'addr', 'show']);
  const used = new Set([...out.matchAll(/inet 198\.19\.(\d+)\.\d+/g)].map((m) => Number(m[1])));
  for (let n = 10; n < 250; n += 1) if (!used.has(n)) return n;
  throw new Error('no free 198.19.N.0/24 subnet');
}

function names() {
  created += 1;
  const tag = `${process.pid % 100_000}${created}`;
  return { name: `${PREFIX}-${process.pid}-${created}`, hostIf: `fdbh${tag}`, innerIf: `fdbn${tag}` };
}

function namespaceHandle(name, hostAddress, namespaceAddress, extra) {
  return {
    name,
    hostAddress,
    namespaceAddress,
    /** exec runs a command inside the namespace and returns its stdout. */
    exec: (command, args, options) => sh('ip', ['netns', 'exec', name, command, ...args], options),
    /** spawnInside starts a long-running process inside the namespace (ip netns exec execs it: same pid). */
    spawnInside: (command, args, options) =>
      spawn('ip', ['netns', 'exec', name, command, ...args], { stdio: 'ignore', ...options }),
    /** dropTcpPorts installs an nftables DROP for TCP to ports low–high inside the namespace. */
    dropTcpPorts: (low, high) =>
      sh('ip', ['netns', 'exec', name, 'nft', '-f', '-'], {
        input: `table inet fdbench {\n  chain input {\n    type filter hook input priority 0; policy accept;\n    tcp dport ${low}-${high} drop\n  }\n}\n`,
      }),
    ...extra,
  };
}

/**
 * createDelayedNamespace makes a namespace reached from the host over a TUN pair joined by
 * tunDelay.py, which holds every packet delayMs in each direction (a round trip of 2 × delayMs).
 * The forwarder logs every TCP packet to logPath.
 */
export async function createDelayedNamespace({ delayMs, logPath }) {
  const { name, hostIf, innerIf } = names();
  const subnet = await freeSubnet();
  const hostAddress = `198.19.${subnet}.1`;
  const namespaceAddress = `198.19.${subnet}.2`;
  await sh('ip', ['netns', 'add', name]);
  const forwarder = spawn(
    'python3',
    [
      TUN_DELAY,
      '--netns',
      name,
      '--host-if',
      hostIf,
      '--ns-if',
      innerIf,
      '--delay-ms',
      String(delayMs),
      '--log',
      logPath,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const close = async () => {
    forwarder.stdin.end();
    for (let i = 0; i < 20 && forwarder.exitCode === null && forwarder.signalCode === null; i += 1)
      await sleep(50);
    if (forwarder.exitCode === null && forwarder.signalCode === null) forwarder.kill('SIGTERM');
    await sh('ip', ['netns', 'del', name]).catch(() => undefined);
  };
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('tunDelay.py did not start within 10 s')), 10_000);
      forwarder.once('exit', (code) => reject(new Error(`tunDelay.py exited ${code}`)));
      createInterface({ input: forwarder.stdout }).once('line', (line) => {
        clearTimeout(timer);
        if (line.trim() === 'ready') resolve();
        else reject(new Error(`tunDelay.py: ${line}`));
      });
    });
    await sh('ip', ['addr', 'add', `${hostAddress}/24`, 'dev', hostIf]);
    await sh('ip', ['link', 'set', hostIf, 'up']);
    await sh('ip', ['netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up']);
    await sh('ip', ['netns', 'exec', name, 'ip', 'addr', 'add', `${namespaceAddress}/24`, 'dev', innerIf]);
    await sh('ip', ['netns', 'exec', name, 'ip', 'link', 'set', innerIf, 'up']);
  } catch (error) {
    await close();
    throw error;
  }
  return namespaceHandle(name, hostAddress, namespaceAddress, { logPath, close });
}

/** createVethNamespace makes a namespace joined to the host by a plain veth pair (no added delay). */
export async function createVethNamespace() {
  const { name, hostIf, innerIf } = names();
  const subnet = await freeSubnet();
  const hostAddress = `198.19.${subnet}.1`;
  const namespaceAddress = `198.19.${subnet}.2`;
  const close = async () => {
    await sh('ip', ['link', 'del', hostIf]).catch(() => undefined);
    await sh('ip', ['netns', 'del', name]).catch(() => undefined);
  };
  try {
    await sh('ip', ['netns', 'add', name]);
    await sh('ip', ['link', 'add', hostIf, 'type', 'veth', 'peer', 'name', innerIf, 'netns', name]);
    await sh('ip', ['addr', 'add', `${hostAddress}/24`, 'dev', hostIf]);
    await sh('ip', ['link', 'set', hostIf, 'up']);
    await sh('ip', ['netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up']);
    await sh('ip', ['netns', 'exec', name, 'ip', 'addr', 'add', `${namespaceAddress}/24`, 'dev', innerIf]);
    await sh('ip', ['netns', 'exec', name, 'ip', 'link', 'set', innerIf, 'up']);
  } catch (error) {
    await close();
    throw error;
  }
  return namespaceHandle(name, hostAddress, namespaceAddress, { close });
}
