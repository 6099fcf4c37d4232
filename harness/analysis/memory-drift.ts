/**
 * Memory growth of the target's instances over an endurance run, from the
 * resource sampler's RSS samples: a least-squares line in MB per minute. A
 * leak is memory that grows steadily — a positive slope whose 95 % CI
 * excludes 0 — and materially: more than `minGrowthPct` (default 10 %) of
 * the fitted start over the window. Warm-up growth (caches, JIT) is kept out
 * by the caller's settle time.
 */
import type { ComponentResources, MemoryDrift } from '../../model/index.ts';
import { linearTrend } from './regression.ts';

const MB = 1024 * 1024;
const MINUTE = 60_000;

/** `app-0` → `app`; an id without an index is its own component. */
export const componentOf = (instance: string): string => instance.replace(/-\d+$/, '');

/**
 * One drift per instance with at least three samples in [fromTs, toTs)
 * (ms since the epoch); minutes are counted from `fromTs`.
 */
export function memoryDrift(
  resources: ComponentResources,
  fromTs: number,
  toTs: number,
  minGrowthPct = 10,
): MemoryDrift[] {
  const drifts: MemoryDrift[] = [];
  for (const [instance, samples] of Object.entries(resources).sort(([a], [b]) => a.localeCompare(b))) {
    const inWindow = samples.filter((s) => s.ts >= fromTs && s.ts < toTs).sort((a, b) => a.ts - b.ts);
    if (inWindow.length < 3) continue;
    const points = inWindow.map((s) => ({ x: (s.ts - fromTs) / MINUTE, y: s.rssBytes / MB }));
    const trend = linearTrend(points, points[0]!.x, points.at(-1)!.x);
    const growthMB = trend.end - trend.start;
    const growthPct = trend.start > 0 ? (growthMB / trend.start) * 100 : null;
    drifts.push({
      instance,
      component: componentOf(instance),
      samples: inWindow.length,
      firstMB: points[0]!.y,
      lastMB: points.at(-1)!.y,
      trend,
      growthMB,
      growthPct,
      leak: trend.slope > 0 && (trend.ciLow ?? 0) > 0 && growthPct !== null && growthPct > minGrowthPct,
    });
  }
  return drifts;
}
