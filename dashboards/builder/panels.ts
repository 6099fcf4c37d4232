/**
 * Panel specs: what a dashboard file writes — a title, PromQL queries, a unit,
 * a width — and, beside what Grafana sees, when a panel can have data at all
 * (`requires`): only on some architectures, only when requests fail, only in
 * the open model. The integration test reads `requires` to know which cell
 * must make each query return series; the exported JSON says it in the
 * panel's description.
 */

export interface Query {
  expr: string;
  /** Grafana legend template: `{{route}} {{method}}`. */
  legend?: string;
  format?: 'time_series' | 'heatmap';
}

export interface Requires {
  /** Built-in architectures whose services expose these metrics (default: every one). */
  archs?: readonly string[];
  /** Series exist only once something failed (error counters are not pre-created). */
  errors?: boolean;
  /** Series exist only in a cell with a fault schedule. */
  faults?: boolean;
  /** Only arrival-rate executors measure it. */
  model?: 'open';
}

export type PanelKind = 'timeseries' | 'stat' | 'heatmap' | 'state-timeline';

export interface PanelSpec {
  kind: PanelKind;
  title: string;
  description?: string;
  queries: Query[];
  /** Grafana unit id: `s`, `reqps`, `percentunit`, `bytes`, `short`. */
  unit?: string;
  /** Columns of 24. */
  width: number;
  height: number;
  min?: number;
  max?: number;
  stack?: boolean;
  /** Value → text, for states (`0` → `closed`). */
  mappings?: Record<string, { text: string; color: string }>;
  requires?: Requires;
}

export interface RowSpec {
  kind: 'row';
  title: string;
}

export type LayoutItem = PanelSpec | RowSpec;

type PanelOptions = Partial<Omit<PanelSpec, 'kind' | 'title' | 'queries'>>;

export const q = (expr: string, legend?: string): Query =>
  legend === undefined ? { expr } : { expr, legend };

export const row = (title: string): RowSpec => ({ kind: 'row', title });

export function timeseries(title: string, queries: Query[], opts: PanelOptions = {}): PanelSpec {
  return { kind: 'timeseries', title, queries, width: 12, height: 8, ...opts };
}

export function stat(title: string, queries: Query[], opts: PanelOptions = {}): PanelSpec {
  return { kind: 'stat', title, queries, width: 4, height: 4, ...opts };
}

/** A latency heatmap from a histogram's `_bucket` series (one query, format heatmap). */
export function heatmap(title: string, query: Query, opts: PanelOptions = {}): PanelSpec {
  return {
    kind: 'heatmap',
    title,
    queries: [{ ...query, format: 'heatmap' }],
    width: 12,
    height: 8,
    ...opts,
  };
}

export function stateTimeline(title: string, queries: Query[], opts: PanelOptions = {}): PanelSpec {
  return { kind: 'state-timeline', title, queries, width: 12, height: 8, ...opts };
}

/** What a panel's description says about `requires`, for people reading the dashboard. */
export function requiresNote(r: Requires | undefined): string {
  if (r === undefined) return '';
  const parts: string[] = [];
  if (r.archs)
    parts.push(`only on the ${r.archs.join(' and ')} architecture${r.archs.length > 1 ? 's' : ''}`);
  if (r.model === 'open') parts.push('only with arrival-rate (open-model) profiles');
  if (r.faults) parts.push('only in cells with a fault schedule');
  if (r.errors) parts.push('empty until a request or call fails (a fault, an overload)');
  return parts.length === 0 ? '' : `${parts.join('; ')}.`.replace(/^./, (c) => c.toUpperCase());
}
