import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { TargetReport } from '../knowledge/types.js';
import { InvalidTargetError, parseTarget } from '../probe/target.js';
import type { Target } from '../probe/types.js';
import { renderHuman } from '../report/formats/human.js';
import { renderPrometheus, targetExitCode } from '../report/formats/prometheus.js';
import { sanitizeForTerminal } from '../report/text/sanitize.js';
import { stepRecord } from '../report/text/stepRecord.js';
import { plainStyle } from '../report/text/style.js';
import { ExporterMetrics, type ProcessStats, type RejectReason } from './exporterMetrics.js';
import { RecentProbes } from './recentProbes.js';
import { runModuleProbe } from './runModuleProbe.js';
import type { ServeConfig, ServeModule } from './serveConfig.js';
import { renderStatusPage } from './statusPage.js';

export type LogRecord = Readonly<Record<string, string | number | boolean | null>>;

export interface ExporterOptions {
  readonly host: string;
  readonly port: number;
  /** Probes running at once; past it /probe answers 503 at once. */
  readonly maxInFlight: number;
  /** Longest request target (path and query) accepted; longer ones get 414. */
  readonly maxQueryLength: number;
  /** Taken off Prometheus' scrape timeout so the answer arrives before Prometheus gives up. */
  readonly timeoutMarginMs: number;
  /** A client must send its request headers within this, and its whole request within requestTimeoutMs. */
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly version: string;
  readonly log: (record: LogRecord) => void;
  readonly processStats: () => ProcessStats;
  readonly loadConfig: () => Promise<ServeConfig>;
}

export const EXPORTER_DEFAULTS = {
  maxInFlight: 50,
  maxQueryLength: 2048,
  timeoutMarginMs: 500,
  headersTimeoutMs: 5000,
  requestTimeoutMs: 10_000,
} as const;

/** SCRAPE_TIMEOUT_HEADER: Prometheus sends each scrape's timeout in seconds. */
const SCRAPE_TIMEOUT_HEADER = 'x-prometheus-scrape-timeout-seconds';
/** MIN_DEADLINE_MS: below this not even a loopback probe gets through its greeting. */
const MIN_DEADLINE_MS = 100;
/** MAX_TIMER_MS: Node's timers hold at most a signed 32-bit count of milliseconds (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** MAX_HEADER_BYTES: Node's own default; larger request headers get 431 (RFC 6585 §5). */
const MAX_HEADER_BYTES = 8192;
const PROMETHEUS_TEXT = 'text/plain; version=0.0.4; charset=utf-8';
const PLAIN_TEXT = 'text/plain; charset=utf-8';

class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    readonly reason: RejectReason,
    message: string,
  ) {
    super(message);
  }
}

interface InFlight {
  readonly controller: AbortController;
  readonly done: Promise<void>;
  readonly deadlineAt: number;
}

/**
 * Exporter is `ftp-doctor serve`: a Prometheus multi-target exporter. GET /probe?target=&module=
 * runs one probe and answers its metrics; /metrics, /, /report, /-/healthy and /-/reload serve
 * operators. It owns no process state: the CLI passes logging, process statistics and config loading.
 */
export class Exporter {
  private readonly metrics: ExporterMetrics;
  private readonly recent = new RecentProbes(100);
  private readonly inFlight = new Set<InFlight>();
  private shuttingDown = false;
  private reloading: Promise<unknown> = Promise.resolve();

  private constructor(
    private config: ServeConfig,
    private readonly options: ExporterOptions,
    private readonly server: Server,
  ) {
    this.metrics = new ExporterMetrics(Math.floor(Date.now() / 1000));
    this.metrics.knownModules([...config.modules.keys()]);
  }

