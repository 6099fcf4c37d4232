import { describe, expect, it } from 'vitest';
import { exactDistribution, mannWhitneyU } from './mann-whitney.ts';

/** Two-sided exact p of U = u for sizes n1, n2. */
function exactP(n1: number, n2: number, u: number): number {
  const d = exactDistribution(n1, n2);
  const total = d.reduce((a, b) => a + b, 0);
  const below = d.slice(0, u + 1).reduce((a, b) => a + b, 0);
  return Math.min(1, (2 * below) / total);
}

describe('Mann–Whitney U', () => {
  it('has the exact null distribution: C(n1+n2, n1) arrangements, symmetric', () => {
    const d = exactDistribution(5, 5);
    expect(d.reduce((a, b) => a + b, 0)).toBe(252);
    expect(d.slice(0, 5)).toEqual([1, 1, 2, 3, 5]);
    expect(d).toEqual([...d].reverse());
    expect(exactDistribution(3, 7).reduce((a, b) => a + b, 0)).toBe(120);
  });

  // Critical values of U, two-sided α = 0.05 (standard published tables).
  it.each([
    [4, 4, 0],
    [5, 5, 2],
    [6, 6, 5],
    [8, 8, 13],
    [10, 10, 23],
    [5, 10, 8],
    [20, 20, 127],
  ])('n1=%i n2=%i: U ≤ %i is significant at 0.05, one more is not', (n1, n2, crit) => {
    expect(exactP(n1, n2, crit)).toBeLessThanOrEqual(0.05);
    expect(exactP(n1, n2, crit + 1)).toBeGreaterThan(0.05);
  });

  it('reaches no two-sided 0.05 with 3 vs 3: the smallest p is 0.1', () => {
    const r = mannWhitneyU([1, 2, 3], [4, 5, 6]);
    expect(r.u).toBe(0);
    expect(r.pTwoSided).toBeCloseTo(0.1, 10);
    expect(r.pLess).toBeCloseTo(0.05, 10);
  });

  it('computes U, direction and the exact p of separated samples', () => {
    const r = mannWhitneyU([6, 7, 8, 9, 10], [1, 2, 3, 4, 5]);
    expect(r).toMatchObject({ u: 25, n1: 5, n2: 5, method: 'exact', effect: 1 });
    expect(r.pGreater).toBeCloseTo(1 / 252, 10);
    expect(r.pTwoSided).toBeCloseTo(2 / 252, 10);
    expect(r.pLess).toBe(1);
  });

  it('counts ties as half and corrects the variance for them (normal approximation)', () => {
    const r = mannWhitneyU([1, 2, 2, 3], [2, 3, 4, 4]);
    // pairs a > b: 2>… none; 3>2 → 1; ties: (2,2)×2, (3,3)×1 → 1.5
    expect(r.u).toBe(2.5);
    expect(r.method).toBe('normal');
    // by hand (R's wilcox.test, correct = TRUE, does the same): ties 3,2,2 → Σ(t³−t) = 36,
    // σ² = 16/12 · (9 − 36/56) = 11.143, z = (2.5 − 8 + 0.5)/3.338 = −1.498 → p = 2Φ(z) = 0.1342
    expect(r.pTwoSided).toBeCloseTo(0.1342, 3);
  });

  it('the normal approximation agrees with the exact distribution at n = 21', () => {
    const a = Array.from({ length: 21 }, (_, i) => i * 2 + (i % 3 === 0 ? 9 : 0));
    const b = Array.from({ length: 21 }, (_, i) => i * 2 + 1);
    const approx = mannWhitneyU(a, b);
    expect(approx.method).toBe('normal');
    expect(approx.pTwoSided).toBeCloseTo(exactP(21, 21, Math.min(approx.u, 441 - approx.u)), 2);
  });

  it('gives p = 1 when every value is the same', () => {
    expect(mannWhitneyU([5, 5, 5], [5, 5, 5]).pTwoSided).toBe(1);
  });
});
