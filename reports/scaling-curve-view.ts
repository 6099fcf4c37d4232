/**
 * Scaling curves as the reports show them (`RunResults.scaling`): capacity at
 * each value of a swept parameter, the Universal Scalability Law fitted to
 * it in words — σ (contention), κ (crosstalk), the peak N, R² — and a chart
 * of the measured points with the fitted curve.
 */
import type { RunResults, ScalingCurve, UslFit } from '../model/index.ts';
import { uslThroughput } from '../model/index.ts';
import { renderLineChart } from './charts/line-chart.ts';
import { seriesColor } from './charts/palette.ts';
import { niceTicks } from './charts/scale.ts';
import { fmtInt } from './format.ts';

export interface ScalingCurveView {
  title: string;
  /** `replicated`, `apps`, `capacity`. */
  target: string;
  param: string;
  profile: string;
  rows: { value: string; target: string; capacity: string; uncertainty: string; fitted: string }[];
  /** The fit in one sentence, or why there is none. */
  fit: string;
  /** What the fit says about "add servers = add capacity". */
  reading: string | null;
  notes: string[];
  svg: string | null;
}

export function scalingCurveViews(results: RunResults): ScalingCurveView[] {
  return (results.scaling ?? []).map(scalingCurveView);
}

export function scalingCurveView(curve: ScalingCurve): ScalingCurveView {
  const f = curve.fit;
  const fittedAt = (value: unknown) =>
    f && typeof value === 'number' ? `${rate(uslThroughput(value, f))}/s` : '–';
  return {
    title: `${curve.target}: capacity against ${curve.param} (profile ${curve.profile})`,
    target: curve.target,
    param: curve.param,
    profile: curve.profile,
    rows: curve.points.map((p) => ({
      value: `${curve.param}=${String(p.value)}`,
      target: p.target,
      capacity: p.capacity === null ? 'none' : `${rate(p.capacity)}/s`,
      uncertainty: p.halfWidth === null ? '–' : `±${rate(p.halfWidth)}/s`,
      fitted: fittedAt(p.value),
    })),
    fit: f ? fitSentence(f) : `No USL fit: ${curve.fitNote ?? 'not enough points'}.`,
    reading: f ? reading(f, curve) : null,
    notes: f?.notes ?? [],
    svg: f || curve.points.some((p) => p.capacity !== null) ? scalingChart(curve) : null,
  };
}

/** `σ = 0.083 (contention), κ = 0.0120 (crosstalk), λ = 905/s for one unit; peak at N ≈ 8.4 (2,950/s); R² = 0.97`. */
export function fitSentence(f: UslFit): string {
  const peak =
    f.peakN !== null
      ? `peak at N ≈ ${f.peakN.toFixed(1)} (${rate(f.peakX ?? 0)}/s)`
      : f.peakX !== null
        ? `no peak: flattens towards ${rate(f.peakX)}/s`
        : 'no peak: linear over the N measured';
  const r2 = f.r2 === null ? 'R² not defined (no degrees of freedom)' : `R² = ${f.r2.toFixed(3)}`;
  return `σ = ${f.sigma.toFixed(3)} (contention), κ = ${kappa(f.kappa)} (crosstalk), λ = ${rate(f.lambda)}/s for one unit; ${peak}; ${r2}`;
}

/** Whether adding units added capacity, as the fit reads it. */
function reading(f: UslFit, curve: ScalingCurve): string {
  const ns = curve.points.map((p) => Number(p.value)).filter(Number.isFinite);
  const maxN = Math.max(...ns);
  const linear = uslThroughput(maxN, { lambda: f.lambda, sigma: 0, kappa: 0 });
  const got = uslThroughput(maxN, f);
  const share = got / linear;
  if (f.peakN !== null && f.peakN < maxN)
    return `Adding units stopped adding capacity: past N ≈ ${f.peakN.toFixed(1)} the fitted throughput falls (crosstalk, κ).`;
  if (share > 0.9)
    return `Close to linear: at N = ${maxN} the fit gives ${Math.round(share * 100)} % of N × one unit.`;
  return `Sub-linear: at N = ${maxN} the fit gives ${Math.round(share * 100)} % of N × one unit (${f.sigma > 0.05 ? 'contention' : 'crosstalk'} dominates).`;
}

/** Rates as the capacity table prints them: whole numbers from 100 on, 3 significant digits below. */
function rate(r: number): string {
  return r >= 100 ? fmtInt(r) : String(Number(r.toPrecision(3)));
}

function kappa(k: number): string {
  return k === 0 ? '0' : k < 0.0001 ? k.toExponential(1) : k.toFixed(4);
}

function scalingChart(curve: ScalingCurve): string {
  const points = curve.points.filter((p) => typeof p.value === 'number' && p.capacity !== null);
  const f = curve.fit;
  const maxN = Math.max(1, ...points.map((p) => Number(p.value)));
  const until = Math.ceil(Math.max(maxN, f?.peakN ? Math.min(f.peakN * 1.25, maxN * 3) : maxN));
  const fitted: [number, number][] = [];
  if (f) for (let n = 1; n <= until + 1e-9; n += until / 60) fitted.push([n, uslThroughput(n, f)]);
  return renderLineChart({
    title: `${curve.target} capacity against ${curve.param}`,
    unit: 'req/s',
    series: [
      {
        name: 'measured capacity',
        color: seriesColor(0),
        points: points.map((p) => [Number(p.value), p.capacity] as const),
      },
      ...(f ? [{ name: 'USL fit', color: seriesColor(1), dashed: true, points: fitted }] : []),
    ],
    xAxis: { ticks: niceTicks(0, until), format: (n) => `N=${n}` },
    markers: f?.peakN && f.peakN <= until ? [{ at: f.peakN, label: `peak N ≈ ${f.peakN.toFixed(1)}` }] : [],
  });
}
