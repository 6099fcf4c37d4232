import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../model/index.ts';
import { asFlagProblems, timedSchedules, withCapacityProfile } from './capacity-profile.ts';

const scenario = {
  name: 'x',
  targets: ['monolith'],
  workload: { mix: [{ name: 'get', path: '/' }] },
  profiles: {
    steady: { executor: 'constant-arrival-rate', rate: 100, duration: '10s' },
    search: { preset: 'capacity', startRate: 50 },
  },
  schedules: { kill: { faults: [{ kind: 'kill', at: '1s', target: 'app' }] } },
  thresholds: { http_req_duration: ['p(99)<50'] },
};

describe('withCapacityProfile', () => {
  it("keeps only the scenario's own capacity profiles, flags over them, and drops timed fault schedules", () => {
    const out = withCapacityProfile(scenario, { stepDuration: '5s' });
    expect(out).toEqual({
      ...scenario,
      profiles: { search: { preset: 'capacity', startRate: 50, stepDuration: '5s' } },
      schedules: undefined,
    });
    expect(Object.keys(out as object)).not.toContain('schedules');
  });

  it('keeps the schedules of conditions (at 0 s, no duration) and leaves out those with a timeline', () => {
    const schedules = {
      'remote-db': { faults: [{ kind: 'latency', at: '0s', target: 'postgres', latency: '5ms' }] },
      none: {},
      blip: { faults: [{ kind: 'latency', at: '0s', duration: '5s', target: 'postgres', latency: '5ms' }] },
      late: { faults: [{ kind: 'latency', at: '10s', target: 'postgres', latency: '5ms' }] },
      kill: { faults: [{ kind: 'kill', at: '0s', target: 'app' }] },
    };
    const out = withCapacityProfile({ ...scenario, schedules }, {}) as { schedules: object };
    expect(Object.keys(out.schedules)).toEqual(['remote-db', 'none']);
    expect(timedSchedules({ ...scenario, schedules })).toEqual(['blip', 'late', 'kill']);
  });

  it('gives a scenario without one a capacity profile with the defaults', () => {
    const { search: _, ...profiles } = scenario.profiles;
    const out = withCapacityProfile({ ...scenario, profiles }, {}) as { profiles: unknown };
    expect(out.profiles).toEqual({ capacity: { preset: 'capacity' } });
  });
});

describe('asFlagProblems', () => {
  it('tells a problem of a flag as the flag, and a missing SLO as thresholds', () => {
    const err = new InvalidInputError('s.ts', [
      { path: 'profiles.capacity.settle', message: 'settle must be shorter than stepDuration' },
      { path: 'profiles.capacity.maxRate', message: 'maxRate must be at least startRate' },
      { path: 'profiles.capacity', message: 'a capacity search … add thresholds' },
      { path: 'workload.mix[0].path', message: 'expected a path' },
    ]);
    const told = asFlagProblems(err, { settle: '9s', startRate: 5000 });
    expect(told.problems.map((p) => p.path)).toEqual([
      '--settle',
      '--start-rate',
      'thresholds',
      'workload.mix[0].path',
    ]);
    expect(told.exitCode).toBe(2);
  });
});
