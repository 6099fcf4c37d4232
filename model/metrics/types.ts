/**
 * The metrics model shared by the engine, the results store, thresholds and
 * reports. Metric names follow k6. Samples are per-interval aggregates —
 * never one record per request — so memory and file size do not grow with
 * the request count.
 */

/** How a failed request failed. */
export type ErrorClass =
  | 'timeout' // no response within the request timeout
  | 'refused' // ECONNREFUSED
  | 'reset' // ECONNRESET, socket closed mid-request
  | 'http_4xx'
  | 'http_5xx'
  | 'unexpected_status' // a status outside `expectStatus` that is not 4xx/5xx
  | 'other';

export const ERROR_CLASSES: readonly ErrorClass[] = [
  'timeout',
  'refused',
  'reset',
  'http_4xx',
  'http_5xx',
  'unexpected_status',
  'other',
];

/** k6's request phases (`http_req_<phase>`), in k6's order. */
export type HttpTiming = 'blocked' | 'connecting' | 'tls_handshaking' | 'sending' | 'waiting' | 'receiving';
export const HTTP_TIMINGS: readonly HttpTiming[] = [
  'blocked',
  'connecting',
  'tls_handshaking',
  'sending',
  'waiting',
  'receiving',
];

/** Aggregates of one request name (tag `name`) over one interval. */
export interface RequestStats {
  /** k6 `http_reqs`. */
  count: number;
  /** Requests counted in k6 `http_req_failed`. */
  failed: number;
  errors: Partial<Record<ErrorClass, number>>;
  /** Response count per HTTP status (`"200"`, …); failures without a response are not here. */
  statuses: Record<string, number>;
  /**
   * k6 `http_req_duration`, encoded LatencyHistogram in µs. Open model: measured
   * from the intended start time (coordinated omission corrected).
   */
  duration: string;
  /** Open model only: service time, measured from the actual send (encoded µs histogram). */
  serviceTime?: string;
  /**
   * k6's request phases, when the engine measured them (the k6 engine does;
   * the built-in one does not): encoded µs histograms by k6 name without the
   * `http_req_` prefix (`waiting` is k6 `http_req_waiting`, time to first byte).
   */
  timings?: Partial<Record<HttpTiming, string>>;
  /** k6 `data_sent` / `data_received`, bytes. */
  bytesSent: number;
  bytesReceived: number;
}

/** One scenario's share of an interval (k6 tag `scenario`). */
export interface ScenarioStats {
  iterations: number;
  droppedIterations: number;
  vus: number;
  vusMax: number;
}

/** Load generator self-observation for one interval. */
export interface GeneratorStats {
  /** Event-loop lag of the generator (ms), p99 and max over the interval. */
  eventLoopLagP99Ms: number;
  eventLoopLagMaxMs: number;
  /** CPU used by the generator process in the interval, in cores (1.0 = one full core). */
  cpuCores: number;
}

/** Everything the engine measured during one interval (1 s by default). */
export interface IntervalSample {
  /** Start of the interval, ms since the epoch. */
  ts: number;
  /** Interval length in ms (the last interval of a run may be shorter). */
  durationMs: number;
  /** Per request name (the `name` tag of the request mix). */
  byRequest: Record<string, RequestStats>;
  /** k6 `iterations` completed in this interval. */
  iterations: number;
  /**
   * k6 `iteration_duration`: each completed iteration from its actual start
   * to its end, an encoded LatencyHistogram in µs. Absent in files written
   * before it was recorded.
   */
  iterationDuration?: string;
  /** k6 `dropped_iterations`: open-model iterations that could not start. */
  droppedIterations: number;
  /** k6 `vus` at the end of the interval, and `vus_max`. */
  vus: number;
  vusMax: number;
  /**
   * A profile of concurrent scenarios: the same counters and gauges per
   * scenario name (k6 tag `scenario`), every scenario in every interval.
   * Absent for a single-executor profile.
   */
  byScenario?: Record<string, ScenarioStats>;
  /** k6 `checks`: passed and failed checks. */
  checks?: { passes: number; fails: number };
  /** Scripted iterations that threw (counted in `iterations` too). */
  failedIterations?: number;
  generator?: GeneratorStats;
  /**
   * Open model: how late the generator started each iteration — the moment it
   * handed the request to the HTTP client minus the iteration's intended
   * start — as an encoded LatencyHistogram in µs (k6 name in exports:
   * `http_req_schedule_lag`). Near zero when the generator keeps up.
   */
  scheduleLag?: string;
}

/** An acknowledged write, for the integrity check. */
export interface LedgerEntry {
  /** The request name that wrote it. */
  request: string;
  id: string;
  version: number;
  /** When the acknowledgement arrived, ms since the epoch. */
  ackedAt: number;
}

/** Where the engine pushes what it measured. It knows nothing of reports. */
export interface SampleSink {
  onInterval(sample: IntervalSample): void;
  onLedger?(entries: LedgerEntry[]): void;
}
