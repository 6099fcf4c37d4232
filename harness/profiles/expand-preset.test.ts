import { describe, expect, it } from 'vitest';
import type { PresetInput } from '../../model/index.ts';
import { Executor, scaleExecutor } from '../../model/index.ts';
import { type ArrivalPlan, planExecutor } from '../engine/plan/index.ts';
import { expandPreset } from './expand-preset.ts';
import { scalePreset } from './scale-preset.ts';

const arrivalPlan = (preset: PresetInput): ArrivalPlan => {
  const plan = planExecutor(Executor.parse(expandPreset(preset)));
  if (plan.model !== 'open') throw new Error('expected an open-model plan');
  return plan;
};
/** Iterations the plan starts in (fromMs, toMs]: as in k6, the i-th starts once the rate's area reaches i. */
const startsIn = (plan: ArrivalPlan, fromMs: number, toMs: number): number => {
  let n = 0;
  for (let i = 0; i < plan.totalIterations; i++) {
    const t = plan.startOf(i);
    if (t > fromMs && t <= toMs) n++;
  }
  return n;
};

describe('expandPreset', () => {
  it('baseline: constant-arrival-rate at 20/s for 30s by default', () => {
    expect(expandPreset({ preset: 'baseline' })).toEqual({
      executor: 'constant-arrival-rate',
      rate: 20,
      timeUnit: '1s',
      duration: '30s',
    });
  });

  it('endurance: a long constant-arrival-rate hold, with the VU pool passed through', () => {
    expect(
      expandPreset({ preset: 'endurance', rate: 50, duration: '1h', preAllocatedVUs: 20, maxVUs: 200 }),
    ).toEqual({
      executor: 'constant-arrival-rate',
      rate: 50,
      timeUnit: '1s',
      duration: '1h',
      preAllocatedVUs: 20,
      maxVUs: 200,
    });
  });

  it('load: ramp from 0 to the rate, hold, ramp down', () => {
    expect(expandPreset({ preset: 'load', rate: 100 })).toEqual({
      executor: 'ramping-arrival-rate',
      startRate: 0,
      timeUnit: '1s',
      stages: [
        { duration: '30s', target: 100 },
        { duration: '2m', target: 100 },
        { duration: '10s', target: 0 },
      ],
    });
  });

  it('load: a zero ramp-up starts at the rate and a zero ramp-down just ends', () => {
    expect(
      expandPreset({ preset: 'load', rate: 100, rampUp: '0s', rampDown: '0', hold: '1m' }),
    ).toMatchObject({
      startRate: 100,
      stages: [{ duration: '1m', target: 100 }],
    });
  });

  it('stress: a staircase of holds joined by 0s jumps, reaching maxRate', () => {
    const e = expandPreset({ preset: 'stress', startRate: 50, step: 50, maxRate: 180, stepDuration: '10s' });
    expect(e).toMatchObject({
      startRate: 50,
      stages: [
        { duration: '10s', target: 50 },
        { duration: '0s', target: 100 },
        { duration: '10s', target: 100 },
        { duration: '0s', target: 150 },
        { duration: '10s', target: 150 },
        { duration: '0s', target: 180 },
        { duration: '10s', target: 180 },
      ],
    });
  });

  it('stress: each step starts exactly its rate × duration iterations (the jump is instant)', () => {
    const plan = arrivalPlan({ preset: 'stress', startRate: 10, step: 10, maxRate: 40, stepDuration: '5s' });
    expect(plan.endMs).toBe(20_000);
    expect(plan.peakRatePerSec).toBe(40);
    expect([0, 1, 2, 3].map((k) => startsIn(plan, k * 5000, (k + 1) * 5000))).toEqual([50, 100, 150, 200]);
  });

  it('spike: steady, instant jump to factor × rate, back', () => {
    const e = expandPreset({ preset: 'spike', rate: 20, factor: 5 });
    expect(e).toMatchObject({
      startRate: 20,
      stages: [
        { duration: '30s', target: 20 },
        { duration: '0s', target: 100 },
        { duration: '10s', target: 100 },
        { duration: '0s', target: 20 },
        { duration: '60s', target: 20 },
      ],
    });
    const plan = arrivalPlan({ preset: 'spike', rate: 20, factor: 5 });
    expect(startsIn(plan, 0, 30_000)).toBe(600);
    expect(startsIn(plan, 30_000, 40_000)).toBe(1000);
    expect(startsIn(plan, 40_000, 100_000)).toBe(1200);
  });

  it('spike: a fractional factor rounds the peak to a whole rate', () => {
    expect(expandPreset({ preset: 'spike', rate: 3, factor: 2.5 })).toMatchObject({
      stages: [{ target: 3 }, { target: 8 }, { target: 8 }, { target: 3 }, { target: 3 }],
    });
  });

  it('every expansion is a valid executor of the scenario schema', () => {
    const presets: PresetInput[] = [
      { preset: 'baseline' },
      { preset: 'load', rate: 10 },
      { preset: 'stress', startRate: 1, step: 1, maxRate: 5 },
      { preset: 'spike', rate: 10, factor: 3 },
      { preset: 'endurance', rate: 2.5 },
    ];
    for (const p of presets) expect(Executor.safeParse(expandPreset(p)).success).toBe(true);
  });

  it('scaling the preset then expanding equals scaling the expansion (jumps stay 0s)', () => {
    const presets: PresetInput[] = [
      { preset: 'load', rate: 10 },
      { preset: 'stress', startRate: 10, step: 10, maxRate: 50 },
      { preset: 'spike', rate: 10, factor: 3 },
      { preset: 'endurance', rate: 5 },
    ];
    for (const p of presets) {
      expect(expandPreset(scalePreset(p, 0.1))).toEqual(scaleExecutor(expandPreset(p), 0.1));
    }
  });
});
