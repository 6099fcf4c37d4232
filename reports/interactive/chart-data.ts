/**
 * What report.html hands to its inline chart script: the time tables and one
 * spec per interactive chart (series as table columns, colours, dashes,
 * fault windows, stage markers, the sync group), serialised once as JSON in
 * a `<script type="application/json">` element.
 */
import type { ChartBand, ChartMarker } from '../charts/line-chart.ts';
import { downsampleTable, type TimeTable } from './time-table.ts';

/** How the legend and the y axis print a value. */
export type ValueFormat = 'rate' | 'ms' | 'pct' | 'count' | 'cores' | 'mib';

export interface SeriesSpec {
  label: string;
  /** Index into `tables`. */
  table: number;
  col: string;
  color: string;
  /** Canvas dash pattern in px, e.g. [5, 3]. */
  dash?: number[];
  width?: number;
  /** Stroke opacity 0..1. */
  alpha?: number;
  /** Left out of the legend (a trial's faint line behind its target's median). */
  quiet?: boolean;
  /** Series shown and hidden together from the legend (a target's median and its trials). */
  group?: string;
  /** Drawn as steps: the value holds until the next point (replicas). */
  stepped?: boolean;
}

export interface ChartSpec {
  /** Accessible name; the visible caption is the page's. */
  title: string;
  unit: string;
  format: ValueFormat;
  series: SeriesSpec[];
  /** Filled area between two series (indices into `series`), e.g. the p50–p99 band. */
  fills?: { upper: number; lower: number; color: string }[];
  bands: readonly ChartBand[];
  markers: readonly ChartMarker[];
  /** Charts with one key share the crosshair and the zoom (a profile's charts). */
  sync: string;
}

/** Most rows of a table before it is thinned (min/max buckets). */
export const MAX_ROWS = 1500;

export class ChartData {
  readonly tables: TimeTable[] = [];
  readonly charts: ChartSpec[] = [];
  private readonly keyed = new Map<unknown, number>();

  /** The index of the table for `key`, built (thinned and rounded) on first use. */
  table(key: unknown, build: () => TimeTable): number {
    const hit = this.keyed.get(key);
    if (hit !== undefined) return hit;
    const index = this.tables.push(compact(downsampleTable(build(), MAX_ROWS))) - 1;
    this.keyed.set(key, index);
    return index;
  }

  /** Adds a chart; returns its id (`data-chart` of its element). */
  add(spec: ChartSpec): string {
    return String(this.charts.push(spec) - 1);
  }

  /** Rows per point of the most thinned table among a chart's series (1: every row). */
  thinning(spec: ChartSpec): number {
    return Math.max(1, ...spec.series.map((s) => this.tables[s.table]?.bucket ?? 1));
  }
}

/** JSON that is safe inside `<script type="application/json">`: no `<` can close it. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Time to the ms, values to 4 significant digits: what a chart can show, at a fraction of the bytes. */
function compact(table: TimeTable): TimeTable {
  const cols: TimeTable['cols'] = {};
  for (const [name, values] of Object.entries(table.cols))
    cols[name] = values.map((v) => (v === null || !Number.isFinite(v) ? null : round4(v)));
  return { ...table, t: table.t.map((x) => Math.round(x * 1000) / 1000), cols };
}

function round4(v: number): number {
  if (v === 0) return 0;
  return Number(v.toPrecision(4));
}
