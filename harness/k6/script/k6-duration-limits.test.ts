import { describe, expect, it } from 'vitest';
import { k6DurationProblems } from './k6-duration-limits.ts';

describe('k6DurationProblems', () => {
  it('refuses what k6 refuses — a constant executor under 1 s, an iteration executor whose maxDuration is — and says the scale that works', () => {
    const problems = k6DurationProblems(
      [
        {
          path: 'profiles.a',
          executor: {
            executor: 'constant-arrival-rate',
            rate: 10,
            timeUnit: '1s',
            duration: '600ms',
          } as never,
        },
        { path: 'warmup', executor: { executor: 'constant-vus', vus: 2, duration: '1s' } as never },
        {
          path: 'profiles.b',
          executor: { executor: 'shared-iterations', vus: 1, iterations: 5, maxDuration: '500ms' } as never,
        },
      ],
      0.1,
    );
    expect(problems).toEqual([
      {
        path: 'profiles.a.duration',
        message:
          'k6 runs a scenario for at least 1s, and this one lasts 600ms at --duration-scale 0.1: use --duration-scale 0.17 or more, or the built-in engine',
      },
      {
        path: 'profiles.b.maxDuration',
        message: expect.stringContaining(
          'lasts 500ms at --duration-scale 0.1: use --duration-scale 0.2 or more',
        ),
      },
    ]);
  });

  it('names the scenario inside a scenarios profile, and leaves the ramping executors alone', () => {
    const problems = k6DurationProblems([
      {
        path: 'profiles.mixed',
        executor: {
          executor: 'scenarios',
          scenarios: {
            browse: { executor: 'constant-vus', vus: 1, duration: '200ms' },
            ramp: { executor: 'ramping-vus', stages: [{ duration: '100ms', target: 2 }] },
          },
        } as never,
      },
    ]);
    expect(problems.map((p) => p.path)).toEqual(['profiles.mixed.scenarios.browse.duration']);
    expect(problems[0]!.message).toContain('make it at least 1s');
  });
});
