import { describe, expect, it } from 'vitest';
import { Scenario } from '../../model/index.ts';
import { buildRunPlan, planTargets } from './plan.ts';
import { parseSweepKey } from './sweep.ts';

const scenario = Scenario.parse({
  name: 'sweep',
  targets: [
    'monolith',
    { arch: 'replicated', params: { replicas: 1, poolSize: 5 } },
    { arch: 'cached', name: 'cache' },
  ],
  sweep: { 'replicated.apps': [1, 2, 4], 'cache.cacheMode': ['cache-aside', 'write-through'] },
  workload: { mix: [{ name: 'get', path: '/items/{key}' }] },
  profiles: {
    capacity: { preset: 'capacity', stepDuration: '20s', settle: '4s' },
    steady: { executor: 'constant-arrival-rate', rate: 100, duration: '1m' },
  },
  schedules: {
    none: {},
    'slow-db': {
      targets: ['replicated'],
      faults: [{ kind: 'latency', at: '0s', target: 'postgres', latency: '5ms' }],
    },
  },
  thresholds: { http_req_duration: ['p(99)<50'] },
});

describe('planTargets', () => {
  it('turns a swept target into one target per value, with the value over its own params', () => {
    const targets = planTargets(scenario);
    expect(targets.map((t) => t.name)).toEqual([
      'monolith',
      'replicated[apps=1]',
      'replicated[apps=2]',
      'replicated[apps=4]',
      'cache[cacheMode=cache-aside]',
      'cache[cacheMode=write-through]',
    ]);
    expect(targets[2]).toEqual({
      name: 'replicated[apps=2]',
      kind: 'arch',
      spec: { arch: 'replicated', name: 'replicated[apps=2]', params: { replicas: 1, poolSize: 5, apps: 2 } },
      sweep: { target: 'replicated', param: 'apps', value: 2 },
    });
    expect(targets[0]).not.toHaveProperty('sweep');
  });
});

describe('buildRunPlan with a sweep', () => {
  it('plans a cell per value; a swept target runs the schedules of the target it came from', () => {
    const plan = buildRunPlan(scenario, { profiles: ['capacity'], targets: ['replicated'] });
    expect(plan.cells.map((c) => c.id)).toEqual([
      'replicated[apps=1]@none/capacity/1',
      'replicated[apps=1]@slow-db/capacity/1',
      'replicated[apps=2]@none/capacity/1',
      'replicated[apps=2]@slow-db/capacity/1',
      'replicated[apps=4]@none/capacity/1',
      'replicated[apps=4]@slow-db/capacity/1',
    ]);
  });

  it('selects one value by its own name, and scales the capacity steps', () => {
    const plan = buildRunPlan(scenario, {
      profiles: ['capacity'],
      targets: ['replicated[apps=4]'],
      schedules: ['none'],
      durationScale: 0.25,
    });
    expect(plan.cells.map((c) => c.id)).toEqual(['replicated[apps=4]@none/capacity/1']);
    const [cell] = plan.cells;
    expect(cell!.preset).toMatchObject({
      preset: 'capacity',
      stepDuration: '5s',
      settle: '1s',
      startRate: 100,
    });
    // the first step, as the executor of record
    expect(cell!.executor).toEqual({
      executor: 'constant-arrival-rate',
      rate: 100,
      timeUnit: '1s',
      duration: '5s',
    });
  });
});

describe('parseSweepKey', () => {
  it('splits at the last dot: target names may hold dots', () => {
    expect(parseSweepKey('replicated.apps')).toEqual({ target: 'replicated', param: 'apps' });
    expect(parseSweepKey('api.v2.poolSize')).toEqual({ target: 'api.v2', param: 'poolSize' });
    expect(parseSweepKey('apps')).toBeUndefined();
  });
});
