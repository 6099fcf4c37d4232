import { describe, expect, it } from 'vitest';
import { buildRunPlan } from '../plan/plan.ts';
import { validateScenario } from '../scenario/validate.ts';
import { describePlan } from './describe-plan.ts';
import { DEFAULT_OVERHEAD_MS } from './run-eta.ts';

function plan(extra: Record<string, unknown>, scale = 1) {
  const v = validateScenario(
    {
      name: 'p',
      targets: ['monolith', 'cached'],
      workload: { mix: [{ name: 'get', path: '/items/{key}' }] },
      profiles: { steady: { executor: 'constant-arrival-rate', rate: 100, duration: '20s' } },
      ...extra,
    },
    { knownArchitectures: () => [] },
  );
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  return buildRunPlan(v.config, { durationScale: scale });
}

describe('describePlan (--dry-run)', () => {
  it('lists each cell with its condition and warm-up, then the total planned time', () => {
    const lines = describePlan(
      'p.ts',
      plan({
        warmup: '10s',
        trials: 2,
        schedules: {
          'remote-db': { faults: [{ kind: 'latency', at: '0s', target: 'postgres', latency: '5ms' }] },
        },
      }),
    );
    expect(lines[0]).toBe('p.ts: valid; 4 cell(s), run one after another:');
    expect(lines[1]).toMatch(/^ {2}monolith@remote-db\/steady\/1 +\{"executor":"constant-arrival-rate"/);
    expect(lines[2]).toBe('    condition  from the start, warm-up included: latency *→postgres latency=5ms');
    expect(lines[3]).toMatch(/^ {4}warm-up first \(not measured\): \{.*"duration":"10s"/);
    // 4 × 20 s of load, 4 × 10 s of warm-up, 4 cells' start-up estimated.
    const total = Math.round((80_000 + 40_000 + 4 * DEFAULT_OVERHEAD_MS) / 1000);
    expect(lines.at(-1)).toBe(
      `planned: 1m20s of load + 40s of warm-up, plus start-up, seeding and stop of 4 cell(s) (~6s each, estimated) ≈ ${Math.floor(total / 60)}m${String(total % 60).padStart(2, '0')}s in all`,
    );
  });

  it('describes a capacity search, warmed up at its first rate, and plans the steps it may take', () => {
    const lines = describePlan(
      'p.ts',
      plan({
        targets: ['monolith'],
        warmup: '4s',
        profiles: {
          capacity: { preset: 'capacity', startRate: 100, maxRate: 800, stepDuration: '10s', settle: '2s' },
        },
        thresholds: { http_req_duration: ['p(99)<50'] },
      }),
    );
    expect(lines[1]).toMatch(
      /^ {2}monolith\/capacity\/1 +capacity search: constant-arrival-rate from 100\/s, ×2/,
    );
    expect(lines[2]).toMatch(
      /warm-up first \(not measured\): \{"executor":"constant-arrival-rate","rate":100,/,
    );
    // 100 → 800 is 4 rates, one retry, 5 halvings of the last bracket to 5 %: 10 steps of 10 s
    expect(lines.at(-1)).toMatch(/^planned: 1m40s of load \+ 4s of warm-up, /);
  });

  it('scales the warm-up with the run', () => {
    const lines = describePlan('p.ts', plan({ warmup: '10s' }, 0.5));
    expect(lines.at(-1)).toMatch(/^planned: 20s of load \+ 10s of warm-up, /);
  });
});
