/**
 * Everything the report draws from one cell's intervals, computed in one
 * pass and cached per cell: the per-interval figures of the charts over time
 * (all requests, and per request name) and the cell's merged latency
 * histogram (for the percentile plot). Each encoded histogram is decoded
 * once, however many charts use it — an hour at 1 s for five targets is
 * 18,000 intervals (see counts-histogram.ts).
 *
 * Rates are normalised by each interval's real length (`durationMs`). The
 * run's last interval is usually partial, and often a sliver — the few ms
 * between the last full second and the end of the load, holding the last
 * responses or nothing: on its own it would draw a throughput collapse (or a
 * spike) that never happened. A last interval shorter than half the one
 * before is folded into it: one point over their joint length.
 */

import type { CellResult, IntervalSample } from '../model/index.ts';
import { usToMs } from '../model/index.ts';
import { CountsHistogram } from './counts-histogram.ts';
import type { IntervalFigures } from './interval-figures.ts';

/** Figures of one request name in one interval. */
export interface RequestFigures {
  rate: number;
  /** ms; null when the name had no request in the interval. */
  p95: number | null;
  p99: number | null;
}

export interface DigestFigures extends IntervalFigures {
  /** Length of the interval (or of a folded pair) in seconds. */
  seconds: number;
  p90: number | null;
  max: number | null;
  /** Per request name (the `perRequest` names only). */
  requests: Record<string, RequestFigures>;
}

export interface CellDigest {
  figures: DigestFigures[];
  /** Every request of the cell (µs). */
  histogram: CountsHistogram;
  /** Epoch ms of the first interval (elapsed time counts from it); undefined without intervals. */
  t0: number | undefined;
  /** Seconds from t0 to the end of the last interval. */
  span: number;
  /** Request names with per-name figures: the busiest, at most MAX_REQUEST_NAMES, in mix order. */
  perRequest: string[];
  /** Request names left out of the per-name figures. */
  omittedRequests: number;
}

/** Most request names drawn per cell (scripts may name hundreds). */
export const MAX_REQUEST_NAMES = 8;

const cache = new WeakMap<CellResult, CellDigest>();
const BANDS = [50, 90, 95, 99, 100] as const;
const TAIL = [95, 99] as const;

export function cellDigest(cell: CellResult): CellDigest {
  const hit = cache.get(cell);
  if (hit) return hit;
  const { names, omitted } = requestNames(cell);
  const histogram = new CountsHistogram();
  const interval = new CountsHistogram();
  const byName = new Map(names.map((n) => [n, new CountsHistogram()]));
  const t0 = cell.intervals[0]?.ts;
  const figures: DigestFigures[] = [];
  let span = 0;
  for (const group of intervalGroups(cell.intervals)) {
    interval.reset();
    for (const h of byName.values()) h.reset();
    const perName = new Map<string, number>();
    let count = 0;
    let failed = 0;
    let durationMs = 0;
    for (const s of group) {
      durationMs += s.durationMs;
      for (const [name, r] of Object.entries(s.byRequest)) {
        count += r.count;
        failed += r.failed;
        if (r.count === 0 || !r.duration) continue;
        const own = byName.get(name);
        if (own === undefined) interval.addEncoded(r.duration);
        else {
          own.addEncoded(r.duration);
          perName.set(name, (perName.get(name) ?? 0) + r.count);
        }
      }
    }
    for (const h of byName.values()) interval.merge(h);
    histogram.merge(interval);
    const first = group[0]!;
    const last = group.at(-1)!;
    const any = count > 0;
    const seconds = durationMs / 1000;
    const t = (first.ts - t0!) / 1000;
    span = Math.max(span, (last.ts - t0!) / 1000 + last.durationMs / 1000);
    const requests: Record<string, RequestFigures> = {};
    for (const [name, h] of byName) {
      const n = perName.get(name) ?? 0;
      const [p95, p99] = h.percentiles(TAIL);
      requests[name] = {
        rate: seconds > 0 ? n / seconds : 0,
        p95: n > 0 ? usToMs(p95!) : null,
        p99: n > 0 ? usToMs(p99!) : null,
      };
    }
    const [p50, p90, p95, p99, max] = interval.percentiles(BANDS).map(usToMs);
    figures.push({
      t,
      seconds,
      rate: seconds > 0 ? count / seconds : 0,
      p50: any ? p50! : null,
      p90: any ? p90! : null,
      p95: any ? p95! : null,
      p99: any ? p99! : null,
      max: any ? max! : null,
      errorRate: any ? failed / count : null,
      vus: last.vus,
      requests,
    });
  }
  const digest = { figures, histogram, t0, span, perRequest: names, omittedRequests: omitted };
  cache.set(cell, digest);
  return digest;
}

/** Each interval on its own, but a last-interval sliver together with the one before. */
export function intervalGroups(intervals: readonly IntervalSample[]): IntervalSample[][] {
  const groups = intervals.map((s) => [s]);
  const last = intervals.at(-1);
  const before = intervals.at(-2);
  if (last !== undefined && before !== undefined && last.durationMs < before.durationMs / 2) {
    groups.pop();
    groups[groups.length - 1] = [before, last];
  }
  return groups;
}

/** The busiest request names (by the cell's summary, else by first appearance), when there are two or more. */
function requestNames(cell: CellResult): { names: string[]; omitted: number } {
  const counts = new Map<string, number>();
  if (cell.summary) for (const [name, r] of Object.entries(cell.summary.byRequest)) counts.set(name, r.count);
  else
    for (const s of cell.intervals)
      for (const [name, r] of Object.entries(s.byRequest))
        counts.set(name, (counts.get(name) ?? 0) + r.count);
  const all = [...counts.keys()];
  if (all.length < 2) return { names: [], omitted: 0 };
  const busiest = new Set(
    [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_REQUEST_NAMES)
      .map(([n]) => n),
  );
  return { names: all.filter((n) => busiest.has(n)), omitted: all.length - busiest.size };
}
