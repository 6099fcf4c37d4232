import { describe, expect, it } from 'vitest';
import { Executor } from '../../../model/index.ts';
import { type ArrivalPlan, planExecutor, type VuPlan, vusAt } from './index.ts';

const vuPlan = (input: unknown): VuPlan => {
  const plan = planExecutor(Executor.parse(input));
  if (plan.model !== 'closed') throw new Error('expected a closed-model plan');
  return plan;
};
const arrivalPlan = (input: unknown): ArrivalPlan => {
  const plan = planExecutor(Executor.parse(input));
  if (plan.model !== 'open') throw new Error('expected an open-model plan');
  return plan;
};
const starts = (plan: ArrivalPlan): number[] =>
  Array.from({ length: plan.totalIterations }, (_, n) => plan.startOf(n));

describe('constant-vus', () => {
  it('runs vus VUs for the duration, then zero, with k6 defaults for startTime and gracefulStop', () => {
    const plan = vuPlan({ executor: 'constant-vus', vus: 5, duration: '30s' });
    expect(plan.steps).toEqual([
      { atMs: 0, vus: 5 },
      { atMs: 30_000, vus: 0 },
    ]);
    expect(plan).toMatchObject({ endMs: 30_000, startTimeMs: 0, gracefulStopMs: 30_000, maxVus: 5 });
  });

  it('takes startTime and gracefulStop from the config', () => {
    const plan = vuPlan({ executor: 'constant-vus', duration: '1s', startTime: '10s', gracefulStop: '0s' });
    expect(plan).toMatchObject({ startTimeMs: 10_000, gracefulStopMs: 0, maxVus: 1 });
  });
});

describe('ramping-vus', () => {
  // The example of k6's TestRampingVUsConfigExecutionPlanExample, as data.
  const plan = vuPlan({
    executor: 'ramping-vus',
    startVUs: 4,
    stages: [
      { target: 6, duration: '2s' },
      { target: 1, duration: '5s' },
      { target: 5, duration: '4s' },
      { target: 1, duration: '4s' },
      { target: 4, duration: '3s' },
      { target: 4, duration: '2s' },
      { target: 1, duration: '0s' },
      { target: 1, duration: '3s' },
    ],
  });

  it('steps one VU at a time along linear stages, as k6 plans them', () => {
    const expected: [number, number][] = [
      [0, 4],
      [1, 5],
      [2, 6],
      [3, 5],
      [4, 4],
      [5, 3],
      [6, 2],
      [7, 1],
      [8, 2],
      [9, 3],
      [10, 4],
      [11, 5],
      [12, 4],
      [13, 3],
      [14, 2],
      [15, 1],
      [16, 2],
      [17, 3],
      [18, 4],
      [20, 1],
      [23, 0],
    ];
    expect(plan.steps).toEqual(expected.map(([s, vus]) => ({ atMs: s * 1000, vus })));
    expect(plan).toMatchObject({ endMs: 23_000, maxVus: 6, gracefulRampDownMs: 30_000 });
  });

  it('answers the target VU count at any time', () => {
    expect(vusAt(plan, 0)).toBe(4);
    expect(vusAt(plan, 999)).toBe(4);
    expect(vusAt(plan, 1000)).toBe(5);
    expect(vusAt(plan, 19_999)).toBe(4);
    expect(vusAt(plan, 22_000)).toBe(1);
    expect(vusAt(plan, 23_000)).toBe(0);
  });

  it('ramps from zero over uneven fractions of a stage', () => {
    const p = vuPlan({ executor: 'ramping-vus', startVUs: 0, stages: [{ target: 3, duration: '1s' }] });
    expect(p.steps.map((s) => [Math.round(s.atMs), s.vus])).toEqual([
      [0, 0],
      [333, 1],
      [667, 2],
      [1000, 3],
      [1000, 0],
    ]);
  });
});

describe('shared-iterations and per-vu-iterations', () => {
  it('shares the iteration budget and caps VUs at the iteration count', () => {
    const plan = vuPlan({ executor: 'shared-iterations', vus: 10, iterations: 4 });
    expect(plan.iterations).toEqual({ kind: 'shared', total: 4 });
    expect(plan.steps[0]).toEqual({ atMs: 0, vus: 4 });
    expect(plan.endMs).toBe(600_000);
  });

  it('gives each VU its own budget within maxDuration', () => {
    const plan = vuPlan({ executor: 'per-vu-iterations', vus: 3, iterations: 7, maxDuration: '5s' });
    expect(plan.iterations).toEqual({ kind: 'per-vu', perVu: 7 });
    expect(plan).toMatchObject({ endMs: 5000, maxVus: 3 });
  });
});

