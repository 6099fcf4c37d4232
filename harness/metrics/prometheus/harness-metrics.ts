/**
 * The load generator's metrics for Prometheus, named and typed as k6's
 * Prometheus remote-write output writes them (`k6_http_reqs_total`,
 * `k6_http_req_duration_p99`, `k6_vus`, …, labels `testid`, `name`, `method`,
 * `status`, `expected_response`, `scenario`), so k6's own Grafana dashboard
 * reads harness's data; plus harness's own series under `harness_`: latency
 * histograms, error classes, per-second HDR quantiles, the generator's
 * health, faults and cells. Every series also carries `target` and `profile`.
 * Fed only from interval samples and the cell's fault records — every time
 * comes from a sample, never from the clock — so recorded data replays to the
 * same exposition. No gauge has a `quantile` label (only summaries may:
 * `promtool check metrics`); a quantile is in the metric's name.
 *
 * As in k6, a trend's `_p99` (and `_avg` … `_max`) and a rate's `_rate` are
 * over the series so far (the cell), in seconds; counters are `_total`.
 * Latency is also a histogram with fixed buckets
 * (`harness_http_req_duration_seconds`), which aggregates over names and any
 * window and draws the heatmap, and exact per-second quantiles
 * (`harness_http_req_duration_interval_p99_seconds`): the figures report.html shows.
 */
import { Counter, Gauge, Registry } from 'prom-client';
import type { CellResult, HttpTiming, IntervalSample } from '../../../model/index.ts';
import { HTTP_TIMINGS, LatencyHistogram } from '../../../model/index.ts';
import { BucketHistogram } from './bucket-histogram.ts';
import { activeDuring, faultLabels } from './fault-labels.ts';
import { expectedResponse, type RequestInfos } from './request-info.ts';
import { TrendGauges } from './trend-gauges.ts';

/** Seconds, about ×1.5 apart from 0.5 ms to 1 min. */
export const LATENCY_BUCKETS = [
  0.0005, 0.001, 0.0015, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2,
  0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 7.5, 10, 15, 30, 60,
] as const;

const INTERVAL_QUANTILES = [
  ['p50', 50],
  ['p95', 95],
  ['p99', 99],
  ['max', 100],
] as const;

type Labels = Record<string, string>;
const cellKey = (cell: CellResult): Labels => ({ target: cell.target, profile: cell.profile });
const CELL = ['target', 'profile'];
const REQUEST = [...CELL, 'name', 'method'];

export interface HarnessMetricsOptions {
  /** k6's `testid` label on every series: the run id. */
  testid?: string;
  /** Method and expected statuses per request name (see request-info.ts). */
  requests?: RequestInfos;
}

