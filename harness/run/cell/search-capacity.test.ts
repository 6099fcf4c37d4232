/**
 * The capacity step as a component: whole capacity cells through `runPlan`
 * with a fake runtime and an engine that plays a target with a known
 * service-rate limit, on a virtual clock — the steps the search asks for,
 * what each stored, the capacity it converges on, and what the cell is
 * judged on afterwards.
 */
import { describe, expect, it } from 'vitest';
import {
  fakeAdmin,
  fakeMachine,
  fakeRuntime,
  type LimitedTarget,
  limitedEngine,
  runWithFakes,
} from '../capacity-run.test-kit.ts';

const scenario = (extra: Record<string, unknown> = {}) => ({
  name: 'capacity',
  targets: ['monolith', 'cached'],
  dataset: { items: 10, valueSize: 10 },
  workload: { mix: [{ name: 'read', path: '/items/{key}' }] },
  profiles: {
    capacity: { preset: 'capacity', startRate: 50, stepDuration: '5s', settle: '1s', tolerance: 0.05 },
  },
  // p(99) = 5 / (1 − r/mu) < 50  ⇔  r < 0.9 mu
  thresholds: { http_req_duration: ['p(99)<50'] },
  ...extra,
});

async function run(target: LimitedTarget, extra: Record<string, unknown> = {}, signal?: AbortSignal) {
  const journal: string[] = [];
  const out = await runWithFakes(
    scenario(extra),
    {
      runtime: fakeRuntime(journal),
      engine: limitedEngine(target, journal),
      admin: fakeAdmin(journal),
      machine: fakeMachine(2, 1.2),
      sleep: async (ms: number) => void journal.push(`rest ${ms}`),
    },
    signal ? { signal } : {},
  );
  return { ...out, journal };
}

