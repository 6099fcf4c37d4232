/**
 * k6's `--summary-export` JSON layout, so tools that read k6 summaries read
 * ours too: `metrics.http_reqs.rate`, `metrics.http_req_duration["p(99)"]`…
 *
 * Kept faithful to k6's legacy format, quirks included: a rate metric has
 * `passes` (non-zero samples — for `http_req_failed`, the *failed* requests),
 * `fails` and `value`; a threshold's boolean is `true` when it FAILED.
 */
import type { CellSummary, ThresholdResult } from '../../model/index.ts';

type Json = Record<string, unknown>;

export interface K6SummaryExport {
  root_group: { name: string; path: string; id: string; groups: Json; checks: Json };
  metrics: Record<string, Json>;
}

export function toK6Summary(
  s: CellSummary,
  opts: {
    vus?: { min: number; max: number; value: number };
    thresholds?: ThresholdResult[];
    scheduleLag?: CellSummary['duration'];
  } = {},
): K6SummaryExport {
  const secs = s.durationMs / 1000 || 1;
  const counter = (count: number): Json => ({ count, rate: count / secs });
  const trend = (t: CellSummary['duration']): Json => ({
    avg: t.avg,
    min: t.min,
    med: t.med,
    max: t.max,
    'p(90)': t.p90,
    'p(95)': t.p95,
    'p(99)': t.p99,
  });
  const metrics: Record<string, Json> = {
    http_reqs: counter(s.requests),
    http_req_duration: trend(s.duration),
    http_req_failed: {
      passes: s.failed,
      fails: s.requests - s.failed,
      value: s.requests ? s.failed / s.requests : 0,
    },
    iterations: counter(s.iterations),
    dropped_iterations: counter(s.droppedIterations),
    data_sent: counter(s.dataSent),
    data_received: counter(s.dataReceived),
    vus: opts.vus ?? { value: s.vusMax, min: 0, max: s.vusMax },
    vus_max: { value: s.vusMax, min: s.vusMax, max: s.vusMax },
  };
  if (s.serviceTime) metrics.http_req_service_time = trend(s.serviceTime);
  if (opts.scheduleLag) metrics.http_req_schedule_lag = trend(opts.scheduleLag);
  for (const t of opts.thresholds ?? []) {
    const key = t.metric;
    const metric = metrics[key] ?? {};
    metric.thresholds = { ...(metric.thresholds as Json | undefined), [t.expression]: !t.ok };
    metrics[key] = metric;
  }
  return {
    // k6's id of the root group is md5("").
    root_group: { name: '', path: '', id: 'd41d8cd98f00b204e9800998ecf8427e', groups: {}, checks: {} },
    metrics,
  };
}
