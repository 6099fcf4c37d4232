import { describe, expect, it } from 'vitest';
import type { CapacitySettings, CapacityStepRecord } from '../../model/index.ts';
import { intervalSample } from '../../test/helpers/intervals.ts';
import { capacityIntervals, cellCapacity, finishSearch, searchSoFar } from './cell-capacity.ts';
import { planCapacity } from './planner.ts';

const settings: CapacitySettings = {
  startRate: 100,
  growth: 2,
  maxRate: 10_000,
  minRate: 100 / 64,
  tolerance: 0.05,
  stepDuration: '5s',
  settle: '1s',
  maxSteps: 20,
  repeats: 1,
  throughputFloor: 0.95,
  maxDroppedRatio: 0.01,
};

/** A search's steps against a knee at `knee`/s, indexed from `first`, its windows one after another. */
function searchSteps(knee: number, repeat: number, first: number): CapacityStepRecord[] {
  const steps: CapacityStepRecord[] = [];
  for (;;) {
    const d = planCapacity(steps, settings);
    if (d.action === 'stop') return steps;
    const index = first + steps.length;
    const pass = d.rate <= knee;
    steps.push({
      offered: d.rate,
      achieved: pass ? d.rate : knee,
      durationS: 4,
      p95: pass ? 5 : 500,
      p99: pass ? 8 : 900,
      errorRate: 0,
      dropped: 0,
      generatorBound: false,
      sloMet: pass,
      index,
      repeat,
      phase: d.phase,
      reason: d.reason,
      startedAt: index * 10_000,
      endedAt: index * 10_000 + 5000,
      window: { from: index * 10_000 + 1000, to: index * 10_000 + 5000 },
      p50: 2,
      verdict: pass ? 'pass' : 'fail',
      failures: pass ? [] : ['slo'],
      thresholds: [],
      generator: { meanCores: 0.2, maxCores: 0.2, lagP99MaxMs: 1, threads: 1, notes: [] },
      instances: [],
    });
  }
}

function finished(knee: number, repeat: number, first: number) {
  const steps = searchSteps(knee, repeat, first);
  const d = planCapacity(steps, settings);
  if (d.action !== 'stop') throw new Error('not done');
  return { steps, search: finishSearch(d.result, steps, repeat, 2) };
}

describe('cellCapacity', () => {
  it('of one search: its capacity, bracket, stop and the step the capacity was measured at', () => {
    const { steps, search } = finished(700, 1, 1);
    const c = cellCapacity(settings, steps, [search]);
    expect(c).toMatchObject({ capacity: 700, bracket: { lower: 700, upper: 725 }, stop: 'converged' });
    expect(steps.find((s) => s.index === c.capacityStep)).toMatchObject({ offered: 700, verdict: 'pass' });
    expect(c.curve.map((p) => p.offered)).toEqual([...c.curve.map((p) => p.offered)].sort((a, b) => a - b));
  });

  it('of three searches: the median capacity and the spread; the median search gives bracket and step', () => {
    const a = finished(700, 1, 1);
    const b = finished(800, 2, 100);
    const c3 = finished(760, 3, 200);
    const c = cellCapacity(settings, [...a.steps, ...b.steps, ...c3.steps], [a.search, b.search, c3.search]);
    expect(c.searches.map((s) => s.capacity)).toEqual([700, 800, 750]);
    expect(c.repeats).toMatchObject({ capacity: 750, min: 700, max: 800, repeats: 3 });
    expect(c.repeats.spread).toBeCloseTo(100 / 750);
    expect(c.capacity).toBe(750);
    expect(c.steps.find((s) => s.index === c.capacityStep)).toMatchObject({ repeat: 3, offered: 750 });
  });

  it('notes a shared machine: other processes used a quarter of its cores or more over the steps', () => {
    const { steps, search } = finished(700, 1, 1);
    const busy = steps.map((s) => ({ ...s, machine: { cores: 2, busyCores: 0.2 + 0.8 } }));
    expect(cellCapacity(settings, busy, [search]).notes.at(-1)).toMatch(
      /^the machine was shared: other processes used 0\.80 of its 2 cores on average over the steps \(up to 0\.80\)/,
    );
    const quiet = steps.map((s) => ({ ...s, machine: { cores: 2, busyCores: 0.4 } }));
    expect(cellCapacity(settings, quiet, [search]).notes).toEqual([]);
  });

  it('with no rate held, points at the lowest step run', () => {
    const { steps, search } = finished(1, 1, 1);
    const c = cellCapacity(settings, steps, [search]);
    expect(c.capacity).toBeNull();
    expect(c.stop).toBe('min-rate');
    expect(steps.find((s) => s.index === c.capacityStep)!.offered).toBe(
      Math.min(...steps.map((s) => s.offered)),
    );
  });
});

describe('searchSoFar', () => {
  it('is the bracket of the steps that ran, stopped as aborted', () => {
    const steps = searchSteps(700, 1, 1).slice(0, 6); // 100, 200, 400, 800 failed, 600, 700 — then cut
    expect(steps.map((s) => s.offered)).toEqual([100, 200, 400, 800, 600, 700]);
    const s = searchSoFar(steps, settings, 1, 2)!;
    expect(s).toMatchObject({ stop: 'aborted', capacity: 700, bracket: { lower: 700, upper: 800 } });
    expect(s.notes.at(-1)).toBe('the search was stopped before it ended');
    expect(searchSoFar([], settings, 1, 2)).toBeNull();
  });
});

describe('capacityIntervals', () => {
  it('are the intervals of the capacity step’s measured window only', () => {
    const { steps, search } = finished(700, 1, 1);
    const capacity = cellCapacity(settings, steps, [search]);
    const at = steps.find((s) => s.index === capacity.capacityStep)!;
    const intervals = steps.flatMap((s) =>
      Array.from({ length: 5 }, (_, i) =>
        intervalSample(s.startedAt + i * 1000, { read: { latenciesMs: [s.offered] } }),
      ),
    );
    const judged = capacityIntervals({ capacity, intervals })!;
    expect(judged.map((s) => s.ts)).toEqual([1, 2, 3, 4].map((i) => at.startedAt + i * 1000));
    expect(capacityIntervals({ intervals })).toBeUndefined();
  });
});
