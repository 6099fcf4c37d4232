import { type ExecutorConfig, vuPool } from '../../../model/index.ts';
import { ms, startAndGrace } from './common.ts';
import type { ArrivalPlan } from './types.ts';

type Config = Extract<ExecutorConfig, { executor: 'ramping-arrival-rate' }>;

/** One stage in iterations per ms, with the iteration count reached at its start and end. */
interface RateStage {
  startMs: number;
  durationMs: number;
  from: number;
  to: number;
  countBefore: number;
  countAtEnd: number;
}

/**
 * k6 ramping-arrival-rate: from `startRate`, each stage moves the rate
 * linearly to its target. As in k6 (`RampingArrivalRate.cal`), the i-th
 * iteration (1-based) starts when the area under the rate curve reaches i,
 * so the first one starts after 1/rate, not at 0; in a ramp that time solves
 * the quadratic from·t + (to-from)·t²/(2D) = i - countBefore.
 */
export function planRampingArrivalRate(config: Config): ArrivalPlan {
  const timeUnitMs = ms(config.timeUnit, 1000);
  const stages: RateStage[] = [];
  let from = config.startRate / timeUnitMs;
  let startMs = 0;
  let count = 0;
  let peak = from;
  for (const stage of config.stages) {
    const durationMs = ms(stage.duration, 0);
    const to = stage.target / timeUnitMs;
    const countAtEnd = count + durationMs * (from + (to - from) / 2);
    stages.push({ startMs, durationMs, from, to, countBefore: count, countAtEnd });
    peak = Math.max(peak, to);
    count = countAtEnd;
    from = to;
    startMs += durationMs;
  }
  // Relative epsilon: a count that is an integer on paper must not lose its last iteration to float error.
  const totalIterations = Math.floor(count + 1e-9 * Math.max(1, count));
  const peakRatePerSec = peak * 1000;

  let cursor = 0;
  const startOf = (n: number): number => {
    const i = n + 1;
    // Iterations are asked for in order, so the stage cursor only moves forward; rewind for random access.
    if (cursor >= stages.length || stages[cursor]!.countBefore >= i) cursor = 0;
    while (cursor < stages.length - 1 && stages[cursor]!.countAtEnd + 1e-9 < i) cursor++;
    const s = stages[cursor]!;
    const k = i - s.countBefore;
    if (s.from === s.to) return s.startMs + k / s.to;
    const d = s.durationMs;
    return (
      s.startMs +
      (s.from * d - Math.sqrt(d * (s.from * s.from * d + 2 * k * (s.to - s.from)))) / (s.from - s.to)
    );
  };

  return {
    model: 'open',
    executor: 'ramping-arrival-rate',
    ...startAndGrace(config),
    endMs: startMs,
    ...vuPool(peakRatePerSec, config.preAllocatedVUs, config.maxVUs),
    peakRatePerSec,
    totalIterations,
    startOf,
  };
}
