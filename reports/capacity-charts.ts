/**
 * The latency-vs-rate curves of a capacity profile, as static SVG (x: the
 * offered rate): p50 and p99 of each step's measured window per target on a
 * log scale (latency spans milliseconds below the knee to seconds past it),
 * with the SLO's latency limits as flat lines; and achieved against offered
 * (the diagonal is a target that keeps up). Each target's capacity is a
 * dashed marker, its knee — between the capacity and the first rate that
 * failed — a shaded band. Generator-bound steps are left out of the lines.
 */
import type { CapacityStepRecord, CellResult } from '../model/index.ts';
import type { CapacityTable } from './capacity-view.ts';
import { type ChartBand, type ChartMarker, type ChartSeries, renderLineChart } from './charts/line-chart.ts';
import { niceTicks } from './charts/scale.ts';
import { fmtInt, fmtMs } from './format.ts';
import type { ChartView } from './profile-charts.ts';

const SLO_GREY = '#777777';

export function capacityCharts(
  table: CapacityTable,
  cells: readonly CellResult[],
  sloMs: SloLine[],
): ChartView[] {
  const byTarget = table.rows.map((row) => ({
    row,
    points: curvePoints(cells.filter((c) => c.target === row.target && c.capacity !== undefined)),
  }));
  const maxRate = Math.max(1, ...byTarget.flatMap((t) => t.points.map((p) => p.offered)));
  const xAxis = { ticks: niceTicks(0, maxRate), format: (v: number) => `${fmtInt(v)}/s` };
  // Labels only while they can be read: with many targets the table gives the numbers.
  const few = table.rows.length <= 3;
  const markers: ChartMarker[] = table.rows.flatMap((r) =>
    r.value === null ? [] : [{ at: r.value, label: few ? `${r.target} ${fmtInt(r.value)}/s` : '' }],
  );
  const bands: ChartBand[] = table.rows.flatMap((r) =>
    r.range.lower !== null && r.range.upper !== null
      ? [
          {
            from: r.range.lower,
            to: r.range.upper,
            label: few ? 'knee' : '',
            title: `${r.target}: held ${fmtInt(r.range.lower)}/s, failed ${fmtInt(r.range.upper)}/s`,
          },
        ]
      : [],
  );

  const latency: ChartSeries[] = byTarget.flatMap(({ row, points }) => [
    {
      name: `${row.target} p99`,
      color: row.color,
      points: points.map((p) => [p.offered, log(p.p99)] as const),
    },
    {
      name: `${row.target} p50`,
      color: row.color,
      dashed: true,
      points: points.map((p) => [p.offered, log(p.p50)] as const),
    },
  ]);
  for (const s of sloMs)
    latency.push({
      name: s.label,
      color: SLO_GREY,
      dashed: true,
      points: [
        [0, log(s.ms)],
        [maxRate, log(s.ms)],
      ],
    });
  const values = latency.flatMap((s) => s.points.map((p) => p[1])).filter((v): v is number => v !== null);
  const lo = Math.floor(Math.min(0, ...values));
  const hi = Math.ceil(Math.max(lo + 1, ...values));
  const decades = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);

  const throughput: ChartSeries[] = [
    ...byTarget.map(({ row, points }) => ({
      name: `${row.target} achieved`,
      color: row.color,
      points: points.map((p) => [p.offered, p.achieved] as const),
    })),
    {
      name: 'achieved = offered',
      color: SLO_GREY,
      dashed: true,
      points: [
        [0, 0],
        [maxRate, maxRate],
      ],
    },
  ];

  const bound = byTarget.reduce((n, t) => n + t.row.generatorBound, 0);
  const note =
    bound > 0
      ? `${bound} generator-bound step${bound === 1 ? '' : 's'} left out: they measured the load generator.`
      : undefined;
  return [
    {
      title: 'Latency against offered rate (p99 solid, p50 dashed; log scale)',
      svg: renderLineChart({
        title: `profile ${table.profile}: latency against offered rate`,
        unit: 'ms',
        series: latency,
        xAxis,
        yAxis: { ticks: decades, format: (v) => fmtMs(10 ** v) },
        formatY: (v) => fmtMs(10 ** v),
        markers,
        bands,
      }),
      ...(note ? { note } : {}),
    },
    {
      title: 'Achieved against offered rate',
      svg: renderLineChart({
        title: `profile ${table.profile}: achieved against offered rate`,
        unit: 'req/s',
        series: throughput,
        xAxis,
        markers,
        bands,
      }),
      ...(note ? { note } : {}),
    },
  ];
}

export interface SloLine {
  label: string;
  ms: number;
}

/** The SLO's latency limits (`http_req_duration: ['p(99)<50']`, untagged), for the latency chart. */
export function sloLatencyLines(config: unknown): SloLine[] {
  const thresholds = (config as { thresholds?: Record<string, unknown[]> } | null)?.thresholds ?? {};
  const out: SloLine[] = [];
  for (const [metric, list] of Object.entries(thresholds)) {
    if (metric !== 'http_req_duration') continue;
    for (const t of list) {
      const expr = typeof t === 'string' ? t : (t as { threshold?: string })?.threshold;
      const m =
        typeof expr === 'string'
          ? /^\s*(p\(\s*[\d.]+\s*\)|med|avg|max)\s*<=?\s*([\d.]+)\s*$/.exec(expr)
          : null;
      if (m) out.push({ label: `SLO ${expr!.replace(/\s+/g, '')}`, ms: Number(m[2]) });
    }
  }
  return out;
}

/** One point per offered rate: the median of its steps across searches and trials (generator-bound ones left out). */
function curvePoints(cells: readonly CellResult[]): CapacityStepRecord[] {
  const by = new Map<number, CapacityStepRecord[]>();
  for (const s of cells.flatMap((c) => c.capacity!.steps))
    if (s.verdict !== 'generator-bound') by.set(s.offered, [...(by.get(s.offered) ?? []), s]);
  return [...by.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, steps]) => {
      const sorted = [...steps].sort((a, b) => (a.p99 ?? 0) - (b.p99 ?? 0));
      return sorted[(sorted.length - 1) >> 1]!;
    });
}

function log(ms: number | null): number | null {
  return ms === null || !(ms > 0) ? null : Math.log10(ms);
}
