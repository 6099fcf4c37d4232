import { describe, expect, it } from 'vitest';
import { Executor } from '../../../model/index.ts';
import { type ArrivalPlan, type VuPlan, vusAt } from './index.ts';
import { openMaxVus, planScenarios, runModel, scenarioVu, shareScenarios } from './scenarios.ts';

const readers = Executor.parse({
  executor: 'constant-arrival-rate',
  rate: 200,
  duration: '2s',
  preAllocatedVUs: 20,
  maxVUs: 50,
});
const writers = Executor.parse({ executor: 'constant-vus', vus: 2, duration: '1s', startTime: '1s' });

describe('planScenarios', () => {
  it('plans each scenario on its own timeline, numbering VUs across them', () => {
    const [r, w] = planScenarios([
      { name: 'readers', executor: readers },
      { name: 'writers', executor: writers },
    ]);
    expect(r).toMatchObject({ name: 'readers', vuOffset: 0, plan: { model: 'open', startTimeMs: 0 } });
    expect((r!.plan as ArrivalPlan).totalIterations).toBe(400);
    expect((r!.plan as ArrivalPlan).startOf(399)).toBeCloseTo(1995, 6);
    // Writers: VUs 51 and 52 (after readers' 50), running from 1 s to 2 s of the run.
    expect(w).toMatchObject({ name: 'writers', vuOffset: 50, plan: { model: 'closed', startTimeMs: 1000 } });
    expect((w!.plan as VuPlan).steps).toEqual([
      { atMs: 0, vus: 2 },
      { atMs: 1000, vus: 0 },
    ]);
    expect([1, 2].map((local) => scenarioVu(w!, local, { index: 0, count: 1 }))).toEqual([51, 52]);
    expect(runModel([r!.plan, w!.plan])).toBe('mixed');
    expect(runModel([r!.plan])).toBe('open');
    expect(runModel([w!.plan])).toBe('closed');
    expect(openMaxVus([r!.plan, w!.plan])).toBe(50);
    expect(openMaxVus([w!.plan])).toBeUndefined();
  });

  it('shares every scenario over the workers: the union of their plans is the single-thread plan', () => {
    const whole = planScenarios([
      { name: 'readers', executor: readers },
      { name: 'writers', executor: writers },
    ]);
    for (const count of [2, 3]) {
      const parts = Array.from({ length: count }, (_, index) => shareScenarios(whole, { index, count }));
      // Open: every intended start once.
      const starts = parts.flatMap((p) => {
        const plan = p[0]!.plan as ArrivalPlan;
        return Array.from({ length: plan.totalIterations }, (_, k) => plan.startOf(k));
      });
      const all = whole[0]!.plan as ArrivalPlan;
      expect(starts.sort((a, b) => a - b)).toEqual(
        Array.from({ length: all.totalIterations }, (_, n) => all.startOf(n)),
      );
      // Closed: VU counts add up at every instant, with the same startTime on every worker.
      for (let t = 0; t <= 1000; t += 100) {
        const sum = parts.reduce((n, p) => n + vusAt(p[1]!.plan as VuPlan, t), 0);
        expect(sum, `at ${t}`).toBe(vusAt(whole[1]!.plan as VuPlan, t));
      }
      expect(new Set(parts.map((p) => p[1]!.plan.startTimeMs))).toEqual(new Set([1000]));
      // VU numbers: unique across workers and scenarios (an open pool rounds up per worker).
      const ids = parts.flatMap((p, index) =>
        p.flatMap((s) => {
          const n = s.plan.model === 'open' ? s.plan.maxVUs : s.plan.maxVus;
          return Array.from({ length: n }, (_, i) => scenarioVu(s, i + 1, { index, count }));
        }),
      );
      expect(new Set(ids).size).toBe(ids.length);
      const writerIds = parts.flatMap((p, index) =>
        [1].flatMap((local) =>
          (p[1]!.plan as VuPlan).maxVus >= local ? [scenarioVu(p[1]!, local, { index, count })] : [],
        ),
      );
      expect(writerIds).toHaveLength(2);
      expect(Math.min(...writerIds)).toBeGreaterThan(50);
    }
  });
});
