/**
 * Preset → k6 executor. Every preset is an open model (arrival rate), so
 * latency is measured from the intended start and an overloaded target shows
 * up as latency and dropped iterations, not as a politely slower generator.
 *
 * Instant rate jumps (stress steps, the spike's edges) are stages of duration
 * `0s`: k6 moves the rate linearly from the previous target to a stage's
 * target over the stage's duration, so a zero-length stage sets the new rate
 * at once and schedules nothing itself (k6's `RampingArrivalRate.cal`; the
 * documented "instant load increase" idiom, grafana/k6-docs#516). The plan
 * (`engine/plan/ramping-arrival-rate.ts`) follows the same arithmetic, and
 * `--duration-scale` leaves `0s` at zero. A 1 ms ramp instead would add a
 * sliver of ramp and, after scaling (100 ms floor), a visible one.
 */

import type { ExecutorConfig } from '../../model/index.ts';
import { type PresetConfig, type PresetInput, PresetProfile, parseDuration } from '../../model/index.ts';
import { stressRates } from './stress-steps.ts';

type Stage = { duration: string; target: number };
type RampingArrivalRate = Extract<ExecutorConfig, { executor: 'ramping-arrival-rate' }>;
type ConstantArrivalRate = Extract<ExecutorConfig, { executor: 'constant-arrival-rate' }>;

const JUMP = '0s';
const isZero = (d: string) => parseDuration(d) === 0;

/** The executor a preset runs; defaults are applied first, so the input may omit them. */
export function expandPreset(preset: PresetInput | PresetConfig): ExecutorConfig {
  const p = PresetProfile.parse(preset);
  const pool = {
    ...(p.preAllocatedVUs !== undefined ? { preAllocatedVUs: p.preAllocatedVUs } : {}),
    ...(p.maxVUs !== undefined ? { maxVUs: p.maxVUs } : {}),
    ...(p.weights !== undefined ? { weights: p.weights } : {}),
  };
  const constant = (rate: number, duration: string): ConstantArrivalRate => ({
    executor: 'constant-arrival-rate',
    rate,
    timeUnit: '1s',
    duration,
    ...pool,
  });
  const ramping = (startRate: number, stages: Stage[]): RampingArrivalRate => ({
    executor: 'ramping-arrival-rate',
    startRate,
    timeUnit: '1s',
    stages,
    ...pool,
  });

  switch (p.preset) {
    case 'baseline':
    case 'endurance':
      return constant(p.rate, p.duration);
    case 'capacity':
      // Its first step: the search picks every later rate as it goes (harness/capacity).
      return constant(p.startRate, p.stepDuration);
    case 'load': {
      // A zero ramp-up starts at the rate; a zero ramp-down simply ends.
      const stages: Stage[] = [{ duration: p.hold, target: p.rate }];
      if (!isZero(p.rampUp)) stages.unshift({ duration: p.rampUp, target: p.rate });
      if (!isZero(p.rampDown)) stages.push({ duration: p.rampDown, target: 0 });
      return ramping(isZero(p.rampUp) ? p.rate : 0, stages);
    }
    case 'stress': {
      const stages: Stage[] = [];
      for (const [i, rate] of stressRates(p).entries()) {
        if (i > 0) stages.push({ duration: JUMP, target: rate });
        stages.push({ duration: p.stepDuration, target: rate });
      }
      return ramping(p.startRate, stages);
    }
    case 'spike': {
      const peak = spikePeak(p);
      return ramping(p.rate, [
        { duration: p.before, target: p.rate },
        { duration: JUMP, target: peak },
        { duration: p.spike, target: peak },
        { duration: JUMP, target: p.rate },
        { duration: p.after, target: p.rate },
      ]);
    }
  }
}

/**
 * The spike's peak rate: `rate × factor` rounded to a whole rate (k6 stage
 * targets are integers), and at least `rate + 1` so a spike is never flat.
 */
export function spikePeak(p: { rate: number; factor: number }): number {
  return Math.max(p.rate + 1, Math.round(p.rate * p.factor));
}