describe('a capacity cell', () => {
  it('steps up, bisects to the knee of each target on one deployment, and stores every step', async () => {
    const { results, journal } = await run({ mu: { monolith: 800, cached: 2000 } });
    // one start per target, then the search's rates in turn, then read-back
    const monolith = journal.slice(0, journal.indexOf('stop monolith') + 1);
    expect(monolith.filter((l) => l.startsWith('start'))).toEqual(['start monolith']);
    // 800/s fails on latency while it keeps up: tried once more before it bounds the knee
    expect(monolith.filter((l) => l.startsWith('load'))).toEqual(
      [50, 100, 200, 400, 800, 800, 600, 700, 750, 725].map((r) => `load ${r}`),
    );
    expect(monolith.at(-2)).toBe('verify 10'); // a write acknowledged in every step, read back once
    // after each step that failed, the settle time with no load before the next rate
    const rests = monolith.flatMap((l, i) => (l.startsWith('rest') ? [[monolith[i - 1], l]] : []));
    expect(rests).toEqual([
      ['load 800', 'rest 1000'],
      ['load 800', 'rest 1000'],
      ['load 750', 'rest 1000'],
      ['load 725', 'rest 1000'],
    ]);

    const [m, c] = results.cells;
    expect(m!.capacity).toMatchObject({
      capacity: 700,
      bracket: { lower: 700, upper: 725 },
      stop: 'converged',
      generatorBoundSteps: [],
    });
    expect(c!.capacity!.capacity).toBeGreaterThan(m!.capacity!.capacity!);
    expect(c!.capacity!.capacity! / 1800).toBeGreaterThan(0.95); // knee at 0.9 × 2000
    // every step's five intervals, in order; the first second of each is the settle time
    expect(m!.intervals).toHaveLength(10 * 5);
    const steps = m!.capacity!.steps;
    expect(steps.map((s) => s.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(steps[0]).toMatchObject({ offered: 50, phase: 'step-up', verdict: 'pass', durationS: 4 });
    expect(steps[4]).toMatchObject({ offered: 800, verdict: 'fail', failures: ['slo'] });
    expect(steps[5]).toMatchObject({ offered: 800, verdict: 'fail', phase: 'retry' });
    expect(steps[4]!.thresholds[0]).toMatchObject({ expression: 'p(99)<50', ok: false });
    // the cell is judged at its capacity: summary, SLO and cost of the 700/s step's window
    const at = steps.find((s) => s.index === m!.capacity!.capacityStep)!;
    expect(at.offered).toBe(700);
    expect(m!.summary!.requests).toBe(700 * 4);
    expect(m!.thresholds).toEqual([expect.objectContaining({ ok: true })]);
    expect(results.verdict?.exitCode).toBe(0);
  });

  it("records the generator's CPU for each step, and flags generator-bound steps, never counting them", async () => {
    // the generator's CPU is rate/400 cores: bound from 360/s on (0.9 core); the target's own limit (2000/s) is out of reach
    const { results } = await run({ mu: { monolith: 2000, cached: 2000 }, generatorMax: 400 });
    const cap = results.cells[0]!.capacity!;
    expect(cap.stop).toBe('generator');
    expect(cap.bracket.upper).toBeNull(); // a lower bound
    // below the ceiling the search narrows the bound to within 5 % of the generator's limit
    expect(cap.capacity).toBeGreaterThanOrEqual(340);
    expect(cap.capacity).toBeLessThan(360);
    const bound = cap.steps.filter((s) => s.verdict === 'generator-bound');
    expect(bound.slice(0, 2).map((s) => s.offered)).toEqual([400, 400]); // tried again once: the ceiling
    expect(bound.every((s) => s.offered >= 360)).toBe(true);
    expect(cap.generatorBoundSteps).toEqual(bound.map((s) => s.index));
    expect(bound[0]!.generator.notes[0]).toMatch(/generator CPU at 1\.00 cores/);
    expect(cap.steps[0]!.generator.meanCores).toBeCloseTo(50 / 400);
    expect(cap.bottleneck).toMatchObject({ kind: 'generator' });
    expect(cap.bottleneck!.atRate).toBeGreaterThanOrEqual(360);
    expect(results.cells[0]!.generatorBound).toBe(true);
  });

  it('a search the generator stopped before any step held judges no SLO: the generator was measured, not the target', async () => {
    // the generator saturates at 40/s, below the first step (50/s): nothing is offered on time
    const { results } = await run({ mu: { monolith: 2000 }, generatorMax: 40 }, { targets: ['monolith'] });
    const cell = results.cells[0]!;
    expect(cell.capacity).toMatchObject({ capacity: null, stop: 'generator' });
    expect(cell.capacity!.steps.every((s) => s.verdict === 'generator-bound')).toBe(true);
    expect(cell.thresholds).toBeUndefined();
    expect(cell.generatorBound).toBe(true);
    expect(cell.capacity!.bottleneck!.reason).not.toMatch(/at least 0\/s/);
    expect(results.verdict?.exitCode).toBe(0);
  });

  it('with no rate meeting the SLO, capacity is null and the cell fails its thresholds (exit 3)', async () => {
    // 100 ms at any rate: p(99)<50 never holds
    const { results } = await run({ mu: { monolith: 1000 }, baseMs: 100 }, { targets: ['monolith'] });
    const cap = results.cells[0]!.capacity!;
    expect(cap).toMatchObject({ capacity: null, stop: 'min-rate' });
    // the first failure is confirmed once; below it every rate fails too
    expect(cap.steps.map((s) => s.offered)).toEqual([50, 50, 25, 12.5, 6.25, 3.13, 1.56]);
    expect(results.cells[0]!.thresholds?.[0]?.ok).toBe(false);
    expect(results.verdict?.exitCode).toBe(3);
  });

  it('repeats the search on the same deployment and gives the median and the spread', async () => {
    const { results, journal } = await run(
      { mu: { monolith: 800 } },
      {
        targets: ['monolith'],
        profiles: {
          capacity: { preset: 'capacity', startRate: 50, stepDuration: '3s', settle: '1s', repeats: 3 },
        },
      },
    );
    expect(journal.filter((l) => l.startsWith('start'))).toEqual(['start monolith']);
    const cap = results.cells[0]!.capacity!;
    expect(cap.searches.map((s) => s.repeat)).toEqual([1, 2, 3]);
    expect(cap.repeats).toMatchObject({ repeats: 3, capacity: 700, spread: 0 });
    expect(new Set(cap.steps.map((s) => s.repeat))).toEqual(new Set([1, 2, 3]));
  });

  it('an abort mid-search stops the cell, keeps the bracket so far and marks the search aborted', async () => {
    const abort = new AbortController();
    const { results, journal } = await run(
      { mu: { monolith: 800, cached: 800 }, onRun: (r) => r === 800 && abort.abort(new Error('SIGINT')) },
      {},
      abort.signal,
    );
    expect(results.cells.map((c) => c.status)).toEqual(['aborted', 'skipped']);
    const cap = results.cells[0]!.capacity!;
    expect(cap.stop).toBe('aborted');
    expect(cap.steps.map((s) => s.offered)).toEqual([50, 100, 200, 400]); // the 800/s step was cut: not judged
    expect(cap.capacity).toBe(400);
    expect(journal).toContain('stop monolith');
  });

  it("holds the schedule's condition for the whole search and runs its timed faults on the search's timeline", async () => {
    const { results, logs } = await run(
      { mu: { monolith: 800 } },
      {
        targets: ['monolith'],
        schedules: {
          frozen: {
            faults: [
              { kind: 'pause', at: '0s', target: 'postgres' },
              { kind: 'pause', at: '0s', duration: '10ms', target: 'app' },
            ],
          },
        },
      },
    );
    const cell = results.cells[0]!;
    expect(cell.id).toBe('monolith@frozen/capacity/1');
    const steps = cell.capacity!.steps;
    const condition = cell.faults!.find((f) => f.target === 'postgres-0')!;
    const timed = cell.faults!.find((f) => f.target === 'app-0')!;
    // the condition: applied before the first step, reverted after the last
    expect(condition.appliedAt).toBeLessThanOrEqual(steps[0]!.startedAt);
    const at = (pattern: RegExp) => logs.findIndex((l) => pattern.test(l));
    const lastStep = logs.findLastIndex((l) => / step \d+: .* → /.test(l));
    expect(at(/paused postgres-0/)).toBeLessThan(at(/ step 1: /));
    expect(at(/pause postgres-0: reverted at stop/)).toBeGreaterThan(lastStep);
    // the timed fault: applied during the search (on a virtual clock it may outlast it), reverted by its end
    expect(timed.appliedAt).toBeGreaterThanOrEqual(condition.appliedAt);
    expect(timed.revertedAt).toBeDefined();
    expect(cell.capacity!.capacity).toBe(700);
  });

  it('runs a swept target once per value, and the run fits the USL to capacity against N', async () => {
    // N pools serve 400·N / (1 + 0.1(N−1)) req/s: σ = 0.1, κ = 0
    const mu = Object.fromEntries(
      [1, 2, 3, 4].map((n) => [`monolith?poolSize=${n}`, (400 * n) / (1 + 0.1 * (n - 1))]),
    );
    const { results } = await run(
      { mu },
      {
        targets: ['monolith'],
        sweep: { 'monolith.poolSize': [1, 2, 3, 4] },
        profiles: {
          capacity: { preset: 'capacity', startRate: 50, stepDuration: '3s', settle: '1s', tolerance: 0.02 },
        },
      },
    );
    expect(results.cells.map((c) => c.target)).toEqual([1, 2, 3, 4].map((n) => `monolith[poolSize=${n}]`));
    expect(results.cells.map((c) => c.sweep)).toEqual(
      [1, 2, 3, 4].map((value) => ({ target: 'monolith', param: 'poolSize', value })),
    );
    const [curve] = results.scaling!;
    expect(curve).toMatchObject({ target: 'monolith', param: 'poolSize', profile: 'capacity' });
    expect(curve!.points.map((p) => p.value)).toEqual([1, 2, 3, 4]);
    // each capacity within 2 % below its knee (0.9 × mu)
    for (const p of curve!.points) {
      const knee = 0.9 * mu[`monolith?poolSize=${p.value}`]!;
      expect(p.capacity! / knee).toBeGreaterThan(0.97);
      expect(p.capacity! / knee).toBeLessThanOrEqual(1);
    }
    expect(curve!.fit!.sigma).toBeGreaterThan(0.05);
    expect(curve!.fit!.sigma).toBeLessThan(0.15);
    expect(curve!.fit!.kappa).toBeLessThan(0.005);
  });
});
