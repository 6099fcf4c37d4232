/**
 * The "Scaling" section of a profile with a scaled cell (`cells[].scaling`):
 * replicas over time (serving solid, wanted dashed) and the scaler's metric
 * against its target — interactive, on the profile's time axis, so the
 * crosshair shows the replicas at the moment latency moved — a table of what
 * scaling bought: time from the spike to added capacity, p95 before the
 * spike, until the capacity served, after it; and the events one by one.
 * A cell of the same profile without a scaler (a fixed-size run) gets the
 * p95 over the same windows as the first scaled cell, so the two compare
 * second for second.
 */
import type { CellResult, CellScaling, IntervalSample } from '../model/index.ts';
import { summarizeCell } from '../model/index.ts';
import { cellLabel } from './cell-label.ts';
import { seriesColor } from './charts/palette.ts';
import { DASH, fmtMs, fmtSecs } from './format.ts';
import type { ChartData, ChartSpec, SeriesSpec } from './interactive/chart-data.ts';
import type { ChartView, Overlays } from './profile-charts.ts';
import type { MatrixView } from './profile-tables.ts';

export interface ScalingView {
  charts: ChartView[];
  table: MatrixView;
  /** Per scaled cell: its events in words. */
  events: { cell: string; lines: string[] }[];
}

/** p95 (ms) of the intervals whose midpoint is in [fromMs, toMs) after the first interval's start. */
function p95In(intervals: readonly IntervalSample[], fromMs: number, toMs: number): number | null {
  const t0 = intervals[0]?.ts;
  if (t0 === undefined || toMs <= fromMs) return null;
  const inside = intervals.filter((s) => {
    const mid = s.ts + s.durationMs / 2 - t0;
    return mid >= fromMs && mid < toMs;
  });
  const summary = summarizeCell(inside);
  return summary.requests > 0 ? summary.duration.p95 : null;
}

function describePolicy(s: CellScaling): string {
  const p = s.policy;
  const target = p.metric === 'cpu' ? `cpu ${Math.round(p.target * 100)} % of a core` : `p95 ${p.target} ms`;
  return `${p.component} ${p.min}..${p.max} on ${target}, step ${p.step}, cooldown ${fmtSecs(p.cooldownMs)}`;
}

