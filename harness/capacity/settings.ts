/**
 * A capacity preset as the search runs it: every default filled in (the
 * lowest rate it steps down to included), and the planner's options from it.
 */
import type { CapacityOptions, CapacitySettings, PresetOf } from '../../model/index.ts';
import { CapacityPreset } from '../../model/index.ts';

/** How many times `minRate` defaults below `startRate`: six halvings at growth 2. */
const MIN_RATE_DIVISOR = 64;

export function capacitySettings(preset: PresetOf<'capacity'>): CapacitySettings {
  const p = CapacityPreset.parse(preset);
  return {
    startRate: p.startRate,
    growth: p.growth,
    maxRate: p.maxRate,
    minRate: p.minRate ?? p.startRate / MIN_RATE_DIVISOR,
    tolerance: p.tolerance,
    stepDuration: p.stepDuration,
    settle: p.settle,
    maxSteps: p.maxSteps,
    repeats: p.repeats,
    throughputFloor: p.throughputFloor,
    maxDroppedRatio: p.maxDroppedRatio,
  };
}

export function plannerOptions(s: CapacitySettings): CapacityOptions {
  return {
    startRate: s.startRate,
    growth: s.growth,
    maxRate: s.maxRate,
    minRate: s.minRate,
    tolerance: s.tolerance,
    throughputFloor: s.throughputFloor,
    maxDroppedRatio: s.maxDroppedRatio,
    maxSteps: s.maxSteps,
  };
}
