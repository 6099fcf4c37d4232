/**
 * The noise-aware verdict on one metric. Two questions, both must say "yes"
 * for `better`/`worse`:
 *
 * 1. Is the move real? A one-sided Mann–Whitney U test in the direction the
 *    point estimate moved, at `alpha`, over the samples (per-trial figures,
 *    or per-second figures when there is a single trial a side).
 * 2. Does it matter? The point estimate moved beyond the tolerance
 *    (default ±5 % throughput, ±10 % latency, ±0.5 pp error rate).
 *
 *   significant, beyond tolerance   → better | worse
 *   significant, within tolerance   → no-change (real but too small to matter)
 *   not significant, beyond         → inconclusive (a move the noise could explain)
 *   not significant, within         → no-change
 *   too few samples                 → inconclusive when beyond tolerance, else no-change
 *
 * Caveat for per-second samples: consecutive intervals are autocorrelated
 * (a slow second tends to follow a slow second), so the test overstates its
 * confidence. That is why the tolerance must agree before a regression is called.
 */

import type { CompareMetric, MetricComparison, Tolerances } from '../../model/index.ts';
import { mannWhitneyU } from './mann-whitney.ts';

export const DEFAULT_TOLERANCES: Tolerances = { throughput: 0.05, latency: 0.1, errorRate: 0.005 };
export const DEFAULT_ALPHA = 0.05;
export const DEFAULT_INTERVAL_ALPHA = 0.01;

export interface VerdictInput {
  metric: CompareMetric;
  baseline: number | null;
  current: number | null;
  baselineSamples: readonly number[];
  currentSamples: readonly number[];
  /** Fewest samples a side for the test to count. */
  minSamples: number;
  alpha: number;
  tolerances: Tolerances;
}

export function judgeMetric(input: VerdictInput): MetricComparison {
  const { metric, baseline, current, alpha } = input;
  const samples: [number, number] = [input.baselineSamples.length, input.currentSamples.length];
  const base = { metric, baseline, current, samples };
  if (baseline === null || current === null) {
    return {
      ...base,
      delta: null,
      deltaPct: null,
      verdict: 'inconclusive',
      pValue: null,
      reason: `no ${baseline === null ? 'baseline' : 'current'} figure`,
    };
  }
  const delta = current - baseline;
  const deltaPct = baseline !== 0 ? delta / baseline : null;
  const beyond = beyondTolerance(metric, baseline, current, input.tolerances);
  const tol = describeTolerance(metric, input.tolerances);
  const result = (verdict: MetricComparison['verdict'], pValue: number | null, reason: string) => ({
    ...base,
    delta,
    deltaPct,
    verdict,
    pValue,
    reason,
  });

  if (samples[0] < input.minSamples || samples[1] < input.minSamples) {
    return result(
      beyond ? 'inconclusive' : 'no-change',
      null,
      `too few samples (${samples[0]} vs ${samples[1]}, need ${input.minSamples} a side) — ${beyond ? 'moved beyond' : 'within'} ${tol}`,
    );
  }
  if (delta === 0) return result('no-change', null, 'identical figures');

  const mw = mannWhitneyU(input.currentSamples, input.baselineSamples);
  const p = delta > 0 ? mw.pGreater : mw.pLess;
  const significant = p <= alpha;
  const stat = `Mann–Whitney p=${fmtP(p)}`;
  if (significant && beyond) {
    const up = delta > 0;
    const better = metric === 'throughput' ? up : !up;
    return result(better ? 'better' : 'worse', p, `beyond noise (${stat}) and beyond ${tol}`);
  }
  if (significant) return result('no-change', p, `a real but small move (${stat}), within ${tol}`);
  if (beyond) return result('inconclusive', p, `moved beyond ${tol} but within noise (${stat})`);
  return result('no-change', p, `within noise (${stat}) and within ${tol}`);
}

function beyondTolerance(metric: CompareMetric, baseline: number, current: number, t: Tolerances): boolean {
  const delta = current - baseline;
  if (metric === 'errorRate') return Math.abs(delta) > t.errorRate;
  const rel = metric === 'throughput' ? t.throughput : t.latency;
  if (baseline === 0) return current !== 0;
  return Math.abs(delta / baseline) > rel;
}

function describeTolerance(metric: CompareMetric, t: Tolerances): string {
  if (metric === 'errorRate') return `the ±${round(t.errorRate * 100)} pp tolerance`;
  return `the ±${round((metric === 'throughput' ? t.throughput : t.latency) * 100)} % tolerance`;
}

function round(n: number): number {
  return Number(n.toPrecision(3));
}

export function fmtP(p: number): string {
  if (p < 0.001) return '<0.001';
  return p < 0.01 ? p.toFixed(3) : p.toFixed(2);
}
