import { describe, expect, it } from 'vitest';
import { Scenario } from '../../model/index.ts';
import { resolveProfile } from '../profiles/index.ts';
import { buildRunPlan } from './plan.ts';
import { warmupExecutor } from './warm-up.ts';

const base = {
  name: 'w',
  targets: ['monolith'],
  workload: { mix: [{ name: 'get', path: '/items/{key}' }] },
};

describe('warmupExecutor', () => {
  it('none for a zero duration', () => {
    const e = { executor: 'constant-vus' as const, vus: 3, duration: '10s' };
    expect(warmupExecutor(e, '0s')).toBeUndefined();
    expect(warmupExecutor(e, { duration: '0s', rate: 5 })).toBeUndefined();
  });

  it('holds a constant arrival rate for the warm-up, with its VU pool and weights', () => {
    const e = {
      executor: 'constant-arrival-rate' as const,
      rate: 400,
      timeUnit: '1s',
      duration: '20s',
      startTime: '5s',
      preAllocatedVUs: 50,
      maxVUs: 200,
      weights: { get: 1 },
    };
    expect(warmupExecutor(e, '10s')).toEqual({
      executor: 'constant-arrival-rate',
      rate: 400,
      timeUnit: '1s',
      duration: '10s',
      preAllocatedVUs: 50,
      maxVUs: 200,
      weights: { get: 1 },
    });
  });

  it('warms a ramp at its first level, never at its peak', () => {
    const { executor: stress } = resolveProfile(
      { preset: 'stress', startRate: 100, step: 100, maxRate: 1000, stepDuration: '20s' },
      1,
    );
    expect(warmupExecutor(stress, '5s')).toMatchObject({ executor: 'constant-arrival-rate', rate: 100 });
    const ramp = {
      executor: 'ramping-vus' as const,
      startVUs: 0,
      stages: [
        { duration: '10s', target: 0 },
        { duration: '10s', target: 20 },
      ],
    };
    expect(warmupExecutor(ramp, '5s')).toEqual({ executor: 'constant-vus', vus: 20, duration: '5s' });
  });

  it('loops the VUs of an iterations executor for the warm-up time', () => {
    const e = { executor: 'shared-iterations' as const, vus: 4, iterations: 100, maxDuration: '1m' };
    expect(warmupExecutor(e, '3s')).toEqual({ executor: 'constant-vus', vus: 4, duration: '3s' });
  });

  it('warms each concurrent scenario from the start, and overrides with rate or vus', () => {
    const e = {
      executor: 'scenarios' as const,
      scenarios: {
        readers: { executor: 'constant-arrival-rate' as const, rate: 300, timeUnit: '1s', duration: '30s' },
        writers: { executor: 'constant-vus' as const, vus: 5, duration: '20s', startTime: '10s' },
      },
    };
    expect(warmupExecutor(e, '4s')).toEqual({
      executor: 'scenarios',
      scenarios: {
        readers: { executor: 'constant-arrival-rate', rate: 300, timeUnit: '1s', duration: '4s' },
        writers: { executor: 'constant-vus', vus: 5, duration: '4s' },
      },
    });
    expect(warmupExecutor(e, { duration: '4s', rate: 50 })).toEqual({
      executor: 'constant-arrival-rate',
      rate: 50,
      timeUnit: '1s',
      duration: '4s',
    });
    expect(warmupExecutor(e, { duration: '4s', vus: 2 })).toEqual({
      executor: 'constant-vus',
      vus: 2,
      duration: '4s',
    });
  });

  it('is scaled with the run', () => {
    const scenario = Scenario.parse({
      ...base,
      profiles: { steady: { executor: 'constant-vus', vus: 2, duration: '20s' } },
      warmup: { duration: '10s', vus: 1 },
    });
    const plan = buildRunPlan(scenario, { durationScale: 0.5 });
    expect(plan.warmup).toBe('5s');
    expect(plan.cells[0]!.warmup).toEqual({ executor: 'constant-vus', vus: 1, duration: '5s' });
    expect(
      buildRunPlan(Scenario.parse({ ...base, profiles: scenario.profiles })).cells[0]!.warmup,
    ).toBeUndefined();
  });
});
