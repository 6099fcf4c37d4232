/**
 * The Universal Scalability Law (Gunther): capacity of N units (app
 * replicas, shards, workers)
 *
 *   X(N) = λN / (1 + σ(N−1) + κN(N−1))
 *
 * λ: the throughput of one unit; σ: contention — the serial fraction that
 * flattens the curve (Amdahl); κ: coherency — the crosstalk between units
 * that bends it down past the peak N* = sqrt((1−σ)/κ). "Add servers = add
 * capacity" holds only while σ and κ stay near 0.
 *
 * Fitted by least squares on X itself (not on a linearised form, which
 * would weight the points unevenly), with σ ∈ [0, 1] and κ ≥ 0. For given
 * (σ, κ) the best λ has a closed form, λ = Σxg / Σg² with g = X(N)/λ, so
 * only σ and κ are searched: a grid (κ on a log scale, and 0), then a
 * pattern search with the bounds enforced by clamping (so σ = 0 or κ = 0
 * are reachable exactly). Deterministic, no dependencies.
 */
import { uslThroughput } from '../../model/index.ts';
import type { UslFit } from './types.ts';

export { uslThroughput };

export interface UslPoint {
  /** Units (replicas, shards…), ≥ 1. */
  n: number;
  /** Measured capacity, e.g. req/s at the SLO, > 0. */
  x: number;
}

export type UslResult = { ok: true; fit: UslFit } | { ok: false; reason: string };

const PARAMS = 3;
const SIGMA_GRID = 100;
const KAPPA_DECADES = [-8, 1] as const;
const KAPPA_PER_DECADE = 10;

export function fitUsl(input: readonly UslPoint[]): UslResult {
  const bad = input.filter((p) => !(Number.isFinite(p.n) && p.n >= 1 && Number.isFinite(p.x) && p.x > 0));
  if (bad.length > 0)
    return {
      ok: false,
      reason: `every point needs n ≥ 1 and a capacity x > 0; got ${bad.map((p) => `(n=${p.n}, x=${p.x})`).join(', ')}`,
    };
  const distinct = new Set(input.map((p) => p.n)).size;
  if (distinct < PARAMS)
    return {
      ok: false,
      reason: `the fit has ${PARAMS} parameters (λ, σ, κ) and needs capacities at ${PARAMS} or more different N; got ${distinct}`,
    };

  const ns = input.map((p) => p.n);
  const xs = input.map((p) => p.x);
  const sse = (sigma: number, kappa: number) => profiled(ns, xs, sigma, kappa).sse;

  // Coarse grid over σ ∈ [0, 1] and κ ∈ {0} ∪ [1e-8, 10] on a log scale.
  let best = { sigma: 0, kappa: 0, sse: sse(0, 0) };
  const kappas = [0];
  for (let d = KAPPA_DECADES[0] * KAPPA_PER_DECADE; d <= KAPPA_DECADES[1] * KAPPA_PER_DECADE; d++)
    kappas.push(10 ** (d / KAPPA_PER_DECADE));
  for (let i = 0; i <= SIGMA_GRID; i++) {
    const sigma = i / SIGMA_GRID;
    for (const kappa of kappas) {
      const e = sse(sigma, kappa);
      if (e < best.sse) best = { sigma, kappa, sse: e };
    }
  }

  // Pattern search from the best grid point, steps halving down to 1e-12.
  let stepS = 1 / SIGMA_GRID;
  let stepK = Math.max(best.kappa, 1e-8);
  const clampS = (s: number) => Math.min(1, Math.max(0, s));
  const clampK = (k: number) => Math.max(0, k);
  for (let iter = 0; iter < 10_000 && (stepS > 1e-12 || stepK > 1e-15); iter++) {
    let moved = false;
    for (const [ds, dk] of [
      [stepS, 0],
      [-stepS, 0],
      [0, stepK],
      [0, -stepK],
      [stepS, stepK],
      [-stepS, -stepK],
      [stepS, -stepK],
      [-stepS, stepK],
    ] as const) {
      const sigma = clampS(best.sigma + ds);
      const kappa = clampK(best.kappa + dk);
      const e = sse(sigma, kappa);
      if (e < best.sse) {
        best = { sigma, kappa, sse: e };
        moved = true;
      }
    }
    if (!moved) {
      stepS /= 2;
      stepK /= 2;
    }
  }

  const { lambda } = profiled(ns, xs, best.sigma, best.kappa);
  const params = { lambda, sigma: best.sigma, kappa: best.kappa };
  const points = input.map((p) => {
    const fitted = uslThroughput(p.n, params);
    return { n: p.n, x: p.x, fitted, residual: p.x - fitted };
  });
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sst = xs.reduce((a, x) => a + (x - mean) ** 2, 0);
  const dof = input.length - PARAMS;
  const notes: string[] = [];
  // With as many points as parameters the curve goes through them — when the USL's bounds (σ in [0, 1], κ ≥ 0) allow it.
  const missedBy = Math.max(...points.map((p) => (p.x > 0 ? Math.abs(p.residual) / p.x : 0)));
  if (dof <= 0)
    notes.push(
      missedBy <= 0.01
        ? `${input.length} points for ${PARAMS} parameters: the curve goes through them by construction, so there is no goodness of fit — measure more N to test it`
        : `${input.length} points for ${PARAMS} parameters: no goodness of fit, and even so the curve misses them by up to ${Math.round(missedBy * 100)} %: the USL's bounds (σ in [0, 1], κ ≥ 0) keep it off them — capacity that falls faster than the USL allows, or falls and rises again with N: noise on a shared machine, or a limit the USL does not model; measure again, and more N`,
    );

  let peakN: number | null = null;
  let peakX: number | null = null;
  if (params.kappa > 0) {
    peakN = Math.max(1, Math.sqrt((1 - params.sigma) / params.kappa));
    peakX = uslThroughput(peakN, params);
    const maxN = Math.max(...ns);
    if (peakN > maxN * 4)
      notes.push(
        `the peak at N ≈ ${Math.round(peakN)} lies far beyond the largest N measured (${maxN}): an extrapolation`,
      );
  } else if (params.sigma > 0) {
    peakX = lambda / params.sigma;
    notes.push('κ = 0: no peak — throughput only flattens towards λ/σ');
  } else {
    notes.push('σ = κ = 0: linear scaling over the N measured — no contention or crosstalk visible');
  }

  return {
    ok: true,
    fit: {
      lambda,
      sigma: params.sigma,
      kappa: params.kappa,
      peakN,
      peakX,
      r2: dof > 0 && sst > 0 ? 1 - best.sse / sst : null,
      rmse: Math.sqrt(best.sse / input.length),
      dof,
      points,
      notes,
    },
  };
}

/** The least-squares λ for given σ, κ (closed form) and the residual sum of squares. */
function profiled(
  ns: readonly number[],
  xs: readonly number[],
  sigma: number,
  kappa: number,
): { lambda: number; sse: number } {
  const gs = ns.map((n) => n / (1 + sigma * (n - 1) + kappa * n * (n - 1)));
  let sxg = 0;
  let sgg = 0;
  for (let i = 0; i < gs.length; i++) {
    sxg += xs[i]! * gs[i]!;
    sgg += gs[i]! * gs[i]!;
  }
  const lambda = sxg / sgg;
  // Residuals summed directly: Σx² − (Σxg)²/Σg² cancels catastrophically on a near-exact fit.
  let sse = 0;
  for (let i = 0; i < gs.length; i++) sse += (xs[i]! - lambda * gs[i]!) ** 2;
  return { lambda, sse };
}
