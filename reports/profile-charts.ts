/**
 * The charts of one profile. Over time (interactive, drawn in the browser
 * from the run's tables): throughput, p95/p99 latency, error rate and VUs
 * with one line per target; latency bands (p50–p99 filled, p90, max) per
 * target; and, with two or more request names, throughput and latency per
 * request name. With several trials each trial is a faint line behind the
 * per-second median of its target (the bands and per-request charts show
 * the median only). Fault windows are shaded, stage boundaries dashed.
 * The HDR percentile plot stays a static SVG (see distributionChart).
 */
import type { CellResult } from '../model/index.ts';
import { cellDigest } from './cell-digest.ts';
import { cellLabel } from './cell-label.ts';
import type { ChartBand, ChartMarker } from './charts/line-chart.ts';
import { seriesColor } from './charts/palette.ts';
import { renderPercentileChart } from './charts/percentile-chart.ts';
import { CountsHistogram } from './counts-histogram.ts';
import type { ChartData, ChartSpec, SeriesSpec, ValueFormat } from './interactive/chart-data.ts';
import { type Cell, medianColumn, type TimeTable } from './interactive/time-table.ts';

export interface ChartView {
  title: string;
  /** A static chart. */
  svg?: string;
  /** An interactive chart: its id in the report's chart data. */
  chart?: string;
  /** Shown under the chart (e.g. how far the data was thinned). */
  note?: string;
}

export interface Overlays {
  bands: readonly ChartBand[];
  markers: readonly ChartMarker[];
}

export interface ProfileChartViews {
  /** Throughput, latency, error rate, VUs: one line per target. */
  overTime: ChartView[];
  /** p50/p90/p99/max of each target. */
  bands: ChartView[];
  /** Per request name; empty with a single name. */
  requests: ChartView[];
  /** Request names left out of the per-request charts (beyond the busiest). */
  omittedRequests: number;
}

/** One drawn line: a cell, or the median of a target's trials. */
interface Line {
  label: string;
  target: string;
  table: number;
  faint: boolean;
}

const FAINT = 0.3;

export function profileCharts(
  profile: string,
  cells: readonly CellResult[],
  trials: number,
  targets: readonly string[],
  overlays: Overlays,
  data: ChartData,
): ProfileChartViews {
  const lines = chartLines(profile, cells, trials, targets, data);
  const main = lines.filter((l) => !l.faint);
  const color = (target: string) => seriesColor(targets.indexOf(target));
  const sync = `profile:${profile}`;
  const chart = (
    title: string,
    unit: string,
    format: ValueFormat,
    series: SeriesSpec[],
    extra: Partial<ChartSpec> = {},
  ): ChartView => {
    const spec: ChartSpec = {
      title: `${title} — ${profile}`,
      unit,
      format,
      series,
      bands: overlays.bands,
      markers: overlays.markers,
      sync,
      ...extra,
    };
    const id = data.add(spec);
    const rows = data.thinning(spec);
    return {
      title,
      chart: id,
      ...(rows > 1
        ? { note: `Long run: each point pair covers ${rows} intervals (their lowest and highest value).` }
        : {}),
    };
  };
  const series = (col: string, suffix = '', dash?: number[]): SeriesSpec[] =>
    lines.map((l) => ({
      label: `${l.label}${suffix}`,
      table: l.table,
      col,
      color: color(l.target),
      group: l.target,
      ...(dash ? { dash } : {}),
      ...(l.faint ? { alpha: FAINT, width: 1, quiet: true } : {}),
    }));

  const overTime = [
    chart('Throughput', 'req/s', 'rate', series('rate')),
    chart('Latency p95 (solid) and p99 (dashed)', 'ms', 'ms', [
      ...series('p95', ' p95'),
      ...series('p99', ' p99', [6, 3]),
    ]),
    chart('Error rate', '%', 'pct', series('err')),
    chart('Virtual users', 'VUs', 'count', series('vus')),
  ];

  const bands = main.map((l) => {
    const c = color(l.target);
    const s = (col: string, label: string, more: Partial<SeriesSpec>): SeriesSpec => ({
      label,
      table: l.table,
      col,
      color: c,
      ...more,
    });
    return chart(
      `Latency bands — ${l.label}`,
      'ms',
      'ms',
      [
        s('p50', 'p50', { width: 2 }),
        s('p90', 'p90', { width: 1, alpha: 0.75 }),
        s('p99', 'p99', { width: 1.5, dash: [6, 3] }),
        s('max', 'max', { width: 1, dash: [2, 3], alpha: 0.7 }),
      ],
      { fills: [{ upper: 2, lower: 0, color: `${c}1f` }] },
    );
  });

  const names = requestNames(cells);
  const requests: ChartView[] = [];
  if (names.length >= 2) {
    const dashes: (number[] | undefined)[] = [undefined, [6, 3], [2, 3], [8, 3, 2, 3]];
    requests.push(
      chart(
        'Throughput per request',
        'req/s',
        'rate',
        names.flatMap((name, k) =>
          main.map((l) => ({
            label: `${l.label} · ${name}`,
            table: l.table,
            col: `rate:${name}`,
            color: color(l.target),
            group: l.target,
            ...(dashes[k % dashes.length] ? { dash: dashes[k % dashes.length]! } : {}),
          })),
        ),
      ),
    );
    for (const name of names) {
      requests.push(
        chart(`Latency of ${name}: p95 (solid), p99 (dashed)`, 'ms', 'ms', [
          ...main.map((l) => ({
            label: `${l.label} p95`,
            table: l.table,
            col: `p95:${name}`,
            color: color(l.target),
            group: l.target,
          })),
          ...main.map((l) => ({
            label: `${l.label} p99`,
            table: l.table,
            col: `p99:${name}`,
            color: color(l.target),
            group: l.target,
            dash: [6, 3],
          })),
        ]),
      );
    }
  }
  return {
    overTime,
    bands,
    requests,
    omittedRequests: Math.max(0, ...cells.map((c) => cellDigest(c).omittedRequests)),
  };
}

