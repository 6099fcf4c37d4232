/**
 * Scaling curves of a run: for each swept target (`sweep` in the scenario)
 * and capacity profile, the capacity measured at each value of the swept
 * parameter — the median over its trials and repeats — and, when the values
 * are numbers (app replicas, shards, workers), the Universal Scalability Law
 * fitted to capacity against N: σ (contention), κ (crosstalk), the peak N.
 * Pure: a function of the stored cells, rebuilt after every cell.
 */
import type { CellResult, RunResults, ScalingCurve, ScalingPoint } from '../../model/index.ts';
import { summarizeRepeats } from './repeats.ts';
import { fitUsl } from './usl.ts';

export function scalingCurves(results: Pick<RunResults, 'cells'>): ScalingCurve[] {
  const groups = new Map<string, CellResult[]>();
  for (const c of results.cells) {
    if (c.sweep === undefined || c.capacity === undefined) continue;
    const key = `${c.sweep.target}\u0000${c.sweep.param}\u0000${c.profile}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.values()].map((cells) => curveOf(cells));
}

function curveOf(cells: readonly CellResult[]): ScalingCurve {
  const { target, param } = cells[0]!.sweep!;
  const byValue = new Map<string, CellResult[]>();
  for (const c of cells) {
    const key = JSON.stringify(c.sweep!.value);
    byValue.set(key, [...(byValue.get(key) ?? []), c]);
  }
  const points: ScalingPoint[] = [...byValue.values()].map((own) => {
    const searches = own.flatMap((c) => c.capacity!.searches);
    const r = summarizeRepeats(searches);
    return {
      value: own[0]!.sweep!.value,
      target: own[0]!.target,
      capacity: r.capacity,
      halfWidth: r.halfWidth,
      searches: searches.length,
    };
  });
  if (points.every((p) => typeof p.value === 'number'))
    points.sort((a, b) => Number(a.value) - Number(b.value));
  const curve = { target, param, profile: cells[0]!.profile, points };
  if (!points.every((p) => typeof p.value === 'number'))
    return {
      ...curve,
      fit: null,
      fitNote: `${param} takes values that are not numbers: capacity per value, no USL fit`,
    };
  const measured = points.flatMap((p) =>
    p.capacity !== null && p.capacity > 0 ? [{ n: Number(p.value), x: p.capacity }] : [],
  );
  const fit = fitUsl(measured);
  return fit.ok ? { ...curve, fit: fit.fit } : { ...curve, fit: null, fitNote: fit.reason };
}
