/**
 * Everything the report draws from one cell's intervals, computed in one
 * pass and cached per cell: the per-interval figures of the charts over time
 * and the cell's merged latency histogram (for the percentile plot). Each
 * encoded histogram is decoded once, however many charts use it — an hour
 * at 1 s for five targets is 18,000 intervals (see counts-histogram.ts).
 */

import type { CellResult } from '../model/index.ts';
import { usToMs } from '../model/index.ts';
import { CountsHistogram } from './counts-histogram.ts';
import type { IntervalFigures } from './interval-figures.ts';

export interface CellDigest {
  figures: IntervalFigures[];
  /** Every request of the cell (µs). */
  histogram: CountsHistogram;
  /** Epoch ms of the first interval (elapsed time counts from it); undefined without intervals. */
  t0: number | undefined;
  /** Seconds from t0 to the end of the last interval. */
  span: number;
}

const cache = new WeakMap<CellResult, CellDigest>();

export function cellDigest(cell: CellResult): CellDigest {
  const hit = cache.get(cell);
  if (hit) return hit;
  const histogram = new CountsHistogram();
  const interval = new CountsHistogram();
  const t0 = cell.intervals[0]?.ts;
  const figures: IntervalFigures[] = [];
  let span = 0;
  for (const s of cell.intervals) {
    interval.reset();
    let count = 0;
    let failed = 0;
    for (const r of Object.values(s.byRequest)) {
      count += r.count;
      failed += r.failed;
      if (r.count > 0 && r.duration) interval.addEncoded(r.duration);
    }
    histogram.merge(interval);
    const any = count > 0;
    const t = (s.ts - t0!) / 1000;
    span = Math.max(span, t + s.durationMs / 1000);
    figures.push({
      t,
      rate: s.durationMs > 0 ? count / (s.durationMs / 1000) : 0,
      p50: any ? usToMs(interval.percentile(50)) : null,
      p95: any ? usToMs(interval.percentile(95)) : null,
      p99: any ? usToMs(interval.percentile(99)) : null,
      errorRate: any ? failed / count : null,
      vus: s.vus,
    });
  }
  const digest = { figures, histogram, t0, span };
  cache.set(cell, digest);
  return digest;
}
