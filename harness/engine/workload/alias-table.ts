import type { Rng } from './rng.ts';

/**
 * Vose's alias method: picks index i with probability weights[i]/Σweights in
 * O(1) — one random number, one comparison — whatever the mix size.
 */
export function createAliasPicker(weights: readonly number[], rng: Rng): () => number {
  const n = weights.length;
  if (n === 1) return () => 0;
  const total = weights.reduce((a, b) => a + b, 0);
  const prob = new Float64Array(n);
  const alias = new Uint32Array(n);
  const scaled = weights.map((w) => (w * n) / total);
  const small: number[] = [];
  const large: number[] = [];
  scaled.forEach((p, i) => {
    (p < 1 ? small : large).push(i);
  });
  while (small.length > 0 && large.length > 0) {
    const s = small.pop()!;
    const l = large.pop()!;
    prob[s] = scaled[s]!;
    alias[s] = l;
    scaled[l] = scaled[l]! + scaled[s]! - 1;
    (scaled[l]! < 1 ? small : large).push(l);
  }
  // What is left over has probability 1 up to float error.
  for (const i of large) prob[i] = 1;
  for (const i of small) prob[i] = 1;
  return () => {
    const x = rng() * n;
    const i = x | 0;
    return x - i < prob[i]! ? i : alias[i]!;
  };
}
