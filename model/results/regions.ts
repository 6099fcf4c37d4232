/**
 * Latency per region (`cells[].regions`): a profile whose executors send
 * their requests to a region's own entry (`entry: 'us'`, clients with a home
 * region) gets, per region, the requests those executors sent — merged from
 * the interval histograms of the request names only that region's executors
 * weight above 0 — with their count, failures and quantiles. A name several
 * regions send cannot be told apart and counts for none (`shared`).
 */
import { LatencyHistogram } from '../metrics/histogram.ts';
import type { IntervalSample } from '../metrics/types.ts';
import { executorsOf } from '../scenario/cell-executor.ts';
import type { CellExecutor } from '../scenario/schema.ts';

export interface RegionLatency {
  region: string;
  /** The request names counted for this region. */
  requests: string[];
  count: number;
  failed: number;
  /** ms; null without a finished request. */
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface CellRegions {
  regions: RegionLatency[];
  /** Request names sent from more than one region (counted in none). */
  shared: string[];
}

/** The request names each region's executors send (weight > 0); undefined when no executor has an entry. */
export function regionRequests(executor: CellExecutor): Map<string, Set<string>> | undefined {
  const byRegion = new Map<string, Set<string>>();
  for (const { executor: e } of executorsOf(executor)) {
    const entry = e.entry;
    if (entry === undefined) continue;
    const names = byRegion.get(entry) ?? new Set<string>();
    for (const [name, weight] of Object.entries(e.weights ?? {})) if (weight > 0) names.add(name);
    byRegion.set(entry, names);
  }
  return byRegion.size === 0 ? undefined : byRegion;
}

export function regionLatency(
  executor: CellExecutor,
  intervals: readonly IntervalSample[],
): CellRegions | undefined {
  const byRegion = regionRequests(executor);
  if (byRegion === undefined) return undefined;
  const seen = new Map<string, number>();
  for (const names of byRegion.values()) for (const n of names) seen.set(n, (seen.get(n) ?? 0) + 1);
  const shared = [...seen].filter(([, n]) => n > 1).map(([name]) => name);
  const regions = [...byRegion].map(([region, names]): RegionLatency => {
    const mine = [...names].filter((n) => !shared.includes(n));
    const h = LatencyHistogram.create();
    let count = 0;
    let failed = 0;
    for (const sample of intervals)
      for (const name of mine) {
        const stats = sample.byRequest[name];
        if (stats === undefined) continue;
        count += stats.count;
        failed += stats.failed;
        if (stats.count > 0) h.merge(LatencyHistogram.decode(stats.duration));
      }
    const q = (p: number) => (count === 0 ? null : h.percentile(p) / 1000);
    return { region, requests: mine, count, failed, p50: q(50), p95: q(95), p99: q(99) };
  });
  return { regions, shared };
}
