/**
 * The metric registry: the k6 metric names this engine produces, their k6
 * types, the tags a threshold may filter them by, and `metricValues`, which
 * computes a metric's aggregates from interval samples.
 *
 * Tags are honoured only where `IntervalSample` keeps the data apart: it
 * stores one latency histogram per request name, and per-name counts by
 * status and by error class — never a histogram per status; and, for a
 * profile of concurrent scenarios, iterations, dropped iterations and VUs
 * per scenario (`byScenario`) — request metrics stay per request name. A filter the data
 * cannot answer is a validation error (`tagProblems`), never silently ignored.
 */
import { LatencyHistogram } from './histogram.ts';
import { ERROR_CLASSES, type IntervalSample, type RequestStats } from './types.ts';

export type MetricType = 'counter' | 'gauge' | 'rate' | 'trend';
export type TagName = 'name' | 'status' | 'error' | 'expected_response' | 'scenario';
const TAG_NAMES: readonly TagName[] = ['name', 'status', 'error', 'expected_response', 'scenario'];
export type AggregationMethod = 'avg' | 'min' | 'max' | 'med' | 'count' | 'rate' | 'value' | 'p';
/** One aggregation of a threshold: `avg`, `count`, … or `p(N)` with `p` = N. */
export type Aggregation = { method: Exclude<AggregationMethod, 'p'> } | { method: 'p'; p: number };

export interface MetricDef {
  name: string;
  type: MetricType;
  /** Unit of the values thresholds compare: trends are in ms. */
  unit: 'ms' | 'bytes' | 'requests' | 'iterations' | 'vus' | 'ratio';
  description: string;
  /** Tags this metric can be filtered by at interval resolution. */
  tags: readonly TagName[];
}

const byName = ['name'] as const;
const byScenario = ['scenario'] as const;

export const METRICS: Readonly<Record<string, MetricDef>> = {
  http_reqs: {
    name: 'http_reqs',
    type: 'counter',
    unit: 'requests',
    description: 'HTTP requests sent',
    // Counts are kept per name and, within a name, per status and per error class.
    tags: ['name', 'status', 'error', 'expected_response'],
  },
  http_req_duration: {
    name: 'http_req_duration',
    type: 'trend',
    unit: 'ms',
    description: 'request latency (open model: from the intended start)',
    tags: byName,
  },
  http_req_service_time: {
    name: 'http_req_service_time',
    type: 'trend',
    unit: 'ms',
    description: 'open model only: latency from the actual send',
    tags: byName,
  },
  http_req_failed: {
    name: 'http_req_failed',
    type: 'rate',
    unit: 'ratio',
    description: 'failed requests',
    tags: byName,
  },
  iteration_duration: {
    name: 'iteration_duration',
    type: 'trend',
    unit: 'ms',
    description: 'one iteration from its actual start to its end',
    tags: [],
  },
  iterations: {
    name: 'iterations',
    type: 'counter',
    unit: 'iterations',
    description: 'completed iterations',
    tags: byScenario,
  },
  dropped_iterations: {
    name: 'dropped_iterations',
    type: 'counter',
    unit: 'iterations',
    description: 'open-model iterations that could not start',
    tags: byScenario,
  },
  vus: { name: 'vus', type: 'gauge', unit: 'vus', description: 'active virtual users', tags: byScenario },
  vus_max: {
    name: 'vus_max',
    type: 'gauge',
    unit: 'vus',
    description: 'allocated virtual users',
    tags: byScenario,
  },
  data_sent: { name: 'data_sent', type: 'counter', unit: 'bytes', description: 'bytes sent', tags: byName },
  data_received: {
    name: 'data_received',
    type: 'counter',
    unit: 'bytes',
    description: 'bytes received',
    tags: byName,
  },
  checks: { name: 'checks', type: 'rate', unit: 'ratio', description: 'passed checks', tags: [] },
};

