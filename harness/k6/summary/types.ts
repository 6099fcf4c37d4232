/**
 * The two JSON layouts of k6's end-of-test summary, as k6 v0.48 writes them
 * (their shapes taken from what the real binary wrote; see harness/k6/README.md):
 *
 * - current: the `data` object `handleSummary(data)` receives — what k6-junit,
 *   k6-html-reporter and k6's own summary code read. Every metric has `type`,
 *   `contains` and `values`; a threshold is `{ ok }`.
 * - legacy: what `k6 run --summary-export` writes. Metrics are flat (`avg`,
 *   `count`…), a rate metric has `passes`/`fails`/`value`, and a threshold's
 *   boolean is `true` when it FAILED.
 */

export type K6MetricType = 'counter' | 'gauge' | 'rate' | 'trend';
/** What a metric's values are: `time` (ms), `data` (bytes) or plain numbers. */
export type K6ValueType = 'default' | 'time' | 'data';

export interface K6Check {
  name: string;
  path: string;
  id: string;
  passes: number;
  fails: number;
}

export interface K6Group {
  name: string;
  path: string;
  id: string;
  groups: K6Group[];
  checks: K6Check[];
}

export interface K6SummaryMetric {
  type: K6MetricType;
  contains: K6ValueType;
  /** counter: count, rate · gauge: value, min, max · rate: rate, passes, fails · trend: the trend stats. */
  values: Record<string, number>;
  /** Threshold expression → verdict. */
  thresholds?: Record<string, { ok: boolean }>;
}

/** `handleSummary(data)`'s `data`. */
export interface K6SummaryData {
  root_group: K6Group;
  options: { summaryTrendStats: string[]; summaryTimeUnit: string; noColor: boolean };
  state: { isStdErrTTY: boolean; isStdOutTTY: boolean; testRunDurationMs: number };
  metrics: Record<string, K6SummaryMetric>;
}

export interface K6LegacyGroup {
  name: string;
  path: string;
  id: string;
  groups: Record<string, K6LegacyGroup>;
  checks: Record<string, K6Check>;
}

/** `k6 run --summary-export`'s file. */
export interface K6LegacySummary {
  root_group: K6LegacyGroup;
  /** Flat values, plus `thresholds`: expression → true when it FAILED. */
  metrics: Record<string, Record<string, number | Record<string, boolean>>>;
}

export type SummaryLayout = 'current' | 'legacy';
export const SUMMARY_LAYOUTS: readonly SummaryLayout[] = ['current', 'legacy'];