  static async start(config: ServeConfig, options: ExporterOptions): Promise<Exporter> {
    const server = createServer({
      maxHeaderSize: MAX_HEADER_BYTES,
      headersTimeout: options.headersTimeoutMs,
      requestTimeout: options.requestTimeoutMs,
      keepAliveTimeout: 5000,
      // Node checks the two timeouts above only this often (30 s by default).
      connectionsCheckingInterval: 1000,
    });
    // A slow client cannot hold a socket: Node closes it once the header or request timeout passes.
    server.maxConnections = options.maxInFlight * 4 + 64;
    const exporter = new Exporter(config, options, server);
    server.on('request', (request, response) => {
      exporter.handle(request, response).catch((error: unknown) => {
        exporter.options.log({ level: 'error', msg: 'request failed', error: String(error) });
        if (!response.headersSent) send(response, 500, PLAIN_TEXT, 'internal error\n');
        else response.destroy();
      });
    });
    server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
      const [status, body] =
        error.code === 'HPE_HEADER_OVERFLOW'
          ? [
              '431 Request Header Fields Too Large',
              `request headers are larger than ${MAX_HEADER_BYTES} bytes\n`,
            ]
          : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? ['408 Request Timeout', 'the request did not arrive in time\n']
            : ['400 Bad Request', 'malformed HTTP request\n'];
      if (error.code === 'HPE_HEADER_OVERFLOW') exporter.metrics.requestRejected('headers_too_large');
      if (!socket.writable) return socket.destroy();
      socket.end(
        `HTTP/1.1 ${status}\r\nContent-Type: ${PLAIN_TEXT}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return exporter;
  }

  address(): { host: string; port: number } {
    const info = this.server.address() as AddressInfo;
    return { host: info.address, port: info.port };
  }

  /** reload swaps in a freshly loaded config; a config that fails to load leaves the old one in place. */
  reload(): Promise<{ ok: true } | { ok: false; reason: string }> {
    const attempt = this.reloading.then(async () => {
      const at = Math.floor(Date.now() / 1000);
      try {
        this.config = await this.options.loadConfig();
        this.metrics.knownModules([...this.config.modules.keys()]);
        this.metrics.reloaded(true, at);
        this.options.log({ level: 'info', msg: 'config reloaded', config: this.config.path });
        return { ok: true as const };
      } catch (error) {
        this.metrics.reloaded(false, at);
        const reason = error instanceof Error ? error.message : String(error);
        this.options.log({
          level: 'error',
          msg: 'config reload failed; keeping the previous one',
          error: reason,
        });
        return { ok: false as const, reason };
      }
    });
    this.reloading = attempt;
    return attempt;
  }

  /**
   * shutdown stops accepting, lets the probes in flight finish within their deadlines (so their
   * scrapes still get an answer), then closes every connection.
   */
  async shutdown(): Promise<void> {
    this.shuttingDown = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    const running = [...this.inFlight];
    this.options.log({ level: 'info', msg: 'shutting down', probes_in_flight: running.length });
    const latest = Math.max(0, ...running.map((probe) => probe.deadlineAt - performance.now()));
    let timer: NodeJS.Timeout | undefined;
    const overdue = new Promise<void>((resolve) => {
      // A probe ends by its own deadline; this only guards against one that does not.
      timer = setTimeout(resolve, latest + 1000);
    });
    await Promise.race([Promise.all(running.map((probe) => probe.done)), overdue]);
    clearTimeout(timer);
    for (const probe of this.inFlight) probe.controller.abort();
    await Promise.all([...this.inFlight].map((probe) => probe.done));
    this.server.closeIdleConnections();
    // Answers already written are flushed; anything still open after a moment is cut.
    const forced = setTimeout(() => this.server.closeAllConnections(), 1000);
    await closed;
    clearTimeout(forced);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const raw = request.url ?? '/';
    if (raw.length > this.options.maxQueryLength) {
      this.metrics.requestRejected('query_too_long');
      send(
        response,
        414,
        PLAIN_TEXT,
        `the request target is longer than ${this.options.maxQueryLength} bytes\n`,
      );
      return;
    }
    const url = new URL(raw, 'http://exporter.invalid');
    const method = request.method ?? 'GET';
    const reading = method === 'GET' || method === 'HEAD';
    switch (url.pathname) {
      case '/probe':
        if (!reading) return methodNotAllowed(response, 'GET');
        return this.probe(url.searchParams, request, response);
      case '/metrics':
        if (!reading) return methodNotAllowed(response, 'GET');
        return send(response, 200, PROMETHEUS_TEXT, this.metrics.render(this.options.processStats()));
      case '/':
        if (!reading) return methodNotAllowed(response, 'GET');
        return send(
          response,
          200,
          'text/html; charset=utf-8',
          renderStatusPage({
            version: this.options.version,
            configPath: this.config.path,
            modules: [...this.config.modules.keys()],
            probes: this.recent.list(),
          }),
        );
      case '/report': {
        if (!reading) return methodNotAllowed(response, 'GET');
        const found = this.recent.find(Number(url.searchParams.get('id')));
        if (!found) return send(response, 404, PLAIN_TEXT, 'no such probe (only the last 100 are kept)\n');
        return send(response, 200, PLAIN_TEXT, humanReport(found.reports));
      }
      case '/-/healthy':
        if (!reading) return methodNotAllowed(response, 'GET');
        return send(response, 200, PLAIN_TEXT, 'Healthy\n');
      case '/-/reload': {
        if (method !== 'POST' && method !== 'PUT') return methodNotAllowed(response, 'POST');
        request.resume();
        const outcome = await this.reload();
        return outcome.ok
          ? send(response, 200, PLAIN_TEXT, 'config reloaded\n')
          : send(
              response,
              500,
              PLAIN_TEXT,
              `config not reloaded; keeping the previous one: ${outcome.reason}\n`,
            );
      }
      default:
        return send(
          response,
          404,
          PLAIN_TEXT,
          'not found; try /probe?target=HOST&module=NAME, /metrics or /\n',
        );
    }
  }

  private async probe(
    query: URLSearchParams,
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    const accepted = this.acceptProbe(query, request, response);
    if (accepted === null) return;
    const { target, module } = accepted;
    const deadlineMs = this.deadlineFor(request, module);
    const controller = new AbortController();
    // A scraper that hangs up (Prometheus past its timeout) needs no answer: stop probing for it.
    // That says nothing about the FTP server, so such a probe is counted apart from failures.
    let scraperGone = false;
    response.on('close', () => {
      if (response.writableFinished) return;
      scraperGone = true;
      controller.abort();
    });
    const { reports, seconds } = await this.runInFlight(target, module, deadlineMs, controller);
    const success = probeSucceeded(reports, module);
    this.metrics.probeFinished(
      module.name,
      scraperGone ? 'cancelled' : success ? 'success' : 'failure',
      seconds,
    );
    this.recordProbe({ target, module, reports, seconds, deadlineMs, scraperGone });
    if (scraperGone) return;
    answerProbe(response, query, reports, module, success, seconds);
  }

  /** acceptProbe: the probe's target and module, or null once a refusal has been answered and counted. */
  private acceptProbe(
    query: URLSearchParams,
    request: IncomingMessage,
    response: ServerResponse,
  ): { target: Target; module: ServeModule } | null {
    try {
      if (this.shuttingDown) throw new HttpRefusal(503, 'shutting_down', 'the exporter is shutting down');
      const accepted = this.checkProbeQuery(query);
      if (this.inFlight.size >= this.options.maxInFlight)
        throw new HttpRefusal(
          503,
          'in_flight_limit',
          `${this.options.maxInFlight} ${this.options.maxInFlight === 1 ? 'probe is' : 'probes are'} running already, as many as --max-in-flight allows; try again later`,
        );
      return accepted;
    } catch (error) {
      if (!(error instanceof HttpRefusal)) throw error;
      this.metrics.requestRejected(error.reason);
      this.options.log({
        level: 'warn',
        msg: 'probe refused',
        reason: error.reason,
        status: error.status,
        detail: error.message,
        remote: request.socket.remoteAddress ?? null,
      });
      send(response, error.status, PLAIN_TEXT, `${error.message}\n`);
      return null;
    }
  }

  /** runInFlight runs the probe while it counts as in flight, so shutdown can wait for it. */
  private async runInFlight(
    target: Target,
    module: ServeModule,
    deadlineMs: number,
    controller: AbortController,
  ): Promise<{ reports: TargetReport[]; seconds: number }> {
    let finish: () => void = () => {};
    const entry: InFlight = {
      controller,
      done: new Promise<void>((resolve) => {
        finish = resolve;
      }),
      deadlineAt: performance.now() + deadlineMs,
    };
    this.inFlight.add(entry);
    this.metrics.inFlight = this.inFlight.size;
    const started = performance.now();
    let reports: TargetReport[];
    try {
      reports = await runModuleProbe(target, module, deadlineMs, controller.signal);
    } finally {
      this.inFlight.delete(entry);
      this.metrics.inFlight = this.inFlight.size;
      finish();
    }
    return { reports, seconds: (performance.now() - started) / 1000 };
  }

  /** recordProbe keeps the probe for the status page and logs it. */
  private recordProbe(probe: FinishedProbe): void {
    const { target, module, reports, seconds } = probe;
    const worst = worstReport(reports);
    this.recent.add({
      finishedAt: new Date(),
      target: target.input,
      module: module.name,
      status: worst?.diagnosis.verdict.status ?? 'failed',
      headline: worst?.diagnosis.verdict.headline ?? 'no result',
      greeting: greetingLine(worst),
      durationSeconds: seconds,
      reports,
    });
    this.options.log({
      level: 'info',
      msg: 'probe',
      target: target.input,
      module: module.name,
      verdict: worst?.diagnosis.verdict.status ?? 'failed',
      exit_code: worst ? targetExitCode(worst, module.strict) : null,
      cancelled_by_scraper: probe.scraperGone,
      headline: worst?.diagnosis.verdict.headline ?? null,
      duration_seconds: Number(seconds.toFixed(3)),
      deadline_seconds: probe.deadlineMs / 1000,
    });
  }

  private checkProbeQuery(query: URLSearchParams): { target: Target; module: ServeModule } {
    const targets = query.getAll('target');
    if (targets.length !== 1)
      throw new HttpRefusal(
        400,
        'bad_request',
        'give exactly one target parameter (HOST, HOST:PORT or an ftp:// URL)',
      );
    const moduleName = query.get('module') ?? 'default';
    const module = this.config.modules.get(moduleName);
    if (!module) throw new HttpRefusal(400, 'bad_request', `unknown module "${moduleName}"`.slice(0, 200));
    let target: Target;
    try {
      target = parseTarget(targets[0]!);
    } catch (error) {
      if (error instanceof InvalidTargetError)
        throw new HttpRefusal(400, 'bad_request', `bad target: ${error.message}`);
      throw error;
    }
    if (target.urlPassword !== null)
      throw new HttpRefusal(
        400,
        'bad_request',
        'a password in the target URL is refused: a module names password_file or password_env',
      );
    // The module's password belongs to the module's user; another user must not receive it.
    if (target.user !== null && module.password !== undefined)
      throw new HttpRefusal(
        400,
        'bad_request',
        `a user name in the target URL is refused with module "${module.name}": it supplies the password, so it supplies the user too`,
      );
    if (!this.config.allowlist.allows(target.host))
      throw new HttpRefusal(403, 'not_allowed', `target ${target.host} is not in allowed_targets`);
    if (module.targets !== null && !module.targets.allows(target.host))
      throw new HttpRefusal(
        403,
        'not_allowed',
        `target ${target.host} is not in the allowed_targets of module "${module.name}"`,
      );
    return { target, module };
  }

  /**
   * deadlineFor: the scrape timeout less the margin, never longer than the module's deadline (60 s
   * unless set). The header is client input: a value that is not a positive finite number is ignored.
   */
  private deadlineFor(request: IncomingMessage, module: ServeModule): number {
    const moduleMs = Math.min(module.flags.probe.deadlineMs, MAX_TIMER_MS);
    const header = Number(request.headers[SCRAPE_TIMEOUT_HEADER] ?? Number.NaN);
    if (!Number.isFinite(header) || header <= 0) return moduleMs;
    const scrapeMs = Math.max(MIN_DEADLINE_MS, header * 1000 - this.options.timeoutMarginMs);
    return Math.min(moduleMs, scrapeMs);
  }
}

interface FinishedProbe {
  readonly target: Target;
  readonly module: ServeModule;
  readonly reports: readonly TargetReport[];
  readonly seconds: number;
  readonly deadlineMs: number;
  readonly scraperGone: boolean;
}

/**
 * probeSucceeded: only a verdict that says the server works counts: failed, interrupted or
 * incomplete is 0, and under `strict` so are warnings.
 */
function probeSucceeded(reports: readonly TargetReport[], module: ServeModule): boolean {
  const passing = module.strict ? ['healthy'] : ['healthy', 'warning'];
  return reports.length > 0 && reports.every(({ diagnosis }) => passing.includes(diagnosis.verdict.status));
}

/** worstReport: the report with the highest exit code, which speaks for the probe on the status page and in the log. */
function worstReport(reports: readonly TargetReport[]): TargetReport | null {
  return reports.reduce<TargetReport | null>(
    (chosen, report) =>
      chosen === null || report.diagnosis.verdict.exitCode > chosen.diagnosis.verdict.exitCode
        ? report
        : chosen,
    null,
  );
}

/** answerProbe: the probe's own two metrics, then the report's; with debug=true, the human report first, as text. */
function answerProbe(
  response: ServerResponse,
  query: URLSearchParams,
  reports: readonly TargetReport[],
  module: ServeModule,
  success: boolean,
  seconds: number,
): void {
  const metrics = [
    '# HELP probe_success Whether the probe found the FTP server healthy or with warnings only (1) or failed (0).',
    '# TYPE probe_success gauge',
    `probe_success ${success ? 1 : 0}`,
    '# HELP probe_duration_seconds How long the probe took, in seconds.',
    '# TYPE probe_duration_seconds gauge',
    `probe_duration_seconds ${seconds}`,
    '',
  ].join('\n');
  const body = `${metrics}${renderPrometheus(reports, { timestampMs: Date.now(), strict: module.strict })}`;
  if (query.get('debug') === 'true') {
    const human = humanReport(reports);
    send(response, 200, PLAIN_TEXT, `${human}\nMetrics that would have been returned:\n${body}`);
  } else {
    send(response, 200, PROMETHEUS_TEXT, body);
  }
}

/** greetingLine: the first line of the greeting, as a terminal would show it, for the status page. */
function greetingLine(report: TargetReport | null): string {
  const greeting = report ? stepRecord(report.probe, 'banner')?.data?.greeting : null;
  return greeting ? sanitizeForTerminal(greeting.lines[0] ?? '', { maxChars: 120 }) : '';
}

/** humanReport: the CLI's human report at -vv (with the masked transcript) and without colour. */
function humanReport(reports: readonly TargetReport[]): string {
  return reports
    .map((report) => renderHuman(report, { style: plainStyle, verbosity: 2, fixDialects: null }))
    .join('\n');
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}

function methodNotAllowed(response: ServerResponse, allowed: string): void {
  response.setHeader('allow', allowed);
  send(response, 405, PLAIN_TEXT, `method not allowed; use ${allowed}\n`);
}
