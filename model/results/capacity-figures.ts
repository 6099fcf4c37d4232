/**
 * Pure readings of capacity results that a run, a report and a gate share:
 * the spread of several searches, and the throughput the Universal
 * Scalability Law predicts for N units.
 */
import type { CapacityRepeats, CapacityResult } from './capacity.ts';

/**
 * Several capacity searches of one target (repeats, trials): the median
 * capacity, the spread between them, and the widest bracket — the two kinds
 * of uncertainty side by side (how finely one search located its knee, and
 * how much the knee moved between searches).
 */
export function summarizeRepeats(
  results: readonly Pick<CapacityResult, 'capacity' | 'bracket'>[],
): CapacityRepeats {
  const found = results
    .map((r) => r.capacity)
    .filter((c): c is number => c !== null)
    .sort((a, b) => a - b);
  const widths = results.map((r) => r.bracket.halfWidth).filter((w): w is number => w !== null);
  const capacity = median(found);
  const min = found[0] ?? null;
  const max = found.at(-1) ?? null;
  return {
    capacity,
    min,
    max,
    spread:
      found.length >= 2 && capacity !== null && capacity > 0 && min !== null && max !== null
        ? (max - min) / capacity
        : null,
    halfWidth: widths.length > 0 ? Math.max(...widths) : null,
    repeats: results.length,
  };
}

/** X(N) = λN / (1 + σ(N−1) + κN(N−1)): the USL's throughput at `n` for given parameters. */
export function uslThroughput(n: number, p: { lambda: number; sigma: number; kappa: number }): number {
  return (p.lambda * n) / (1 + p.sigma * (n - 1) + p.kappa * n * (n - 1));
}

function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
