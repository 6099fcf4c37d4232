import { describe, expect, it } from 'vitest';
import {
  decideScale,
  freshScalerMemory,
  type ScaleDecision,
  type ScalerMemory,
  type ScalerPolicy,
} from './scaler.ts';

const p95: ScalerPolicy = {
  component: 'app',
  metric: 'p95',
  target: 100,
  min: 1,
  max: 5,
  step: 2,
  cooldownMs: 10_000,
  tolerance: 0.1,
  periodMs: 1_000,
};

/** Feeds (second, metric) pairs through the decision, applying each desired count as if scaled at once. */
function run(
  policy: ScalerPolicy,
  start: number,
  steps: [number, number | undefined][],
): Pick<ScaleDecision, 'current' | 'recommended' | 'desired'>[] {
  let memory: ScalerMemory = freshScalerMemory;
  let current = start;
  return steps.map(([second, metric]) => {
    const out = decideScale(policy, memory, { now: second * 1000, current, metric });
    memory = out.memory;
    const { current: c, recommended, desired } = out.decision;
    current = desired;
    return { current: c, recommended, desired };
  });
}

describe('decideScale (HPA)', () => {
  it('recommends ceil(current × metric / target), within min and max', () => {
    const at = (current: number, metric: number) =>
      decideScale({ ...p95, step: 10 }, freshScalerMemory, { now: 0, current, metric }).decision;
    expect(at(1, 250)).toMatchObject({ recommended: 3, desired: 3 });
    expect(at(2, 150)).toMatchObject({ recommended: 3, desired: 3 });
    expect(at(2, 1_000)).toMatchObject({ recommended: 5, desired: 5 }); // max
    expect(at(3, 10)).toMatchObject({ recommended: 1, desired: 1 }); // min (no window yet)
  });

  it('leaves the count alone within the tolerance, and without a measurement', () => {
    const at = (metric: number | undefined) =>
      decideScale(p95, freshScalerMemory, { now: 0, current: 2, metric }).decision;
    expect(at(109)).toMatchObject({ recommended: 2, desired: 2, reason: 'within tolerance' });
    expect(at(91)).toMatchObject({ desired: 2, reason: 'within tolerance' });
    expect(at(111)).toMatchObject({ recommended: 3, desired: 3 });
    expect(at(undefined)).toMatchObject({ desired: 2, reason: 'no measurement' });
    expect(at(Number.NaN)).toMatchObject({ desired: 2 });
  });

  it('adds at most `step` replicas per decision', () => {
    const d = decideScale(p95, freshScalerMemory, { now: 0, current: 1, metric: 900 }).decision;
    expect(d).toMatchObject({ recommended: 5, desired: 3 });
    expect(d.reason).toBe('p95 900 ms > 100 ms target; step 2');
  });

  it('scales down only once the cooldown window has no higher recommendation', () => {
    // A spike at 0-2 s takes it to 3; the load falls at 3 s; 10 s later it may come down.
    const steps: [number, number][] = [
      [0, 300],
      [1, 100],
      [2, 100],
      [3, 20],
      [5, 20],
      [9, 20],
      [11.5, 20],
      [12, 20],
      [13, 20],
    ];
    expect(run({ ...p95, step: 5 }, 1, steps)).toEqual([
      { current: 1, recommended: 3, desired: 3 },
      { current: 3, recommended: 3, desired: 3 },
      { current: 3, recommended: 3, desired: 3 },
      { current: 3, recommended: 1, desired: 3 }, // held: 3 was recommended in the last 10 s
      { current: 3, recommended: 1, desired: 3 },
      { current: 3, recommended: 1, desired: 3 },
      { current: 3, recommended: 1, desired: 3 }, // the 3 of second 2 is inside (1.5, 11.5]
      { current: 3, recommended: 1, desired: 1 }, // (2, 12]: only 1s left
      { current: 1, recommended: 1, desired: 1 },
    ]);
  });

  it('a partial fall steps down to the highest recommendation still in the window', () => {
    const out = run({ ...p95, step: 5, cooldownMs: 3_000 }, 4, [
      [0, 100], // 4
      [1, 75], // 3
      [2, 50], // 2 → held at 4
      [3.5, 50], // the 4 of second 0 is out of the window (0.5, 3.5]: the highest left is 3
      [5, 50], // (2, 5]: 2
    ]);
    expect(out.map((d) => d.desired)).toEqual([4, 4, 4, 3, 2]);
  });

  it('steps down by at most `step` too; with no cooldown it follows the load at once', () => {
    const out = run({ ...p95, step: 1, cooldownMs: 0 }, 5, [
      [0, 10],
      [1, 10],
      [2, 10],
    ]);
    expect(out.map((d) => d.desired)).toEqual([4, 3, 2]);
  });

  it('cpu: cores per replica against the target share of a core', () => {
    const cpu: ScalerPolicy = { ...p95, metric: 'cpu', target: 0.6, step: 4 };
    const d = decideScale(cpu, freshScalerMemory, { now: 0, current: 1, metric: 0.95 }).decision;
    expect(d).toMatchObject({ recommended: 2, desired: 2, reason: 'cpu 0.95 cores > 0.60 cores target' });
    // Two replicas at 0.9 each: 3.
    expect(decideScale(cpu, freshScalerMemory, { now: 0, current: 2, metric: 0.9 }).decision.desired).toBe(3);
  });

  it('a count outside min/max is brought back, whatever the metric says', () => {
    const d = decideScale({ ...p95, min: 2 }, freshScalerMemory, { now: 0, current: 1, metric: undefined });
    expect(d.decision).toMatchObject({ desired: 2, reason: 'back within min/max' });
  });
});
