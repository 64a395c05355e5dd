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
    return `${[...this.probeMetrics(), ...this.configMetrics(), ...processMetrics(stats)].join('\n')}\n`;
  }

  private probeMetrics(): string[] {
    return [
      ...metricLines(
        'ftp_doctor_exporter_probes_total',
        'counter',
        'Probes run, by module and result (success: healthy or warnings only, unless the module is strict; cancelled: the scraper hung up first).',
        [...this.probes].map(([key, value]) => {
          const [module, result] = key.split('\0') as [string, string];
          return `ftp_doctor_exporter_probes_total{module="${escapePrometheusLabel(module)}",result="${result}"} ${value}`;
        }),
      ),
      ...singleValue('ftp_doctor_exporter_probes_in_flight', 'gauge', 'Probes running now.', this.inFlight),
      ...metricLines(
        'ftp_doctor_exporter_probe_duration_seconds',
        'histogram',
        'Time each probe took, by module.',
        [...this.durations].flatMap(([module, histogram]) => histogramLines(module, histogram)),
      ),
      ...metricLines(
        'ftp_doctor_exporter_requests_rejected_total',
        'counter',
        'Requests refused before any probe ran, by reason.',
        [...this.rejected].map(
          ([reason, value]) => `ftp_doctor_exporter_requests_rejected_total{reason="${reason}"} ${value}`,
        ),
      ),
    ];
  }

  private configMetrics(): string[] {
    return [
      ...singleValue(
        'ftp_doctor_exporter_config_last_reload_successful',
        'gauge',
        'Whether the last configuration reload succeeded (1) or failed and the previous one is kept (0).',
        this.reloadOk,
      ),
      ...singleValue(
        'ftp_doctor_exporter_config_last_reload_success_timestamp_seconds',
        'gauge',
        'When the configuration was last loaded successfully, as a Unix timestamp.',
        this.reloadSuccessAt,
      ),
      ...singleValue(
        'ftp_doctor_exporter_config_reloads_total',
        'counter',
        'Configuration reloads attempted.',
        this.reloads,
      ),
      ...singleValue(
        'ftp_doctor_exporter_config_reload_failures_total',
        'counter',
        'Configuration reloads refused.',
        this.reloadFailures,
      ),
    ];
  }
}

type MetricType = 'counter' | 'gauge' | 'histogram';

/** metricLines: HELP and TYPE, then the samples; a metric without samples is left out. */
function metricLines(name: string, type: MetricType, help: string, samples: readonly string[]): string[] {
  return samples.length === 0 ? [] : [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples];
}

/** singleValue: a metric with one unlabelled sample; a value that is not known leaves it out. */
function singleValue(name: string, type: MetricType, help: string, value: number | null): string[] {
  return value === null ? [] : metricLines(name, type, help, [`${name} ${value}`]);
}

function histogramLines(module: string, histogram: Histogram): string[] {
  const m = `module="${escapePrometheusLabel(module)}"`;
  return [
    ...DURATION_BUCKETS.map(
      (bound, index) =>
        `ftp_doctor_exporter_probe_duration_seconds_bucket{${m},le="${bound}"} ${histogram.counts[index]}`,
    ),
    `ftp_doctor_exporter_probe_duration_seconds_bucket{${m},le="+Inf"} ${histogram.count}`,
    `ftp_doctor_exporter_probe_duration_seconds_sum{${m}} ${histogram.sum}`,
    `ftp_doctor_exporter_probe_duration_seconds_count{${m}} ${histogram.count}`,
  ];
}

/** processMetrics: the process metrics every Prometheus client library exports, under their usual names. */
function processMetrics(stats: ProcessStats): string[] {
  return [
    ...singleValue(
      'process_cpu_seconds_total',
      'counter',
      'CPU time (user and system) the process has used, in seconds.',
      stats.cpuSeconds,
    ),
    ...singleValue(
      'process_resident_memory_bytes',
      'gauge',
      'Memory the process holds in RAM, in bytes.',
      stats.residentBytes,
    ),
    ...singleValue(
      'process_virtual_memory_bytes',
      'gauge',
      'Address space the process has mapped, in bytes.',
      stats.virtualBytes,
    ),
    ...singleValue(
      'process_heap_bytes',
      'gauge',
      'JavaScript heap the process has allocated, in bytes.',
      stats.heapBytes,
    ),
    ...singleValue('process_open_fds', 'gauge', 'File descriptors the process has open.', stats.openFds),
    ...singleValue(
      'process_max_fds',
      'gauge',
      'The most file descriptors the process may open (soft limit).',
      stats.maxFds,
    ),
    ...singleValue(
      'process_start_time_seconds',
      'gauge',
      'When the process started, as a Unix timestamp.',
      stats.startTimeSeconds,
    ),
  ];
}
