/**
 * Endurance → drift. Over the hold (after a settle time), the per-second
 * series are binned (default: 30 bins, 1 s to 1 min wide) and a
 * least-squares line is fitted to the p95 of each bin (merged histograms, ms
 * per minute) and to its error rate (pp per minute). Drift is flagged when
 * the slope is positive, its 95 % CI excludes 0, and the fitted change over
 * the window is material (p95 ≥ minDriftPct % of its start, errors ≥
 * minErrorDriftPp pp): on long runs any tiny slope is "significant", and a
 * 0.1 ms rise over 30 minutes is not drift worth a red flag.
 */
import type { ComponentResources, EnduranceAnalysis, IntervalSample, PresetOf } from '../../model/index.ts';
import { presetPhases } from '../profiles/preset-phases.ts';
import { componentOf, memoryDrift } from './memory-drift.ts';
import { linearTrend, type Point } from './regression.ts';
import { intervalsIn, midpoint, profileStart, windowFigures } from './window-figures.ts';

export interface EnduranceContext {
  profile: PresetOf<'endurance'>;
  resources?: ComponentResources | undefined;
  /** Profile start, ms since the epoch (default: the first interval's start). */
  startMs?: number | undefined;
  /** Left out at the start (warm-up). Default: 10 % of the duration, at most 60 s. */
  settleMs?: number;
  /** Bin width of the latency/error series. Default: window / 30, between 1 s and 60 s. */
  binMs?: number;
  minDriftPct?: number;
  minErrorDriftPp?: number;
  minGrowthPct?: number;
}

const MINUTE = 60_000;

export function analyzeEndurance(
  intervals: readonly IntervalSample[],
  ctx: EnduranceContext,
): EnduranceAnalysis {
  const origin = profileStart(intervals, ctx.startMs);
  const steady = presetPhases(ctx.profile)[0]!;
  const settleMs = ctx.settleMs ?? Math.min(60_000, Math.round((steady.endMs - steady.startMs) / 10));
  const startMs = steady.startMs + settleMs;
  const endMs = steady.endMs;
  const binMs = ctx.binMs ?? Math.min(60_000, Math.max(1000, Math.round((endMs - startMs) / 30)));
  const minDriftPct = ctx.minDriftPct ?? 10;
  const minErrorDriftPp = ctx.minErrorDriftPp ?? 1;
  const minGrowthPct = ctx.minGrowthPct ?? 10;

  const own = intervalsIn(intervals, origin, startMs, endMs);
  const bins = new Map<number, IntervalSample[]>();
  for (const s of own) {
    const b = Math.floor((midpoint(s, origin) - startMs) / binMs);
    const bin = bins.get(b);
    if (bin) bin.push(s);
    else bins.set(b, [s]);
  }
  const p95Points: Point[] = [];
  const errorPoints: Point[] = [];
  for (const [b, samples] of [...bins].sort(([a], [c]) => a - c)) {
    const f = windowFigures(samples, { startMs: startMs + b * binMs, endMs: startMs + (b + 1) * binMs });
    if (f.requests === 0) continue;
    const x = (startMs + (b + 0.5) * binMs) / MINUTE;
    p95Points.push({ x, y: f.p95! });
    errorPoints.push({ x, y: f.errorRate * 100 });
  }
  const fromX = startMs / MINUTE;
  const toX = endMs / MINUTE;
  const p95 = linearTrend(p95Points, fromX, toX);
  const errors = linearTrend(errorPoints, fromX, toX);
  const changePct = p95.start > 0 ? ((p95.end - p95.start) / p95.start) * 100 : null;
  const changePp = errors.end - errors.start;

  const memory = memoryDrift(ctx.resources ?? {}, origin + startMs, origin + endMs, minGrowthPct);
  return {
    kind: 'endurance',
    window: { startMs, endMs, binMs },
    figures: windowFigures(own, { startMs, endMs, offeredRate: steady.startRate }),
    p95: {
      ...p95,
      changePct,
      drift: p95.significant && p95.slope > 0 && changePct !== null && changePct >= minDriftPct,
    },
    errorRate: {
      ...errors,
      changePp,
      drift: errors.significant && errors.slope > 0 && changePp >= minErrorDriftPp,
    },
    memory,
    leakingComponents: [...new Set(memory.filter((m) => m.leak).map((m) => componentOf(m.instance)))],
    criteria: { minDriftPct, minErrorDriftPp, minGrowthPct, settleMs },
  };
}
