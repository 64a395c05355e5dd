import { escapePrometheusLabel } from '../report/text/sanitize.js';

/** ProcessStats: what the process metrics need; the CLI reads them (only it touches `process`). */
export interface ProcessStats {
  readonly cpuSeconds: number;
  readonly residentBytes: number;
  readonly virtualBytes: number | null;
  readonly heapBytes: number;
  readonly openFds: number | null;
  readonly maxFds: number | null;
  readonly startTimeSeconds: number;
}

/** cancelled: the scraper hung up before the probe ended, which says nothing about the server. */
export const PROBE_RESULTS = ['success', 'failure', 'cancelled'] as const;
export type ProbeResultLabel = (typeof PROBE_RESULTS)[number];
export const REJECT_REASONS = [
  'not_allowed',
  'in_flight_limit',
  'bad_request',
  'query_too_long',
  'headers_too_large',
  'shutting_down',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** DURATION_BUCKETS: seconds, from a loopback probe (~20 ms) to a filtered data port at the deadline. */
const DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

interface Histogram {
  readonly counts: number[];
  sum: number;
  count: number;
}

/**
 * ExporterMetrics counts what the exporter itself does, for GET /metrics. Probe results are by
 * module and result; targets are never labels here (their number is unbounded).
 */
export class ExporterMetrics {
  private readonly probes = new Map<string, number>();
  // Every reason from the start: a counter that appears only on its first increment hides that
  // increment from rate() and increase().
  private readonly rejected = new Map<RejectReason, number>(REJECT_REASONS.map((reason) => [reason, 0]));
  private readonly durations = new Map<string, Histogram>();
  inFlight = 0;
  private reloadOk = 1;
  private reloadSuccessAt: number;
  private reloads = 0;
  private reloadFailures = 0;

  constructor(startedAtSeconds: number) {
    this.reloadSuccessAt = startedAtSeconds;
  }

  /** knownModules starts every module's series at 0 (at start and after a reload); counts kept so far stay. */
  knownModules(modules: readonly string[]): void {
    for (const module of modules) {
      for (const result of PROBE_RESULTS) {
        const key = `${module}\0${result}`;
        if (!this.probes.has(key)) this.probes.set(key, 0);
      }
      this.histogramOf(module);
    }
  }

  probeFinished(module: string, result: ProbeResultLabel, seconds: number): void {
    const key = `${module}\0${result}`;
    this.probes.set(key, (this.probes.get(key) ?? 0) + 1);
    const histogram = this.histogramOf(module);
    DURATION_BUCKETS.forEach((bound, index) => {
      if (seconds <= bound) histogram.counts[index]! += 1;
    });
    histogram.sum += seconds;
    histogram.count += 1;
  }

  private histogramOf(module: string): Histogram {
    let histogram = this.durations.get(module);
    if (!histogram) {
      histogram = { counts: DURATION_BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.durations.set(module, histogram);
    }
    return histogram;
  }

  requestRejected(reason: RejectReason): void {
    this.rejected.set(reason, (this.rejected.get(reason) ?? 0) + 1);
  }

  reloaded(ok: boolean, atSeconds: number): void {
    this.reloads += 1;
    this.reloadOk = ok ? 1 : 0;
    if (ok) this.reloadSuccessAt = atSeconds;
    else this.reloadFailures += 1;
  }

  render(stats: ProcessStats): string {
    const out: string[] = [];
    const metric = (name: string, type: string, help: string, samples: readonly string[]) => {
      if (samples.length === 0) return;
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples);
    };
    const label = (value: string) => escapePrometheusLabel(value);
    metric(
      'ftp_doctor_exporter_probes_total',
      'counter',
      'Probes run, by module and result (success: healthy or warnings only, unless the module is strict; cancelled: the scraper hung up first).',
      [...this.probes].map(([key, value]) => {
        const [module, result] = key.split('\0') as [string, string];
        return `ftp_doctor_exporter_probes_total{module="${label(module)}",result="${result}"} ${value}`;
      }),
    );
    metric('ftp_doctor_exporter_probes_in_flight', 'gauge', 'Probes running now.', [
      `ftp_doctor_exporter_probes_in_flight ${this.inFlight}`,
    ]);
    const histogramLines: string[] = [];
    for (const [module, histogram] of this.durations) {
      const m = `module="${label(module)}"`;
      DURATION_BUCKETS.forEach((bound, index) => {
        histogramLines.push(
          `ftp_doctor_exporter_probe_duration_seconds_bucket{${m},le="${bound}"} ${histogram.counts[index]}`,
        );
      });
      histogramLines.push(
        `ftp_doctor_exporter_probe_duration_seconds_bucket{${m},le="+Inf"} ${histogram.count}`,
        `ftp_doctor_exporter_probe_duration_seconds_sum{${m}} ${histogram.sum}`,
        `ftp_doctor_exporter_probe_duration_seconds_count{${m}} ${histogram.count}`,
      );
    }
    metric(
      'ftp_doctor_exporter_probe_duration_seconds',
      'histogram',
      'Time each probe took, by module.',
      histogramLines,
    );
    metric(
      'ftp_doctor_exporter_requests_rejected_total',
      'counter',
      'Requests refused before any probe ran, by reason.',
      [...this.rejected].map(
        ([reason, value]) => `ftp_doctor_exporter_requests_rejected_total{reason="${reason}"} ${value}`,
      ),
    );
    metric(
      'ftp_doctor_exporter_config_last_reload_successful',
      'gauge',
      'Whether the last configuration reload succeeded (1) or failed and the previous one is kept (0).',
      [`ftp_doctor_exporter_config_last_reload_successful ${this.reloadOk}`],
    );
    metric(
      'ftp_doctor_exporter_config_last_reload_success_timestamp_seconds',
      'gauge',
      'When the configuration was last loaded successfully, as a Unix timestamp.',
      [`ftp_doctor_exporter_config_last_reload_success_timestamp_seconds ${this.reloadSuccessAt}`],
    );
    metric('ftp_doctor_exporter_config_reloads_total', 'counter', 'Configuration reloads attempted.', [
      `ftp_doctor_exporter_config_reloads_total ${this.reloads}`,
    ]);
    metric('ftp_doctor_exporter_config_reload_failures_total', 'counter', 'Configuration reloads refused.', [
      `ftp_doctor_exporter_config_reload_failures_total ${this.reloadFailures}`,
    ]);
    // The process metrics every Prometheus client library exports, under their usual names.
    metric(
      'process_cpu_seconds_total',
      'counter',
      'CPU time (user and system) the process has used, in seconds.',
      [`process_cpu_seconds_total ${stats.cpuSeconds}`],
    );
    metric('process_resident_memory_bytes', 'gauge', 'Memory the process holds in RAM, in bytes.', [
      `process_resident_memory_bytes ${stats.residentBytes}`,
    ]);
    if (stats.virtualBytes !== null)
      metric('process_virtual_memory_bytes', 'gauge', 'Address space the process has mapped, in bytes.', [
        `process_virtual_memory_bytes ${stats.virtualBytes}`,
      ]);
    metric('process_heap_bytes', 'gauge', 'JavaScript heap the process has allocated, in bytes.', [
      `process_heap_bytes ${stats.heapBytes}`,
    ]);
    if (stats.openFds !== null)
      metric('process_open_fds', 'gauge', 'File descriptors the process has open.', [
        `process_open_fds ${stats.openFds}`,
      ]);
    if (stats.maxFds !== null)
      metric('process_max_fds', 'gauge', 'The most file descriptors the process may open (soft limit).', [
        `process_max_fds ${stats.maxFds}`,
      ]);
    metric('process_start_time_seconds', 'gauge', 'When the process started, as a Unix timestamp.', [
      `process_start_time_seconds ${stats.startTimeSeconds}`,
    ]);
    return `${out.join('\n')}\n`;
  }
}
