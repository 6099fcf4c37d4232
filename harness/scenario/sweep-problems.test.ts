import { describe, expect, it } from 'vitest';
import { architectureProblems } from '../../targets/index.ts';
import { validateScenario } from './validate.ts';

const base = {
  name: 'sweep',
  targets: ['replicated', 'monolith', { name: 'mine', url: 'http://127.0.0.1:9999' }],
  workload: { mix: [{ name: 'get', path: '/items/{key}' }] },
  profiles: { capacity: { preset: 'capacity' } },
  thresholds: { http_req_duration: ['p(99)<50'] },
};

const problems = (input: Record<string, unknown>) => {
  const r = validateScenario({ ...base, ...input }, { knownArchitectures: architectureProblems });
  return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
};

describe('sweep', () => {
  it('accepts a parameter of a built-in architecture with valid values', () => {
    expect(problems({ sweep: { 'replicated.apps': [1, 2, 3] } })).toEqual([]);
  });

  it('reports every problem at once, each at its place', () => {
    expect(
      problems({
        sweep: {
          'replicated.apps': [1, 0, 'two'],
          'replicated.replicas': [1, 2],
          'monolit.poolSize': [5],
          'mine.poolSize': [5],
          'monolith.pool': [5, 10],
          nodot: [1],
          'monolith.poolSize': [],
        },
      }),
    ).toEqual([
      'sweep["replicated.apps"][1]: apps must be an integer in [1, 64], got 0',
      'sweep["replicated.apps"][2]: apps must be a number, got string',
      'sweep["replicated.replicas"]: "replicated" is already swept (sweep["replicated.apps"]): one swept parameter per target',
      'sweep["monolit.poolSize"]: no target named "monolit" — did you mean "monolith"? Targets: replicated, monolith, mine',
      'sweep["mine.poolSize"]: "mine" is your own service (url): only a built-in architecture\'s parameters can be swept',
      'sweep["monolith.pool"]: "pool" is not a parameter of monolith; valid: poolSize, resilience, timeoutMs, retries, breakerFailures, breakerCooldownMs, bulkhead',
      'sweep.nodot: invalid key "nodot": expected "<target>.<parameter>", e.g. "replicated.apps"',
      'sweep["monolith.poolSize"]: expected at least one item, got an empty list',
      'sweep["monolith.poolSize"]: "monolith" is already swept (sweep["monolith.pool"]): one swept parameter per target',
    ]);
  });
});

describe('a capacity profile', () => {
  it('needs thresholds: they are the SLO it searches for', () => {
    const { thresholds: _, ...noSlo } = base;
    const r = validateScenario(noSlo, { knownArchitectures: architectureProblems });
    expect(r.ok ? [] : r.problems).toEqual([
      {
        path: 'profiles.capacity',
        message: expect.stringMatching(
          /^a capacity search looks for the highest rate that meets the SLO.*add some, e\.g\. thresholds: \{ http_req_duration: \['p\(99\)<50'\]/,
        ),
      },
    ]);
  });

  it('is strict about its own keys and ranges', () => {
    expect(
      problems({
        profiles: {
          capacity: {
            preset: 'capacity',
            startRate: 500,
            maxRate: 100,
            settle: '20s',
            stepDuration: '10s',
            growht: 3,
          },
        },
      }),
    ).toEqual([
      'profiles.capacity.maxRate: maxRate must be at least startRate',
      'profiles.capacity.settle: settle must be at least 1s shorter than stepDuration: a step is measured after it, in 1-second intervals',
      'profiles.capacity.growht: unknown key "growht" — did you mean "growth"?',
    ]);
  });
});
