/**
 * Spike → impact and recovery. The `before` phase is the baseline; the spike
 * phase's worst intervals are the impact; recovery is the time from the
 * spike's end to the first of N consecutive intervals (default 3) back in the
 * baseline band: p95 ≤ baseline p95 × 1.5 and error rate ≤ baseline + 1 pp.
 * An interval without a completed request is never "back": a stalled target
 * answers nothing and would otherwise look perfectly fast.
 */

import type { IntervalSample, PresetOf, SpikeAnalysis } from '../../model/index.ts';
import { intervalQuick } from '../../model/index.ts';
import { presetPhases } from '../profiles/preset-phases.ts';
import { intervalsIn, profileStart, ratio, windowFigures } from './window-figures.ts';

export interface SpikeContext {
  profile: PresetOf<'spike'>;
  /** Profile start, ms since the epoch (default: the first interval's start). */
  startMs?: number | undefined;
  /** In-band intervals in a row that count as recovered (default 3). */
  consecutive?: number;
  /** Band: p95 up to this × the baseline p95 (default 1.5). */
  p95Factor?: number;
  /** Band: error rate up to the baseline's plus this fraction (default 0.01 = 1 pp). */
  errorRateMargin?: number;
}

const maxOf = (xs: readonly number[]): number | null => (xs.length > 0 ? Math.max(...xs) : null);

export function analyzeSpike(intervals: readonly IntervalSample[], ctx: SpikeContext): SpikeAnalysis {
  const consecutive = ctx.consecutive ?? 3;
  const p95Factor = ctx.p95Factor ?? 1.5;
  const errorRateMargin = ctx.errorRateMargin ?? 0.01;
  const origin = profileStart(intervals, ctx.startMs);
  const phases = presetPhases(ctx.profile);
  const phase = (kind: string) => phases.find((p) => p.kind === kind)!;
  const before = phase('before');
  const spike = phase('spike');
  const after = phase('after');

  const baseline = windowFigures(intervalsIn(intervals, origin, before.startMs, before.endMs), {
    ...before,
    offeredRate: before.startRate,
  });
  const band =
    baseline.p95 === null
      ? null
      : { p95MaxMs: baseline.p95 * p95Factor, errorRateMax: baseline.errorRate + errorRateMargin };

  // Impact: the worst single intervals of the spike phase.
  const during = intervalsIn(intervals, origin, spike.startMs, spike.endMs);
  const quick = during.map((s) => ({ s, q: intervalQuick(s) }));
  const answered = quick.filter(({ q }) => q.rate > 0);
  const achievedRatios = quick.map(
    ({ s }) => ratio(s.iterations / (s.durationMs / 1000), spike.startRate) ?? 0,
  );

  // Recovery: from the spike's end, the first run of `consecutive` in-band intervals.
  const afterSpike = intervalsIn(intervals, origin, after.startMs, after.endMs);
  const afterQuick = afterSpike.map((s) => ({ s, q: intervalQuick(s) }));
  let run = 0;
  let recoveredAt: number | null = null;
  if (band) {
    for (const [i, { q }] of afterQuick.entries()) {
      const inBand = q.rate > 0 && q.p95 <= band.p95MaxMs && q.errorRate <= band.errorRateMax;
      run = inBand ? run + 1 : 0;
      if (run === consecutive) {
        recoveredAt = afterQuick[i - consecutive + 1]!.s.ts - origin;
        break;
      }
    }
  }

  return {
    kind: 'spike',
    baseline,
    band,
    impact: {
      offeredRate: spike.startRate,
      maxP95: maxOf(answered.map(({ q }) => q.p95)),
      maxP99: maxOf(answered.map(({ q }) => q.p99)),
      maxErrorRate: maxOf(quick.map(({ q }) => q.errorRate)) ?? 0,
      minAchievedRatio: achievedRatios.length > 0 ? Math.min(...achievedRatios) : null,
      droppedIterations: during.reduce((n, s) => n + s.droppedIterations, 0),
      window: windowFigures(during, { ...spike, offeredRate: spike.startRate }),
    },
    recovery: {
      recovered: recoveredAt !== null,
      recoveryMs: recoveredAt === null ? null : Math.max(0, recoveredAt - spike.endMs),
      atMs: recoveredAt,
      consecutive,
      maxP99After: maxOf(afterQuick.filter(({ q }) => q.rate > 0).map(({ q }) => q.p99)),
    },
  };
}
