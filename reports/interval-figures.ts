/**
 * Per-interval figures for the charts over time, from metrics' `intervalQuick`
 * (one merged latency histogram per interval, over every request name). An
 * interval without requests has no latency or error rate — a gap in the
 * line, not a misleading zero (a killed target answers nothing, not fast).
 */

import type { CellResult, IntervalSample } from '../model/index.ts';
import { intervalQuick } from '../model/index.ts';

export interface IntervalFigures {
  /** Seconds from the cell's first interval to the start of this one. */
  t: number;
  /** Requests per second. */
  rate: number;
  /** Latency percentiles in ms; null when the interval had no requests. */
  p50: number | null;
  p95: number | null;
  p99: number | null;
  /** Failed / all; null when the interval had no requests. */
  errorRate: number | null;
  vus: number;
}

/** Figures of one interval; `t0` is the epoch ms the elapsed time counts from. */
export function intervalFigures(sample: IntervalSample, t0: number): IntervalFigures {
  const q = intervalQuick(sample);
  const any = Object.values(sample.byRequest).some((r) => r.count > 0);
  return {
    t: (sample.ts - t0) / 1000,
    rate: q.rate,
    p50: any ? q.p50 : null,
    p95: any ? q.p95 : null,
    p99: any ? q.p99 : null,
    errorRate: any ? q.errorRate : null,
    vus: sample.vus,
  };
}

/** The figures of every interval of a cell, elapsed time counted from its first interval. */
export function cellFigures(cell: CellResult): IntervalFigures[] {
  const first = cell.intervals[0];
  if (first === undefined) return [];
  return cell.intervals.map((s) => intervalFigures(s, first.ts));
}
