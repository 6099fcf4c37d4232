import { describe, expect, it } from 'vitest';
import { gaussian, seeded } from '../../test/helpers/random.ts';
import { fitUsl, type UslPoint, uslThroughput } from './usl.ts';

const curve = (ns: readonly number[], p: { lambda: number; sigma: number; kappa: number }): UslPoint[] =>
  ns.map((n) => ({ n, x: uslThroughput(n, p) }));

function fitted(points: readonly UslPoint[]) {
  const r = fitUsl(points);
  if (!r.ok) throw new Error(r.reason);
  return r.fit;
}

describe('fitUsl', () => {
  it('recovers λ, σ and κ from exact points, and the peak N', () => {
    const truth = { lambda: 1000, sigma: 0.05, kappa: 0.002 };
    const fit = fitted(curve([1, 2, 4, 8, 16, 32], truth));
    expect(fit.lambda).toBeCloseTo(1000, 3);
    expect(fit.sigma).toBeCloseTo(0.05, 6);
    expect(fit.kappa).toBeCloseTo(0.002, 8);
    expect(fit.peakN!).toBeCloseTo(Math.sqrt(0.95 / 0.002), 4); // 21.79
    expect(fit.peakX!).toBeCloseTo(uslThroughput(fit.peakN!, truth), 3);
    expect(fit.r2!).toBeGreaterThan(0.999999);
    expect(fit.rmse).toBeLessThan(1e-6);
    expect(fit.dof).toBe(3);
  });

  it('recovers them within tolerance from noisy capacities (±3 %)', () => {
    const truth = { lambda: 500, sigma: 0.08, kappa: 0.01 };
    const rand = seeded(11);
    const ns = [1, 2, 3, 4, 5, 6, 8, 10, 12, 16];
    const noisy = curve(ns, truth).map((p) => ({ n: p.n, x: p.x * (1 + 0.03 * gaussian(rand)) }));
    const fit = fitted(noisy);
    expect(fit.sigma).toBeGreaterThan(0.03);
    expect(fit.sigma).toBeLessThan(0.13);
    expect(fit.kappa).toBeGreaterThan(0.006);
    expect(fit.kappa).toBeLessThan(0.014);
    expect(fit.peakN!).toBeGreaterThan(Math.sqrt(0.92 / 0.01) * 0.75);
    expect(fit.peakN!).toBeLessThan(Math.sqrt(0.92 / 0.01) * 1.25);
    expect(fit.r2!).toBeGreaterThan(0.9);
    expect(fit.points.map((p) => p.n)).toEqual(ns);
    for (const p of fit.points) expect(Math.abs(p.residual)).toBeLessThan(p.x * 0.1);
  });

  it('κ = 0: no peak, throughput flattens towards λ/σ', () => {
    const fit = fitted(curve([1, 2, 4, 8, 16], { lambda: 200, sigma: 0.1, kappa: 0 }));
    expect(fit.kappa).toBe(0);
    expect(fit.sigma).toBeCloseTo(0.1, 6);
    expect(fit.peakN).toBeNull();
    expect(fit.peakX!).toBeCloseTo(2000, 2);
    expect(fit.notes.join()).toMatch(/no peak/);
  });

  it('linear scaling is σ = κ = 0 exactly', () => {
    const fit = fitted([1, 2, 3, 4].map((n) => ({ n, x: 100 * n })));
    expect(fit).toMatchObject({ sigma: 0, kappa: 0, peakN: null, peakX: null });
    expect(fit.lambda).toBeCloseTo(100, 9);
    expect(fit.notes.join()).toMatch(/linear/);
  });

  it('"add servers = add capacity", tested: 1, 2, 4 replicas at 100, 170, 190 req/s peak early', () => {
    const fit = fitted([
      { n: 1, x: 100 },
      { n: 2, x: 170 },
      { n: 4, x: 190 },
    ]);
    expect(fit.peakN!).toBeGreaterThan(2);
    expect(fit.peakN!).toBeLessThan(6);
    // three points, three parameters: no degrees of freedom, no goodness of fit
    expect(fit.dof).toBe(0);
    expect(fit.r2).toBeNull();
    expect(fit.notes.join()).toMatch(/by construction/);
  });

  it('three points the USL cannot pass through (down, then up again) are not said to fit by construction', () => {
    // measured on a busy 2-core machine: 3200, 388, 2900/s at N = 1, 2, 3
    const fit = fitted([
      { n: 1, x: 3200 },
      { n: 2, x: 388 },
      { n: 3, x: 2900 },
    ]);
    expect(fit.dof).toBe(0);
    expect(fit.notes.join()).not.toMatch(/by construction/);
    expect(fit.notes[0]).toMatch(/no goodness of fit, and even so the curve misses them by up to \d+ %/);
  });

  it('throughput that falls from N = 1 on peaks at 1', () => {
    const fit = fitted(curve([1, 2, 4, 8], { lambda: 100, sigma: 1, kappa: 0.05 }));
    expect(fit.sigma).toBeCloseTo(1, 6);
    expect(fit.peakN).toBe(1);
  });

  it('refuses fewer than three different N, and non-positive capacities', () => {
    expect(fitUsl([])).toMatchObject({ ok: false });
    const two = fitUsl([
      { n: 1, x: 100 },
      { n: 2, x: 180 },
      { n: 2, x: 185 },
    ]);
    expect(two).toEqual({ ok: false, reason: expect.stringMatching(/3 or more different N; got 2/) });
    expect(
      fitUsl([
        { n: 1, x: 100 },
        { n: 2, x: 0 },
        { n: 0, x: 5 },
      ]),
    ).toEqual({ ok: false, reason: expect.stringMatching(/\(n=2, x=0\), \(n=0, x=5\)/) });
  });

  it('repeated measurements at one N are fitted together', () => {
    const truth = { lambda: 300, sigma: 0.02, kappa: 0.004 };
    const pts = curve([1, 1, 2, 2, 4, 4, 8, 8], truth).map((p, i) => ({
      n: p.n,
      x: p.x * (i % 2 ? 1.02 : 0.98),
    }));
    const fit = fitted(pts);
    expect(fit.dof).toBe(5);
    expect(fit.lambda).toBeGreaterThan(290);
    expect(fit.lambda).toBeLessThan(310);
  });
});
