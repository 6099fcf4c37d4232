/**
 * The Mann–Whitney U test (Wilcoxon rank-sum): do two samples come from the
 * same distribution, or does one tend to hold larger values? Rank-based, so
 * it suits latency figures (skewed, heavy-tailed) where a t-test does not.
 *
 * - Small samples without ties (both ≤ 20): the exact distribution of U,
 *   from the coefficients of the Gaussian binomial [m+n choose m]_q.
 * - Otherwise: the normal approximation with the tie correction of the
 *   variance and a continuity correction (as R's `wilcox.test`, SciPy's
 *   `mannwhitneyu(method='asymptotic')`).
 *
 * `u` is U of `a`: the number of pairs (aᵢ, bⱼ) with aᵢ > bⱼ, ties counting ½.
 */
import { normalCdf } from './normal.ts';

export interface MannWhitneyResult {
  /** U of the first sample. */
  u: number;
  n1: number;
  n2: number;
  /** P(U ≥ u): evidence that `a` tends to be greater than `b`. */
  pGreater: number;
  /** P(U ≤ u): evidence that `a` tends to be less than `b`. */
  pLess: number;
  /** Two-sided p-value, min(1, 2 × the smaller one-sided p). */
  pTwoSided: number;
  /** u / (n1·n2): the probability that a value of `a` exceeds one of `b` (0.5 = no shift). */
  effect: number;
  method: 'exact' | 'normal';
}

const EXACT_MAX_N = 20;

export function mannWhitneyU(a: readonly number[], b: readonly number[]): MannWhitneyResult {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) throw new Error('Mann–Whitney needs at least one value in each sample');
  const { ranks, tieTerm } = rank([...a, ...b]);
  let r1 = 0;
  for (let i = 0; i < n1; i++) r1 += ranks[i]!;
  const u = r1 - (n1 * (n1 + 1)) / 2;
  const effect = u / (n1 * n2);

  let pGreater: number;
  let pLess: number;
  let method: MannWhitneyResult['method'];
  if (tieTerm === 0 && n1 <= EXACT_MAX_N && n2 <= EXACT_MAX_N) {
    const dist = exactDistribution(n1, n2);
    const total = dist.reduce((s, c) => s + c, 0);
    // without ties u is an integer
    let below = 0;
    for (let k = 0; k <= u; k++) below += dist[k]!;
    let above = 0;
    for (let k = u; k < dist.length; k++) above += dist[k]!;
    pLess = below / total;
    pGreater = above / total;
    method = 'exact';
  } else {
    const n = n1 + n2;
    const mu = (n1 * n2) / 2;
    const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
    if (variance <= 0) {
      pLess = 1;
      pGreater = 1;
    } else {
      const sd = Math.sqrt(variance);
      pGreater = 1 - normalCdf((u - mu - 0.5) / sd);
      pLess = normalCdf((u - mu + 0.5) / sd);
    }
    method = 'normal';
  }
  pGreater = clamp01(pGreater);
  pLess = clamp01(pLess);
  return {
    u,
    n1,
    n2,
    pGreater,
    pLess,
    pTwoSided: Math.min(1, 2 * Math.min(pGreater, pLess)),
    effect,
    method,
  };
}

/** Mid-ranks (1-based) of `values`, and Σ(t³ − t) over groups of ties. */
function rank(values: number[]): { ranks: number[]; tieTerm: number } {
  const order = values.map((v, i) => [v, i] as const).sort((x, y) => x[0] - y[0]);
  const ranks = new Array<number>(values.length);
  let tieTerm = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    const mid = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]![1]] = mid;
    const t = j - i + 1;
    tieTerm += t * t * t - t;
    i = j + 1;
  }
  return { ranks, tieTerm };
}

const exactCache = new Map<string, number[]>();

/**
 * Counts of arrangements per U value (index = U) for samples of m and n:
 * the coefficients of ∏ᵢ₌₁..ₘ (1 − q^(n+i)) / (1 − q^i).
 */
export function exactDistribution(m: number, n: number): number[] {
  const key = m <= n ? `${m},${n}` : `${n},${m}`;
  const hit = exactCache.get(key);
  if (hit) return hit;
  const size = m * n + 1;
  let c = new Array<number>(size).fill(0);
  c[0] = 1;
  for (let i = 1; i <= m; i++) {
    // multiply by (1 − q^(n+i))
    const next = c.slice();
    for (let k = size - 1; k >= n + i; k--) next[k]! -= c[k - n - i]!;
    // divide by (1 − q^i): exact, the quotient is a polynomial
    for (let k = i; k < size; k++) next[k]! += next[k - i]!;
    c = next;
  }
  const dist = c.map((v) => Math.round(v));
  exactCache.set(key, dist);
  return dist;
}

function clamp01(p: number): number {
  return Math.min(Math.max(p, 0), 1);
}
