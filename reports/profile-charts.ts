/**
 * The charts over time of one profile, one line per cell (target, and trial
 * when there are several): throughput, p95 and p99 latency, error rate, VUs.
 */
import type { CellResult } from '../harness/results/types.ts';
import { cellLabel } from './cell-label.ts';
import { type ChartSeries, renderLineChart } from './charts/line-chart.ts';
import { seriesColor } from './charts/palette.ts';
import { cellFigures, type IntervalFigures } from './interval-figures.ts';

export interface ChartView {
  title: string;
  svg: string;
}

export function profileCharts(
  profile: string,
  cells: CellResult[],
  trials: number,
  targets: string[],
): ChartView[] {
  const figures = cells.map((c) => ({
    label: cellLabel(c, trials),
    color: seriesColor(targets.indexOf(c.target)),
    points: cellFigures(c),
  }));
  const series = (pick: (f: IntervalFigures) => number | null, suffix = '', dashed = false): ChartSeries[] =>
    figures.map((f) => ({
      name: `${f.label}${suffix}`,
      color: f.color,
      dashed,
      points: f.points.map((p) => [p.t, pick(p)] as const),
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
