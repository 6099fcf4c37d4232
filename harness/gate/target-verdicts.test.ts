import { describe, expect, it } from 'vitest';
import type { CellCost, RunResults } from '../../model/index.ts';
import { buildSyntheticRun } from '../../test/helpers/synthetic-run.ts';
import { targetVerdicts } from './target-verdicts.ts';

const run = (extra: Parameters<typeof buildSyntheticRun>[0] = {}) =>
  buildSyntheticRun({
    targets: ['monolith', 'cached'],
    seconds: 30,
    rate: 80,
    faults: false,
    ramping: false,
    resources: false,
    ...extra,
  });

const metric = (v: ReturnType<typeof targetVerdicts>, target: string, m: string) =>
  v.comparisons.find((c) => c.target === target)!.metrics.find((x) => x.metric === m)!;

describe('targetVerdicts', () => {
  it('compares every target with the first, over per-second figures with one trial', () => {
    // monolith's median latency is 24 ms, cached's 6 ms
    const v = targetVerdicts(run({ seed: 3 }));
    expect(v).toMatchObject({ reference: 'monolith', source: 'first-target', notes: [] });
    expect(v.comparisons).toHaveLength(1);
    const c = v.comparisons[0]!;
    expect(c).toMatchObject({
      profile: 'load',
      reference: 'monolith',
      target: 'cached',
      method: 'intervals',
    });
    expect(c.trials).toEqual([1, 1]);
    const p95 = metric(v, 'cached', 'p95');
    expect(p95.verdict).toBe('better');
    expect(p95.deltaPct!).toBeLessThan(-0.6);
    expect(p95.samples).toEqual([30, 30]);
    expect(p95.pValue!).toBeLessThan(0.001);
    expect(metric(v, 'cached', 'throughput').verdict).toBe('no-change');
  });

  it('with 3 trials a side, tests the per-trial figures', () => {
    const v = targetVerdicts(run({ seed: 5, trials: 3 }));
    const c = v.comparisons[0]!;
    expect(c.method).toBe('trials');
    expect(c.trials).toEqual([3, 3]);
    const p95 = metric(v, 'cached', 'p95');
    expect(p95.samples).toEqual([3, 3]);
    // 3 vs 3 fully separated: the exact one-sided p is 1/20
    expect(p95.pValue).toBeCloseTo(0.05, 6);
    expect(p95.verdict).toBe('better');
  });

  it('two targets with the same latency are never better or worse (10 seeds, 3 trials)', () => {
    for (let seed = 0; seed < 10; seed++) {
      const v = targetVerdicts(
        run({
          seed: 100 + seed,
          trials: 3,
          targets: ['monolith', 'sharded'],
          latencyFactor: { sharded: 24 / 15 },
        }),
      );
      for (const m of v.comparisons[0]!.metrics)
        expect(['no-change', 'inconclusive'], `seed ${seed} ${m.metric}`).toContain(m.verdict);
    }
  });

  it('takes the scenario`s reference, or the option', () => {
    const results = run({ seed: 3, targets: ['monolith', 'cached', 'sharded'] });
    results.scenario.config = { name: 'x', reference: 'cached' };
    const v = targetVerdicts(results);
    expect(v).toMatchObject({ reference: 'cached', source: 'scenario' });
    expect(v.comparisons.map((c) => `${c.target} vs ${c.reference}`)).toEqual([
      'monolith vs cached',
      'sharded vs cached',
    ]);
    expect(metric(v, 'monolith', 'p95').verdict).toBe('worse');
    expect(targetVerdicts(results, { reference: 'sharded' }).comparisons.map((c) => c.target)).toEqual([
      'monolith',
      'cached',
    ]);
  });

  it('compares within each fault schedule, and says where the reference did not run', () => {
    const results: RunResults = run({ seed: 9, targets: ['monolith', 'cached', 'sharded'] });
    // as the planner names cells under schedules: target@schedule; `db` ran without the monolith
    const extra = structuredClone(results.cells);
    for (const c of results.cells) {
      c.schedule = 'none';
      c.target = `${c.target}@none`;
    }
    for (const c of extra.filter((x) => x.target !== 'monolith')) {
      c.schedule = 'db';
      c.target = `${c.target}@db`;
      results.cells.push(c);
    }
    const v = targetVerdicts(results);
    expect(v.reference).toBe('monolith');
    expect(v.comparisons.map((c) => `${c.schedule}: ${c.target} vs ${c.reference}`)).toEqual([
      'none: cached@none vs monolith@none',
      'none: sharded@none vs monolith@none',
      'db: sharded@db vs cached@db',
    ]);
    expect(v.notes).toEqual([
      'profile load under db: monolith did not run (or did not complete); compared against cached@db instead',
    ]);
  });

  it('compares cost as deltas of the medians over trials', () => {
    const results = run({ seed: 3 });
    const cost = (cpu: number, perCore: number): CellCost =>
      ({ cpuSecondsPer1kRequests: cpu, requestsPerCore: perCore, peakRssBytes: 100e6 }) as CellCost;
    results.cells[0]!.cost = cost(2, 400);
    results.cells[1]!.cost = cost(1.5, 500);
    const c = targetVerdicts(results).comparisons[0]!;
    expect(c.cost).toEqual([
      { metric: 'cpuSecondsPer1kRequests', reference: 2, target: 1.5, deltaPct: -0.25 },
      { metric: 'requestsPerCore', reference: 400, target: 500, deltaPct: 0.25 },
      { metric: 'peakRssBytes', reference: 100e6, target: 100e6, deltaPct: 0 },
    ]);
    // without cost figures: nulls, no delta
    expect(targetVerdicts(run({ seed: 3 })).comparisons[0]!.cost[0]).toEqual({
      metric: 'cpuSecondsPer1kRequests',
      reference: null,
      target: null,
      deltaPct: null,
    });
  });

  it('a run with one target has nothing to compare', () => {
    expect(targetVerdicts(run({ targets: ['monolith'] })).comparisons).toEqual([]);
  });
});
