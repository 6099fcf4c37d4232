import { describe, expect, it } from 'vitest';
import type { InputProblem } from '../../model/index.ts';
import { buildRunPlan } from '../plan/plan.ts';
import { validateScenario } from './validate.ts';

const base = {
  name: 'mixed',
  targets: ['monolith'],
  workload: {
    mix: [
      { name: 'read', path: '/items/{key}' },
      { name: 'write', method: 'PUT', path: '/items/{key}', body: { v: '{rand}' } },
    ],
  },
};
const readers = { executor: 'constant-arrival-rate', rate: 200, duration: '2s', weights: { write: 0 } };
const writers = { executor: 'constant-vus', vus: 2, duration: '1s', startTime: '1s', weights: { read: 0 } };

function problems(patch: Record<string, unknown>): InputProblem[] {
  const result = validateScenario({ ...base, ...patch });
  return result.ok ? [] : result.problems;
}

describe('a profile of concurrent scenarios', () => {
  it('validates, and plans one cell that runs every scenario (durations scaled)', () => {
    const result = validateScenario({
      ...base,
      profiles: {
        mixed: { scenarios: { readers, writers } },
        steady: { executor: 'constant-vus', duration: '1s' },
      },
      thresholds: { 'dropped_iterations{scenario:readers}': ['count<1'] },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const plan = buildRunPlan(result.config, { durationScale: 0.5 });
    expect(plan.cells.map((c) => c.id)).toEqual(['monolith/mixed/1', 'monolith/steady/1']);
    expect(plan.cells[0]!.executor).toEqual({
      executor: 'scenarios',
      scenarios: {
        readers: { ...readers, timeUnit: '1s', duration: '1s' },
        writers: { ...writers, duration: '500ms', startTime: '500ms' },
      },
    });
  });

  it('reports every problem with its path', () => {
    expect(
      problems({
        profiles: {
          empty: { scenarios: {} },
          bad: {
            scenarios: {
              'two words': { executor: 'constant-vus', duration: '1s' },
              typo: { executor: 'constant-vus', duration: 'soon', vu: 2 },
              preset: { preset: 'baseline' },
              pool: { ...readers, preAllocatedVUs: 10, maxVUs: 5 },
              weights: { ...writers, weights: { reed: 1, read: 0, write: 0 } },
            },
            gracefulStop: '1s',
          },
        },
        thresholds: { 'iterations{scenario:reader}': ['count>0'] },
      }),
    ).toEqual([
      { path: 'profiles.empty.scenarios', message: 'expected at least one scenario' },
      {
        path: 'profiles.bad.scenarios["two words"]',
        message: 'invalid key "two words": expected a name of letters, digits, "-", "_" or "."',
      },
      {
        path: 'profiles.bad.scenarios.typo.duration',
        message: 'expected a duration such as "500ms", "30s", "1m30s" or "2h", got string "soon"',
      },
      {
        path: 'profiles.bad.scenarios.typo.vu',
        message: 'unknown key "vu" — did you mean "vus"?',
      },
      {
        path: 'profiles.bad.scenarios.preset.executor',
        message:
          'required: expected one of constant-vus, ramping-vus, constant-arrival-rate, ramping-arrival-rate, shared-iterations, per-vu-iterations',
      },
      {
        path: 'profiles.bad.scenarios.pool.maxVUs',
        message: 'maxVUs (5) must be at least preAllocatedVUs (10)',
      },
      {
        path: 'profiles.bad.scenarios.weights.weights',
        message: 'every request has weight 0: leave at least one request in the mix',
      },
      {
        path: 'profiles.bad.scenarios.weights.weights.reed',
        message: 'no request named "reed" in workload.mix (names: read, write)',
      },
      { path: 'profiles.bad.gracefulStop', message: 'unknown key "gracefulStop" (allowed: scenarios)' },
      {
        path: 'thresholds["iterations{scenario:reader}"]',
        message:
          'no scenario named "reader" in any profile (scenarios: two words, typo, preset, pool, weights)',
      },
    ]);
  });
});
