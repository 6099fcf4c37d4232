/**
 * Baseline and load → reference figures and the SLO verdict. Baseline is
 * judged over its whole steady run (the reference latency of the target at a
 * low rate); load over its hold phase only — the ramps are not the expected
 * load, and a slow ramp-up must neither pass nor fail the SLO.
 */
import type { IntervalSample, PresetOf, ReferenceAnalysis, ThresholdsConfig } from '../../model/index.ts';
import { presetPhases } from '../profiles/preset-phases.ts';
import { sloOf } from './slo.ts';
import { intervalsIn, profileStart, windowFigures } from './window-figures.ts';

export interface ReferenceContext {
  profile: PresetOf<'baseline'> | PresetOf<'load'>;
  thresholds?: ThresholdsConfig | undefined;
  /** Profile start, ms since the epoch (default: the first interval's start). */
  startMs?: number | undefined;
}

export function analyzeReference(
  intervals: readonly IntervalSample[],
  ctx: ReferenceContext,
): ReferenceAnalysis {
  const origin = profileStart(intervals, ctx.startMs);
  const kind = ctx.profile.preset === 'load' ? 'hold' : 'steady';
  const phase = presetPhases(ctx.profile).find((p) => p.kind === kind)!;
  const own = intervalsIn(intervals, origin, phase.startMs, phase.endMs);
  return {
    kind: ctx.profile.preset,
    phase: phase.name,
    figures: windowFigures(own, { ...phase, offeredRate: phase.startRate }),
    slo: sloOf(ctx.thresholds, own),
  };
}