export class HarnessMetrics {
  readonly registry = new Registry();
  #requests: RequestInfos;
  // k6's names and types (its Prometheus remote-write output).
  readonly #reqs = this.#counter(
    'k6_http_reqs_total',
    'HTTP requests (k6 http_reqs); status 0: no response',
    [...REQUEST, 'status', 'expected_response'],
  );
  readonly #failedRate = this.#gauge(
    'k6_http_req_failed_rate',
    'Share of failed requests (k6 http_req_failed) so far',
    REQUEST,
  );
  readonly #duration = new TrendGauges(
    'k6_http_req_duration',
    'HTTP request duration (k6 http_req_duration)',
    REQUEST,
    this.registry,
  );
  readonly #timings = Object.fromEntries(
    HTTP_TIMINGS.map((t) => [
      t,
      new TrendGauges(`k6_http_req_${t}`, `k6 http_req_${t}`, REQUEST, this.registry),
    ]),
  ) as Record<HttpTiming, TrendGauges>;
  readonly #iterationDuration = new TrendGauges(
    'k6_iteration_duration',
    'Iteration duration (k6 iteration_duration)',
    CELL,
    this.registry,
  );
  readonly #iterations = this.#counter('k6_iterations_total', 'Completed iterations (k6 iterations)', [
    ...CELL,
    'scenario',
  ]);
  readonly #dropped = this.#counter(
    'k6_dropped_iterations_total',
    'Open-model iterations that found no free VU (k6 dropped_iterations)',
    [...CELL, 'scenario'],
  );
  readonly #vus = this.#gauge(
    'k6_vus',
    'Active virtual users at the end of the last interval (k6 vus)',
    CELL,
  );
  readonly #vusMax = this.#gauge('k6_vus_max', 'Allocated virtual users (k6 vus_max)', CELL);
  readonly #sent = this.#counter('k6_data_sent_total', 'Bytes sent (k6 data_sent)', CELL);
  readonly #received = this.#counter('k6_data_received_total', 'Bytes received (k6 data_received)', CELL);
  readonly #checksRate = this.#gauge('k6_checks_rate', 'Share of passed checks (k6 checks) so far', CELL);
  // harness's own.
  readonly #errors = this.#counter(
    'harness_http_req_errors_total',
    'Failed HTTP requests by error class (timeout, refused, reset, http_4xx, http_5xx, …)',
    ['name', 'error', ...CELL],
  );
  readonly #histogram = new BucketHistogram({
    name: 'harness_http_req_duration_seconds',
    help: 'HTTP request duration (k6 http_req_duration) in fixed buckets; open model: from the intended start',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly #serviceTime = new BucketHistogram({
    name: 'harness_http_req_service_time_seconds',
    help: 'Open model only: HTTP request duration from the actual send',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly #intervalQ = INTERVAL_QUANTILES.map(
    ([stat, p]) =>
      [
        p,
        this.#gauge(
          `harness_http_req_duration_interval_${stat}_seconds`,
          `Exact (HDR) ${stat} of http_req_duration over the last interval`,
          ['name', ...CELL],
        ),
      ] as const,
  );
  readonly #lagP99 = this.#gauge(
    'harness_generator_event_loop_lag_p99_seconds',
    "The load generator's event-loop lag over the last interval, p99",
    CELL,
  );
  readonly #lagMax = this.#gauge(
    'harness_generator_event_loop_lag_max_seconds',
    "The load generator's event-loop lag over the last interval, max",
    CELL,
  );
  readonly #cpu = this.#gauge(
    'harness_generator_cpu_cores',
    'CPU used by the load generator in the last interval, in cores',
    CELL,
  );
  readonly #intervalEnd = this.#gauge(
    'harness_interval_end_timestamp_seconds',
    'End of the last interval sample, seconds since the epoch',
    CELL,
  );
  readonly #faultActive = this.#gauge(
    'harness_fault_active',
    '1 while a fault is in effect during the interval, else 0',
    [...CELL, 'kind', 'fault', 'fault_target', 'edge'],
  );
  readonly #cellInfo = this.#gauge('harness_cell_info', 'The cell under load: 1 while it runs, 0 after', [
    ...CELL,
    'schedule',
    'trial',
    'arch',
    'model',
  ]);
  /** Gauge label sets of the cell showing, removed when the next cell starts. */
  readonly #shown = new Map<Gauge, Map<string, Labels>>();
  /** Failed and total requests per (cell, name), for the cumulative rate. */
  readonly #failedSoFar = new Map<string, { failed: number; total: number }>();
  #checksSoFar = { passes: 0, total: 0 };
  #current: Labels | undefined;

  constructor(opts: HarnessMetricsOptions = {}) {
    if (opts.testid !== undefined) this.registry.setDefaultLabels({ testid: opts.testid });
    this.#requests = opts.requests ?? {};
  }

  /** Request methods and expected statuses, once the scenario is known. */
  setRequests(requests: RequestInfos): void {
    this.#requests = requests;
  }

  /** A cell starts: the previous cell's gauges go (stale in Prometheus), its counters stay. */
  startCell(cell: CellResult): void {
    for (const [gauge, sets] of this.#shown) for (const labels of sets.values()) gauge.remove(labels);
    this.#shown.clear();
    if (this.#current) {
      for (const t of [this.#duration, this.#iterationDuration, ...Object.values(this.#timings)])
        t.remove(this.#current);
    }
    this.#failedSoFar.clear();
    this.#checksSoFar = { passes: 0, total: 0 };
    const key = cellKey(cell);
    this.#current = key;
    this.#set(this.#cellInfo, this.#infoLabels(cell), 1);
    this.#set(this.#vus, key, 0);
    // Counters from 0 at the start, so rates and increases have a series from the first scrape.
    const scenarios =
      cell.executor.executor === 'scenarios' ? Object.keys(cell.executor.scenarios) : ['default'];
    for (const scenario of scenarios) {
      this.#iterations.inc({ ...key, scenario }, 0);
      this.#dropped.inc({ ...key, scenario }, 0);
    }
  }

  recordInterval(cell: CellResult, s: IntervalSample): void {
    const key = cellKey(cell);
    for (const [name, r] of Object.entries(s.byRequest)) {
      const info = this.#requests[name];
      const labels = { ...key, name, ...(info?.method ? { method: info.method } : {}) };
      let answered = 0;
      for (const [status, n] of Object.entries(r.statuses)) {
        this.#reqs.inc(
          { ...labels, status, expected_response: String(expectedResponse(Number(status), info)) },
          n,
        );
        answered += n;
      }
      if (r.count > answered)
        this.#reqs.inc({ ...labels, status: '0', expected_response: 'false' }, r.count - answered);
      const soFar = this.#failedSoFar.get(name) ?? { failed: 0, total: 0 };
      this.#failedSoFar.set(name, { failed: soFar.failed + r.failed, total: soFar.total + r.count });
      if (soFar.total + r.count > 0)
        this.#set(this.#failedRate, labels, (soFar.failed + r.failed) / (soFar.total + r.count));
      for (const [error, n] of Object.entries(r.errors)) if (n) this.#errors.inc({ ...key, name, error }, n);
      this.#sent.inc(key, r.bytesSent);
      this.#received.inc(key, r.bytesReceived);
      if (r.count === 0) continue;
      this.#duration.add(labels, r.duration);
      for (const t of HTTP_TIMINGS)
        if (r.timings?.[t] !== undefined) this.#timings[t].add(labels, r.timings[t]!);
      const duration = LatencyHistogram.decode(r.duration);
      this.#histogram.addHistogram({ ...key, name }, duration);
      for (const [p, gauge] of this.#intervalQ)
        this.#set(gauge, { ...key, name }, (p === 100 ? duration.max : duration.percentile(p)) / 1e6);
      if (r.serviceTime !== undefined)
        this.#serviceTime.addHistogram({ ...key, name }, LatencyHistogram.decode(r.serviceTime));
    }
    if (s.byScenario)
      for (const [scenario, x] of Object.entries(s.byScenario)) {
        this.#iterations.inc({ ...key, scenario }, x.iterations);
        this.#dropped.inc({ ...key, scenario }, x.droppedIterations);
      }
    else {
      this.#iterations.inc({ ...key, scenario: 'default' }, s.iterations);
      this.#dropped.inc({ ...key, scenario: 'default' }, s.droppedIterations);
    }
    if (s.iterationDuration !== undefined) this.#iterationDuration.add(key, s.iterationDuration);
    if (s.checks) {
      this.#checksSoFar.passes += s.checks.passes;
      this.#checksSoFar.total += s.checks.passes + s.checks.fails;
      if (this.#checksSoFar.total > 0)
        this.#set(this.#checksRate, key, this.#checksSoFar.passes / this.#checksSoFar.total);
    }
    this.#set(this.#vus, key, s.vus);
    this.#set(this.#vusMax, key, s.vusMax);
    if (s.generator) {
      this.#set(this.#lagP99, key, s.generator.eventLoopLagP99Ms / 1000);
      this.#set(this.#lagMax, key, s.generator.eventLoopLagMaxMs / 1000);
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

  #set(gauge: Gauge, labels: Labels, value: number): void {
    gauge.set(labels, value);
    const sets = this.#shown.get(gauge) ?? new Map<string, Labels>();
    this.#shown.set(gauge, sets);
    sets.set(JSON.stringify(labels), labels);
  }

  #infoLabels(cell: CellResult): Labels {
    return {
      target: cell.target,
      profile: cell.profile,
      schedule: cell.schedule ?? 'none',
      trial: String(cell.trial),
      arch: cell.targetKind,
      model: cell.model,
    };
  }

  #counter(name: string, help: string, labelNames: string[]) {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  #gauge(name: string, help: string, labelNames: string[]) {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }
}
