import { describe, expect, it } from 'vitest';
import { Executor } from '../../../model/index.ts';
import { type ArrivalPlan, planExecutor, type VuPlan, vusAt } from './index.ts';
import { globalVu, shareOf, sharePlan } from './share.ts';

const plan = (input: unknown) => planExecutor(Executor.parse(input));

describe('sharePlan', () => {
  it('splits arrivals n ≡ i (mod W): the union of the workers’ starts is the plan’s', () => {
    const whole = plan({
      executor: 'ramping-arrival-rate',
      startRate: 10,
      stages: [{ target: 300, duration: '2s' }],
    }) as ArrivalPlan;
    for (const count of [2, 3, 7]) {
      const starts: number[] = [];
      for (let index = 0; index < count; index++) {
        const part = sharePlan(whole, { index, count }) as ArrivalPlan;
        for (let k = 0; k < part.totalIterations; k++) starts.push(part.startOf(k));
      }
      const expected = Array.from({ length: whole.totalIterations }, (_, n) => whole.startOf(n));
      expect(starts.sort((a, b) => a - b)).toEqual(expected);
    }
  });

  it('gives VU k to worker (k-1) mod W at every step, and splits a shared budget by VUs', () => {
    const whole = plan({
      executor: 'ramping-vus',
      startVUs: 0,
      stages: [
        { target: 5, duration: '5s' },
        { target: 0, duration: '5s' },
      ],
    }) as VuPlan;
    const parts = [0, 1].map((index) => sharePlan(whole, { index, count: 2 }) as VuPlan);
    for (let t = 0; t <= 10_000; t += 250) {
      expect(vusAt(parts[0]!, t) + vusAt(parts[1]!, t), `at ${t}`).toBe(vusAt(whole, t));
    }
    expect(parts.map((p) => p.maxVus)).toEqual([3, 2]);
    expect([1, 2, 3].map((local) => globalVu(local, { index: 1, count: 2 }))).toEqual([2, 4, 6]);

    const shared = plan({ executor: 'shared-iterations', vus: 3, iterations: 10 }) as VuPlan;
    const budgets = [0, 1, 2, 3].map(
      (index) => (sharePlan(shared, { index, count: 4 }) as VuPlan).iterations,
    );
    expect(budgets.map((b) => (b.kind === 'shared' ? b.total : -1))).toEqual([4, 3, 3, 0]);
    expect([0, 1, 2, 3].map((index) => shareOf(3, { index, count: 4 }))).toEqual([1, 1, 1, 0]);
  });
});
