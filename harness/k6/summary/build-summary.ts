/**
 * k6's end-of-test summary (the `handleSummary` data, k6's current layout)
 * from harness's interval samples and threshold verdicts.
 *
 * Values follow k6's rules: trends in ms with the configured trend stats,
 * counter `rate` per second of the whole test run, a rate metric's `passes`
 * the non-zero samples (for `http_req_failed`: the failed requests), gauges
 * as value/min/max. A metric with no samples is left out, as k6 leaves it out,
 * unless a threshold names it. A threshold on a tagged metric gets its own
 * entry (`http_req_duration{name:get-item}`), as k6 writes submetrics.
 *
 * Several cells (`harness run` over targets and profiles) become one summary:
 * the metrics over every cell, plus per cell the request metrics and each
 * threshold as a submetric tagged with the cell (`{target:monolith,profile:steady}`):
 * k6's way of showing one test's parts, and each cell's verdict stays its own.
 */

import type { IntervalSample, ThresholdResult } from '../../../model/index.ts';
import {
  LatencyHistogram,
  type MetricAggregates,
  type MetricKey,
  metricValues,
  parseMetricKey,
  trend,
  windowMs,
} from '../../../model/index.ts';
import { scheduleLagHistogram } from '../../engine/schedule-lag.ts';
import { HARNESS_EXTRA_METRICS, K6_METRICS, type K6MetricInfo } from '../k6-metrics.ts';
import type { K6Group, K6SummaryData, K6SummaryMetric } from './types.ts';

/** k6's default `summaryTrendStats`, plus p(99): the percentile harness's thresholds and reports use most. */
export const SUMMARY_TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'] as const;

/** One part of the summary: a cell of a run, or the only one. */
export interface SummaryPart {
  /** Tags that name the part in submetric keys (`{ target: 'monolith', profile: 'steady' }`). */
  tags?: Record<string, string>;
  intervals: readonly IntervalSample[];
  thresholds?: readonly ThresholdResult[];
}

export interface BuildSummaryOptions {
  /** The whole test run in ms (counter rates divide by it); default: first interval start → last end. */
  testRunDurationMs?: number;
  noColor?: boolean;
}

/** k6's id of a group: md5 of its path; the root group's path is "". */
const ROOT_GROUP_ID = 'd41d8cd98f00b204e9800998ecf8427e';

export function buildK6Summary(parts: readonly SummaryPart[], opts: BuildSummaryOptions = {}): K6SummaryData {
  const all = parts.flatMap((p) => p.intervals);
  const durationMs = opts.testRunDurationMs ?? windowMs(all);
  const metrics: Record<string, K6SummaryMetric> = {};
  const single = parts.length === 1;

  for (const [name, info] of Object.entries({ ...K6_METRICS, ...HARNESS_EXTRA_METRICS })) {
    const metric = summaryMetric(all, name, info, durationMs);
    if (metric) metrics[name] = metric;
  }
  for (const part of parts) {
    const cellTags = single ? {} : (part.tags ?? {});
    if (!single)
      for (const name of ['http_reqs', 'http_req_duration', 'http_req_failed'])
        addSubmetric(metrics, part.intervals, parseMetricKey(name) as MetricKey, cellTags, durationMs);
    for (const t of part.thresholds ?? []) {
      const key = parseMetricKey(t.metric);
      if ('problem' in key) continue;
      const entry = addSubmetric(metrics, part.intervals, key, cellTags, durationMs);
      entry.thresholds = { ...entry.thresholds, [t.expression]: { ok: t.ok } };
    }
  }
  return {
    root_group: { name: '', path: '', id: ROOT_GROUP_ID, groups: [], checks: [] } satisfies K6Group,
    options: {
      summaryTrendStats: [...SUMMARY_TREND_STATS],
      summaryTimeUnit: '',
      noColor: opts.noColor ?? false,
    },
    state: { isStdErrTTY: false, isStdOutTTY: false, testRunDurationMs: durationMs },
    metrics,
  };
}

