/**
 * The tables of one profile section: targets side by side (comparison), per
 * request name, error classes and statuses, and the threshold matrix.
 * Every value is pre-formatted; the template only lays them out.
 */
import type { CellResult } from '../model/index.ts';
import { cellLabel, inOrder, thresholdLabel } from './cell-label.ts';
import { seriesColor } from './charts/palette.ts';
import { DASH, fmtInt, fmtMs, fmtPct, fmtRate, fmtThresholdActual } from './format.ts';
import { isGeneratorBound } from './load-warnings.ts';

export interface Badge {
  ok: boolean;
  label: string;
  title: string;
}

export interface ComparisonRow {
  label: string;
  color: string;
  status: string;
  /** Column key → formatted value. */
  values: Record<ComparisonColumn, string>;
  /** Columns where this row holds the best value among the rows. */
  best: ComparisonColumn[];
  thresholds: Badge[];
  generatorBound: boolean;
  error?: string;
}

export const COMPARISON_COLUMNS = [
  ['rate', 'req/s'],
  ['p50', 'p50 ms'],
  ['p90', 'p90 ms'],
  ['p95', 'p95 ms'],
  ['p99', 'p99 ms'],
  ['max', 'max ms'],
  ['errorRate', 'errors'],
  ['dropped', 'dropped iter.'],
  ['startup', 'startup'],
] as const;
export type ComparisonColumn = (typeof COMPARISON_COLUMNS)[number][0];

export interface MatrixView {
  columns: string[];
  rows: { label: string; title?: string; cells: { text: string; ok?: boolean }[] }[];
}

export interface RequestRow {
  cell: string;
  request: string;
  values: string[];
}
export const REQUEST_COLUMNS = [
  'requests',
  'req/s',
  'failed',
  'errors',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'max ms',
];

export function comparisonRows(cells: CellResult[], trials: number, targets: string[]): ComparisonRow[] {
  const rows = cells.map((c): ComparisonRow => {
    const s = c.summary;
    const d = s?.duration;
    return {
      label: cellLabel(c, trials),
      color: seriesColor(targets.indexOf(c.target)),
      status: c.status,
      values: {
        rate: fmtRate(s?.rate),
        p50: fmtMs(d?.med),
        p90: fmtMs(d?.p90),
        p95: fmtMs(d?.p95),
        p99: fmtMs(d?.p99),
        max: fmtMs(d?.max),
        errorRate: fmtPct(s?.errorRate),
        dropped: fmtInt(s?.droppedIterations),
        startup: c.startup ? `${(c.startup.totalMs / 1000).toFixed(1)} s` : DASH,
      },
      best: [],
      thresholds: (c.thresholds ?? []).map((t) => ({
        ok: t.ok,
        label: thresholdLabel(t.metric, t.expression),
        title: `${t.metric} ${t.expression}: ${fmtThresholdActual(t.metric, t.expression, t.actual)}`,
      })),
      generatorBound: isGeneratorBound(c),
      ...(c.error ? { error: `${c.error.code}: ${c.error.message}` } : {}),
    };
  });
  if (cells.length > 1) markBest(cells, rows);
  return rows;
}

/** Marks the best rate (highest) and latency/error figures (lowest) among cells with a summary. */
function markBest(cells: CellResult[], rows: ComparisonRow[]): void {
  const pick: [ComparisonColumn, (c: CellResult) => number | undefined, 'max' | 'min'][] = [
    ['rate', (c) => c.summary?.rate, 'max'],
    ['p50', (c) => c.summary?.duration.med, 'min'],
    ['p95', (c) => c.summary?.duration.p95, 'min'],
    ['p99', (c) => c.summary?.duration.p99, 'min'],
    ['errorRate', (c) => c.summary?.errorRate, 'min'],
  ];
  for (const [col, get, dir] of pick) {
    const vals = cells.map(get);
    const defined = vals.filter((v): v is number => v !== undefined);
    if (defined.length < 2) continue;
    const target = dir === 'max' ? Math.max(...defined) : Math.min(...defined);
    if (defined.every((v) => v === target)) continue;
    vals.forEach((v, i) => {
      if (v === target) rows[i]!.best.push(col);
    });
  }
}

export function requestRows(cells: CellResult[], trials: number): RequestRow[] {
  const names = inOrder(cells.flatMap((c) => Object.keys(c.summary?.byRequest ?? {})));
  const rows: RequestRow[] = [];
  for (const name of names) {
    for (const c of cells) {
      const r = c.summary?.byRequest[name];
      if (!r) continue;
      rows.push({
        cell: cellLabel(c, trials),
        request: name,
        values: [
          fmtInt(r.count),
          fmtRate(r.rate),
          fmtInt(r.failed),
          fmtPct(r.errorRate),
          fmtMs(r.duration.med),
          fmtMs(r.duration.p95),
          fmtMs(r.duration.p99),
          fmtMs(r.duration.max),
        ],
      });
    }
  }
  return rows;
}

/** Error classes, then HTTP statuses, one column per cell; null when nothing failed and nothing answered. */
export function errorMatrix(cells: CellResult[], trials: number): MatrixView | null {
  const classes = inOrder(cells.flatMap((c) => Object.keys(c.summary?.errors ?? {}))).sort();
  const statuses = inOrder(cells.flatMap((c) => Object.keys(c.summary?.statuses ?? {}))).sort();
  if (classes.length + statuses.length === 0) return null;
  const count = (rec: Record<string, number> | undefined, key: string, total: number | undefined) => {
    const n = rec?.[key] ?? 0;
    return { text: n === 0 ? DASH : `${fmtInt(n)} (${fmtPct(total ? n / total : 0)})`, ok: n === 0 };
  };
  return {
    columns: cells.map((c) => cellLabel(c, trials)),
    rows: [
      ...classes.map((k) => ({
        label: k,
        title: 'error class',
        cells: cells.map((c) => count(c.summary?.errors, k, c.summary?.requests)),
      })),
      ...statuses.map((k) => ({
        label: `HTTP ${k}`,
        title: 'response status',
        cells: cells.map((c) => {
          const v = count(c.summary?.statuses, k, c.summary?.requests);
          return { text: v.text };
        }),
      })),
    ],
  };
}

/** Thresholds × cells: ✓/✗ with the compared value. Null when no cell has thresholds. */
export function thresholdMatrix(cells: CellResult[], trials: number): MatrixView | null {
  const keys = inOrder(
    cells.flatMap((c) => (c.thresholds ?? []).map((t) => `${t.metric}\u0000${t.expression}`)),
  );
  if (keys.length === 0) return null;
  return {
    columns: cells.map((c) => cellLabel(c, trials)),
    rows: keys.map((key) => {
      const [metric, expression] = key.split('\u0000') as [string, string];
      return {
        label: `${metric} ${expression}`,
        cells: cells.map((c) => {
          const t = c.thresholds?.find((x) => x.metric === metric && x.expression === expression);
          if (!t) return { text: DASH };
          const mark = t.ok ? '✓' : '✗';
          const aborted = t.abortedRun ? ' — aborted the run' : '';
          return { text: `${mark} ${fmtThresholdActual(metric, expression, t.actual)}${aborted}`, ok: t.ok };
        }),
      };
    }),
  };
}
