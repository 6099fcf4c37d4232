/**
 * The load generator's own metrics for Prometheus, in the style of k6's
 * Prometheus output: k6's metric names under a `harness_` prefix, base units
 * (seconds, bytes), counters ending in `_total`. Fed only from interval
 * samples and the cell's fault records — every time comes from a sample,
 * never from the clock — so recorded data replays to the same exposition.
 *
 * Latency is exported twice, because each form answers what the other cannot:
 * - `harness_http_req_duration_seconds`, a histogram with fixed buckets: it
 *   aggregates over request names, targets and any time window
 *   (`histogram_quantile(0.99, sum by (le) (rate(..._bucket[1m])))`) and
 *   draws Grafana's latency heatmap; its quantiles are interpolated within a
 *   bucket, so they are estimates (buckets ≈ ×1.5 apart: within ~25 %).
 * - `harness_http_req_duration_interval_seconds{quantile}`, exact per-second
 *   quantiles read from the HDR histogram — the figures `report.html` shows —
 *   but not aggregatable across names or windows.
 */
import { Counter, Gauge, Registry } from 'prom-client';
import type { CellResult, IntervalSample } from '../../../model/index.ts';
import { LatencyHistogram } from '../../../model/index.ts';
import { BucketHistogram } from './bucket-histogram.ts';
import { activeDuring, faultLabels } from './fault-labels.ts';

/** Seconds, about ×1.5 apart from 0.5 ms to 1 min. */
export const LATENCY_BUCKETS = [
  0.0005, 0.001, 0.0015, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2,
  0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 7.5, 10, 15, 30, 60,
] as const;

const QUANTILES = [
  ['0.5', 50],
  ['0.95', 95],
  ['0.99', 99],
  ['1', 100],
] as const;

type CellKey = { target: string; profile: string };
const cellKey = (cell: CellResult): CellKey => ({ target: cell.target, profile: cell.profile });