/** The entry of `key` narrowed to `cellTags` (made when missing; zero values when it has no data). */
function addSubmetric(
  metrics: Record<string, K6SummaryMetric>,
  intervals: readonly IntervalSample[],
  key: MetricKey,
  cellTags: Record<string, string>,
  durationMs: number,
): K6SummaryMetric {
  const tags = { ...cellTags, ...key.tags } as Record<string, string>;
  const name = formatKey(key.name, tags);
  const existing = metrics[name];
  if (existing) return existing;
  const info = K6_METRICS[key.name] ?? HARNESS_EXTRA_METRICS[key.name];
  // The part's own window: a cell's rate is over the cell, not over the whole run.
  const own = Object.keys(cellTags).length > 0 ? windowMs(intervals) : durationMs;
  const made = info
    ? (summaryMetric(intervals, key, info, own) ?? emptyMetric(info))
    : emptyMetric({ type: 'trend', contains: 'default' });
  metrics[name] = made;
  return made;
}

/** `http_req_duration{name:get-item,target:monolith}`; no braces without tags. */
export function formatKey(name: string, tags: Record<string, string>): string {
  const entries = Object.entries(tags);
  return entries.length === 0 ? name : `${name}{${entries.map(([k, v]) => `${k}:${v}`).join(',')}}`;
}

function summaryMetric(
  intervals: readonly IntervalSample[],
  key: string | MetricKey,
  info: K6MetricInfo,
  durationMs: number,
): K6SummaryMetric | undefined {
  let values: Record<string, number> | undefined;
  switch (info.source.kind) {
    case 'registry': {
      const agg = intervals.length > 0 ? metricValues(intervals, key, { windowMs: durationMs }) : null;
      values = agg === null ? undefined : valuesOf(agg);
      // A counter that counted nothing is a metric k6 never saw (a threshold on it re-adds it).
      if (agg?.type === 'counter' && agg.count === 0) values = undefined;
      break;
    }
    case 'timing': {
      const phase = info.source.phase;
      const h = LatencyHistogram.create();
      for (const s of intervals)
        for (const r of Object.values(s.byRequest)) {
          const encoded = r.timings?.[phase];
          if (encoded !== undefined && r.count > 0) h.merge(LatencyHistogram.decode(encoded));
        }
      const t = trend(h);
      values = t === null ? undefined : valuesOf(t);
      break;
    }
    case 'schedule-lag': {
      const h = scheduleLagHistogram(intervals);
      const t = h === undefined ? null : trend(h);
      values = t === null ? undefined : valuesOf(t);
      break;
    }
    case 'absent':
      values = undefined;
  }
  if (values === undefined) return undefined;
  return { type: info.type, contains: info.contains, values };
}

function valuesOf(agg: MetricAggregates): Record<string, number> {
  switch (agg.type) {
    case 'counter':
      return { count: agg.count, rate: agg.rate };
    case 'gauge':
      return { value: agg.value, min: agg.min, max: agg.max };
    case 'rate':
      return { rate: agg.rate, passes: agg.passes, fails: agg.total - agg.passes };
    case 'trend': {
      const out: Record<string, number> = {};
      for (const stat of SUMMARY_TREND_STATS) {
        const p = /^p\((\d+(?:\.\d+)?)\)$/.exec(stat);
        out[stat] = p ? agg.percentile(Number(p[1])) : (agg as unknown as Record<string, number>)[stat]!;
      }
      return out;
    }
  }
}

/** What k6 writes for a metric with a threshold but no sample. */
function emptyMetric(info: Pick<K6MetricInfo, 'type' | 'contains'>): K6SummaryMetric {
  const values: Record<string, number> =
    info.type === 'counter'
      ? { count: 0, rate: 0 }
      : info.type === 'gauge'
        ? { value: 0, min: 0, max: 0 }
        : info.type === 'rate'
          ? { rate: 0, passes: 0, fails: 0 }
          : Object.fromEntries(SUMMARY_TREND_STATS.map((s) => [s, 0]));
  return { type: info.type, contains: info.contains, values };
}
