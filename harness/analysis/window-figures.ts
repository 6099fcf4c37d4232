/**
 * Cutting a cell's intervals into time windows, and the figures of one
 * window. An interval belongs to the window holding its midpoint, so each
 * interval counts in exactly one phase. Percentiles merge the window's
 * histograms exactly (summarizeCell), never averaging per-interval ones.
 */

import type { IntervalSample, WindowFigures } from '../../model/index.ts';
import { summarizeCell } from '../../model/index.ts';

/** The profile's start, ms since the epoch: given, or the first interval's start. */
export function profileStart(intervals: readonly IntervalSample[], startMs?: number): number {
  return startMs ?? intervals[0]?.ts ?? 0;
}

/** Midpoint of an interval in ms after `origin`. */
export const midpoint = (s: IntervalSample, origin: number): number => s.ts + s.durationMs / 2 - origin;

/** Intervals whose midpoint lies in [startMs, endMs) after `origin`. */
export function intervalsIn(
  intervals: readonly IntervalSample[],
  origin: number,
  startMs: number,
  endMs: number,
): IntervalSample[] {
  return intervals.filter((s) => {
    const m = midpoint(s, origin);
    return m >= startMs && m < endMs;
  });
}

export const ratio = (n: number, of: number): number | null => (of > 0 ? n / of : null);

/** Figures of some intervals taken as the window [startMs, endMs). */
export function windowFigures(
  intervals: readonly IntervalSample[],
  window: { startMs: number; endMs: number; offeredRate?: number | null },
): WindowFigures {
  const s = summarizeCell(intervals);
  const achievedRate = s.durationMs > 0 ? s.iterations / (s.durationMs / 1000) : 0;
  const offeredRate = window.offeredRate ?? null;
  const any = s.requests > 0;
  return {
    startMs: window.startMs,
    endMs: window.endMs,
    intervals: intervals.length,
    requests: s.requests,
    offeredRate,
    achievedRate,
    achievedRatio: offeredRate === null ? null : ratio(achievedRate, offeredRate),
    p50: any ? s.duration.med : null,
    p95: any ? s.duration.p95 : null,
    p99: any ? s.duration.p99 : null,
    errorRate: s.errorRate,
    droppedIterations: s.droppedIterations,
  };
}
