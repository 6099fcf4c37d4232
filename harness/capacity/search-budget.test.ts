import { describe, expect, it } from 'vitest';
import { plannedSearchSteps } from './search-budget.ts';

describe('plannedSearchSteps', () => {
  it('climbs to maxRate, retries the failure once and bisects one growth factor to the tolerance', () => {
    // 100 → 200 … 25 600 ≥ 20 000: 9 rates; 1 retry; (2 − 1) / 0.05 = 20 → 5 halvings.
    expect(
      plannedSearchSteps({ startRate: 100, growth: 2, maxRate: 20_000, tolerance: 0.05, maxSteps: 20 }),
    ).toBe(15);
  });

  it('never plans more than maxSteps', () => {
    expect(
      plannedSearchSteps({ startRate: 1, growth: 1.5, maxRate: 1e6, tolerance: 0.01, maxSteps: 12 }),
    ).toBe(12);
  });

  it('one rate when startRate is maxRate', () => {
    expect(plannedSearchSteps({ startRate: 50, growth: 2, maxRate: 50, tolerance: 1, maxSteps: 20 })).toBe(2);
  });
});
