/**
 * A comparison of two stored runs as a self-contained HTML page (same CSS
 * and chart renderer as the run report, no scripts): per profile a
 * side-by-side table with deltas and coloured verdicts, and per target
 * baseline (dashed) and current (solid) overlaid over time and by percentile.
 */
import { readFileSync } from 'node:fs';
import ejs from 'ejs';
import type { CellResult, Comparison, GroupComparison } from '../model/index.ts';
import { cellDigest } from './cell-digest.ts';
import { type ChartSeries, renderLineChart } from './charts/line-chart.ts';
import { seriesColor } from './charts/palette.ts';
import { renderPercentileChart } from './charts/percentile-chart.ts';
import { methodNote } from './compare-markdown.ts';
import { CountsHistogram } from './counts-histogram.ts';
import { fmtTimestamp } from './format.ts';
import type { IntervalFigures } from './interval-figures.ts';
import { fmtDelta, fmtMetricValue, METRIC_LABEL } from './markdown.ts';
import type { ChartView } from './profile-charts.ts';

const TEMPLATE = new URL('./templates/compare.ejs', import.meta.url);
const CSS = new URL('./templates/report.css', import.meta.url);

export interface CompareView {
  title: string;
  meta: [string, string][];
  warnings: string[];
  worse: string[];
  method: string;
  profiles: {
    name: string;
    rows: {
      target: string;
      color: string;
      metrics: { label: string; base: string; cur: string; delta: string; verdict: string; reason: string }[];
    }[];
    charts: { target: string; charts: ChartView[] }[];
  }[];
  unmatched: string[];
  generated: string;
}

type Render = (data: { view: CompareView; css: string }) => string;
let compiled: { render: Render; css: string } | undefined;

export function renderCompareHtml(comparison: Comparison, opts: { now?: number } = {}): string {
  compiled ??= {
    render: ejs.compile(readFileSync(TEMPLATE, 'utf8'), {
      filename: TEMPLATE.pathname,
      strict: true,
      localsName: 'r',
    }) as Render,
    css: readFileSync(CSS, 'utf8'),
  };
  return compiled.render({ view: compareView(comparison, opts.now ?? Date.now()), css: compiled.css });
}

export function compareView(c: Comparison, now: number): CompareView {
  const targets = [...new Set(c.groups.map((g) => g.target))];
  const profiles = [...new Set(c.groups.map((g) => g.profile))];
  return {
    title: `${c.current.scenario}: ${c.current.runId} vs ${c.baseline.runId}`,
    meta: [
      ['baseline', `${c.baseline.runId} · ${fmtTimestamp(c.baseline.startedAt)}`],
      ['current', `${c.current.runId} · ${fmtTimestamp(c.current.startedAt)}`],
      ['scenario', c.current.scenario],
    ],
    warnings: c.warnings,
    worse: c.groups.flatMap((g) =>
      g.metrics.filter((m) => m.verdict === 'worse').map((m) => `${g.target} / ${g.profile}: ${m.metric}`),
    ),
    method: methodNote(c),
    profiles: profiles.map((name) => {
      const groups = c.groups.filter((g) => g.profile === name);
      return {
        name,
        rows: groups.map((g) => ({
          target: g.target,
          color: seriesColor(targets.indexOf(g.target)),
          metrics: g.metrics.map((m) => ({
            label: METRIC_LABEL[m.metric],
            base: fmtMetricValue(m.metric, m.baseline),
            cur: fmtMetricValue(m.metric, m.current),
            delta: m.delta === null ? '–' : fmtDelta(m.metric, m.delta, m.deltaPct),
            verdict: m.verdict,
            reason: `${m.reason} (${g.method === 'trials' ? 'per-trial' : 'per-second'} samples: ${m.samples[0]} vs ${m.samples[1]})`,
          })),
        })),
        charts: groups.map((g) => ({
          target: g.target,
          charts: groupCharts(g, seriesColor(targets.indexOf(g.target))),
        })),
      };
    }),
    unmatched: [
      ...c.onlyInBaseline.map((k) => `${k}: in the baseline only`),
      ...c.onlyInCurrent.map((k) => `${k}: not in the baseline`),
    ],
    generated: fmtTimestamp(now),
  };
}

function groupCharts(g: GroupComparison, color: string): ChartView[] {
  const over = (title: string, unit: string, pick: (f: IntervalFigures) => number | null): ChartView => {
    const series: ChartSeries[] = [
      ...lines(g.baselineCells, 'baseline', color, true, pick),
      ...lines(g.currentCells, 'current', color, false, pick),
    ];
    return { title, svg: renderLineChart({ title: `${title} — ${g.target} / ${g.profile}`, unit, series }) };
  };
  const merged = (cells: CellResult[]) => {
    const h = new CountsHistogram();
    for (const c of cells) h.merge(cellDigest(c).histogram);
    return h;
  };
  return [
    over('Throughput', 'req/s', (f) => f.rate),
    over('Latency p95', 'ms', (f) => f.p95),
    {
      title: 'Latency by percentile',
      svg: renderPercentileChart(`Latency by percentile — ${g.target} / ${g.profile}`, [
        { name: 'baseline', color, dashed: true, histogram: merged(g.baselineCells) },
        { name: 'current', color, histogram: merged(g.currentCells) },
      ]),
    },
  ];
}

/** One line per trial; with several trials they are faint except the first. */
function lines(
  cells: CellResult[],
  label: string,
  color: string,
  dashed: boolean,
  pick: (f: IntervalFigures) => number | null,
): ChartSeries[] {
  return cells.map((c, i) => ({
    name: cells.length > 1 ? `${label} #${c.trial}` : label,
    color,
    dashed,
    ...(i > 0 ? { opacity: 0.3, hideInLegend: true } : {}),
    points: cellDigest(c).figures.map((f) => [f.t, pick(f)] as const),
  }));
}