export class HarnessMetrics {
  readonly registry = new Registry();
  readonly #reqs = this.#counter(
    'harness_http_reqs_total',
    'HTTP requests sent (k6 http_reqs), by status (0: no response)',
    ['name', 'status'],
  );
  readonly #failed = this.#counter(
    'harness_http_req_failed_total',
    'Failed HTTP requests (k6 http_req_failed)',
    ['name'],
  );
  readonly #errors = this.#counter(
    'harness_http_req_errors_total',
    'Failed HTTP requests by error class (timeout, refused, reset, http_4xx, http_5xx, …)',
    ['name', 'error'],
  );
  readonly #failedRate = this.#gauge(
    'harness_http_req_failed_rate',
    'Share of requests that failed in the last interval (k6 http_req_failed rate)',
    ['name'],
  );
  readonly #duration = new BucketHistogram({
    name: 'harness_http_req_duration_seconds',
    help: 'HTTP request duration (k6 http_req_duration); open model: from the intended start',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly #serviceTime = new BucketHistogram({
    name: 'harness_http_req_service_time_seconds',
    help: 'Open model only: HTTP request duration from the actual send',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly #durationQ = this.#gauge(
    'harness_http_req_duration_interval_seconds',
    'Exact (HDR) quantile of http_req_duration over the last interval; quantile="1" is the max',
    ['name', 'quantile'],
  );
  readonly #sent = this.#counter('harness_data_sent_bytes_total', 'Bytes sent (k6 data_sent)', ['name']);
  readonly #received = this.#counter(
    'harness_data_received_bytes_total',
    'Bytes received (k6 data_received)',
    ['name'],
  );
  readonly #iterations = this.#counter(
    'harness_iterations_total',
    'Completed iterations (k6 iterations)',
    [],
  );
  readonly #dropped = this.#counter(
    'harness_dropped_iterations_total',
    'Open-model iterations that found no free VU (k6 dropped_iterations)',
    [],
  );
  readonly #checks = this.#counter('harness_checks_total', 'Checks (k6 checks), by result', ['result']);
  readonly #vus = this.#gauge(
    'harness_vus',
    'Active virtual users at the end of the last interval (k6 vus)',
    [],
  );
  readonly #vusMax = this.#gauge('harness_vus_max', 'Allocated virtual users (k6 vus_max)', []);
  readonly #lag = this.#gauge(
    'harness_generator_event_loop_lag_seconds',
    "The load generator's event-loop lag over the last interval: p99 (0.99) and max (1)",
    ['quantile'],
  );
  readonly #cpu = this.#gauge(
    'harness_generator_cpu_cores',
    'CPU used by the load generator in the last interval, in cores',
    [],
  );
  readonly #intervalEnd = this.#gauge(
    'harness_interval_end_timestamp_seconds',
    'End of the last interval sample, seconds since the epoch',
    [],
  );
  readonly #faultActive = this.#gauge(
    'harness_fault_active',
    '1 while a fault is in effect during the interval, else 0',
    ['kind', 'fault', 'fault_target', 'edge'],
  );
  readonly #cellInfo = new Gauge({
    name: 'harness_cell_info',
    help: 'The cell under load: 1 while it runs, 0 after',
    labelNames: ['target', 'profile', 'schedule', 'trial', 'arch', 'model'] as const,
    registers: [this.registry],
  });
  /** Gauge label sets of the cell showing, removed when the next cell starts. */
  readonly #shown = new Map<Gauge, Map<string, Record<string, string>>>();

  /** A cell starts: the previous cell's per-interval gauges go (stale in Prometheus), its counters stay. */
  startCell(cell: CellResult): void {
    for (const [gauge, sets] of this.#shown) for (const labels of sets.values()) gauge.remove(labels);
    this.#shown.clear();
    this.#set(this.#cellInfo, this.#infoLabels(cell), 1);
    const key = cellKey(cell);
    this.#set(this.#vus, key, 0);
    this.#iterations.inc(key, 0);
    this.#dropped.inc(key, 0);
  }

  recordInterval(cell: CellResult, s: IntervalSample): void {
    const key = cellKey(cell);
    for (const [name, r] of Object.entries(s.byRequest)) {
      const labels = { ...key, name };
      let answered = 0;
      for (const [status, n] of Object.entries(r.statuses)) {
        this.#reqs.inc({ ...labels, status }, n);
        answered += n;
      }
      if (r.count > answered) this.#reqs.inc({ ...labels, status: '0' }, r.count - answered);
      this.#failed.inc(labels, r.failed);
      for (const [error, n] of Object.entries(r.errors)) if (n) this.#errors.inc({ ...labels, error }, n);
      this.#set(this.#failedRate, labels, r.count === 0 ? 0 : r.failed / r.count);
      this.#sent.inc(labels, r.bytesSent);
      this.#received.inc(labels, r.bytesReceived);
      const duration = LatencyHistogram.decode(r.duration);
      this.#duration.addHistogram(labels, duration);
      if (duration.count > 0)
        for (const [quantile, p] of QUANTILES)
          this.#set(
            this.#durationQ,
            { ...labels, quantile },
            (p === 100 ? duration.max : duration.percentile(p)) / 1e6,
          );
      if (r.serviceTime !== undefined)
        this.#serviceTime.addHistogram(labels, LatencyHistogram.decode(r.serviceTime));
    }
    this.#iterations.inc(key, s.iterations);
    this.#dropped.inc(key, s.droppedIterations);
    if (s.checks) {
      this.#checks.inc({ ...key, result: 'pass' }, s.checks.passes);
      this.#checks.inc({ ...key, result: 'fail' }, s.checks.fails);
    }
    this.#set(this.#vus, key, s.vus);
    this.#set(this.#vusMax, key, s.vusMax);
    if (s.generator) {
      this.#set(this.#lag, { ...key, quantile: '0.99' }, s.generator.eventLoopLagP99Ms / 1000);
      this.#set(this.#lag, { ...key, quantile: '1' }, s.generator.eventLoopLagMaxMs / 1000);
      this.#set(this.#cpu, key, s.generator.cpuCores);
    }
    const end = s.ts + s.durationMs;
    this.#set(this.#intervalEnd, key, end / 1000);
    for (const f of cell.faults ?? [])
      this.#set(this.#faultActive, { ...key, ...faultLabels(f) }, activeDuring(f, s.ts, end) ? 1 : 0);
  }

  /** The load ended: no VUs, no fault in effect, the cell no longer running. */
  endCell(cell: CellResult): void {
    const key = cellKey(cell);
    this.#set(this.#vus, key, 0);
    this.#set(this.#cellInfo, this.#infoLabels(cell), 0);
    for (const f of cell.faults ?? []) this.#set(this.#faultActive, { ...key, ...faultLabels(f) }, 0);
  }

  /** The exposition text, as GET /metrics serves it. */
  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  #set(gauge: Gauge, labels: Record<string, string>, value: number): void {
    gauge.set(labels, value);
    const sets = this.#shown.get(gauge) ?? new Map<string, Record<string, string>>();
    this.#shown.set(gauge, sets);
    sets.set(JSON.stringify(labels), labels);
  }

  #infoLabels(cell: CellResult) {
    return {
      target: cell.target,
      profile: cell.profile,
      schedule: cell.schedule ?? 'none',
      trial: String(cell.trial),
      arch: cell.targetKind,
      model: cell.model,
    };
  }

  #counter(name: string, help: string, extra: string[]) {
    return new Counter({
      name,
      help,
      labelNames: ['target', 'profile', ...extra],
      registers: [this.registry],
    });
  }

  #gauge(name: string, help: string, extra: string[]) {
    return new Gauge({ name, help, labelNames: ['target', 'profile', ...extra], registers: [this.registry] });
  }
}
