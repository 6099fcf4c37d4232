/**
 * The charts over time of one profile: throughput, p95 and p99 latency,
 * error rate, VUs — one line per target. With several trials, each trial is a
 * faint line behind the per-second median of its target. Fault windows are
 * shaded, stage boundaries of ramping executors dashed.
 */
import type { CellResult } from '../model/index.ts';
import { cellDigest } from './cell-digest.ts';
import { cellLabel } from './cell-label.ts';
import { type ChartBand, type ChartMarker, type ChartSeries, renderLineChart } from './charts/line-chart.ts';
import { seriesColor } from './charts/palette.ts';
import { renderPercentileChart } from './charts/percentile-chart.ts';
import { CountsHistogram } from './counts-histogram.ts';
import type { IntervalFigures } from './interval-figures.ts';

export interface ChartView {
  title: string;
  svg: string;
}

export interface Overlays {
  bands: readonly ChartBand[];
  markers: readonly ChartMarker[];
}

type Pick = (f: IntervalFigures) => number | null;
type Line = {
  label: string;
  color: string;
  faint: boolean;
  points: (pick: Pick) => [number, number | null][];
};

const FAINT = 0.3;

export function profileCharts(
  profile: string,
  cells: CellResult[],
  trials: number,
  targets: string[],
  overlays: Overlays = { bands: [], markers: [] },
): ChartView[] {
  const lines = chartLines(cells, trials, targets);
  const series = (pick: Pick, suffix = '', dashed = false): ChartSeries[] =>
    lines.map((l) => ({
      name: `${l.label}${suffix}`,
      color: l.color,
      dashed,
      ...(l.faint ? { opacity: FAINT, hideInLegend: true } : {}),
      points: l.points(pick),
    }));
  const chart = (
    title: string,
    unit: string,
    s: ChartSeries[],
    formatY?: (v: number) => string,
  ): ChartView => ({
    title,
    svg: renderLineChart({
      title: `${title} — ${profile}`,
      unit,
      series: s,
      bands: overlays.bands,
      markers: overlays.markers,
      ...(formatY ? { formatY } : {}),
    }),
  });
  return [
    chart(
      'Throughput',
      'req/s',
      series((p) => p.rate),
    ),
    chart('Latency p95 (solid) and p99 (dashed)', 'ms', [
      ...series((p) => p.p95, ' p95'),
      ...series((p) => p.p99, ' p99', true),
    ]),
    chart(
      'Error rate',
      '%',
      series((p) => (p.errorRate === null ? null : p.errorRate * 100)),
      (v) => (v === 0 ? '0' : String(Number(v.toPrecision(2)))),
    ),
    chart(
      'Virtual users',
      'VUs',
      series((p) => p.vus),
    ),
  ];
}

/** The HDR percentile plot of a profile: one line per target, every trial's requests merged. */
export function distributionChart(profile: string, cells: CellResult[], targets: string[]): ChartView {
  const series = targets
    .map((target, i) => {
      const mine = cells.filter((c) => c.target === target);
      if (mine.length === 0) return undefined;
      // merge into a new histogram: the cached digests stay as they are
      const merged = new CountsHistogram();
      for (const c of mine) merged.merge(cellDigest(c).histogram);
      return { name: target, color: seriesColor(i), histogram: merged };
    })
    .filter((s) => s !== undefined);
  return {
    title: 'Latency distribution (HDR percentiles)',
    svg: renderPercentileChart(`Latency by percentile — ${profile}`, series),
  };
}

/** One line per cell; with several trials, faint trial lines and a median line per target. */
function chartLines(cells: CellResult[], trials: number, targets: string[]): Line[] {
  const color = (t: string) => seriesColor(targets.indexOf(t));
  const direct = (c: CellResult, faint: boolean): Line => ({
    label: cellLabel(c, trials),
    color: color(c.target),
    faint,
    points: (pick) => cellDigest(c).figures.map((f) => [f.t, pick(f)]),
  });
  if (trials <= 1) return cells.map((c) => direct(c, false));
  const lines: Line[] = [];
  for (const target of targets) {
    const mine = cells.filter((c) => c.target === target);
    if (mine.length === 0) continue;
    if (mine.length === 1) {
      lines.push(direct(mine[0]!, false));
      continue;
    }
    for (const c of mine) lines.push(direct(c, true));
    lines.push({
      label: `${target} (median of ${mine.length})`,
      color: color(target),
      faint: false,
      points: (pick) =>
        medianLine(
          mine.map((c) => cellDigest(c).figures),
          pick,
        ),
    });
  }
  return lines;
}

/** Per-second median across trials, aligned by interval index. */
function medianLine(runs: IntervalFigures[][], pick: Pick): [number, number | null][] {
  const n = Math.max(...runs.map((r) => r.length));
  const out: [number, number | null][] = [];
  for (let i = 0; i < n; i++) {
    const at = runs.find((r) => r[i])![i]!.t;
    const vals = runs
      .map((r) => (r[i] ? pick(r[i]!) : null))
      .filter((v): v is number => v !== null)
      .sort((a, b) => a - b);
    const mid = vals.length >> 1;
    out.push([
      at,
      vals.length === 0 ? null : vals.length % 2 ? vals[mid]! : (vals[mid - 1]! + vals[mid]!) / 2,
    ]);
  }
  return out;
}