describe('constant-arrival-rate', () => {
  it('starts the n-th iteration at n·timeUnit/rate and exactly rate·duration in all', () => {
    const plan = arrivalPlan({ executor: 'constant-arrival-rate', rate: 500, duration: '2s' });
    expect(plan.totalIterations).toBe(1000);
    expect(plan.startOf(0)).toBe(0);
    expect(plan.startOf(1)).toBe(2);
    expect(plan.startOf(999)).toBe(1998);
  });

  it('honours timeUnit', () => {
    const plan = arrivalPlan({ executor: 'constant-arrival-rate', rate: 3, timeUnit: '1m', duration: '2m' });
    expect(plan.totalIterations).toBe(6);
    expect(starts(plan)).toEqual([0, 20_000, 40_000, 60_000, 80_000, 100_000]);
    expect(plan.peakRatePerSec).toBeCloseTo(0.05);
  });

  it('defaults the VU pool from the rate, and maxVUs to preAllocatedVUs when only that is set', () => {
    expect(arrivalPlan({ executor: 'constant-arrival-rate', rate: 20_000, duration: '1s' })).toMatchObject({
      preAllocatedVUs: 2000,
      maxVUs: 2000,
    });
    expect(arrivalPlan({ executor: 'constant-arrival-rate', rate: 10, duration: '1s' })).toMatchObject({
      preAllocatedVUs: 10,
      maxVUs: 1000,
    });
    expect(
      arrivalPlan({ executor: 'constant-arrival-rate', rate: 10, duration: '1s', preAllocatedVUs: 3 }),
    ).toMatchObject({ preAllocatedVUs: 3, maxVUs: 3 });
    expect(
      arrivalPlan({ executor: 'constant-arrival-rate', rate: 10, duration: '1s', maxVUs: 4 }),
    ).toMatchObject({
      preAllocatedVUs: 4,
      maxVUs: 4,
    });
  });
});

describe('ramping-arrival-rate', () => {
  // The data of k6's TestRampingArrivalRateCal (times truncated to ms).
  const stages = [
    { target: 1, duration: '5s' },
    { target: 1, duration: '1s' },
    { target: 0, duration: '5s' },
  ];

  it('starts the i-th iteration when the area under the rate reaches i, as k6 does', () => {
    const plan = arrivalPlan({ executor: 'ramping-arrival-rate', startRate: 0, stages });
    expect(starts(plan).map(Math.floor)).toEqual([3162, 4472, 5500, 6527, 7837, 11_000]);
    expect(plan.endMs).toBe(11_000);
  });

  it('scales with the rate: three times as fast', () => {
    // k6 runs the same stages with timeUnit 1s/3; three per second is the same rate.
    const plan = arrivalPlan({
      executor: 'ramping-arrival-rate',
      startRate: 0,
      stages: stages.map((s) => ({ ...s, target: s.target * 3 })),
    });
    const k6 = [
      1825, 2581, 3162, 3651, 4082, 4472, 4830, 5166, 5499, 5833, 6169, 6527, 6917, 7348, 7837, 8418, 9174,
      10_999,
    ];
    // k6's 1s/3 is 333333333 ns, so two of its times fall 1 ms short of the exact ones here.
    const got = starts(plan);
    expect(got).toHaveLength(k6.length);
    got.forEach((t, i) => {
      expect(Math.abs(Math.floor(t) - k6[i]!)).toBeLessThanOrEqual(1);
    });
  });

  it('keeps a constant stage evenly spaced and answers out of order', () => {
    const plan = arrivalPlan({
      executor: 'ramping-arrival-rate',
      startRate: 100,
      stages: [{ target: 100, duration: '1s' }],
    });
    expect(plan.totalIterations).toBe(100);
    expect(plan.startOf(99)).toBeCloseTo(1000);
    expect(plan.startOf(0)).toBeCloseTo(10);
    expect(plan.peakRatePerSec).toBe(100);
    expect(plan.preAllocatedVUs).toBe(10);
  });

  it('counts the iterations of a linear ramp as the area under it', () => {
    const plan = arrivalPlan({
      executor: 'ramping-arrival-rate',
      startRate: 0,
      stages: [{ target: 200, duration: '10s' }],
    });
    expect(plan.totalIterations).toBe(1000);
    const times = starts(plan);
    expect(times.every((t, i) => i === 0 || t > times[i - 1]!)).toBe(true);
    expect(times.at(-1)).toBeCloseTo(10_000);
    // Half the area of a linear ramp lies after t = D/√2.
    expect(times[499]).toBeCloseTo(10_000 / Math.SQRT2, 0);
  });
});