/** k6's rule of which aggregations each metric type supports. */
export const AGGREGATIONS_BY_TYPE: Readonly<Record<MetricType, readonly AggregationMethod[]>> = {
  counter: ['count', 'rate'],
  gauge: ['value', 'min', 'max'],
  rate: ['rate'],
  trend: ['avg', 'min', 'max', 'med', 'p'],
};

/** A metric key as written in `thresholds`: `name` or `name{tag:value,tag2:value}`. */
export interface MetricKey {
  name: string;
  tags: Partial<Record<string, string>>;
}

/** Parses a metric key; returns a message instead when the syntax is wrong. */
export function parseMetricKey(key: string): MetricKey | { problem: string } {
  const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\{(.*)\})?\s*$/s.exec(key);
  if (!m) return { problem: `expected "metric" or "metric{tag:value}", got "${key}"` };
  const tags: Partial<Record<string, string>> = {};
  if (m[2] !== undefined) {
    if (m[2].trim() === '') return { problem: `empty tag filter in "${key}": remove "{}" or add tag:value` };
    for (const part of m[2].split(',')) {
      const colon = part.indexOf(':');
      const tag = part.slice(0, colon).trim();
      // k6 allows quoting the value: {name:"read"}.
      const value = part
        .slice(colon + 1)
        .trim()
        .replace(/^(["'])(.*)\1$/, '$2');
      if (colon < 0 || tag === '' || value === '')
        return { problem: `expected tag:value in the filter, got "${part.trim()}"` };
      if (tags[tag] !== undefined) return { problem: `tag "${tag}" appears twice in "${key}"` };
      tags[tag] = value;
    }
  }
  return { name: m[1]!, tags };
}

/** Problems with a parsed key's tags for its metric (unknown, unsupported at this resolution, bad values). */
export function tagProblems(
  key: MetricKey,
  opts: { requestNames?: readonly string[]; scenarioNames?: readonly string[] } = {},
): string[] {
  const def = METRICS[key.name];
  if (!def) return [];
  const problems: string[] = [];
  const used = Object.keys(key.tags);
  for (const tag of used) {
    const value = key.tags[tag]!;
    if (!(TAG_NAMES as readonly string[]).includes(tag)) {
      problems.push(
        `unknown tag "${tag}": tags are ${TAG_NAMES.slice(0, -1).join(', ')} and ${TAG_NAMES.at(-1)}`,
      );
    } else if (!def.tags.includes(tag as TagName)) {
      problems.push(
        def.tags.length === 0
          ? `${def.name} cannot be filtered by tags (it is measured per run, not per request)`
          : `${def.name} cannot be filtered by "${tag}": samples keep it per ${def.tags.join(', ')} only` +
              (tag === 'expected_response' || tag === 'status'
                ? ` (use http_reqs{${tag}:${value}} for counts)`
                : tag === 'scenario'
                  ? ' (request metrics are kept per request name: give each scenario its own requests and filter by name)'
                  : ''),
      );
    } else if (tag === 'status' && !/^[1-5]\d\d$/.test(value)) {
      problems.push(`status must be an HTTP status such as 200, got "${value}"`);
    } else if (tag === 'error' && !(ERROR_CLASSES as readonly string[]).includes(value)) {
      problems.push(`unknown error class "${value}": expected one of ${ERROR_CLASSES.join(', ')}`);
    } else if (tag === 'expected_response' && value !== 'true' && value !== 'false') {
      problems.push(`expected_response must be true or false, got "${value}"`);
    } else if (tag === 'name' && opts.requestNames && !opts.requestNames.includes(value)) {
      problems.push(`no request named "${value}" in workload.mix (names: ${opts.requestNames.join(', ')})`);
    } else if (tag === 'scenario' && opts.scenarioNames && !opts.scenarioNames.includes(value)) {
      problems.push(
        opts.scenarioNames.length === 0
          ? `no profile has scenarios, so nothing is tagged scenario:${value} (write a profile as { scenarios: { ${value}: {...} } })`
          : `no scenario named "${value}" in any profile (scenarios: ${opts.scenarioNames.join(', ')})`,
      );
    }
  }
  // Status and error counts are two separate tallies: their crossings are not stored.
  const exclusive = used.filter((t) => t === 'status' || t === 'error' || t === 'expected_response');
  if (exclusive.length > 1)
    problems.push(`${exclusive.join(' and ')} cannot be combined: filter by one of them`);
  return problems;
}

/** A metric's aggregates over some intervals; `null` from `metricValues` when it had no samples. */
export type MetricAggregates =
  | { type: 'counter'; count: number; rate: number }
  | { type: 'gauge'; value: number; min: number; max: number }
  | { type: 'rate'; passes: number; total: number; rate: number }
  | {
      type: 'trend';
      count: number;
      avg: number;
      min: number;
      max: number;
      med: number;
      percentile(p: number): number;
    };

/** Measured window of some intervals in ms: first start → last end. */
export function windowMs(intervals: readonly IntervalSample[]): number {
  if (intervals.length === 0) return 0;
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const s of intervals) {
    start = Math.min(start, s.ts);
    end = Math.max(end, s.ts + s.durationMs);
  }
  return end - start;
}

/** Microseconds → milliseconds, keeping µs precision. */
export const usToMs = (us: number): number => us / 1000;

/**
 * Aggregates of `metricKey` (`http_req_duration{name:read}`) over `intervals`.
 * Returns null when the metric had no samples: no intervals at all, a trend
 * with no recorded value, a rate with nothing counted. A counter over existing
 * intervals is never empty — counting nothing is a count of 0, as in k6.
 * `opts.windowMs` overrides the window that counter rates divide by.
 */
export function metricValues(
  intervals: readonly IntervalSample[],
  metricKey: string | MetricKey,
  opts: { windowMs?: number } = {},
): MetricAggregates | null {
  const acc = metricAccumulator(metricKey);
  for (const s of intervals) acc.add(s);
  return acc.values(opts);
}

/** Folds intervals into one metric's aggregates as they arrive, so live evaluation stays O(new intervals). */
export interface MetricAccumulator {
  add(sample: IntervalSample): void;
  /** The aggregates so far (see `metricValues`); a trend's values read the live histogram. */
  values(opts?: { windowMs?: number }): MetricAggregates | null;
}

export function metricAccumulator(metricKey: string | MetricKey): MetricAccumulator {
  const key = typeof metricKey === 'string' ? parseMetricKey(metricKey) : metricKey;
  if ('problem' in key) throw new Error(`invalid metric key: ${key.problem}`);
  const def = METRICS[key.name];
  if (!def) throw new Error(`unknown metric "${key.name}"`);
  const bad = tagProblems(key);
  if (bad.length > 0) throw new Error(`invalid metric key "${String(metricKey)}": ${bad.join('; ')}`);

  const { name, status, error, expected_response: expected, scenario } = key.tags;
  // A scenario filter reads `byScenario`; an interval without that scenario (a cell whose profile
  // does not have it) is no sample of the metric, so such a cell has no data for it.
  const ofScenario = (s: IntervalSample) => (scenario === undefined ? s : s.byScenario?.[scenario]);
  const requests = (s: IntervalSample): RequestStats[] =>
    name === undefined ? Object.values(s.byRequest) : s.byRequest[name] ? [s.byRequest[name]!] : [];
  const sum = (s: IntervalSample, pick: (r: RequestStats) => number): number =>
    requests(s).reduce((n, r) => n + pick(r), 0);
  // What one interval adds: a count (counter), trues and total (rate), a value (gauge).
  const counterOf: Partial<Record<string, (s: IntervalSample) => number>> = {
    http_reqs: (s) =>
      status !== undefined
        ? sum(s, (r) => r.statuses[status] ?? 0)
        : error !== undefined
          ? sum(s, (r) => r.errors[error as keyof RequestStats['errors']] ?? 0)
          : expected === 'true'
            ? sum(s, (r) => r.count - r.failed)
            : expected === 'false'
              ? sum(s, (r) => r.failed)
              : sum(s, (r) => r.count),
    data_sent: (s) => sum(s, (r) => r.bytesSent),
    data_received: (s) => sum(s, (r) => r.bytesReceived),
    iterations: (s) => ofScenario(s)!.iterations,
    dropped_iterations: (s) => ofScenario(s)!.droppedIterations,
  };
  const rateOf: Partial<Record<string, (s: IntervalSample) => [number, number]>> = {
    http_req_failed: (s) => [sum(s, (r) => r.failed), sum(s, (r) => r.count)],
    checks: (s) => [s.checks?.passes ?? 0, (s.checks?.passes ?? 0) + (s.checks?.fails ?? 0)],
  };

  let n = 0;
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  let count = 0;
  let trues = 0;
  let last = { ts: Number.NEGATIVE_INFINITY, value: 0 };
  let [min, max] = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  const histogram = def.type === 'trend' ? LatencyHistogram.create() : undefined;

  return {
    add(s) {
      const own = ofScenario(s);
      if (own === undefined) return;
      n++;
      start = Math.min(start, s.ts);
      end = Math.max(end, s.ts + s.durationMs);
      if (def.type === 'counter') count += counterOf[def.name]!(s);
      else if (def.type === 'rate') {
        const [t, total] = rateOf[def.name]!(s);
        trues += t;
        count += total;
      } else if (def.type === 'gauge') {
        const value = def.name === 'vus' ? own.vus : own.vusMax;
        if (s.ts >= last.ts) last = { ts: s.ts, value };
        [min, max] = [Math.min(min, value), Math.max(max, value)];
      } else if (def.name === 'iteration_duration') {
        if (s.iterationDuration !== undefined) histogram!.merge(LatencyHistogram.decode(s.iterationDuration));
      } else {
        for (const r of requests(s)) {
          const encoded = def.name === 'http_req_duration' ? r.duration : r.serviceTime;
          if (encoded && r.count > 0) histogram!.merge(LatencyHistogram.decode(encoded));
        }
      }
    },
    values(opts = {}) {
      if (n === 0) return null;
      if (def.type === 'counter') {
        const ms = opts.windowMs ?? end - start;
        return { type: 'counter', count, rate: ms > 0 ? count / (ms / 1000) : 0 };
      }
      // k6 leaves a rate with nothing counted unset rather than dividing by zero (k6 #2520).
      if (def.type === 'rate')
        return count === 0 ? null : { type: 'rate', passes: trues, total: count, rate: trues / count };
      if (def.type === 'gauge') return { type: 'gauge', value: last.value, min, max };
      return trend(histogram!);
    },
  };
}

/** Trend aggregates in ms from a µs histogram; null when it holds no value. */
export function trend(h: LatencyHistogram): MetricAggregates | null {
  if (h.count === 0) return null;
  return {
    type: 'trend',
    count: h.count,
    avg: usToMs(h.mean),
    min: usToMs(h.min),
    max: usToMs(h.max),
    med: usToMs(h.percentile(50)),
    percentile: (p) => usToMs(h.percentile(p)),
  };
}

/** One aggregation of computed values (`p(95)` → the 95th percentile), or null when it does not apply. */
export function aggregate(values: MetricAggregates, agg: Aggregation): number | null {
  if (!AGGREGATIONS_BY_TYPE[values.type].includes(agg.method)) return null;
  if (agg.method === 'p') return values.type === 'trend' ? values.percentile(agg.p) : null;
  const v = (values as Record<string, unknown>)[agg.method];
  return typeof v === 'number' ? v : null;
}
