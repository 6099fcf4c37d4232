/**
 * Ordinary least squares of y on x with the slope's standard error and 95 %
 * confidence interval (Student t, n − 2 degrees of freedom). "Significant"
 * means the interval excludes 0. Points are assumed independent; callers
 * bin per-second series first, which keeps autocorrelation from making a
 * flat series look significant.
 */
import type { Trend } from '../../model/index.ts';

export interface Point {
  x: number;
  y: number;
}

/** Two-sided 95 % quantile of Student's t: exact for small df, Cornish–Fisher expansion beyond. */
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228];
export function tQuantile975(df: number): number {
  if (df < 1) return Number.NaN;
  if (df <= T975.length) return T975[Math.floor(df) - 1]!;
  const z = 1.959963984540054;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return (
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3)
  );
}

/** The fitted line between `fromX` and `toX`; a single point or a vertical spread gives slope 0. */
export function linearTrend(points: readonly Point[], fromX: number, toX: number): Trend {
  const n = points.length;
  const meanX = points.reduce((a, p) => a + p.x, 0) / (n || 1);
  const meanY = points.reduce((a, p) => a + p.y, 0) / (n || 1);
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const p of points) {
    sxx += (p.x - meanX) ** 2;
    sxy += (p.x - meanX) * (p.y - meanY);
    syy += (p.y - meanY) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  const intercept = meanY - slope * meanX;
  const at = (x: number) => intercept + slope * x;
  let stdErr: number | null = null;
  let ciLow: number | null = null;
  let ciHigh: number | null = null;
  if (n > 2 && sxx > 0) {
    const sse = Math.max(0, syy - slope * sxy);
    stdErr = Math.sqrt(sse / (n - 2) / sxx);
    const half = tQuantile975(n - 2) * stdErr;
    ciLow = slope - half;
    ciHigh = slope + half;
  }
  const significant = ciLow !== null && ciHigh !== null && (ciLow > 0 || ciHigh < 0);
  return {
    slope,
    stdErr,
    ciLow,
    ciHigh,
    r2: syy > 0 && sxx > 0 ? (sxy * sxy) / (sxx * syy) : null,
    points: n,
    significant,
    start: n > 0 ? at(fromX) : 0,
    end: n > 0 ? at(toX) : 0,
  };
}
