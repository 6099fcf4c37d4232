/**
 * The figures a comparison tests, per cell: the cell-level value of each
 * metric (from its summary — exact merged percentiles) and the per-second
 * series (from each interval's merged histogram).
 */

import type { CellResult, CompareMetric } from '../../model/index.ts';
import { COMPARE_METRICS, intervalQuick } from '../../model/index.ts';

/** The metric of a whole cell, or null when it has no summary (or no request for latencies). */
export function cellValue(cell: CellResult, metric: CompareMetric): number | null {
  const s = cell.summary;
  if (!s) return null;
  switch (metric) {
    case 'throughput':
      return s.rate;
    case 'errorRate':
      return s.requests > 0 ? s.errorRate : null;
    case 'p50':
      return s.requests > 0 ? s.duration.med : null;
    case 'p95':
      return s.requests > 0 ? s.duration.p95 : null;
    case 'p99':
      return s.requests > 0 ? s.duration.p99 : null;
  }
}

/** Intervals shorter than this (the tail of a run) are too noisy to be samples. */
const MIN_INTERVAL_MS = 500;

/**
 * Per-second values of every metric over the cells' intervals. Latency and
 * error rate skip intervals without requests (no answer is not "fast").
 */
export function intervalSeries(cells: readonly CellResult[]): Record<CompareMetric, number[]> {
  const out: Record<CompareMetric, number[]> = { throughput: [], p50: [], p95: [], p99: [], errorRate: [] };
  for (const cell of cells) {
    const own = cellSeries(cell);
    for (const m of COMPARE_METRICS) out[m].push(...own[m]);
  }
  return out;
}

/** Each cell decoded once, however many comparisons use it (a run's reference is in every one). */
const seriesCache = new WeakMap<CellResult, Record<CompareMetric, number[]>>();

function cellSeries(cell: CellResult): Record<CompareMetric, number[]> {
  const hit = seriesCache.get(cell);
  if (hit) return hit;
  const out: Record<CompareMetric, number[]> = { throughput: [], p50: [], p95: [], p99: [], errorRate: [] };
  for (const sample of cell.intervals) {
    if (sample.durationMs < MIN_INTERVAL_MS) continue;
    const q = intervalQuick(sample);
    out.throughput.push(q.rate);
    const any = Object.values(sample.byRequest).some((r) => r.count > 0);
    if (!any) continue;
    out.p50.push(q.p50);
    out.p95.push(q.p95);
    out.p99.push(q.p99);
    out.errorRate.push(q.errorRate);
  }
  seriesCache.set(cell, out);
  return out;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
