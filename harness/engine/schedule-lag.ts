/**
 * Summaries of the open model's scheduling lag (IntervalSample.scheduleLag):
 * how late the generator started iterations relative to their intended start.
 * For `harness load`'s output and the k6 summary export (`http_req_schedule_lag`).
 */

import type { IntervalSample, LatencyStats } from '../../model/index.ts';
import { LatencyHistogram, latencyStats } from '../../model/index.ts';

/** The merged lag histogram (µs) of every interval; undefined for a closed-model run. */
export function scheduleLagHistogram(intervals: readonly IntervalSample[]): LatencyHistogram | undefined {
  let h: LatencyHistogram | undefined;
  for (const s of intervals) {
    if (s.scheduleLag === undefined) continue;
    h ??= LatencyHistogram.create();
    h.merge(LatencyHistogram.decode(s.scheduleLag));
  }
  return h;
}

/** Lag statistics in ms, as every other trend; undefined for a closed-model run. */
export function scheduleLagStats(intervals: readonly IntervalSample[]): LatencyStats | undefined {
  const h = scheduleLagHistogram(intervals);
  return h === undefined ? undefined : latencyStats(h);
}