/** The HDR percentile plot of a profile: one line per target, every trial's requests merged. */
export function distributionChart(
  profile: string,
  cells: readonly CellResult[],
  targets: readonly string[],
): ChartView {
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

/** The columns of one cell: every figure the charts over time draw. */
export function cellTable(cell: CellResult): TimeTable {
  const d = cellDigest(cell);
  const col = (pick: (i: number) => Cell): Cell[] => d.figures.map((_, i) => pick(i));
  const f = d.figures;
  const cols: Record<string, Cell[]> = {
    rate: col((i) => f[i]!.rate),
    err: col((i) => (f[i]!.errorRate === null ? null : f[i]!.errorRate! * 100)),
    vus: col((i) => f[i]!.vus),
    p50: col((i) => f[i]!.p50),
    p90: col((i) => f[i]!.p90),
    p95: col((i) => f[i]!.p95),
    p99: col((i) => f[i]!.p99),
    max: col((i) => f[i]!.max),
  };
  for (const name of d.perRequest) {
    cols[`rate:${name}`] = col((i) => f[i]!.requests[name]?.rate ?? 0);
    cols[`p95:${name}`] = col((i) => f[i]!.requests[name]?.p95 ?? null);
    cols[`p99:${name}`] = col((i) => f[i]!.requests[name]?.p99 ?? null);
  }
  return { t: f.map((x) => x.t), cols };
}

/** One line per cell; with several trials, faint trial lines and a median line per target. */
function chartLines(
  profile: string,
  cells: readonly CellResult[],
  trials: number,
  targets: readonly string[],
  data: ChartData,
): Line[] {
  const direct = (c: CellResult, faint: boolean): Line => ({
    label: cellLabel(c, trials),
    target: c.target,
    table: data.table(c, () => cellTable(c)),
    faint,
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
      target,
      table: data.table(`median\u0000${profile}\u0000${target}`, () => medianTable(mine.map(cellTable))),
      faint: false,
    });
  }
  return lines;
}

/** Per-second median across trials, aligned by interval index. */
function medianTable(tables: readonly TimeTable[]): TimeTable {
  const longest = tables.reduce((a, b) => (b.t.length > a.t.length ? b : a));
  const names = new Set(tables.flatMap((t) => Object.keys(t.cols)));
  const cols: Record<string, Cell[]> = {};
  for (const name of names) cols[name] = medianColumn(tables.map((t) => t.cols[name] ?? []));
  return { t: longest.t, cols };
}

/** Request names with per-name figures in any cell of the profile, in order of first appearance. */
function requestNames(cells: readonly CellResult[]): string[] {
  return [...new Set(cells.flatMap((c) => cellDigest(c).perRequest))];
}