export function scalingView(
  profile: string,
  cells: readonly CellResult[],
  trials: number,
  targets: readonly string[],
  overlays: Overlays,
  data: ChartData,
): ScalingView | null {
  const scaled = cells.filter((c): c is CellResult & { scaling: CellScaling } => c.scaling !== undefined);
  if (scaled.length === 0) return null;
  const color = (c: CellResult) => seriesColor(targets.indexOf(c.target));
  const table = (c: CellResult & { scaling: CellScaling }) =>
    data.table(c.scaling, () => {
      const t0 = c.intervals[0]?.ts ?? c.scaling.replicas[0]?.ts ?? 0;
      return {
        t: c.scaling.replicas.map((r) => (r.ts - t0) / 1000),
        cols: {
          replicas: c.scaling.replicas.map((r) => r.replicas),
          desired: c.scaling.replicas.map((r) => r.desired),
          metric: c.scaling.replicas.map((r) => r.metric),
          target: c.scaling.replicas.map(() => c.scaling.policy.target),
        },
      };
    });
  const chart = (
    title: string,
    unit: string,
    format: ChartSpec['format'],
    series: SeriesSpec[],
  ): ChartView => ({
    title,
    chart: data.add({
      title: `${title} — ${profile}`,
      unit,
      format,
      series,
      bands: overlays.bands,
      markers: overlays.markers,
      sync: `profile:${profile}`,
    }),
  });
  const line = (
    c: CellResult & { scaling: CellScaling },
    col: string,
    suffix: string,
    more: Partial<SeriesSpec> = {},
  ) => ({
    label: `${cellLabel(c, trials)} ${suffix}`,
    table: table(c),
    col,
    color: color(c),
    group: c.target,
    ...more,
  });
  const charts = [
    chart(
      'Replicas serving (solid) and wanted (dashed)',
      'replicas',
      'count',
      scaled.flatMap((c) => [
        line(c, 'replicas', 'serving', { stepped: true }),
        line(c, 'desired', 'wanted', { dash: [6, 3], stepped: true }),
      ]),
    ),
  ];
  for (const metric of ['cpu', 'p95'] as const) {
    const mine = scaled.filter((c) => c.scaling.policy.metric === metric);
    if (mine.length === 0) continue;
    charts.push(
      chart(
        metric === 'cpu'
          ? 'Scaler metric: CPU per serving replica (dashed: target)'
          : 'Scaler metric: p95 (dashed: target)',
        metric === 'cpu' ? 'cores' : 'ms',
        metric === 'cpu' ? 'cores' : 'ms',
        mine.flatMap((c) => [
          line(c, 'metric', metric),
          line(c, 'target', 'target', { dash: [2, 3], width: 1 }),
        ]),
      ),
    );
  }

  // The windows of the first scaled cell, applied to every cell of the profile.
  const reference = scaled[0]!.scaling.analysis;
  const windows = (c: CellResult) => {
    const own = c.scaling?.analysis ?? reference;
    if (own === undefined) return undefined;
    const last = c.intervals.at(-1);
    const end = last === undefined ? 0 : last.ts + last.durationMs - c.intervals[0]!.ts;
    const from = own.spikeStartMs ?? 0;
    const until = own.spikeEndMs ?? end;
    const serving = own.firstScaleOut?.servingMs ?? null;
    return {
      before: own.spikeStartMs === null ? null : p95In(c.intervals, 0, own.spikeStartMs),
      untilCapacity: p95In(c.intervals, from, serving ?? until),
      afterCapacity: serving === null ? null : p95In(c.intervals, serving, until),
    };
  };
  const figures = cells.map((c) => ({ c, w: windows(c) }));
  const row = (
    label: string,
    title: string,
    text: (c: CellResult, w: ReturnType<typeof windows>) => string,
  ) => ({
    label,
    title,
    cells: figures.map(({ c, w }) => ({ text: text(c, w) })),
  });
  const onlyScaled = (f: (s: CellScaling) => string) => (c: CellResult) => (c.scaling ? f(c.scaling) : DASH);
  const tableView: MatrixView = {
    columns: cells.map((c) => cellLabel(c, trials)),
    rows: [
      row(
        'scaler',
        'the policy: component, min..max replicas, metric and target, step, scale-down cooldown',
        (c) => (c.scaling ? describePolicy(c.scaling) : 'none (fixed size)'),
      ),
      row(
        'replicas',
        'serving at the start → the most at once',
        onlyScaled((s) => `${s.replicas[0]?.replicas ?? DASH} → ${s.analysis?.peakReplicas ?? DASH}`),
      ),
      row(
        'scale events',
        'decisions that changed the count: out / in (failed)',
        onlyScaled((s) => {
          const out = s.events.filter((e) => e.to > e.from).length;
          const failed = s.events.filter((e) => e.error !== undefined).length;
          return `${out} out / ${s.events.length - out} in${failed > 0 ? ` (${failed} failed)` : ''}`;
        }),
      ),
      row(
        'spike → added capacity',
        'from the spike’s start (the load’s, without a spike preset) to the first added replica serving behind the balancer',
        onlyScaled((s) => fmtSecs(s.analysis?.timeToCapacityMs)),
      ),
      row(
        '└ decided after',
        'from the spike’s start to the scaler’s decision; the rest is the new replica starting and joining',
        onlyScaled((s) =>
          s.analysis?.firstScaleOut
            ? fmtSecs(s.analysis.firstScaleOut.decidedMs - (s.analysis.spikeStartMs ?? 0))
            : DASH,
        ),
      ),
      row('p95 before the spike, ms', 'http_req_duration p95 before the spike phase, ms', (_c, w) =>
        w ? fmtMs(w.before) : DASH,
      ),
      row(
        'p95 spike, until capacity, ms',
        'from the spike’s start until the added capacity served (a cell without a scaler: the same window as the first scaled cell), ms',
        (_c, w) => (w ? fmtMs(w.untilCapacity) : DASH),
      ),
      row(
        'p95 spike, after scale-out, ms',
        'from the added capacity serving to the spike’s end (a cell without a scaler: the same window), ms',
        (_c, w) => (w ? fmtMs(w.afterCapacity) : DASH),
      ),
    ],
  };

  const events = scaled.map((c) => {
    const t0 = c.intervals[0]?.ts ?? 0;
    return {
      cell: cellLabel(c, trials),
      lines: c.scaling.events.map((e) => {
        const at = fmtSecs(e.decidedAt - t0);
        const done =
          e.error !== undefined
            ? `failed: ${e.error}`
            : e.doneAt === undefined
              ? 'under way at the end'
              : `${e.to > e.from ? `serving (${e.added.join(', ')})` : `stopped (${e.removed.join(', ')})`} at ${fmtSecs(e.doneAt - t0)}`;
        return `${at}: ${e.from} → ${e.to} — ${e.reason}; ${done}`;
      }),
    };
  });
  return { charts, table: tableView, events };
}
