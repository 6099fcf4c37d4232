import type { Rng } from './rng.ts';

/** YCSB's default skew. */
export const DEFAULT_THETA = 0.99;

/** ζ(n, θ) = Σ_{i=1..n} 1/i^θ. */
function zeta(n: number, theta: number): number {
  let sum = 0;
  for (let i = 1; i <= n; i++) sum += 1 / i ** theta;
  return sum;
}

/**
 * YCSB's ZipfianGenerator (Gray et al., "Quickly generating billion-record
 * synthetic databases"): an integer in [0, items) where 0 is the most
 * popular, item i drawn with probability ∝ 1/(i+1)^θ. ζ(items) is computed
 * once at construction, O(items); each draw is O(1).
 */
export function createZipfian(items: number, theta: number, rng: Rng): () => number {
  if (items <= 1) return () => 0;
  const zetan = zeta(items, theta);
  const zeta2 = zeta(2, theta);
  const alpha = 1 / (1 - theta);
  const eta = (1 - (2 / items) ** (1 - theta)) / (1 - zeta2 / zetan);
  const half = 1 + 0.5 ** theta;
  return () => {
    const u = rng();
    const uz = u * zetan;
    if (uz < 1) return 0;
    if (uz < half) return 1;
    const v = Math.floor(items * (eta * u - eta + 1) ** alpha);
    return v >= items ? items - 1 : v;
  };
}
