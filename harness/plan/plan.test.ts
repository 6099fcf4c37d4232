import { describe, expect, it } from 'vitest';
import { Scenario, scaleDuration, scaleExecutor } from '../../model/index.ts';
import { buildRunPlan } from './plan.ts';

const scenario = Scenario.parse({
  name: 'plan',
  targets: [
    'monolith',
    { arch: 'cached', name: 'cache-60s', params: { cacheTtlS: 60 } },
    { name: 'mine', url: 'http://127.0.0.1:9999' },
  ],
  workload: { mix: [{ name: 'get', path: '/items/{key}' }] },
  profiles: {
    steady: { executor: 'constant-arrival-rate', rate: 100, duration: '1m' },
    ramp: {
      executor: 'ramping-vus',
      stages: [
        { duration: '30s', target: 10 },
        { duration: '1m30s', target: 0 },
      ],
      gracefulRampDown: '10s',
    },
  },
  warmup: '10s',
});

describe('buildRunPlan', () => {
  it('makes one cell per target × profile × trial, profile-major', () => {
    const plan = buildRunPlan(scenario, { trials: 2 });
    expect(plan.cells.map((c) => c.id)).toEqual([
      'monolith/steady/1',
      'cache-60s/steady/1',
      'mine/steady/1',
      'monolith/steady/2',
      'cache-60s/steady/2',
      'mine/steady/2',
      'monolith/ramp/1',
      'cache-60s/ramp/1',
      'mine/ramp/1',
      'monolith/ramp/2',
      'cache-60s/ramp/2',
      'mine/ramp/2',
    ]);
    expect(plan.targets.map((t) => t.kind)).toEqual(['arch', 'arch', 'url']);
  });

  it('filters targets and profiles', () => {
    const plan = buildRunPlan(scenario, { targets: ['mine'], profiles: ['ramp'] });
    expect(plan.cells.map((c) => c.id)).toEqual(['mine/ramp/1']);
  });

  it('scales every duration but no rate', () => {
    const plan = buildRunPlan(scenario, { durationScale: 0.1 });
    const steady = plan.cells.find((c) => c.profile === 'steady')!.executor;
    expect(steady).toMatchObject({ rate: 100, timeUnit: '1s', duration: '6s' });
    const ramp = plan.cells.find((c) => c.profile === 'ramp')!.executor;
    expect(ramp).toMatchObject({
      stages: [
        { duration: '3s', target: 10 },
        { duration: '9s', target: 0 },
      ],
      gracefulRampDown: '1s',
    });
    expect(plan.warmup).toBe('1s');
  });
});

describe('scaleDuration', () => {
  it('keeps the shape of tiny durations and leaves zero alone', () => {
    expect(scaleDuration('500ms', 0.01)).toBe('100ms');
    expect(scaleDuration('0', 0.5)).toBe('0');
    expect(scaleDuration('1h', 0.5)).toBe('30m');
    expect(scaleDuration('20s', 1)).toBe('20s');
  });
  it('scales iteration executors by their maxDuration', () => {
    const e = scaleExecutor(
      { executor: 'shared-iterations', vus: 2, iterations: 10, maxDuration: '10m' },
      0.5,
    );
    expect(e).toEqual({ executor: 'shared-iterations', vus: 2, iterations: 10, maxDuration: '5m' });
  });
});

describe('profileWorkload', () => {
  it('applies per-profile weights and drops zero-weight requests', async () => {
    const { profileWorkload } = await import('./profile-workload.ts');
    const workload = {
      mix: [
        { name: 'read', weight: 9, method: 'GET' as const, path: '/items/{key}' },
        { name: 'write', weight: 1, method: 'PUT' as const, path: '/items/{key}' },
        { name: 'order', weight: 1, method: 'POST' as const, path: '/orders' },
      ],
    };
    const w = profileWorkload(workload, {
      executor: 'constant-vus',
      vus: 1,
      duration: '1s',
      weights: { read: 1, order: 0 },
    });
    expect(w.mix.map((r) => [r.name, r.weight])).toEqual([
      ['read', 1],
      ['write', 1],
    ]);
    expect(profileWorkload(workload, { executor: 'constant-vus', vus: 1, duration: '1s' })).toBe(workload);
  });
});
