import { setTimeout as sleep } from 'node:timers/promises';
import type { FakeReply, FakeStep } from './fakeServerScript.js';

/** ReplySink is where a reply is played: the control connection, whatever its transport. */
export interface ReplySink {
  /** write sends bytes and resolves once they are handed to the kernel (or the peer is gone). */
  write(data: string | Uint8Array): Promise<void>;
  end(): void;
  reset(): void;
  readonly signal: AbortSignal;
}

/** PlayOutcome: whether the connection is still usable after the reply. */
export type PlayOutcome = 'open' | 'closed' | 'hung';

/** replySteps flattens any FakeReply into its list of steps. */
export function replySteps(reply: FakeReply): readonly FakeStep[] {
  if (typeof reply === 'string') return [{ lines: [reply] }];
  if (isLineList(reply)) return [{ lines: reply }];
  if ('steps' in reply) return reply.steps;
  return [reply];
}

function isLineList(reply: FakeReply): reply is readonly string[] {
  return Array.isArray(reply);
}

/** replyLines renders lines the way a conforming server sends them: each ended by CRLF. */
export function replyLines(lines: readonly string[]): string {
  return lines.map((line) => `${line}\r\n`).join('');
}

/** pause waits for `ms`, or less if the connection goes away; it never rejects. */
export async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

async function trickle(sink: ReplySink, data: string | Uint8Array, bytesPerSecond: number): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
  // Fast rates go out in chunks every 20 ms; a timer per byte would flood the event loop.
  const chunk = Math.max(1, Math.round(bytesPerSecond / 50));
  const intervalMs = (chunk * 1000) / Math.max(bytesPerSecond, 0.001);
  for (let at = 0; at < bytes.length; at += chunk) {
    if (at > 0 && !(await pause(intervalMs, sink.signal))) return;
    await sink.write(bytes.subarray(at, at + chunk));
  }
}

/** playReply performs every step of a reply in order and says what state it left the connection in. */
export async function playReply(sink: ReplySink, reply: FakeReply): Promise<PlayOutcome> {
  for (const step of replySteps(reply)) {
    if (sink.signal.aborted) return 'closed';
    if ('lines' in step) await sink.write(replyLines(step.lines));
    else if ('raw' in step) await sink.write(step.raw);
    else if ('slow' in step) await trickle(sink, step.slow, step.bytesPerSecond);
    else if ('delayMs' in step) await pause(step.delayMs, sink.signal);
    else if ('close' in step) {
      if (step.close === 'reset') sink.reset();
      else sink.end();
      return 'closed';
    } else if ('hang' in step) return 'hung';
  }
  return sink.signal.aborted ? 'closed' : 'open';
}
