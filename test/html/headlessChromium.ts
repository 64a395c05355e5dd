import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

/**
 * A headless Chromium driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`:
 * JSON messages separated by NUL, commands on fd 3, answers and events on fd 4). No npm package
 * and no TCP port: nothing but the page under test can reach the browser.
 */

export const CHROMIUM = process.env.CHROMIUM ?? 'chromium';

/** chromiumSkipReason: why the browser tests cannot run here, or null when they can. */
export function chromiumSkipReason(): string | null {
  const probe = spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  if (probe.error || probe.status !== 0) return `${CHROMIUM} is not installed (apt-get install chromium)`;
  return null;
}

export interface CdpEvent {
  readonly method: string;
  readonly params: Record<string, unknown>;
  readonly sessionId?: string;
}

interface Pending {
  resolve(value: Record<string, unknown>): void;
  reject(error: Error): void;
}

/** COMMAND_TIMEOUT_MS: a browser that stops answering fails the test instead of hanging it. */
const COMMAND_TIMEOUT_MS = 30_000;

export class HeadlessChromium {
  readonly events: CdpEvent[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private buffer = '';
  private sessionId: string | null = null;
  private readonly waiters: { method: string; resolve: (event: CdpEvent) => void }[] = [];

  private constructor(
    private readonly child: ChildProcess,
    private readonly profile: string,
  ) {
    const output = child.stdio[4] as Readable;
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => this.receive(chunk));
    child.on('exit', () => {
      for (const pending of this.pending.values()) pending.reject(new Error('chromium exited'));
      this.pending.clear();
    });
  }

  /**
   * launch starts Chromium with the flags that keep it from calling home, with every host name
   * resolving to nothing and a proxy on a closed loopback port: if the page tried to load
   * anything, the attempt shows in the Network events and fails without leaving the machine.
   */
  static async launch(): Promise<HeadlessChromium> {
    const profile = mkdtempSync(join(tmpdir(), 'ftp-doctor-html-chromium-'));
    const child = spawn(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-default-apps',
        '--hide-scrollbars',
        '--window-size=1100,900',
        '--host-resolver-rules=MAP * ~NOTFOUND',
        '--proxy-server=127.0.0.1:9',
        `--user-data-dir=${profile}`,
        '--remote-debugging-pipe',
        'about:blank',
      ],
      { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
    );
    const browser = new HeadlessChromium(child, profile);
    const { targetInfos } = (await browser.send('Target.getTargets')) as {
      targetInfos: { targetId: string; type: string }[];
    };
    const page = targetInfos.find((target) => target.type === 'page');
    if (!page) throw new Error('chromium opened no page');
    const attached = (await browser.send('Target.attachToTarget', {
      targetId: page.targetId,
      flatten: true,
    })) as {
      sessionId: string;
    };
    browser.sessionId = attached.sessionId;
    for (const domain of ['Page', 'Network', 'Runtime', 'Log']) await browser.send(`${domain}.enable`);
    return browser;
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let end = this.buffer.indexOf('\0');
    while (end >= 0) {
      const message = JSON.parse(this.buffer.slice(0, end)) as {
        id?: number;
        result?: Record<string, unknown>;
        error?: { message: string };
        method?: string;
        params?: Record<string, unknown>;
        sessionId?: string;
      };
      this.buffer = this.buffer.slice(end + 1);
      end = this.buffer.indexOf('\0');
      if (message.id !== undefined) {
        const pending = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) pending?.reject(new Error(message.error.message));
        else pending?.resolve(message.result ?? {});
      } else if (message.method) {
        const event: CdpEvent = {
          method: message.method,
          params: message.params ?? {},
          sessionId: message.sessionId,
        };
        this.events.push(event);
        for (const waiter of this.waiters.filter((w) => w.method === event.method)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(event);
        }
      }
    }
  }

  /** send runs one DevTools command on the page (or on the browser before a page is attached). */
  send(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    const message = { id, method, params, ...(this.sessionId === null ? {} : { sessionId: this.sessionId }) };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`chromium did not answer ${method} within ${COMMAND_TIMEOUT_MS} ms`));
      }, COMMAND_TIMEOUT_MS);
      this.pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      (this.child.stdio[3] as Writable).write(`${JSON.stringify(message)}\0`);
    });
  }

  private nextEvent(method: string): Promise<CdpEvent> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no ${method} within ${COMMAND_TIMEOUT_MS} ms`)),
        COMMAND_TIMEOUT_MS,
      );
      this.waiters.push({
        method,
        resolve: (event) => {
          clearTimeout(timer);
          resolve(event);
        },
      });
    });
  }

  /** open loads a URL and waits for its load event; the events gathered so far are cleared first. */
  async open(url: string): Promise<void> {
    this.events.length = 0;
    const loaded = this.nextEvent('Page.loadEventFired');
    await this.send('Page.navigate', { url });
    await loaded;
  }

  /** evaluate runs an expression in the page and returns its value (JSON-serialisable). */
  async evaluate<T>(expression: string): Promise<T> {
    const result = (await this.send('Runtime.evaluate', {
      expression,
      returnByValue: true,
      awaitPromise: true,
    })) as {
      result: { value: T };
      exceptionDetails?: { text: string };
    };
    if (result.exceptionDetails) throw new Error(`page threw: ${result.exceptionDetails.text}`);
    return result.result.value;
  }

  /** screenshot captures the whole page (or the part from `top`, `height` pixels high) as PNG bytes. */
  async screenshot(part: { top: number; height: number } | null = null): Promise<Buffer> {
    const metrics = (await this.send('Page.getLayoutMetrics')) as {
      cssContentSize: { width: number; height: number };
    };
    const { width, height } = metrics.cssContentSize;
    const top = part?.top ?? 0;
    const shot = (await this.send('Page.captureScreenshot', {
      format: 'png',
      captureBeyondViewport: true,
      clip: {
        x: 0,
        y: top,
        width: Math.ceil(width),
        height: Math.ceil(part?.height ?? height - top),
        scale: 1,
      },
    })) as { data: string };
    return Buffer.from(shot.data, 'base64');
  }

  /**
   * close asks the browser to quit (it then ends its own helper processes), falls back to
   * signals on its pid, and removes its profile, retrying while late helpers still write to it.
   */
  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) resolve();
      else this.child.once('exit', () => resolve());
    });
    this.sessionId = null;
    await this.send('Browser.close').catch(() => undefined);
    const term = setTimeout(() => this.child.kill('SIGTERM'), 5000);
    const kill = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(term);
    clearTimeout(kill);
    rmSync(this.profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}
